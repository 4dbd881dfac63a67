"""Near-copies: each kind of copy, each near-miss, the linking rules, signatures and the sample site.

Texts are built from the sample site's ground-truth paragraphs (real-size wire stories), edited the
way outlets edit a wire story.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from newsdesk.config import CopiesConfig
from newsdesk.extract import copies_text
from newsdesk.extract.article import content_hash
from newsdesk.extract.copies import CopyIndex, CopyMatch, text_signature
from newsdesk.extract.copies_postings import lsh_params
from newsdesk.extract.copies_text import minhash_values, shingle_hashes, word_codes
from newsdesk.sample_site.content import load_content

CONFIG = CopiesConfig()
T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
DISTILL = "wire/anthropic-says-chinese-labs-used-fake-accounts-to-distill-claude"
LLAMA = "wire/meta-releases-llama-4-5-open-weights"
LAYOFFS = "wire/meta-cuts-jobs-ai-division-superintelligence-labs"
FOLLOWUP = "wire/lawmakers-ask-commerce-to-blacklist-chinese-ai-labs"
PARALLAX = "wire/nvidia-to-buy-parallax-compute"
CHIPS = "wire/us-tightens-ai-chip-exports-china-nvidia-charge"
KESTREL = "wire/kestrel-evals-raises-seed-funding"
WIRE_LINES = ["Reporting by Dana Whitfield in San Francisco; Editing by Marcus Bell",
              "Our Standards: The Meridian Wire Trust Principles."]
OTHER_LINES = [("Sign up for The Byte, our free newsletter on the business of AI, delivered every "
                "weekday morning before the markets open."),
               ("Copyright 2026 Ledger Street. All rights reserved. This material may not be "
                "published, broadcast, rewritten or redistributed.")]


def paras(article_id: str) -> list[str]:
    return list(load_content().article(article_id).paragraphs)


def text(*parts: list[str] | str) -> str:
    out: list[str] = []
    for part in parts:
        out.extend([part] if isinstance(part, str) else part)
    return "\n\n".join(out)


def index_with(*articles: tuple[int, str, datetime], config: CopiesConfig = CONFIG) -> CopyIndex:
    idx = CopyIndex(config)
    for article_id, body, published in articles:
        idx.add(article_id, body, published, copy_of=None)
    return idx


def first_of_index(body: str, published: datetime = T0 + timedelta(hours=2)) -> CopyMatch | None:
    idx = index_with((1, text(paras(DISTILL), WIRE_LINES), T0))
    return idx.find_original(body, published)


# -- copies that are copies ----------------------------------------------------------------------

def test_wire_story_with_a_new_intro_paragraph() -> None:
    intro = ("It's the AI heist nobody saw coming, and the company behind Claude says it has the "
             "receipts to prove that rivals built their chatbots on its answers.")
    match = first_of_index(text(intro, paras(DISTILL), WIRE_LINES))
    assert match is not None and match.original_id == 1 and match.kind in ("near", "contained")


def test_wire_story_under_a_new_headline_is_the_same_text() -> None:
    # headlines are not part of the compared text: the body is identical, so the hash matches
    match = first_of_index(text(paras(DISTILL), WIRE_LINES))
    assert match == CopyMatch(1, "hash", 1.0, 1.0)


@pytest.mark.parametrize("dropped", [1, 2])
def test_wire_story_with_its_last_paragraphs_trimmed(dropped: int) -> None:
    match = first_of_index(text(paras(DISTILL)[:-dropped], WIRE_LINES))
    assert match is not None and match.original_id == 1


def test_wire_story_with_other_boilerplate_lines() -> None:
    match = first_of_index(text(paras(DISTILL), OTHER_LINES))
    assert match is not None and match.original_id == 1 and match.kind == "near"


def test_wire_story_with_light_copy_edits() -> None:
    edited = text(paras(DISTILL), WIRE_LINES)
    for old, new in [("roughly", "about"), ("fraudulent", "fake"), ("harvesting", "collecting"),
                     ("coordinated", "organised"), ("industrial", "large-scale"),
                     ("Friday", "Thursday")]:
        assert old in edited
        edited = edited.replace(old, new, 1)
    match = first_of_index(edited)
    assert match is not None and match.original_id == 1 and match.kind == "near"
    assert match.similarity > 0.9


def test_wire_story_quoted_whole_inside_a_longer_article() -> None:
    before = paras("gradient/kimi-k3-benchmarks-read-carefully")[:5]
    after = paras("policy/anthropic-distillation-report-export-controls-model-outputs")[:4]
    match = first_of_index(text(before, paras(DISTILL), after))
    assert match is not None and match.original_id == 1 and match.kind == "contained"
    assert match.containment > 0.9 > match.similarity


def test_every_edit_at_once() -> None:
    intro = "Anthropic's claims will test how far model makers can police their own outputs."
    body = paras(DISTILL)[:-2]
    body[3] = body[3].replace("standard technique", "common method")
    match = first_of_index(text(intro, body, OTHER_LINES))
    assert match is not None and match.original_id == 1


# -- near-misses that are not -------------------------------------------------------------------

def test_two_stories_of_one_outlet_with_the_same_lede_and_boilerplate() -> None:
    context = ("Meta Platforms, the Menlo Park, California-based owner of Facebook, Instagram and "
               "WhatsApp, has spent more on artificial intelligence this year than any company "
               "except Microsoft as it races OpenAI and Google.")
    lines = WIRE_LINES + OTHER_LINES
    idx = index_with((1, text(context, paras(LLAMA), lines), T0))
    assert idx.find_original(text(context, paras(LAYOFFS), lines), T0 + timedelta(hours=5)) is None


def test_a_follow_up_quoting_one_paragraph_of_the_first() -> None:
    follow = paras(FOLLOWUP)
    follow.insert(2, paras(DISTILL)[1])
    idx = index_with((1, text(paras(DISTILL), WIRE_LINES), T0))
    assert idx.find_original(text(follow, WIRE_LINES), T0 + timedelta(days=7)) is None


def test_independent_write_ups_of_one_event() -> None:
    content = load_content()
    for event in content.events:
        arts = [a for a in content.by_event(event.id) if not a.copy_of]
        idx = index_with(*((i, a.text, a.published) for i, a in enumerate(arts[:1])))
        for a in arts[1:]:
            assert idx.find_original(a.text, a.published) is None, (event.id, a.id)


@pytest.mark.parametrize("first,second", [(LLAMA, LAYOFFS), (CHIPS, PARALLAX)])
def test_same_company_different_event(first: str, second: str) -> None:
    idx = index_with((1, text(paras(first), WIRE_LINES), T0))
    assert idx.find_original(text(paras(second), WIRE_LINES), T0 + timedelta(days=1)) is None


# -- linking rules ------------------------------------------------------------------------------

def test_a_copy_of_a_copy_links_to_the_earliest_original() -> None:
    intro = "The accusation is the most detailed a US lab has made against Chinese rivals."
    idx = index_with((10, text(paras(DISTILL), WIRE_LINES), T0))
    first_copy = text(intro, paras(DISTILL)[:-1], OTHER_LINES)
    match = idx.find_original(first_copy, T0 + timedelta(hours=1))
    assert match is not None and match.original_id == 10
    idx.add(11, first_copy, T0 + timedelta(hours=1), copy_of=match.original_id)
    # the second copy carries the first copy's intro, so it matches both; the root wins
    second = text(intro, paras(DISTILL)[:-3])
    assert idx.find_original(second, T0 + timedelta(hours=3)).original_id == 10
    # links given by the caller are followed to the root too
    idx.add(12, second, T0 + timedelta(hours=3), copy_of=11)
    assert idx.find_original(second, T0 + timedelta(hours=4)).original_id == 10


def test_the_earliest_of_several_originals_wins_by_published_then_id() -> None:
    body = text(paras(KESTREL), WIRE_LINES)
    edited = body.replace("seed", "early", 1)
    idx = index_with((7, body, T0 + timedelta(hours=2)), (9, body, T0), (8, body, T0))
    assert idx.find_original(edited, T0 + timedelta(hours=3)).original_id == 8


def test_eviction_and_the_window() -> None:
    idx = index_with((1, text(paras(DISTILL)), T0), (2, text(paras(KESTREL)), T0 + timedelta(days=3)))
    # out of the window: never a match, even before it is evicted
    late = T0 + timedelta(days=CONFIG.window_days, hours=1)
    assert idx.find_original(text(paras(DISTILL)), late) is None
    assert idx.evict_before(T0 + timedelta(days=1)) == 1
    assert len(idx) == 1 and 1 not in idx and 2 in idx
    assert idx.find_original(text(paras(DISTILL)), T0 + timedelta(hours=1)) is None
    assert idx.evict_before(T0 + timedelta(days=1)) == 0
    assert idx.stats()["keys"] == index_with((2, text(paras(KESTREL)), T0)).stats()["keys"]


def test_frozen_tiers_match_evict_and_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.extract import copies
    monkeypatch.setattr(copies, "_MIN_TIER", 2)       # every two articles become a sorted tier
    stories = [DISTILL, KESTREL, LLAMA, LAYOFFS, PARALLAX]
    idx = index_with(*((i, text(paras(a)), T0 + timedelta(hours=i)) for i, a in enumerate(stories)))
    later = T0 + timedelta(days=1)
    for i, a in enumerate(stories):
        match = idx.find_original(text(paras(a)[:-1], OTHER_LINES), later)
        assert match is not None and match.original_id == i
    assert idx.evict_before(T0 + timedelta(hours=2)) == 2          # the first tier, all of it
    assert idx.find_original(text(paras(DISTILL)[:-1]), later) is None
    idx.add(2, text(paras(CHIPS)), T0 + timedelta(hours=2))      # 2 sat in a frozen tier
    assert idx.find_original(text(paras(LLAMA)[:-1]), later) is None
    assert idx.find_original(text(paras(CHIPS)[:-1]), later).original_id == 2
    assert idx.evict_before(later) == 3 and len(idx) == 0 and idx.stats()["keys"] == 0


def test_adding_an_id_again_replaces_it() -> None:
    idx = index_with((1, text(paras(DISTILL)), T0))
    idx.add(1, text(paras(KESTREL)), T0)
    assert len(idx) == 1
    assert idx.find_original(text(paras(DISTILL)), T0 + timedelta(hours=1)) is None
    assert idx.find_original(text(paras(KESTREL)), T0 + timedelta(hours=1)).original_id == 1


def test_short_texts_match_by_hash_only() -> None:
    short = paras(DISTILL)[0]                      # one paragraph, under min_words
    assert len(short.split()) < CONFIG.min_words
    idx = index_with((1, short, T0))
    assert idx.find_original(short + " Shares fell.", T0) is None
    assert idx.find_original(short, T0).kind == "hash"


# -- signatures ---------------------------------------------------------------------------------

def test_signature_round_trip_gives_the_same_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    original, copy = text(paras(DISTILL), WIRE_LINES), text(paras(DISTILL)[:-1], OTHER_LINES)
    sig_o, sig_c = text_signature(original, CONFIG), text_signature(copy, CONFIG)
    assert isinstance(sig_o, bytes) and len(sig_o) == 4 + 4 * CONFIG.num_perm
    assert sig_o != sig_c and text_signature(original, CONFIG) == sig_o

    def fresh():      # reduce_text keeps its last result by text: make it read the signature
        monkeypatch.setattr(copies_text, "_last", None)

    plain, loaded = CopyIndex(CONFIG), CopyIndex(CONFIG)
    plain.add(1, original, T0)
    fresh()
    loaded.add(1, original, T0, signature=sig_o, content_hash=content_hash(original))
    later = T0 + timedelta(hours=1)
    found = plain.find_original(copy, later)
    fresh()
    assert found == loaded.find_original(copy, later, signature=sig_c)
    found = plain.candidates(copy, later)
    fresh()
    assert found == loaded.candidates(copy, later, signature=sig_c)


def test_a_signature_made_with_other_settings_is_ignored() -> None:
    original, copy = text(paras(DISTILL), WIRE_LINES), text(paras(DISTILL)[:-1], OTHER_LINES)
    other = text_signature(original, replace(CONFIG, num_perm=64))
    wrong_k = text_signature(original, replace(CONFIG, shingle_words=4))
    for bad in (other, wrong_k, b"", b"\x00" * (4 + 4 * CONFIG.num_perm)):
        idx = CopyIndex(CONFIG)
        idx.add(1, original, T0, signature=bad)
        assert idx.find_original(copy, T0 + timedelta(hours=1)).original_id == 1


def test_signature_is_the_same_in_another_process() -> None:
    body = text(paras(DISTILL), WIRE_LINES)
    code = ("import sys; from newsdesk.config import CopiesConfig; "
            "from newsdesk.extract.copies import text_signature; "
            "print(text_signature(sys.stdin.read(), CopiesConfig()).hex())")
    out = subprocess.run([sys.executable, "-c", code], input=body, capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert out.stdout.strip() == text_signature(body, CONFIG).hex()


def test_minhash_values_are_datasketchs() -> None:
    from datasketch import MinHash

    from newsdesk.extract.copies_text import SEED
    shingles = shingle_hashes(word_codes(text(paras(DISTILL))), 5)
    m = MinHash(num_perm=128, seed=SEED, hashfunc=lambda v: v)
    m.update_batch(shingles.tolist())
    assert np.array_equal(minhash_values(shingles, 128), m.hashvalues)


def test_lsh_params_are_datasketchs() -> None:
    lsh = pytest.importorskip("datasketch.lsh")
    for threshold in (0.4, 0.6):
        assert lsh_params(threshold, 128) == lsh._optimal_param(threshold, 128, 0.5, 0.5)


# -- the sample site ----------------------------------------------------------------------------

def test_sample_site_labelled_copies_and_no_false_copies() -> None:
    content = load_content()
    ids = {a.id: i for i, a in enumerate(content.articles)}
    idx, found = CopyIndex(CONFIG), {}
    for a in sorted(content.articles, key=lambda a: (a.published, a.id)):
        match = idx.find_original(a.text, a.published)
        idx.add(ids[a.id], a.text, a.published, copy_of=match.original_id if match else None)
        if match:
            found[a.id] = content.articles[match.original_id].id
    assert found == {a.id: a.copy_of for a in content.articles if a.copy_of}


def test_short_stories_sharing_an_outlets_long_boilerplate_are_not_copies() -> None:
    lines = [" ".join(paras("gradient/llama-4-5-technical-notes")[i].split()[:45]) for i in (1, 2, 3)]
    older = [text(paras(a)[:3], lines) for a in (CHIPS, PARALLAX, KESTREL)]   # the outlet's others
    idx = index_with(*((i, body, T0 + timedelta(hours=i)) for i, body in enumerate(older)),
                     (5, text(paras(LLAMA)[:3], lines), T0 + timedelta(hours=4)))
    brief = text(paras(LAYOFFS)[:3], lines)        # as much boilerplate as story
    assert idx.find_original(brief, T0 + timedelta(hours=6)) is None
    # the story itself, under that outlet's lines, is still found
    assert idx.find_original(text(paras(LLAMA)[:3], OTHER_LINES), T0 + timedelta(hours=6)
                             ).original_id == 5
