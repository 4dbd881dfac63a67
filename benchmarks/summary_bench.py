"""Summary quality: ROUGE against CNN/DM human highlights, LEAD-3 beside it; sample-site stories.

    .venv/bin/python benchmarks/summary_bench.py            # the table and two story summaries
    .venv/bin/python benchmarks/summary_bench.py --tune     # small grid on the dev half only

The 100 labelled articles are the only labelled set, so the weights were chosen on the first 50
(dev) and the last 50 (held-out) are reported apart: a gain that shows on dev only is overfitting.
Scores are F-measure x100, mean over the articles, with ``rouge_score`` (stemmed; Lsum over
newline-separated sentences). LEAD-3 is the article's first three sentences as our splitter cuts
them, raw -- datelines and captions included, as the published baseline takes them.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from rouge_score import rouge_scorer

from newsdesk.extract.figures_owners import sentences
from newsdesk.models import Article
from newsdesk.stories.headline import choose_headline
from newsdesk.stories.summary import DEFAULT_WEIGHTS, SummaryWeights, summarize
from newsdesk.stories.summary_lines import junk_reason

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "summaries" / "cnndm-100.jsonl"
if not DATA.exists():
    DATA = Path("/work/shared/data/summaries/cnndm-100.jsonl")
METRICS = ("rouge1", "rouge2", "rougeLsum")
SCORER = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def load() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]


def reference(row: dict) -> str:
    """Highlights one per line (the file joins them with " . ")."""
    parts = [p.strip() for p in row["reference"].split(" . ") if p.strip()]
    return "\n".join(p if p.endswith(".") else p + " ." for p in parts)


def lead3(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentences(text)[:3]]


def ours(text: str, weights: SummaryWeights) -> list[str]:
    art = Article(url="cnndm", title="", source="cnndm", id=1, published=T0, text=text)
    return [s.sentence for s in summarize([art], weights=weights)]


def score(rows: list[dict], pick) -> tuple[dict[str, float], float]:
    sums: dict[str, float] = defaultdict(float)
    n_sent = 0
    for row in rows:
        chosen = pick(row["article"])
        n_sent += len(chosen)
        got = SCORER.score(reference(row), "\n".join(chosen))
        for m in METRICS:
            sums[m] += got[m].fmeasure
    return {m: 100 * sums[m] / len(rows) for m in METRICS}, n_sent / len(rows)


def table(rows: list[dict], weights: SummaryWeights) -> None:
    splits = {"all (100)": rows, "dev (1-50)": rows[:50], "held-out (51-100)": rows[50:]}
    print(f"{'set':<18} {'system':<8} {'R-1':>6} {'R-2':>6} {'R-Lsum':>7} {'sents':>6}")
    for name, part in splits.items():
        for label, pick in (("LEAD-3", lead3), ("ours", lambda t: ours(t, weights))):
            s, n = score(part, pick)
            print(f"{name:<18} {label:<8} {s['rouge1']:6.2f} {s['rouge2']:6.2f} "
                  f"{s['rougeLsum']:7.2f} {n:6.2f}")
    print("published LEAD-3 on the full CNN/DM test set: 40.3 / 17.7 / 36.6")


def tune(rows: list[dict]) -> None:
    """A deliberately small grid, scored on dev only; held-out is printed for the best few."""
    dev, held = rows[:50], rows[50:]
    grid = {"position_decay": (0.2, 0.4), "centrality": (0.3, 0.6, 1.0), "quote": (0.0, 0.2),
            "redundancy": (0.4, 0.7), "word_budget": (55, 65, 75)}
    results = []
    for values in itertools.product(*grid.values()):
        w = replace(DEFAULT_WEIGHTS, **dict(zip(grid, values)))
        s, n = score(dev, lambda t, w=w: ours(t, w))
        results.append((s["rouge1"] + s["rouge2"] + s["rougeLsum"], dict(zip(grid, values)), s, n))
    results.sort(key=lambda r: -r[0])
    for total, params, s, n in results[:6]:
        w = replace(DEFAULT_WEIGHTS, **params)
        h, hn = score(held, lambda t, w=w: ours(t, w))
        print(f"{params}  dev {s['rouge1']:.2f}/{s['rouge2']:.2f}/{s['rougeLsum']:.2f} ({n:.1f})"
              f"  held {h['rouge1']:.2f}/{h['rouge2']:.2f}/{h['rougeLsum']:.2f} ({hn:.1f})")


def sample_stories(shown: int = 2) -> None:
    """Summaries of multi-article stories from the sample site, checked for junk lines."""
    from sample_articles import tagged_article

    from newsdesk.sample_site import load_content

    content = load_content()
    ids = {a.id: n for n, a in enumerate(content.articles, start=1)}
    names = {o.slug: o.name for o in content.outlets}
    events: dict[str, list[Article]] = defaultdict(list)
    for a in content.articles:
        if a.event is None:
            continue
        events[a.event].append(tagged_article(a, ids, source=names[a.outlet], title=a.title))
    bad = 0
    t = time.perf_counter()
    done = []
    for event, arts in sorted(events.items()):
        summary = summarize(arts)
        done.append((event, arts, summary))
        bad += sum(junk_reason(s.sentence) is not None for s in summary)
        texts = {a.id: a.text for a in arts}
        assert all(s.sentence in texts[s.article_id] for s in summary), event
    ms = 1000 * (time.perf_counter() - t) / max(len(events), 1)
    sizes = [len(s) for _, _, s in done]
    print(f"\nsample site: {len(events)} multi-article stories, {ms:.1f} ms per summary, "
          f"sentences per summary {min(sizes)}..{max(sizes)}, junk lines in summaries: {bad}")
    for event, arts, summary in sorted(done, key=lambda d: -len(d[1]))[:shown]:
        head = choose_headline(arts)
        print(f"\n[{event}] {len(arts)} articles -- headline ({head.source}): {head.title!r}")
        for s in summary:
            print(f"  - {s.sentence}  [{s.source}, #{s.article_id}]")


def main(argv: list[str]) -> None:
    rows = load()
    if "--tune" in argv:
        tune(rows)
        return
    t = time.perf_counter()
    table(rows, DEFAULT_WEIGHTS)
    print(f"({time.perf_counter() - t:.1f}s)")
    sample_stories()


if __name__ == "__main__":
    main(sys.argv[1:])
