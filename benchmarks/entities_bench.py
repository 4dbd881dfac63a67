"""Entity tagging benchmark: precision, recall and F1 on the held-out labeled set.

    python benchmarks/entities_bench.py [--errors]

The set and the matching rules are in tests/fixtures/tagging/ (README.md): 43 articles, 15 from
the sample site and 28 written for the set, every named entity labelled with its type and whether a
curated knowledge file can be expected to hold it (``known``) or it has to be discovered. Prints:

* known entities, per type and all types (a tag counts when its canonical matches loosely --
  ``CANONICAL_EQUIVALENTS`` -- and its type matches), then type-agnostic;
* discovered entities (labels with ``known: false``; precision over tags with ``known=False``);
* the same split by source (sample site vs self-written).

Targets for known entities: precision >= 0.95, recall >= 0.90. ``--errors`` lists each miss and
false tag (reveals the set's contents: for the tagger's maintainers to read only after a run).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "tagging"))

import tagging_labeled as labeled
from tagging_labeled import CANONICAL_EQUIVALENTS, fmt  # noqa: F401  (the map, for readers)

from newsdesk.models import ENTITY_TYPES

TARGET_PRECISION = 0.95
TARGET_RECALL = 0.90


def _row(name: str, cell: labeled.PR) -> str:
    return (f"  {name:<12}{cell.gold:>6}{cell.tp_gold:>6}{cell.pred:>6}{cell.tp_pred:>6}"
            f"   {fmt(cell.precision)}  {fmt(cell.recall)}  {fmt(cell.f1)}")


def _table(title: str, cells, scope: str) -> None:
    print(f"\n{title}")
    print(f"  {'type':<12}{'gold':>6}{'found':>6}{'tags':>6}{'right':>6}"
          f"   {'P':>5}  {'R':>5}  {'F1':>5}")
    for t in ENTITY_TYPES:
        cell = cells[(scope, t)]
        if cell.gold or cell.pred:
            print(_row(t, cell))
    print(_row("all", cells[(scope, "all")]))
    print(_row("any type", cells[(scope, "any type")]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list misses and false tags")
    args = parser.parse_args()

    from newsdesk.extract.entities import load_knowledge, tag_entities

    articles = labeled.load_entities()
    start = time.perf_counter()
    knowledge = load_knowledge()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    score = labeled.score_entities(
        articles, lambda a: tag_entities(a["text"], a["title"], knowledge=knowledge))
    took = time.perf_counter() - start

    n_sample = sum(a["source"] == "sample" for a in articles)
    print(f"{len(articles)} articles ({n_sample} sample site, "
          f"{len(articles) - n_sample} self-written); "
          f"knowledge loaded in {loaded * 1000:.0f} ms, tagging + scoring {took * 1000:.0f} ms")
    print("gold: labelled entities (optional ones left out); found: of those, matched by a tag;")
    print("tags: tags in the scope (tags matched to an optional label left out); "
          "right: of those, matched")

    _table("Known entities (label known: true for recall; tags with known=True for precision)",
           score.cells, "known")
    _table("Discovered entities (label known: false for recall; tags with known=False "
           "for precision)",
           score.cells, "discovered")

    print("\nBy source (typed match)")
    print(f"  {'source':<8}{'scope':<12}{'gold':>6}{'found':>6}{'tags':>6}{'right':>6}"
          f"   {'P':>5}  {'R':>5}  {'F1':>5}")
    for source in ("sample", "own"):
        cells = score.by_source[source]
        for scope in ("known", "discovered"):
            c = cells[(scope, "all")]
            print(f"  {source:<8}{scope:<12}{c.gold:>6}{c.tp_gold:>6}{c.pred:>6}{c.tp_pred:>6}"
                  f"   {fmt(c.precision)}  {fmt(c.recall)}  {fmt(c.f1)}")

    known = score.cell("known")
    ok_p = known.precision is not None and known.precision >= TARGET_PRECISION
    ok_r = known.recall is not None and known.recall >= TARGET_RECALL
    print(f"\nTargets, known entities: precision {fmt(known.precision)} (>= {TARGET_PRECISION}) "
          f"{'met' if ok_p else 'NOT MET'}; recall {fmt(known.recall)} (>= {TARGET_RECALL}) "
          f"{'met' if ok_r else 'NOT MET'}")

    if args.errors:
        print(f"\n{len(score.errors)} errors:")
        for line in score.errors:
            print("  " + line)


if __name__ == "__main__":
    main()
