"""Boilerplate removal on the labeled set: no boilerplate line kept, no article line lost.

The set (see fixtures/boilerplate/boilerplate_labeled.py): every sample-site article page served on
127.0.0.1, the full-page feed items of the outlets whose feeds carry the page, and the hand-written
hard pages in fixtures/boilerplate/. A failure names the page and the offending lines.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "boilerplate"))

import boilerplate_labeled as labeled

from newsdesk.config import BoilerplateConfig


@pytest.fixture(scope="module")
def pages():
    return labeled.labeled_set()


@pytest.fixture(scope="module")
def in_page(pages):
    return {page.url + page.kind: labeled.newsdesk_lines(page) for page in pages}


def _failures(pages, outputs) -> list[str]:
    bad = []
    for page in pages:
        result = labeled.score(page, outputs[page.url + page.kind])
        if result.kept or result.lost:
            bad.append(f"{page.source} {page.url}\n  kept: {result.kept}\n  lost: {result.lost}")
    return bad


def test_the_set_covers_every_sample_page_both_feeds_and_the_fixtures(pages):
    sources = {p.source for p in pages}
    assert sum(p.source.startswith("sample ") and p.kind == "page" for p in pages) == 64
    assert {"sample feed ledger", "sample feed gradient"} <= sources
    fixtures = [p for p in pages if p.source.startswith("fixtures")]
    assert len(fixtures) >= 12
    assert {"fixtures layouts", "fixtures feeds", "fixtures quietcompute"} <= sources


def test_in_page_removal_keeps_no_boilerplate_and_loses_no_article_line(pages, in_page):
    bad = _failures(pages, in_page)
    assert not bad, "\n".join(bad)


def test_host_memory_loses_no_article_line_and_keeps_nothing(pages, in_page):
    by_url = {}
    for kind in ("page", "feed"):
        subset = [p for p in pages if p.kind == kind]
        lines = {p.url: in_page[p.url + kind] for p in subset}
        by_url.update({p.url + kind: out for p, out in
                       zip(subset, labeled.with_host_memory(subset, lines).values())})
    bad = _failures(pages, by_url)
    assert not bad, "\n".join(bad)


def test_host_memory_alone_cuts_a_block_repeated_on_every_page_of_a_host():
    """Without the in-page rules, host memory cuts the reader-funding note from the fourth page of
    the host on (three other articles have it by then), and costs no article line."""
    group = [p for p in labeled.fixture_pages() if p.source == "fixtures quietcompute"]
    raw = {p.url: labeled.trafilatura_lines(p) for p in group}
    out = labeled.with_host_memory(group, raw, BoilerplateConfig(host_min_articles=3))
    note = "reader-supported"
    assert [any(note in line for line in out[p.url]) for p in group] == [True, True, True, False]
    for page in group:
        assert labeled.score(page, out[page.url]).lost == labeled.score(page, raw[page.url]).lost


def test_sample_pages_without_class_or_id_attributes_come_out_the_same(pages):
    """The rules read structure and wording, not class names: strip every class and id."""
    bad = []
    for page in pages:
        if not page.source.startswith("sample ") or page.kind != "page":
            continue
        bare = re.sub(r'\s(?:class|id|role|rel)="[^"]*"', "", page.html)
        stripped = labeled.LabeledPage(page.source, page.url, page.title, page.kind, bare,
                                       page.paragraphs)
        result = labeled.score(stripped, labeled.newsdesk_lines(stripped))
        if result.kept or result.lost:
            bad.append(f"{page.url}\n  kept: {result.kept}\n  lost: {result.lost}")
    assert not bad, "\n".join(bad)


def test_every_sample_outlet_flattened_to_text_comes_out_clean(pages):
    """The text-only path on whole pages: what a feed carrying the full page would give."""
    bad = []
    for page in pages:
        if page.source.startswith("sample ") and page.kind == "page":
            flat = labeled.LabeledPage(page.source, page.url, page.title, "feed", page.html,
                                       page.paragraphs)
            result = labeled.score(flat, labeled.newsdesk_lines(flat))
            if result.kept or result.lost:
                bad.append(f"{page.url}\n  kept: {result.kept}\n  lost: {result.lost}")
    assert not bad, "\n".join(bad)
