"""Story clustering quality and speed: ours against a plain single-pass TF-IDF baseline.

    .venv/bin/python benchmarks/cluster_bench.py            # quality table, all sets
    .venv/bin/python benchmarks/cluster_bench.py --sets gn,uci --set join_threshold=0.25
    .venv/bin/python benchmarks/cluster_bench.py --scale    # 100,000 generated articles

Sets: Google News title+snippet (text only, no time), one week of UCI headlines (title, day,
publisher), the sample site (64 labelled articles, tagged with the real tagger), the sample site
through the whole pipeline (`pipeline`: served on 127.0.0.1, polled, extracted, de-duplicated and
clustered by ``run_poll`` into a temporary archive, in the pipeline's own order), and generated sets
(benchmarks/cluster_data.py) with a dev seed for tuning and a held-out seed. Metrics: pairwise
precision/recall/F1 over same-story pairs, BCubed F1, NMI. Reads ../shared/data (not a test).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score
from sklearn.metrics.cluster import contingency_matrix

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_data import DEV_SEED, HELD_OUT_SEED, generate
from sample_articles import tagged_article

from newsdesk.config import StoriesConfig
from newsdesk.models import Article
from newsdesk.stories.cluster import StoryClusterer

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering"
T0 = datetime(2014, 3, 10, 12, tzinfo=UTC)
README_BASELINE = {"gn": (0.836, 0.797, 0.880, 0.874, 0.947), "uci": (0.586, 0.594, 0.578, 0.664, 0.857)}


# -- metrics ------------------------------------------------------------------------------------

def scores(gold: list, pred: list) -> dict[str, float]:
    m = contingency_matrix(gold, pred, sparse=True).astype(np.float64)
    nij = m.data
    a = np.asarray(m.sum(axis=1)).ravel()   # gold sizes
    b = np.asarray(m.sum(axis=0)).ravel()   # predicted sizes
    tp = float((nij * (nij - 1) / 2).sum())
    gold_pairs = float((a * (a - 1) / 2).sum())
    pred_pairs = float((b * (b - 1) / 2).sum())
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / gold_pairs if gold_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    coo = m.tocoo()
    n = float(len(gold))
    bp = float((coo.data ** 2 / b[coo.col]).sum()) / n
    br = float((coo.data ** 2 / a[coo.row]).sum()) / n
    bf = 2 * bp * br / (bp + br)
    return {"P": p, "R": r, "F1": f, "B3": bf, "NMI": normalized_mutual_info_score(gold, pred)}


# -- data sets ----------------------------------------------------------------------------------

def load_jsonl(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def google_news() -> tuple[list[Article], list]:
    rows = load_jsonl("googlenews-title-snippet.jsonl")
    arts = [Article(url="", title="", text=r["text"], source="gn", id=i + 1, published=T0)
            for i, r in enumerate(rows)]
    return arts, [r["cluster"] for r in rows]


def uci() -> tuple[list[Article], list]:
    rows = load_jsonl("uci-headlines-2014-03-10-week.jsonl")
    arts = [Article(url=r["url"], title=r["text"], text="", source=r["publisher"], id=i + 1,
                    published=datetime.fromisoformat(r["day"]).replace(hour=12, tzinfo=UTC))
            for i, r in enumerate(rows)]
    return arts, [r["cluster"] for r in rows]


def sample_site() -> tuple[list[Article], list]:
    from newsdesk.sample_site import load_content

    content = load_content()
    ordered = sorted(content.articles, key=lambda a: (a.published, a.id))
    ids = {a.id: i + 1 for i, a in enumerate(ordered)}
    arts = [tagged_article(a, ids, source=a.outlet) for a in ordered]
    return arts, [a.event or f"single:{a.id}" for a in ordered]


def generated(seed: int, n: int = 1500, tag: bool = True) -> tuple[list[Article], list]:
    items = generate(n, seed=seed, tag=tag)
    return [i.article for i in items], [i.story for i in items]


# -- the two clusterers -------------------------------------------------------------------------

def ours(arts: list[Article], config: StoriesConfig) -> list[int]:
    c = StoryClusterer(config)
    story_of: dict[int, int] = {}
    final: dict[int, int] = {}           # story id -> id it was merged into
    for a in arts:
        got = c.add(a, a.published)
        story_of[a.id] = got.story_id
        for m in got.merged:
            final[m] = got.story_id

    def resolve(s: int) -> int:
        while s in final:
            s = final[s]
        return s
    return [resolve(story_of[a.id]) for a in arts]


def baseline(arts: list[Article], threshold: float, window_days: int | None) -> list[int]:
    """Plain single pass: TF-IDF (fitted on the set), cosine to each story centroid, join the
    best above ``threshold``; with days, only stories seen within ``window_days``."""
    docs = [f"{a.title} {a.text}" for a in arts]
    x = TfidfVectorizer(sublinear_tf=True).fit_transform(docs).tocsr()
    days = np.array([a.published.toordinal() for a in arts])
    labels = np.zeros(len(arts), dtype=np.int64)
    norms2: list[float] = []
    last_day: list[int] = []
    for i in range(len(arts)):
        if i and x[i].nnz:
            dots = np.asarray((x[:i] @ x[i].T).todense()).ravel()
            s_dot = np.bincount(labels[:i], weights=dots, minlength=len(norms2))
            cos = s_dot / np.sqrt(np.maximum(norms2, 1e-12))
            if window_days is not None:
                cos[np.abs(np.array(last_day) - days[i]) > window_days] = -1
            best = int(np.argmax(cos))
            if cos[best] >= threshold:
                labels[i] = best
                norms2[best] += 2 * s_dot[best] + 1.0
                last_day[best] = max(last_day[best], int(days[i]))
                continue
        labels[i] = len(norms2)
        norms2.append(1.0)
        last_day.append(int(days[i]))
    return labels.tolist()


# -- runs ---------------------------------------------------------------------------------------

SETS = {
    "gn": ("Google News (text, no time)", google_news, (0.1, None)),
    "uci": ("UCI headlines week", uci, (0.15, 1)),
    # full articles: the baseline's best bars are 0.4 (sample) and 0.5 (generated dev); both shown
    "sample": ("sample site", sample_site, ((0.4, 0.5), 3)),
    "dev": (f"generated dev (seed {DEV_SEED})", lambda: generated(DEV_SEED), ((0.4, 0.5), 3)),
    "held": (f"generated held-out (seed {HELD_OUT_SEED})", lambda: generated(HELD_OUT_SEED),
             ((0.4, 0.5), 3)),
}


def row(name: str, s: dict[str, float], secs: float | None = None) -> str:
    t = f"{secs:6.1f}s" if secs is not None else ""
    return (f"  {name:<16} P {s['P']:.3f}  R {s['R']:.3f}  F1 {s['F1']:.3f}  "
            f"B3 {s['B3']:.3f}  NMI {s['NMI']:.3f}  {t}")


def quality(names: list[str], config: StoriesConfig, with_baseline: bool) -> None:
    print(f"config: {config}")
    for key in names:
        title, load, (thr, window) = SETS[key]
        arts, gold = load()
        print(f"{title}: {len(arts)} articles, {len(set(gold))} stories")
        t = time.perf_counter()
        print(row("ours", scores(gold, ours(arts, config)), time.perf_counter() - t))
        for bar in (thr if isinstance(thr, tuple) else (thr,)) if with_baseline else ():
            t = time.perf_counter()
            print(row(f"baseline @{bar}", scores(gold, baseline(arts, bar, window)),
                      time.perf_counter() - t))
        if key in README_BASELINE:
            f, p, r, b3, nmi = README_BASELINE[key]
            print(row("README baseline", {"P": p, "R": r, "F1": f, "B3": b3, "NMI": nmi}))
        sys.stdout.flush()


def through_pipeline(config: StoriesConfig) -> None:
    """The sample site polled on loopback into a temporary archive: the stories a user gets."""
    import tempfile

    from newsdesk.config import Config
    from newsdesk.pipeline import run_poll
    from newsdesk.sample_site import SampleSite, load_content
    from newsdesk.store import open_archive

    labels = {a.path: a.event or f"alone:{a.id}" for a in load_content().articles}
    with tempfile.TemporaryDirectory() as folder, SampleSite() as site, \
            open_archive(Path(folder) / "a.db") as archive:
        for url in site.feed_urls:
            archive.add_feed(url, now=T0)
        t = time.perf_counter()
        run_poll(archive, Config(stories=config), now=datetime.now(UTC))
        secs = time.perf_counter() - t
        story_of = archive.story_assignments()
        gold, pred = [], []
        for a in archive.list_articles():
            path = "/" + a.url.split("/", 3)[3]
            gold.append(labels[path])
            pred.append(story_of[a.id])
    print(f"sample site through the pipeline: {len(gold)} articles, {len(set(gold))} stories "
          f"(time includes fetching and extraction)")
    print(row("ours", scores(gold, pred), secs))


def scale(n: int, config: StoriesConfig) -> None:
    print(f"generating {n:,} articles (entities and figures from the generator, not the tagger)")
    arts = [i.article for i in generate(n, seed=HELD_OUT_SEED, tag=False)]
    tracemalloc.start()
    c = StoryClusterer(config)
    batch, per_batch, marks = 1000, [], {}
    t = time.perf_counter()
    for k, a in enumerate(arts, 1):
        c.add(a, a.published)
        if k % batch == 0:
            now = time.perf_counter()
            per_batch.append((now - t) / batch)
            t = now
            if k in (10_000, n):
                window = per_batch[-5:]
                marks[k] = float(np.median(window))
                print(f"  at {k:>7,}: {marks[k] * 1e3:.3f} ms/article (median of last "
                      f"{len(window)} batches of {batch}), open stories {len(c.open_story_ids())}")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    if 10_000 in marks and n in marks:
        print(f"  ratio {n:,}/10,000: {marks[n] / marks[10_000]:.2f}x (target <= 1.5x)")
    print(f"  peak traced memory while clustering: {peak / 2**20:.1f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="gn,uci,sample,pipeline,dev,held")
    ap.add_argument("--set", action="append", default=[], help="config override name=value")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--scale", action="store_true")
    ap.add_argument("-n", type=int, default=100_000)
    args = ap.parse_args()
    kinds = {f.name: f.type for f in fields(StoriesConfig)}
    overrides = {}
    for item in args.set:
        k, v = item.split("=")
        overrides[k] = int(v) if kinds[k] in ("int", int) else float(v)
    config = replace(StoriesConfig(), **overrides)
    if args.scale:
        scale(args.n, config)
    else:
        names = args.sets.split(",")
        quality([n for n in names if n != "pipeline"], config, not args.no_baseline)
        if "pipeline" in names:
            through_pipeline(config)


if __name__ == "__main__":
    main()
