"""Entity and figure tagging on the held-out labeled sets: quality floors, and the sets' own sanity.

The sets and the scoring are in fixtures/tagging/ (README.md has the conventions). The floors sit a
little below what benchmarks/entities_bench.py and benchmarks/figures_bench.py measure, so a
regression fails here and the benchmarks say where. The sets were written without looking at the
taggers; fix a failure in the tagger, not by editing the labels.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "tagging"))

import tagging_labeled as labeled

from newsdesk.extract.entities import load_knowledge, tag_entities
from newsdesk.extract.figures import tag_figures
from newsdesk.models import ENTITY_TYPES

# Floors a little below what the benchmarks measure (entities_bench.py, figures_bench.py [--heldout]):
# known P 0.958 / R 0.961 (any type P 0.989), discovered P 0.919 / R 0.685; figures recall 0.982,
# precision 0.991, value exact 0.982, owner right 0.928, 1 of 92 not-figure spans hit; on the
# held-out set recall 0.985, value exact 0.996, owner right 0.897; on the second held-out set
# (written blind in session 3: owner 0.761 on its first run, 0.860 after rules it prompted)
# recall 0.986, value exact 0.994, owner 0.892 now; on the third (blind at its first run) recall
# 0.983, value exact 0.991, owner 0.730 then, 0.881 after the rules it prompted; on the fourth
# (blind, run once after those) recall 0.972, value exact 0.990, owner 0.721.
KNOWN_PRECISION = 0.93
KNOWN_RECALL = 0.93
KNOWN_ANY_TYPE_PRECISION = 0.96
DISCOVERED_PRECISION = 0.86
DISCOVERED_RECALL = 0.64
FIGURE_RECALL = 0.94
FIGURE_PRECISION = 0.95
VALUE_EXACT = 0.96
OWNER_RIGHT = 0.88
HELDOUT_FIGURE_RECALL = 0.95
HELDOUT_VALUE_EXACT = 0.97
HELDOUT_OWNER_RIGHT = 0.86     # below the 0.90 target: a floor against regressions, not a pass
HELDOUT2_OWNER_RIGHT = 0.84    # the same
HELDOUT3_OWNER_RIGHT = 0.85    # the third set: 0.730 blind, 0.881 since
HELDOUT4_OWNER_RIGHT = 0.69    # the fourth, blind at its one run: 0.721
NOT_FIGURES_HIT = 0.05          # at most this share of the negative spans may become figures


@pytest.fixture(scope="module")
def articles():
    return labeled.load_entities()


@pytest.fixture(scope="module")
def passages():
    return labeled.load_figures()


# ---- the sets themselves (no tagger needed) ----------------------------------------------------

def test_entity_set_size_and_shape(articles):
    assert len(articles) >= 40
    assert sum(a["source"] == "sample" for a in articles) >= 15
    assert sum(a["source"] == "own" for a in articles) >= 25
    assert len({a["id"] for a in articles}) == len(articles)
    for art in articles:
        if art["source"] == "own":
            assert 150 <= len(art["text"].split()) <= 400, art["id"]
        seen = set()
        for ent in art["entities"]:
            assert ent["type"] in ENTITY_TYPES, (art["id"], ent)
            assert isinstance(ent["known"], bool) and ent["mentions"], (art["id"], ent)
            assert labeled.norm(ent["canonical"]) not in seen, (art["id"], ent["canonical"])
            seen.add(labeled.norm(ent["canonical"]))
            for mention in ent["mentions"]:
                pattern = r"(?<!\w)" + re.escape(mention) + r"(?!\w)"
                assert re.search(pattern, art["title"] + "\n" + art["text"]), (art["id"], mention)
    discovered = [e for a in articles for e in a["entities"] if not e["known"]]
    assert len(discovered) >= 50


def test_sample_articles_are_the_sample_site_text(articles):
    from newsdesk.sample_site import load_content

    content = load_content()
    for art in articles:
        if art["source"] == "sample":
            page = content.article(art["id"].removeprefix("sample:"))
            assert art["text"] == "\n".join(page.paragraphs)
            assert art["title"] == page.display_title


def test_figure_set_size_and_shape(passages):
    figures = [f for p in passages for f in p["figures"]]
    assert len(figures) >= 150
    assert sum(len(p["not_figures"]) for p in passages) >= 60
    assert len({p["id"] for p in passages}) == len(passages)
    for psg in passages:
        spans = []
        for fig in psg["figures"]:
            assert psg["text"].count(fig["text"]) == 1, (psg["id"], fig["text"])
            assert fig["kind"] in ("count", "money", "percent", "duration", "measure")
            assert fig["qualifier"] in (None, "approximate", "lower_bound", "upper_bound")
            assert (fig["currency"] is not None) == (fig["kind"] == "money"), (psg["id"], fig)
            spans.append(labeled.gold_span(psg["text"], fig))
        for nf in psg["not_figures"]:
            hits = [m.span() for m in re.finditer(re.escape(nf), psg["text"])]
            assert hits, (psg["id"], nf)
            assert not any(labeled._overlap(h, s) for h in hits for s in spans), (psg["id"], nf)
    kinds = {f["kind"] for f in figures}
    quals = {f["qualifier"] for f in figures}
    assert kinds == {"count", "money", "percent", "duration", "measure"}
    assert quals == {None, "approximate", "lower_bound", "upper_bound"}
    assert {f["currency"] for f in figures} >= {"USD", "EUR", "GBP", "CNY", "JPY"}
    assert sum(f["value_max"] is not None for f in figures) >= 5


def test_loose_matching_rules():
    assert labeled.same_name("U.S.", "United States")
    assert labeled.same_name("Meta Platforms, Inc.", "Meta")
    assert labeled.same_name("the New York Times", "The New York Times")
    assert not labeled.same_name("Google", "Alphabet")
    assert not labeled.same_name("Llama", "Llama 4.5")
    assert not labeled.same_name("GPT-4", "GPT-4o")
    assert labeled.same_unit("GPU", "GPUs") and labeled.same_unit("chips", "Nvidia Hopper chips")
    assert labeled.same_unit("per cent", "%") and labeled.same_unit("GW", "gigawatts")
    assert not labeled.same_unit("hours", "days")
    assert labeled.same_value(3.4e6, 3400000.0) and not labeled.same_value(3.4e6, 3.4)


# ---- the taggers -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def entity_score(articles):
    knowledge = load_knowledge()
    return labeled.score_entities(
        articles, lambda a: tag_entities(a["text"], a["title"], knowledge=knowledge))


def _score_figures(passages):
    knowledge = load_knowledge()

    def tag(psg):
        tags = tag_entities(psg["text"], knowledge=knowledge)
        return tag_figures(psg["text"], tags)

    return labeled.score_figures(passages, tag)


@pytest.fixture(scope="module")
def figure_score(passages):
    return _score_figures(passages)


def _check(name: str, value: float | None, floor: float, errors: list[str]) -> str | None:
    if value is not None and value >= floor:
        return None
    return f"{name} {labeled.fmt(value)} < {floor}"


def _verdict(failures: list[str | None], errors: list[str]) -> None:
    failures = [f for f in failures if f]
    assert not failures, "; ".join(failures) + "\nfirst errors:\n  " + "\n  ".join(errors[:30])


def test_known_entities_precision_and_recall(entity_score):
    known = entity_score.cell("known")
    _verdict([
        _check("known precision", known.precision, KNOWN_PRECISION, entity_score.errors),
        _check("known recall", known.recall, KNOWN_RECALL, entity_score.errors),
        _check("known precision (any type)", entity_score.cell("known", "any type").precision,
               KNOWN_ANY_TYPE_PRECISION, entity_score.errors),
    ], entity_score.errors)


def test_discovered_entities_precision_and_recall(entity_score):
    found = entity_score.cell("discovered")
    _verdict([
        _check("discovered precision", found.precision, DISCOVERED_PRECISION, entity_score.errors),
        _check("discovered recall", found.recall, DISCOVERED_RECALL, entity_score.errors),
    ], entity_score.errors)


def test_figures_recall_precision_and_values(figure_score):
    s = figure_score
    stray = s.not_figures_hit / s.not_figures if s.not_figures else 0.0
    _verdict([
        _check("figure recall", s.recall, FIGURE_RECALL, s.errors),
        _check("figure precision", s.precision, FIGURE_PRECISION, s.errors),
        _check("value exact", s.rate("value"), VALUE_EXACT, s.errors),
        _check("owner right", s.rate("owner"), OWNER_RIGHT, s.errors),
        None if stray <= NOT_FIGURES_HIT else f"not-figures hit {stray:.3f} > {NOT_FIGURES_HIT}",
    ], s.errors)


@pytest.mark.parametrize("heldout, owner_floor", [
    (1, HELDOUT_OWNER_RIGHT), (2, HELDOUT2_OWNER_RIGHT), (3, HELDOUT3_OWNER_RIGHT),
    (4, HELDOUT4_OWNER_RIGHT)])
def test_held_out_figures_keep_their_measured_level(heldout, owner_floor):
    s = _score_figures(labeled.load_figures(heldout=heldout))
    _verdict([
        _check(f"held-out {heldout} figure recall", s.recall, HELDOUT_FIGURE_RECALL, s.errors),
        _check(f"held-out {heldout} value exact", s.rate("value"), HELDOUT_VALUE_EXACT,
               s.errors),
        _check(f"held-out {heldout} owner right", s.rate("owner"), owner_floor, s.errors),
    ], s.errors)
