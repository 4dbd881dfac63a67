"""A quick precision/recall self-check of entity tagging on the bundled sample site's labels.

Not the benchmark (benchmarks/entities_bench.py runs a held-out labelled set) and not a target to
tune against: a floor that catches a rule that breaks. A tag matches a label when the tag's
canonical name, its surface form or one of its aliases equals the label's name or one of its
aliases; the sample site's types map to ours (product -> model, organization -> other).

Run ``python tests/test_entities_sample.py`` for the table per type and the speed.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

from newsdesk.extract.entities import Knowledge, load_knowledge, tag_entities
from newsdesk.models import ENTITY_TYPES
from newsdesk.sample_site.content import load_content

SAMPLE_TYPES = {"lab": "lab", "company": "company", "model": "model", "product": "model",
                "person": "person", "agency": "agency", "place": "place", "organization": "other"}


@dataclass
class Scores:
    tp: Counter
    fp: Counter
    gold: Counter
    missed: Counter
    ms_per_article: float

    def precision(self, type_: str | None = None) -> float:
        tp = self.tp[type_] if type_ else sum(self.tp.values())
        fp = self.fp[type_] if type_ else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, type_: str | None = None) -> float:
        gold = self.gold[type_] if type_ else sum(self.gold.values())
        missed = self.missed[type_] if type_ else sum(self.missed.values())
        return (gold - missed) / gold if gold else 1.0


def sample_scores(knowledge: Knowledge | None = None) -> Scores:
    knowledge = knowledge or load_knowledge()
    content = load_content()
    labels = {e.name: e for e in content.entities}
    label_forms = {n: {n.casefold(), *(a.casefold() for a in e.aliases)} for n, e in labels.items()}
    tp, fp, gold, missed = Counter(), Counter(), Counter(), Counter()
    start = time.perf_counter()
    results = [tag_entities(a.text, a.display_title, knowledge) for a in content.articles]
    elapsed = time.perf_counter() - start
    for article, tags in zip(content.articles, results):
        found: set[str] = set()
        for tag in tags:
            entity = knowledge.get(tag.canonical)
            forms = {tag.canonical.casefold(), tag.name.casefold()}
            if entity is not None:
                forms |= {f.casefold() for f in entity.surface_forms}
            hits = {n for n in article.entities if label_forms[n] & forms}
            (tp if hits else fp)[tag.type] += 1
            found |= hits
        for name in article.entities:
            type_ = SAMPLE_TYPES[labels[name].type]
            gold[type_] += 1
            if name not in found:
                missed[type_] += 1
    return Scores(tp, fp, gold, missed, elapsed / len(content.articles) * 1000)


def test_sample_site_precision_and_recall_stay_above_the_floor() -> None:
    scores = sample_scores()
    assert scores.precision() >= 0.9
    assert scores.recall() >= 0.9
    for type_ in ("lab", "company", "model", "person", "agency", "place"):
        assert scores.recall(type_) >= 0.8, type_


def test_tagging_is_fast_enough_for_the_extraction_budget() -> None:
    load_knowledge().index  # noqa: B018 -- built once per process, not per article
    best = min(sample_scores().ms_per_article for _ in range(3))
    assert best < 5.0          # ~1 ms on a quiet machine; the bar leaves room for loaded CI


if __name__ == "__main__":
    result = min((sample_scores() for _ in range(5)), key=lambda s: s.ms_per_article)
    print(f"{'type':8} {'precision':>9} {'recall':>7}  labels")
    for t in ENTITY_TYPES:
        print(f"{t:8} {result.precision(t):9.2f} {result.recall(t):7.2f}  {result.gold[t]}")
    total = sum(result.gold.values())
    print(f"{'all':8} {result.precision():9.3f} {result.recall():7.3f}  {total}")
    print(f"{result.ms_per_article:.2f} ms per article")
