"""Figure tagging benchmark: are the quantities found, and are their values, units and owners right.

    python benchmarks/figures_bench.py [--errors] [--heldout [2|3|4]]

The set is tests/fixtures/tagging/figures.jsonl (conventions in README.md there): short passages and
five full articles with every figure labelled, plus ``not_figures`` (years, dates, quarters,
versions, model and chip names, phone and section numbers, times of day). Each passage goes through
``tag_entities`` then ``tag_figures(text, entities)``, as the pipeline will run them. Prints:

* recall (labelled figures overlapped by a predicted figure) and precision (predictions that
  overlap a labelled one), overall and per kind;
* for matched figures: value exact (relative error < 1e-9, value_max too), unit right (loose:
  casefold, singular/plural, abbreviations, head noun; money not scored), currency, qualifier, kind,
  owner right (loose canonical match; ``entity_also`` alternatives accepted), and owner right where
  the label names an owner;
* false figures on ``not_figures`` spans.

Targets: recall >= 0.95, value exact >= 0.98, owner right >= 0.90. ``--errors`` lists each miss,
stray figure and wrong attribute (reveals the set: read it only after a run).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "tagging"))

import tagging_labeled as labeled
from tagging_labeled import fmt

TARGETS = {"recall": 0.95, "value": 0.98, "owner": 0.90}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true",
                        help="list misses, strays, wrong attributes")
    parser.add_argument("--heldout", nargs="?", type=int, const=1, default=0,
                        choices=[0, 1, 2, 3, 4],
                        help="score figures_heldout.jsonl (1, written after the first tuning and "
                             "looked at since), figures_heldout2.jsonl (2, written blind, looked at "
                             "since), figures_heldout3.jsonl (3, likewise) or figures_heldout4.jsonl "
                             "(4, written blind last)")
    args = parser.parse_args()

    from newsdesk.extract.entities import load_knowledge, tag_entities
    from newsdesk.extract.figures import tag_figures

    passages = labeled.load_figures(heldout=args.heldout)
    print(f"held-out set {args.heldout} (figures_heldout{args.heldout if args.heldout > 1 else ''}"
          ".jsonl)"
          if args.heldout else
          "development set (figures.jsonl)")
    knowledge = load_knowledge()

    def tag(psg):
        return tag_figures(psg["text"], tag_entities(psg["text"], knowledge=knowledge))

    start = time.perf_counter()
    score = labeled.score_figures(passages, tag)
    took = time.perf_counter() - start

    print(f"{len(passages)} passages, {score.gold} labelled figures (optional ones left out), "
          f"{score.not_figures} not-figure spans; tagging + scoring {took * 1000:.0f} ms")
    print(f"\n  recall      {fmt(score.recall)}   ({score.found} of {score.gold} found)")
    print(f"  precision   {fmt(score.precision)}   "
          f"({score.correct} of {score.predicted} predictions "
          f"overlap a labelled figure)")
    print("\n  per kind    found / gold")
    for kind in ("count", "money", "percent", "duration", "measure"):
        found, gold = score.by_kind[kind]
        print(f"  {kind:<10}{found:>6} / {gold:<4} {fmt(found / gold if gold else None)}")

    print("\n  matched figures     right / checked")
    names = {"value": "value exact", "unit": "unit right", "currency": "currency",
             "qualifier": "qualifier", "kind": "kind", "owner": "owner right"}
    for attr in labeled.ATTRIBUTES:
        print(f"  {names[attr]:<18}{score.right[attr]:>6} / {score.checked[attr]:<5} "
              f"{fmt(score.rate(attr))}")
    named = score.owner_named_right / score.owner_named if score.owner_named else None
    print(f"  {'owner (named)':<18}{score.owner_named_right:>6} / {score.owner_named:<5} "
          f"{fmt(named)}")
    print(f"\n  false figures on not_figures: {score.not_figures_hit} of {score.not_figures} spans")

    results = {"recall": score.recall, "value": score.rate("value"), "owner": score.rate("owner")}
    print("\nTargets: " + "; ".join(
        f"{name} {fmt(results[name])} (>= {target}) "
        f"{'met' if results[name] is not None and results[name] >= target else 'NOT MET'}"
        for name, target in TARGETS.items()))

    if args.errors:
        print(f"\n{len(score.errors)} errors:")
        for line in score.errors:
            print("  " + line)


if __name__ == "__main__":
    main()
