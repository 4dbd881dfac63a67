"""Stories in the archive: which story each article belongs to, merges, and each story's content.

Clustering and story content are computed in ``stories`` (pure); this module only stores them and
reads them back. ``articles.story_id`` is the one record of membership: a story's ``article_ids``
are read from it (arrival order = article id order), and ``assign_stories`` keeps each touched
story's row (counts, first and last seen) in step with it, creating a plain row (headline = the
opening article's title) for a story the content builder has not saved yet, so every assigned
article is reachable from a story. ``save_stories`` then writes the content. A merged-away story
leaves a ``story_merges`` row, so an id the user saw still finds the story that absorbed it.

It will not decide anything about stories: no similarity, no headline choice, no summaries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from newsdesk.models import Article, Assignment, Story

from .base import ArchiveBase, chunks
from .rows import article_from_row, to_text
from .story_rows import (
    CONTENT_COLUMNS,
    merged_from_json,
    merged_to_json,
    story_from_row,
    story_to_row,
)
from .tags import TagQueries

_SEEN = "coalesce(published, fetched)"
# A story row with the ids of its articles (as a JSON array), read in one statement.
_STORY_SELECT = ("SELECT s.*, (SELECT json_group_array(a.id) FROM articles a "
                 "WHERE a.story_id = s.id) AS article_ids FROM stories s")
_UPSERT = (
    f"INSERT INTO stories (id, {', '.join(CONTENT_COLUMNS)}, updated) "
    f"VALUES (:id, {', '.join(':' + c for c in CONTENT_COLUMNS)}, :updated) "
    f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in CONTENT_COLUMNS)}, "
    "updated = excluded.updated"
)


def _story(row: dict[str, Any]) -> Story:
    return story_from_row(row, sorted(json.loads(row.pop("article_ids") or "[]")))


def _merge(db: Database, gone: int, into: int, at: str, pending: dict[int, set[int]]) -> None:
    """Move story ``gone`` into ``into``: its articles, the ids it had absorbed, a merge record."""
    rows = list(db.query("SELECT merged_from FROM stories WHERE id = ?", [gone]))
    absorbed = {gone} | pending.pop(gone, set())
    if rows:
        absorbed |= merged_from_json(rows[0]["merged_from"])
    pending.setdefault(into, set()).update(absorbed - {into})
    db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [into, gone])
    db.execute("INSERT OR REPLACE INTO story_merges (from_id, into_id, at) VALUES (?, ?, ?)",
               [gone, into, at])
    db.execute("DELETE FROM stories WHERE id = ?", [gone])


def _make_live(db: Database, story_ids: Iterable[int]) -> None:
    """``story_ids`` are stories now, so none of them is merged away any more: drop their
    ``story_merges`` rows and take them out of every story's ``merged_from``.

    An id is merged away only while no story has it, but SQLite gives the id of a pruned top
    article to the next new article, which may open a story under it; the story that absorbed the
    old id must forget it, or its ``merged_from`` claims an unrelated story. Every id in a
    ``merged_from`` has a ``story_merges`` row (``_merge`` and the prune's re-keying write both),
    so those rows, read by primary key, say whether there is anything to do: almost never, and
    only then are the stories scanned (a LIKE on the JSON text, verified by parsing it)."""
    gone: list[int] = []
    for chunk, marks in chunks(sorted(set(story_ids))):
        gone += [r[0] for r in db.execute(
            f"SELECT from_id FROM story_merges WHERE from_id IN ({marks})", chunk)]
    for story_id in gone:
        db.execute("DELETE FROM story_merges WHERE from_id = ?", [story_id])
        for holder, raw in db.execute(
                "SELECT id, merged_from FROM stories WHERE merged_from LIKE ?",
                [f"%{story_id}%"]).fetchall():
            absorbed = merged_from_json(raw)
            if story_id in absorbed:
                db.execute("UPDATE stories SET merged_from = ? WHERE id = ?",
                           [merged_to_json(absorbed - {story_id}), holder])


def _live_ids(db: Database, ids: Iterable[int]) -> set[int]:
    """Which of ``ids`` are stories (rows in ``stories``)."""
    found: set[int] = set()
    for chunk, marks in chunks(sorted(set(ids))):
        found.update(r[0] for r in db.execute(
            f"SELECT id FROM stories WHERE id IN ({marks})", chunk))
    return found


def _refresh(db: Database, story_ids: Sequence[int], at: str,
             merged: dict[int, set[int]]) -> None:
    """Bring the rows of stories whose membership changed in step with their articles."""
    for chunk, marks in chunks(sorted(story_ids)):
        sources: dict[int, list[str]] = {i: [] for i in chunk}
        for r in db.query(f"SELECT story_id, source, min({_SEEN}) AS seen, min(id) AS first "
                          f"FROM articles WHERE story_id IN ({marks}) GROUP BY story_id, source "
                          "ORDER BY story_id, seen, first", chunk):
            sources[r["story_id"]].append(r["source"])
        stats = {r["story_id"]: r for r in db.query(
            f"SELECT story_id, count(*) AS n, min({_SEEN}) AS first_seen, "
            f"max({_SEEN}) AS last_seen, min(id) AS first_id FROM articles "
            f"WHERE story_id IN ({marks}) GROUP BY story_id", chunk)}
        old = {r["id"]: r["merged_from"] for r in db.query(
            f"SELECT id, merged_from FROM stories WHERE id IN ({marks})", chunk)}
        for story_id in chunk:
            s = stats.get(story_id)
            if s is None:  # every article moved elsewhere: the story is gone
                db.execute("DELETE FROM stories WHERE id = ?", [story_id])
                continue
            opener = story_id if db.execute("SELECT 1 FROM articles WHERE id = ? AND story_id = ?",
                                            [story_id, story_id]).fetchone() else s["first_id"]
            db.execute(
                "INSERT INTO stories (id, headline, headline_article_id, first_seen, last_seen, "
                "article_count, source_count, sources, merged_from, updated) VALUES (:id, "
                "(SELECT title FROM articles WHERE id = :opener), :opener, :first, :last, :n, "
                ":sc, :sources, :merged, :at) ON CONFLICT(id) DO UPDATE SET "
                "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
                "article_count = excluded.article_count, source_count = excluded.source_count, "
                "sources = excluded.sources, merged_from = excluded.merged_from, "
                "updated = excluded.updated",
                {"id": story_id, "opener": opener, "first": s["first_seen"] or at,
                 "last": s["last_seen"] or at, "n": s["n"], "sc": len(sources[story_id]),
                 "sources": json.dumps(sources[story_id], ensure_ascii=False),
                 "merged": merged_to_json(merged_from_json(old.get(story_id))
                                          | merged.get(story_id, set())),
                 "at": at})


class StoryQueries(TagQueries, ArchiveBase):
    # -- writes ------------------------------------------------------------------------------
    def assign_stories(self, assignments: Sequence[Assignment], now: datetime) -> None:
        """Record where the clusterer put each article, in one transaction.

        Each merged id's articles move to the surviving story, a ``story_merges`` row records the
        merge and the absorbed story's row is deleted. Every touched story's row is brought in step
        with its articles (created if new) and its ``updated`` set to ``now``."""
        at = to_text(now) or ""
        with self.write() as db:
            touched: set[int] = set()
            merged: dict[int, set[int]] = {}
            for a in assignments:
                for gone in a.merged:
                    if gone != a.story_id:
                        _merge(db, gone, a.story_id, at, merged)
                        touched.discard(gone)
                old = db.execute("SELECT story_id FROM articles WHERE id = ?",
                                 [a.article_id]).fetchone()
                if old is None:
                    continue  # not stored: nothing to assign
                if old[0] is not None and old[0] != a.story_id:
                    touched.add(old[0])  # moved out of another story
                db.execute("UPDATE articles SET story_id = ? WHERE id = ?",
                           [a.story_id, a.article_id])
                touched.add(a.story_id)
            _refresh(db, sorted(touched), at, merged)
            _make_live(db, touched)  # a live story is no longer merged away

    def save_stories(self, stories: Sequence[Story], now: datetime) -> list[int]:
        """Write each story's content (insert or replace), in one transaction; the ids that changed.

        A story's listed ``article_ids`` are attached to it. ``updated`` moves to ``now`` only when
        what is stored differs (content, counts or membership); ``read_at`` is kept."""
        changed: list[int] = []
        saving = {story.id for story in stories}
        with self.write() as db:
            _make_live(db, saving)
            for story in stories:
                row = story_to_row(story)
                # the builder read ``merged_from`` before this batch made some of those ids live
                stale = _live_ids(db, story.merged_from) | (set(story.merged_from) & saving)
                if stale:
                    row["merged_from"] = merged_to_json(set(story.merged_from) - stale)
                moved, left = 0, set()
                for chunk, marks in chunks(list(dict.fromkeys(story.article_ids))):
                    left.update(r[0] for r in db.execute(
                        f"SELECT DISTINCT story_id FROM articles WHERE id IN ({marks}) "
                        "AND story_id IS NOT NULL AND story_id != ?", [*chunk, story.id]))
                    moved += db.execute(
                        f"UPDATE articles SET story_id = ? WHERE id IN ({marks}) "
                        "AND story_id IS NOT ?", [story.id, *chunk, story.id]).rowcount
                row["article_count"] = db.execute(
                    "SELECT count(*) FROM articles WHERE story_id = ?", [story.id]).fetchone()[0]
                stored = list(db.query("SELECT * FROM stories WHERE id = ?", [story.id]))
                if left:  # articles taken from other stories: bring those in step
                    _refresh(db, sorted(left), to_text(now) or "", {})
                if not moved and stored and all(stored[0][c] == row[c] for c in CONTENT_COLUMNS):
                    continue
                db.execute(_UPSERT, {**row, "updated": to_text(now)})
                changed.append(story.id)
        return changed

    def record_stories(self, assignments: Sequence[Assignment], stories: Sequence[Story],
                       now: datetime) -> list[int]:
        """``assign_stories`` then ``save_stories`` in ONE transaction (the pipeline's batch)."""
        with self.write():
            self.assign_stories(assignments, now)
            return self.save_stories(stories, now)

    def clear_stories(self) -> None:
        """Forget every story (before ``recluster``): one transaction."""
        with self.write() as db:
            db.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
            db.execute("DELETE FROM stories")
            db.execute("DELETE FROM story_merges")

    def mark_story_read(self, story_id: int, now: datetime, *, read: bool = True) -> bool:
        """Remember the user looked at the story (``read=False`` forgets it). False if unknown."""
        with self.write() as db:
            target = self._resolve(story_id)
            return db.execute("UPDATE stories SET read_at = ? WHERE id = ?",
                              [to_text(now) if read else None, target]).rowcount > 0

    # -- reads -------------------------------------------------------------------------------
    def _resolve(self, story_id: int) -> int:
        """The story that holds ``story_id`` now: itself, or where its merges led."""
        rows = self._read(
            "WITH RECURSIVE chain(id, depth) AS (SELECT ?, 0 UNION ALL SELECT m.into_id, "
            "depth + 1 FROM story_merges m JOIN chain ON m.from_id = chain.id WHERE depth < 64) "
            "SELECT id FROM chain ORDER BY depth DESC LIMIT 1", [story_id])
        return int(rows[0]["id"]) if rows else story_id

    def get_story(self, story_id: int) -> Story | None:
        """The story, following merges when ``story_id`` was absorbed by another."""
        rows = self._read(_STORY_SELECT + " WHERE s.id = ?", [self._resolve(story_id)])
        return _story(rows[0]) if rows else None

    def stories_since(self, since: datetime | None = None,
                      limit: int | None = None) -> list[Story]:
        """Stories with activity since ``since``, newest ``last_seen`` first (ties: id desc)."""
        sql = _STORY_SELECT
        params: dict[str, Any] = {}
        if since is not None:
            sql += " WHERE s.last_seen >= :since"
            params["since"] = to_text(since)
        sql += " ORDER BY s.last_seen DESC, s.id DESC"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = max(0, int(limit))
        return [_story(r) for r in self._read(sql, params)]

    def story_article_list(self, story_id: int) -> list[Article]:
        """The story's articles (copies included) with their tags, in arrival (id) order."""
        rows = self._read("SELECT * FROM articles WHERE story_id = ? ORDER BY id",
                          [self._resolve(story_id)])
        return self.with_tags([article_from_row(r) for r in rows])

    def open_story_articles(self, since: datetime) -> list[tuple[int, list[Article]]]:
        """Stories active since ``since`` with their tagged articles (arrival order), by story id:
        what the clusterer needs to rebuild its open stories at start."""
        rows = self._read(
            "SELECT * FROM articles WHERE story_id IN (SELECT id FROM stories "
            "WHERE last_seen >= ?) ORDER BY story_id, id", [to_text(since)])
        articles = self.with_tags([article_from_row(r) for r in rows])
        grouped: dict[int, list[Article]] = {}
        for row, article in zip(rows, articles, strict=True):
            grouped.setdefault(row["story_id"], []).append(article)
        return list(grouped.items())

    def unassigned_articles(self, limit: int = 1000) -> list[Article]:
        """The first ``limit`` articles (with tags) no story holds yet, oldest first (published,
        else fetched; then id): what the pipeline clusters after a poll or an import, and after a
        crash that lost a batch. A poll stores feed by feed; time order is the order the news
        happened in, which is what online clustering needs."""
        rows = self._read(f"SELECT * FROM articles WHERE story_id IS NULL ORDER BY {_SEEN}, id "
                          "LIMIT ?", [max(1, int(limit))])
        return self.with_tags([article_from_row(r) for r in rows])

    def articles_by_id(self, article_ids: Iterable[int]) -> dict[int, Article]:
        """The articles with these ids, with their tags."""
        found: dict[int, Article] = {}
        for chunk, marks in chunks(list(dict.fromkeys(article_ids))):
            rows = self._read(f"SELECT * FROM articles WHERE id IN ({marks})", chunk)
            for article in self.with_tags([article_from_row(r) for r in rows]):
                found[article.id or 0] = article
        return found

    def story_assignments(self) -> dict[int, int]:
        """article id -> story id for every article a story holds (``recluster`` compares)."""
        return {r["id"]: r["story_id"] for r in self._read(
            "SELECT id, story_id FROM articles WHERE story_id IS NOT NULL")}

    def merged_from_of(self, story_ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
        """The ids each story has absorbed so far (for rebuilding its content)."""
        found: dict[int, tuple[int, ...]] = {}
        for chunk, marks in chunks(list(dict.fromkeys(story_ids))):
            for r in self._read(f"SELECT id, merged_from FROM stories WHERE id IN ({marks})",
                                chunk):
                found[r["id"]] = tuple(sorted(merged_from_json(r["merged_from"])))
        return found

    def stories_for_articles(self, article_ids: Iterable[int]) -> dict[int, int]:
        """article id -> story id, for the articles that have one (exports, search hits)."""
        found: dict[int, int] = {}
        for chunk, marks in chunks(list(dict.fromkeys(article_ids))):
            for r in self._read(f"SELECT id, story_id FROM articles WHERE id IN ({marks}) "
                                "AND story_id IS NOT NULL", chunk):
                found[r["id"]] = r["story_id"]
        return found

    def story_ids_changed(self, since: datetime) -> list[int]:
        """Stories whose articles or content changed at or after ``since``, latest change first."""
        return [r["id"] for r in self._read(
            "SELECT id FROM stories WHERE updated >= ? ORDER BY updated DESC, id DESC",
            [to_text(since)])]

    def unseen_story_ids(self, story_ids: Iterable[int] | None = None) -> set[int]:
        """Stories never opened, or updated since the user last opened them (of ``story_ids``)."""
        where = "read_at IS NULL OR updated > read_at"
        if story_ids is None:
            return {r["id"] for r in self._read(f"SELECT id FROM stories WHERE {where}")}
        found: set[int] = set()
        for chunk, marks in chunks(list(dict.fromkeys(story_ids))):
            found.update(r["id"] for r in self._read(
                f"SELECT id FROM stories WHERE id IN ({marks}) AND ({where})", chunk))
        return found
