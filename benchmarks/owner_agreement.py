"""How far two people agree on who owns each figure: the ceiling the owner target stands under.

    python benchmarks/owner_agreement.py

A second annotator, who never saw the first one's labels, named the owner of every required figure
of the fourth held-out set (tests/fixtures/tagging/figures_heldout4_owners_second.jsonl, with
alternatives in ``also``). Scored the way figures_bench.py scores the tagger (its main answer
against the first annotator's owner and ``entity_also``), and leniently (any overlap), next to the
tagger's own score on the same figures.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "fixtures" / "tagging"
sys.path.insert(0, str(HERE))

import tagging_labeled as labeled


def main() -> None:
    first = {p["id"]: [g for g in p["figures"] if not g.get("optional")]
             for p in labeled.load_figures(heldout=4)}
    n = main_right = overlap = 0
    with open(HERE / "figures_heldout4_owners_second.jsonl", encoding="utf-8") as fh:
        for line in fh:
            second = json.loads(line)
            for gold, other in zip(first[second["id"]], second["owners"], strict=True):
                assert gold["text"] == other["text"], (second["id"], gold["text"])
                a = [gold["entity"], *gold.get("entity_also", ())]
                b = [other["entity"], *other.get("also", ())]
                n += 1
                main_right += any(labeled.same_name(other["entity"], x) for x in a)
                overlap += any(labeled.same_name(y, x) for x in a for y in b)
    print(f"held-out 4: {n} figures")
    print(f"  second annotator, scored like the tagger   {main_right / n:.3f}")
    print(f"  second annotator, any overlap              {overlap / n:.3f}")
    print("  the tagger: python benchmarks/figures_bench.py --heldout 4 (owner right)")


if __name__ == "__main__":
    main()
