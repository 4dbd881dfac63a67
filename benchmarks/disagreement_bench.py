"""How well ``merge_figures`` finds the figures outlets disagree on, and how rarely it invents one.

Two labelled sets, both tagged by the real tagger (``tag_article``), so the numbers include its
owner and unit mistakes:

* the sample site: its events, with the disputed figures ``content/events.json`` labels. A
  disagreement is a hit when its values cover two of the labelled values (by article and text);
  any other disagreement is a false one.
* CASES below: short multi-outlet stories written for this benchmark, true disputes and the
  tricky non-disputes (qualifiers, rounding, bn vs million, two facts about one owner, copies).

Run: ``.venv/bin/python benchmarks/disagreement_bench.py``
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_articles import tagged_article

from newsdesk.extract.tagging import knowledge_parents, tag_article
from newsdesk.models import Article
from newsdesk.sample_site import load_content
from newsdesk.stories.story_figures import merge_figures

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)

# (name, dispute?, [(outlet, text)]); an outlet named "copy:<outlet>" reproduces the first article
CASES: list[tuple[str, bool, list[tuple[str, str]]]] = [
    ("issue: 24,000 vs 20,000 accounts", True, [
        ("Wire", "Anthropic said DeepSeek created 24,000 fake accounts to query Claude."),
        ("Daily", "Anthropic said DeepSeek created 20,000 fake accounts to query Claude.")]),
    ("issue: about 24,000 vs 24,000", False, [
        ("Wire", "Anthropic said DeepSeek created about 24,000 fake accounts to query Claude."),
        ("Daily", "Anthropic said DeepSeek created 24,000 fake accounts to query Claude.")]),
    ("rounding 24,000 vs 24,300", False, [
        ("Wire", "Anthropic said DeepSeek created 24,300 fake accounts to query Claude."),
        ("Daily", "Anthropic said DeepSeek created 24,000 fake accounts to query Claude.")]),
    ("3.4 million vs 3,400,000", False, [
        ("Wire", "OpenAI said ChatGPT gained 3.4 million paying subscribers in the quarter."),
        ("Daily", "OpenAI said ChatGPT gained 3,400,000 paying subscribers in the quarter.")]),
    ("bn vs million", False, [
        ("Wire", "Mistral AI raised $1.7 billion in its latest funding round."),
        ("Daily", "Mistral AI raised $1,700 million in its latest funding round.")]),
    ("lower bound satisfied", False, [
        ("Wire", "DeepSeek sent more than 16 million queries to Claude, Anthropic said."),
        ("Daily", "DeepSeek sent 16.2 million queries to Claude, Anthropic said.")]),
    ("upper bound satisfied", False, [
        ("Wire", "Google will spend up to $10 billion on the new data centre in Texas."),
        ("Daily", "Google will spend $8 billion on the new data centre in Texas.")]),
    ("revenue vs forecast", False, [
        ("Wire", "Nvidia reported revenue of $57 billion for the quarter."),
        ("Daily", "Nvidia forecast revenue of $65 billion for the current quarter.")]),
    ("total vs active parameters", False, [
        ("Wire", "Moonshot AI said Kimi K3 has 1.5 trillion parameters."),
        ("Daily", "Moonshot AI said Kimi K3 activates 48 billion parameters per token.")]),
    ("different currencies", False, [
        ("Wire", "Mistral AI raised EUR 1.7 billion in its latest funding round."),
        ("Daily", "Mistral AI raised $2 billion in its latest funding round.")]),
    ("copy with an edited number", False, [
        ("Wire", "Meta will cut about 600 jobs in its AI division, a memo said."),
        ("copy:Post", "Meta will cut about 900 jobs in its AI division, a memo said.")]),
    ("different owners", False, [
        ("Wire", "OpenAI has 800 million weekly users, the company said."),
        ("Daily", "Google said Gemini has 650 million monthly users.")]),
    ("users vs employees", False, [
        ("Wire", "Anthropic now has 2,500 employees, the company said."),
        ("Daily", "Anthropic now has 300,000 business customers, the company said.")]),
    ("jobs: about 600 vs more than 700", True, [
        ("Wire", "Meta will cut about 600 jobs in its AI division, according to a memo."),
        ("Buzz", "Meta is cutting more than 700 roles in its AI division, staff said.")]),
    ("active parameters 48 vs 64 billion", True, [
        ("Wire", "Kimi K3 activates 48 billion parameters for each token, Moonshot AI said."),
        ("Daily", "Kimi K3 activates 64 billion parameters for each token, Moonshot AI said.")]),
    ("seed round $13.5m vs $9m", True, [
        ("Wire", "Kestrel Evals said it raised $13.5 million in a seed round."),
        ("Daily", "Kestrel Evals has raised $9 million in a seed round, a filing shows.")]),
    ("capacity 2 GW vs 1.5 GW", True, [
        ("Wire", "OpenAI will build a 2-gigawatt data centre campus near Cheyenne."),
        ("Daily", "OpenAI will build a 1.5-gigawatt data centre campus near Cheyenne.")]),
    ("percent with owners", True, [
        ("Wire", "Nvidia shares fell 4% on Thursday after the results."),
        ("Daily", "Nvidia shares fell 7% on Thursday after the results.")]),
    ("percent of two things", False, [
        ("Wire", "Nvidia shares fell 4% on Thursday while revenue rose 62% from a year earlier."),
        ("Daily", "Nvidia revenue rose 62% from a year earlier, and its shares fell 4%.")]),
    ("durations without owner", False, [
        ("Wire", "The outage lasted about six hours on Tuesday."),
        ("Daily", "The outage lasted nine hours on Tuesday.")]),
    ("revenue and forecast in both, one rounded", False, [
        ("Wire", "Nvidia reported revenue of $57 billion and forecast $65 billion for the current quarter."),
        ("Daily", "Nvidia posted revenue of $57.0 billion, and it forecast sales of about $65 billion.")]),
    ("headcount vs cuts", False, [
        ("Wire", "Meta, which employs about 78,000 people, will cut 600 jobs in its AI unit."),
        ("Daily", "Meta will cut 600 jobs in its AI unit. It had 72,000 employees at the end of last year.")]),
    ("last year vs this year", False, [
        ("Wire", "OpenAI's revenue reached $13 billion last year, the company said."),
        ("Daily", "OpenAI expects revenue of $20 billion this year, the company said.")]),
    ("yuan vs dollars", False, [
        ("Wire", "Alibaba Group will invest 380 billion yuan in AI infrastructure over three years."),
        ("Daily", "Alibaba Group will invest $53 billion in AI infrastructure over three years.")]),
    ("range covers a value", False, [
        ("Wire", "xAI is raising between $10 billion and $12 billion in new funding."),
        ("Daily", "xAI is raising $11 billion in new funding, people familiar said.")]),
    ("round and valuation both disputed", True, [
        ("Wire", "Mistral AI raised $2 billion in a round that values it at $14 billion."),
        ("Daily", "Mistral AI raised $1.5 billion in a round that values it at $12 billion.")]),
    ("raise $15bn vs $10bn", True, [
        ("Wire", "xAI is raising $15 billion in new equity, according to people familiar."),
        ("Daily", "xAI is raising $10 billion in new equity, a person said.")]),
    ("GPUs 100,000 vs 200,000", True, [
        ("Wire", "xAI said its Colossus cluster in Memphis now runs 100,000 GPUs."),
        ("Daily", "xAI said its Colossus cluster in Memphis now runs 200,000 GPUs.")]),
]


def _article(i: int, outlet: str, title: str, text: str, when: datetime,
             copy_of: int | None = None) -> Article:
    ents, figs = tag_article(text, title)
    return Article(url=f"https://example.test/{i}", title=title, source=outlet, id=i,
                   published=when, text=text, copy_of=copy_of, entities=ents, figures=figs)


def sample_site(parents: dict[str, str]) -> tuple[int, int, int, list[str]]:
    """(hits, labelled disputes, disagreements, descriptions of the false ones)."""
    content = load_content()
    outlet = {o.slug: o.name for o in content.outlets}
    ids = {a.id: i for i, a in enumerate(content.articles, 1)}
    hits = labelled = found = 0
    false: list[str] = []
    for event in content.events:
        sample = content.by_event(event.id)
        arts = [tagged_article(a, ids, source=outlet[a.outlet]) for a in sample]
        _, disputes = merge_figures(arts, parents=parents)
        labelled += len(event.disputed)
        found += len(disputes)
        by_id = {ids[a.id]: a for a in sample}
        matched: set[str] = set()
        for d in disputes:
            covered: dict[str, set[str]] = {}
            for s in d.values:
                for lab in by_id[s.article_id].figures_disputed:
                    if lab.value in s.text:
                        covered.setdefault(lab.figure, set()).add(lab.value)
            names = [f for f, vals in covered.items() if len(vals) >= 2]
            if names:
                matched.update(names)
            else:
                vals = ", ".join(f"{s.text!r} ({s.source})" for s in d.values)
                false.append(f"{event.id}: {d.entity} / {d.unit}: {vals}")
        hits += len(matched)
    return hits, labelled, found, false


def cases(parents: dict[str, str]) -> tuple[int, int, int, int, list[str]]:
    """(true positives, false positives, false negatives, true negatives, wrong case names)."""
    tp = fp = fn = tn = 0
    wrong = []
    for name, dispute, reports in CASES:
        arts = []
        for i, (outlet, text) in enumerate(reports, 1):
            copy_of = 1 if outlet.startswith("copy:") else None
            arts.append(_article(i, outlet.removeprefix("copy:"), "", text,
                                 T0 + timedelta(minutes=10 * i), copy_of))
        found = bool(merge_figures(arts, parents=parents)[1])
        tp += found and dispute
        fp += found and not dispute
        fn += dispute and not found
        tn += not found and not dispute
        if found != dispute:
            wrong.append(f"{name}: expected {'a' if dispute else 'no'} disagreement")
    return tp, fp, fn, tn, wrong


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def main() -> None:
    parents = knowledge_parents()            # the pipeline's map: people and models only
    start = time.perf_counter()
    hits, labelled, found, false = sample_site(parents)
    took = time.perf_counter() - start
    print(f"sample site: {found} disagreements, {hits}/{labelled} labelled disputes found, "
          f"{len(false)} false  ({took:.2f}s incl. tagging)")
    print(f"  precision {_ratio(found - len(false), found)}  recall {_ratio(hits, labelled)}")
    for line in false:
        print("  false:", line)
    tp, fp, fn, tn, wrong = cases(parents)
    print(f"written cases: {len(CASES)} ({tp + fn} disputes, {fp + tn} non-disputes)")
    print(f"  precision {_ratio(tp, tp + fp)}  recall {_ratio(tp, tp + fn)}  "
          f"(tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    for line in wrong:
        print("  wrong:", line)


if __name__ == "__main__":
    main()
