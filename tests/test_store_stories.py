"""Stories in the archive on real SQLite files: migration, assignment, merges, content, reads."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlite_utils import Database

from newsdesk.models import (
    Article,
    Assignment,
    Coverage,
    CoverageItem,
    Disagreement,
    EntityTag,
    Figure,
    FigureSource,
    Story,
    StoryEntity,
    StoryFigure,
    SummarySentence,
)
from newsdesk.store import open_archive
from newsdesk.store.migrations import LATEST, MIGRATIONS

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
TAG = EntityTag("Moonshot AI", "lab", "Moonshot", 2, 5)
FIG = Figure("24,000 accounts", 24000.0, "accounts", entity="Moonshot AI", offset=30,
             flags=("unit_mismatch",))


def art(n: int, source: str = "Example", **kw) -> Article:
    fields = {"url": f"https://example.com/a/{n}", "title": f"Title {n}", "source": source,
              "text": f"body of article {n}", "published": NOW + n * HOUR, "fetched": NOW}
    fields.update(kw)
    return Article(**fields)


def story(story_id: int, article_ids: tuple[int, ...], text: str = "Moonshot", **kw) -> Story:
    """A story with every nested field filled in."""
    a, b = article_ids[0], article_ids[-1]
    src_a = FigureSource(24000.0, f"24,000 {text}", "Wire", a, None, None, ("unit_mismatch",))
    src_b = FigureSource(20000, "about 20,000", "Daily", b, "approximate", 21000.5)
    fields = {
        "id": story_id, "headline": f"{text} headline", "headline_article_id": b,
        "first_seen": NOW + HOUR, "last_seen": NOW + 5 * HOUR, "article_ids": article_ids,
        "sources": ("Wire", "Daily"),
        "summary": (SummarySentence(f"{text} said 24,000.", a, "Wire"),
                    SummarySentence("Others said 20,000.", b, "Daily")),
        "coverage": Coverage(first=CoverageItem(a, "Wire", NOW + HOUR),
                             followers=(CoverageItem(b, "Daily", NOW + 2 * HOUR),),
                             sources=("Wire", "Daily"),
                             per_hour=((NOW + HOUR, 1), (NOW + 2 * HOUR, 3))),
        "entities": (StoryEntity("Moonshot AI", "lab", 0.875, 2),
                     StoryEntity(text, "other", 0.1, 1)),
        "figures": (StoryFigure("Moonshot AI", "accounts", "count", None, 24000.0, "24,000",
                                (src_a,)),
                    StoryFigure(None, None, "money", "USD", 1.5e9, "$1.5bn", ())),
        "disagreements": (Disagreement("Moonshot AI", "accounts", (src_a, src_b)),),
        "merged_from": (9, 7),
    }
    fields.update(kw)
    return Story(**fields)


def seed(archive, n: int = 4, **kw) -> list[int]:
    return archive.save_articles([art(i, source=f"S{i % 2}", **kw) for i in range(1, n + 1)])


# -- migration ------------------------------------------------------------------------------------

def test_migration_from_the_previous_version_keeps_articles(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    db = Database(conn)
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
               "applied_at TEXT NOT NULL)")
    previous = [m for m in MIGRATIONS if m.version < 4]
    for m in previous:
        m.apply(db)
        db.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", [m.version, m.name])
    for i in (1, 2):
        db.execute("INSERT INTO articles (url, title, source, text) VALUES (?, ?, 'S', ?)",
                   [f"https://e.com/{i}", f"Old title {i}", f"archived words {i}"])
    conn.close()

    with open_archive(db_path) as archive:
        assert archive.schema_version == LATEST >= 4
        assert archive.count_articles() == 2
        assert {"stories", "story_merges"} <= set(archive.db.table_names())
        assert archive.stories_for_articles([1, 2]) == {}
        archive.assign_stories([Assignment(1, 1), Assignment(2, 1, 0.5)], NOW)
        assert archive.stories_for_articles([1, 2]) == {1: 1, 2: 1}
        # assigning changed story_id only: the text index still matches, and still finds them
        assert archive.integrity_ok()
        assert [a.id for a in archive.search("archived")] == [2, 1]
        archive.db.execute("UPDATE articles SET text = 'renamed words' WHERE id = 2")
        assert [a.id for a in archive.search("renamed")] == [2]


def test_indexes_serve_the_story_queries(archive):
    def plan(sql: str, params) -> str:
        return " ".join(r["detail"] for r in archive.db.query("EXPLAIN QUERY PLAN " + sql, params))
    assert "idx_stories_last_seen" in plan(
        "SELECT id FROM stories WHERE last_seen >= ? ORDER BY last_seen DESC, id DESC", ["x"])
    assert "idx_articles_story" in plan("SELECT * FROM articles WHERE story_id = ?", [1])
    restore = plan("SELECT * FROM articles WHERE story_id IN (SELECT id FROM stories "
                   "WHERE last_seen >= ?) ORDER BY story_id, id", ["x"])
    assert "idx_stories_last_seen" in restore and "idx_articles_story" in restore
    assert "TEMP B-TREE" not in restore


# -- assignment and merges ------------------------------------------------------------------------

def test_assign_creates_plain_rows_and_merge_moves_articles(archive):
    ids = seed(archive, 5)
    archive.assign_stories([Assignment(1, 1), Assignment(2, 2), Assignment(3, 1, 0.6),
                            Assignment(4, 4)], NOW)
    first = archive.get_story(1)
    assert first.article_ids == (1, 3) and first.headline == "Title 1"
    assert first.headline_article_id == 1 and first.sources == ("S1",)
    assert (first.first_seen, first.last_seen) == (NOW + HOUR, NOW + 3 * HOUR)

    later = NOW + 10 * HOUR
    archive.assign_stories([Assignment(5, 1, 0.7, merged=(2, 4))], later)
    merged = archive.get_story(1)
    assert merged.article_ids == tuple(ids)
    assert merged.sources == ("S1", "S0") and merged.merged_from == (2, 4)
    assert archive.stories_for_articles(ids) == {i: 1 for i in ids}
    assert [s.id for s in archive.stories_since()] == [1]
    rows = list(archive.db.query("SELECT * FROM story_merges ORDER BY from_id"))
    assert [(r["from_id"], r["into_id"], r["at"]) for r in rows] == [
        (2, 1, later.isoformat()), (4, 1, later.isoformat())]
    # an id merged away still finds the story, also through a chain of merges
    assert archive.get_story(2) == merged
    assert archive.story_article_list(4) == archive.story_article_list(1)


def test_get_story_follows_a_chain_of_merges(archive):
    seed(archive, 3)
    archive.assign_stories([Assignment(1, 1), Assignment(2, 2), Assignment(3, 3)], NOW)
    archive.assign_stories([Assignment(3, 2, merged=(3,))], NOW)
    archive.assign_stories([Assignment(2, 1, merged=(2,))], NOW)
    got = archive.get_story(3)
    assert got.id == 1 and got.article_ids == (1, 2, 3) and set(got.merged_from) == {2, 3}
    assert archive.get_story(99) is None


# -- content --------------------------------------------------------------------------------------

def test_save_round_trips_every_field_and_updated_moves_only_on_change(archive):
    ids = seed(archive, 3)
    archive.assign_stories([Assignment(i, 1) for i in ids], NOW)
    saved = story(1, tuple(ids))
    assert archive.save_stories([saved], NOW + HOUR) == [1]
    assert archive.get_story(1) == saved
    assert archive.stories_since(None) == [saved]

    def updated() -> str:
        return archive.db.execute("SELECT updated FROM stories WHERE id = 1").fetchone()[0]

    assert updated() == (NOW + HOUR).isoformat()
    assert archive.mark_story_read(1, NOW + 2 * HOUR)
    assert archive.unseen_story_ids() == set()
    assert archive.save_stories([saved], NOW + 3 * HOUR) == []          # same content
    assert updated() == (NOW + HOUR).isoformat()
    changed = replace(saved, summary=saved.summary[:1])
    assert archive.save_stories([changed], NOW + 4 * HOUR) == [1]
    assert updated() == (NOW + 4 * HOUR).isoformat()
    assert archive.get_story(1) == changed
    read_at = archive.db.execute("SELECT read_at FROM stories WHERE id = 1").fetchone()[0]
    assert read_at == (NOW + 2 * HOUR).isoformat()                      # kept
    assert archive.unseen_story_ids([1, 2]) == {1}
    assert archive.story_ids_changed(NOW + 4 * HOUR) == [1]
    assert archive.story_ids_changed(NOW + 5 * HOUR) == []


def test_save_attaches_the_listed_articles(archive):
    ids = seed(archive, 3)
    archive.assign_stories([Assignment(1, 1), Assignment(2, 2), Assignment(3, 2)], NOW)
    archive.save_stories([story(1, (1, 2))], NOW)
    assert archive.get_story(1).article_ids == (1, 2)
    assert archive.get_story(2).article_ids == (3,)
    assert archive.db.execute("SELECT article_count FROM stories WHERE id = 2").fetchone()[0] == 1
    assert archive.stories_for_articles(ids) == {1: 1, 2: 1, 3: 2}


@pytest.mark.parametrize("text", [
    'quote " and \\ backslash', "{\"json\": [1, 2]}", "]}\"), null", "ctl \x00\x01\x1f\x7f\u2028",
    "line\nbreak\ttab\r", "émoji 🙂 右", "'; DROP TABLE stories; --",
])
def test_hostile_text_round_trips(archive, text):
    ids = seed(archive, 2)
    archive.assign_stories([Assignment(1, 1), Assignment(2, 1)], NOW)
    hostile = story(1, tuple(ids), text=text, sources=(text, "Daily"))
    archive.save_stories([hostile], NOW)
    assert archive.get_story(1) == hostile


def test_record_stories_is_one_transaction(archive, monkeypatch):
    seed(archive, 2)
    import newsdesk.store.stories as stories_module

    def boom(_story):
        raise RuntimeError("content failed")

    monkeypatch.setattr(stories_module, "story_to_row", boom)
    with pytest.raises(RuntimeError):
        archive.record_stories([Assignment(1, 1), Assignment(2, 1)], [story(1, (1, 2))], NOW)
    assert archive.stories_for_articles([1, 2]) == {} and archive.stories_since() == []
    monkeypatch.undo()
    assert archive.record_stories([Assignment(1, 1), Assignment(2, 1)], [story(1, (1, 2))],
                                  NOW) == [1]
    assert archive.get_story(1) == story(1, (1, 2))


# -- reads ----------------------------------------------------------------------------------------

def test_open_story_articles_respects_since_and_carries_tags(archive):
    ids = seed(archive, 4, entities=(TAG,), figures=(FIG,))
    archive.assign_stories([Assignment(1, 1), Assignment(2, 2), Assignment(3, 1),
                            Assignment(4, 4)], NOW)
    # last_seen: story 1 -> +3h, story 2 -> +2h, story 4 -> +4h
    restored = archive.open_story_articles(NOW + 3 * HOUR)
    assert [(sid, [a.id for a in arts]) for sid, arts in restored] == [(1, [1, 3]), (4, [4])]
    article = restored[0][1][1]
    assert article.entities == (TAG,) and article.figures == (FIG,) and article.title == "Title 3"
    assert [sid for sid, _ in archive.open_story_articles(NOW)] == [1, 2, 4]
    assert archive.open_story_articles(NOW + 9 * HOUR) == []
    assert [a.id for a in archive.story_article_list(1)] == [1, 3]
    assert archive.story_article_list(1)[0].entities == (TAG,)
    assert ids == [1, 2, 3, 4]


def test_stories_since_order_and_limit(archive):
    seed(archive, 4)
    archive.assign_stories([Assignment(i, i) for i in (1, 2, 3, 4)], NOW)
    archive.save_stories([story(2, (2,), last_seen=NOW + 9 * HOUR),
                          story(3, (3,), last_seen=NOW + 9 * HOUR)], NOW)
    assert [s.id for s in archive.stories_since()] == [3, 2, 4, 1]      # ties by id desc
    assert [s.id for s in archive.stories_since(limit=2)] == [3, 2]
    assert [s.id for s in archive.stories_since(NOW + 4 * HOUR)] == [3, 2, 4]
    assert [s.id for s in archive.stories_since(NOW + 4 * HOUR, limit=0)] == []


def test_clear_stories(archive):
    ids = seed(archive, 3)
    archive.assign_stories([Assignment(1, 1), Assignment(2, 2), Assignment(3, 1, merged=(2,))],
                           NOW)
    archive.clear_stories()
    assert archive.stories_for_articles(ids) == {}
    assert archive.stories_since() == [] and archive.get_story(2) is None
    assert archive.db.execute("SELECT count(*) FROM story_merges").fetchone()[0] == 0
    assert archive.count_articles() == 3


def test_unassigned_articles_come_oldest_first_with_their_tags(archive):
    # stored in id order 1..3, but published newest first: clustering wants the news's own order
    archive.save_articles([art(i, published=NOW - i * HOUR, entities=(TAG,)) for i in (1, 2, 3)])
    archive.assign_stories([Assignment(2, 2)], NOW)
    found = archive.unassigned_articles(limit=5)
    assert [a.id for a in found] == [3, 1]
    assert all(a.entities == (TAG,) for a in found)
    assert [a.id for a in archive.unassigned_articles(limit=1)] == [3]


def test_mark_story_read_unknown_and_unread(archive):
    seed(archive, 1)
    archive.assign_stories([Assignment(1, 1)], NOW)
    assert not archive.mark_story_read(42, NOW)
    assert archive.mark_story_read(1, NOW) and archive.unseen_story_ids() == set()
    assert archive.mark_story_read(1, NOW, read=False) and archive.unseen_story_ids() == {1}


def test_a_merged_id_that_comes_back_is_its_own_story_again(archive):
    seed(archive, 3)
    archive.assign_stories([Assignment(1, 1), Assignment(2, 2), Assignment(3, 1, merged=(2,))],
                           NOW)
    assert archive.get_story(2).id == 1
    archive.assign_stories([Assignment(2, 2)], NOW)   # the clusterer split it out again
    assert archive.get_story(2).article_ids == (2,)
    assert archive.get_story(1).article_ids == (1, 3)
