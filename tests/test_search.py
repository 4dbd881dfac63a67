"""Search: the query language over a real archive (the sample site polled), and `newsdesk search`."""

from __future__ import annotations

import json
import random
import re
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from helpers import run_cli
from newsdesk.search import run_search
from newsdesk.search_query import InvalidQuery, parse_query
from newsdesk.store import open_archive

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def archive(sample_archive):
    with open_archive(sample_archive) as a:
        yield a


def hits(archive, text, **kw):
    return run_search(archive, text, NOW, limit=kw.pop("limit", 100), **kw).hits


def full(archive, hit):
    article = archive.get_article(hit.article_id)
    return (article.title + "\n" + article.text).lower()


def test_words_must_all_appear_and_rank_puts_title_matches_first(archive):
    found = hits(archive, "moonshot kimi")
    assert found
    for h in found:
        assert "moonshot" in full(archive, h) and "kimi" in full(archive, h)
    scores = [h.score for h in found]
    assert scores == sorted(scores, reverse=True)
    assert "moonshot" in found[0].title.lower()


def test_phrase_differs_from_the_words_apart(archive):
    words, phrase = hits(archive, "open weights"), hits(archive, '"open weights"')
    assert phrase and len(phrase) < len(words)
    for h in phrase:  # porter stemming: "open-weights", "open weight" match too
        assert re.search(r"open[\s-]+weight", full(archive, h)), h.title


def test_prefix_finds_longer_words(archive):
    prefix = {h.article_id for h in hits(archive, "distill*")}
    assert prefix
    assert {h.article_id for h in hits(archive, "distillation")} <= prefix
    assert not hits(archive, "kim") and hits(archive, "kim*")


def test_every_prefix_of_a_word_finds_what_the_word_finds_and_title_takes_prefixes(archive):
    for word in ("regulation", "training", "investment", "distillation", "announced"):
        found = {h.article_id for h in hits(archive, word)}
        assert found, word
        for k in range(4, len(word)):
            assert found <= {h.article_id for h in hits(archive, word[:k] + "*")}, word[:k]
    assert {h.article_id for h in hits(archive, "title:open*")} >= {
        h.article_id for h in hits(archive, "title:openai")} != set()
    assert [h.article_id for h in hits(archive, "openai _")] == [
        h.article_id for h in hits(archive, "openai")]


def test_a_prefix_cut_inside_a_stemmed_suffix_still_finds_the_words(archive):
    # the index keeps "regulation" and "regulators" as the stem "regul": "regulat*" must find them
    prefix = {h.article_id for h in hits(archive, "regulat*")}
    words = {h.article_id for h in hits(archive, "regulation OR regulators OR regulator")}
    assert words and words <= prefix


def test_or_and_not(archive):
    openai = {h.article_id for h in hits(archive, "openai")}
    microsoft = {h.article_id for h in hits(archive, "microsoft")}
    assert {h.article_id for h in hits(archive, "openai OR microsoft")} == openai | microsoft
    assert {h.article_id for h in hits(archive, "openai NOT microsoft")} == openai - microsoft
    assert {h.article_id for h in hits(archive, "openai -microsoft")} == openai - microsoft
    grouped = {h.article_id for h in hits(archive, "(openai OR microsoft) oracle")}
    oracle = {h.article_id for h in hits(archive, "oracle")}
    assert grouped == (openai | microsoft) & oracle and grouped


def test_entity_filter_by_canonical_name_any_case_or_alias(archive):
    canonical = hits(archive, 'entity:"Moonshot AI"')
    assert canonical
    for h in canonical:
        tags = archive.with_tags([archive.get_article(h.article_id)])[0].entities
        assert "Moonshot AI" in {t.canonical for t in tags}
    ids = {h.article_id for h in canonical}
    assert {h.article_id for h in hits(archive, 'entity:"moonshot ai"')} == ids
    with_words = hits(archive, 'entity:"Moonshot AI" distill*')
    assert with_words and {h.article_id for h in with_words} < ids


def test_unknown_entity_is_named_and_finds_nothing(archive):
    result = run_search(archive, "entity:Zzyzx funding", NOW)
    assert result.hits == [] and result.unknown_entities == ("Zzyzx",)


def test_source_since_until_and_story_filters(archive):
    wire = hits(archive, "source:meridian")
    assert wire and all("meridian" in (h.source + h.url).lower() for h in wire)
    recent = hits(archive, "since:2026-11-25 openai")
    assert recent and all(h.published >= datetime(2026, 11, 25, tzinfo=timezone.utc)
                          for h in recent)
    early = hits(archive, "until:2026-11-21 openai")
    assert early and all(h.published < datetime(2026, 11, 22, tzinfo=timezone.utc) for h in early)
    story = wire[0].story_id
    members = hits(archive, f"story:{story}", copies=True)
    assert {h.story_id for h in members} == {story}
    assert {h.article_id for h in members} == set(archive.get_story(story).article_ids)


def test_copies_only_on_request(archive):
    copy = next(a for a in archive.list_articles(limit=500) if a.copy_of)
    query = f'title:"{copy.title[:40].rsplit(" ", 1)[0]}"'
    assert copy.id not in {h.article_id for h in hits(archive, query)}
    assert copy.id in {h.article_id for h in hits(archive, query, copies=True)}


def test_orders_and_pages(archive):
    recent = hits(archive, "openai", order="recent")
    times = [h.published for h in recent]
    assert times == sorted(times, reverse=True)
    mixed = hits(archive, "openai", order="mixed")
    assert {h.article_id for h in mixed} == {h.article_id for h in recent}
    first = run_search(archive, "openai", NOW, limit=3).hits
    second = run_search(archive, "openai", NOW, limit=3, offset=3).hits
    assert len(first) == 3 and not {h.article_id for h in first} & {h.article_id for h in second}


def test_snippets_mark_the_matched_words(archive):
    found = hits(archive, "distill* chips")
    assert found
    marked = [h.snippet[s:e].lower() for h in found for s, e in h.marks]
    assert marked and all(w.startswith(("distil", "chip")) for w in marked)
    assert all("\x02" not in h.snippet and "\x03" not in h.snippet for h in found)


@pytest.mark.parametrize("text", [
    'NEAR(', 'NEAR(a b', '"unclosed', 'a"b', '((openai', 'openai))', 'AND', 'OR openai',
    'openai AND', 'NOT', 'col:openai', 'title:', '*', '^openai', 'open*ai*', '"a" * "b"',
    "'; DROP TABLE articles; --", 'openai OR OR microsoft', '-', '- -', ':', '"""', '\\',
    'a NEAR/2 b', '{title text}: x', 'rank:1', 'rowid:1', 'x' * 500,
    'story:99999999999999999999999', 'since:99999999d x', 'until:9999-12-31 x', '_', 'openai _',
])
def test_hostile_queries_never_raise_sql_errors(archive, text):
    try:
        result = run_search(archive, text, NOW)
    except InvalidQuery as exc:              # refused, with a reason for the user
        assert exc.reason
    else:
        assert isinstance(result.hits, list)


def test_random_token_soup_is_searched_or_refused_cleanly(archive):
    pieces = ['openai', '"', '(', ')', 'AND', 'OR', 'NOT', '-', '*', 'entity:', 'since:3d',
              'title:', 'NEAR(', ':', 'kimi*', '"open weights"', '-microsoft', 'story:', '^']
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 8)))
        try:
            run_search(archive, text, NOW, limit=5)
        except InvalidQuery:
            pass
        except sqlite3.Error as exc:  # pragma: no cover - the failure being tested
            pytest.fail(f"{text!r}: {exc}")


@pytest.mark.parametrize("text, reason", [
    ("NOT microsoft", "NOT needs words"), ("since:soon openai", "since:soon"),
    ("story:abc", "story number"), ("(NOT a) b", "only exclusions"), ("entity:", "needs a value"),
])
def test_what_cannot_be_searched_says_why(text, reason):
    with pytest.raises(InvalidQuery, match=re.escape(reason)):
        parse_query(text, NOW)


def test_until_a_date_includes_that_day_and_since_takes_durations():
    q = parse_query("until:2026-03-01 since:7d x", datetime(2026, 3, 5, tzinfo=timezone.utc))
    assert q.until == datetime(2026, 3, 2, tzinfo=timezone.utc)
    assert q.since == datetime(2026, 2, 26, tzinfo=timezone.utc)
    assert parse_query("since:90m x", NOW).since == NOW - timedelta(minutes=90)


def test_cli_json_and_errors(sample_archive, tmp_path):
    out = run_cli("search", 'entity:"Moonshot AI" kimi', "--json", "--limit", "5", db=sample_archive)
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert 0 < len(records) <= 5
    for r in records:
        assert {"article_id", "story_id", "url", "title", "source", "published", "snippet",
                "score"} <= set(r)
        for start, end in r["marks"]:
            assert r["snippet"][start:end].lower().startswith("kimi")
    # the shell ate the quotes: entity:Moonshot AI arrives as one argument
    split = run_cli("search", "entity:Moonshot AI", "kimi", "--json", "--limit", "5",
                    db=sample_archive)
    assert json.loads(split.stdout) == records
    bad = run_cli("search", "NOT microsoft", db=sample_archive)
    assert bad.returncode == 2 and bad.stderr.startswith("newsdesk: invalid query:")
    assert "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1
    missing = run_cli("search", "openai", db=tmp_path / "none.db")
    assert missing.returncode == 74 and not (tmp_path / "none.db").exists()


def test_cli_marks_matches_in_a_pipe(sample_archive):
    out = run_cli("search", "stargate", "--limit", "2", db=sample_archive)
    assert out.returncode == 0 and "«Stargate»" in out.stdout


def test_broad_queries_rank_their_newest_matches_unless_deep(archive, monkeypatch):
    from newsdesk.store import search as store_search

    match = '"openai"'
    every = archive.search_articles(match, limit=500, depth=None, copies=True)
    newest = sorted(h.article_id for h in every)[-4:]
    assert len(every) > 6
    monkeypatch.setattr(store_search, "FILLED", 3)
    top = archive.search_articles(match, limit=4, depth=4, copies=True)
    assert sorted(h.article_id for h in top) == newest
    # every page of one search comes from the same ranking: each of the newest once, then none
    pages = [archive.search_articles(match, limit=3, offset=k, depth=4, copies=True)
             for k in (0, 3, 6)]
    paged = [h.article_id for page in pages for h in page]
    assert sorted(paged) == newest and not pages[2]
    # when a filter leaves too few of the newest matches, every match is ranked
    oldest = min(every, key=lambda h: h.article_id)
    outlet = dict(sources=[oldest.source], copies=True)
    filtered = archive.search_articles(match, limit=50, depth=None, **outlet)
    assert oldest.article_id in {h.article_id for h in filtered}
    page = archive.search_articles(match, limit=50, depth=4, **outlet)
    assert [h.article_id for h in page] == [h.article_id for h in filtered]


def test_common_and_rare_entities_filter_alike(archive, monkeypatch):
    from newsdesk.store import search as store_search

    text = "entity:Anthropic distill*"
    listed = [h.article_id for h in hits(archive, text)]
    monkeypatch.setattr(store_search, "SMALL_ENTITY", 0)       # as if Anthropic were everywhere
    assert [h.article_id for h in hits(archive, text)] == listed and listed
