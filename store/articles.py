"""Articles in the archive: insert (from a poll or an import), read back, count, minimal search.

The FTS5 index (``articles_fts``) is kept in step with ``articles`` by triggers, so every insert,
update and delete here is indexed in the same transaction. Search quotes the user's words with
sqlite-utils' ``quote_fts``: user text never reaches ``MATCH`` as query syntax. Field operators,
snippets and story grouping come later, in their own module.

``insert_articles`` carries the crash-test hook: with ``NEWSDESK_TEST_PAUSE_AFTER_INSERTS=K`` in the
environment it prints "paused" to stderr after K inserts and sleeps inside the open transaction,
so a test can ``kill -9`` a writer mid-feed and check that nothing of it survives.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from newsdesk.models import Article

from .base import ArchiveBase
from .tags import write_tags
from .rows import ARTICLE_COLUMNS, article_from_row, article_to_row, from_text, to_text

PAUSE_ENV = "NEWSDESK_TEST_PAUSE_AFTER_INSERTS"
_SEEN = "coalesce(published, fetched)"
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in ARTICLE_COLUMNS)}) ON CONFLICT(url) DO NOTHING"
)


def _pause_point() -> int | None:
    """Crash-test hook: how many inserts to make before stopping inside the transaction."""
    raw = os.environ.get(PAUSE_ENV)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def _pause_if(pause_at: int | None, done: int) -> None:
    if pause_at is not None and done == pause_at:
        sys.stderr.write("paused\n")
        sys.stderr.flush()
        time.sleep(3600)


def insert_articles(db: Database, articles: Sequence[Article], *, feed_id: int | None,
                    use_article_feed: bool = False) -> list[int]:
    """Insert inside an open write transaction; a URL already stored is skipped. New ids back."""
    pause_at = _pause_point()
    _pause_if(pause_at, 0)
    new_ids: list[int] = []
    for done, article in enumerate(articles, start=1):
        row = article_to_row(article, feed_id=article.feed_id if use_article_feed else feed_id)
        cursor = db.execute(_INSERT_ARTICLE, row)
        if cursor.rowcount == 1 and cursor.lastrowid is not None:
            new_ids.append(int(cursor.lastrowid))
            if article.entities or article.figures:
                write_tags(db, int(cursor.lastrowid), article)
        _pause_if(pause_at, done)
    return new_ids


class ArticleQueries(ArchiveBase):
    def save_articles(self, articles: Sequence[Article], *,
                      block_sightings: Sequence[tuple[str, str, str]] = (),
                      seen_at: datetime | None = None) -> list[int]:
        """Store articles in one transaction (``newsdesk import``). Each keeps its own ``feed_id``
        (usually None); a URL already stored is skipped. Returns the new ids."""
        from .copies import record_block_sightings

        with self.write() as db:
            new_ids = insert_articles(db, articles, feed_id=None, use_article_feed=True)
            if block_sightings and seen_at is not None:
                record_block_sightings(db, block_sightings, seen_at)
            return new_ids

    def get_article(self, article_id: int) -> Article | None:
        rows = self._read("SELECT * FROM articles WHERE id = ?", [article_id])
        return article_from_row(rows[0]) if rows else None

    def list_articles(self, *, since: datetime | None = None,
                      limit: int | None = None) -> list[Article]:
        """Newest first by publication time (fetch time when the feed gave none)."""
        sql = "SELECT * FROM articles"
        params: dict[str, Any] = {}
        if since is not None:
            sql += f" WHERE {_SEEN} >= :since"
            params["since"] = to_text(since)
        sql += f" ORDER BY {_SEEN} DESC, id DESC"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = max(0, int(limit))
        return [article_from_row(r) for r in self._read(sql, params)]

    def article_pages(self, *, since: datetime | None = None,
                      size: int = 1000) -> Iterator[list[Article]]:
        """Every article (seen since ``since``) in ``list_articles``'s order, ``size`` at a time:
        an export of a million articles holds one page, not the archive. Keyset paging on the
        time index, each page its own read; articles with no time at all come last."""
        after: tuple[str, int] | None = None
        while True:
            where, params = [f"{_SEEN} IS NOT NULL"], {"size": size}
            if since is not None:
                where.append(f"{_SEEN} >= :since")
                params["since"] = to_text(since)
            if after is not None:
                where.append(f"({_SEEN} < :seen OR ({_SEEN} = :seen AND id < :id))")
                params.update(seen=after[0], id=after[1])
            rows = self._read(f"SELECT *, {_SEEN} AS seen_at FROM articles WHERE "
                              f"{' AND '.join(where)} ORDER BY {_SEEN} DESC, id DESC "
                              "LIMIT :size", params)
            if not rows:
                break
            after = (rows[-1]["seen_at"], rows[-1]["id"])
            yield [article_from_row(r) for r in rows]
        if since is None:               # no time to compare with `since`: only in a full export
            last = None
            while rows := self._read(
                    f"SELECT * FROM articles WHERE {_SEEN} IS NULL" + (
                        " AND id < :id" if last is not None else "")
                    + " ORDER BY id DESC LIMIT :size", {"id": last, "size": size}):
                last = rows[-1]["id"]
                yield [article_from_row(r) for r in rows]

    def articles_per_feed(self, since: datetime) -> dict[int, int]:
        """feed id -> articles fetched since ``since`` (the feeds' health view: what a feed
        brought lately, whatever dates its items carry)."""
        return {r["feed_id"]: r["n"] for r in self._read(
            "SELECT feed_id, count(*) AS n FROM articles WHERE fetched >= ? AND feed_id IS NOT "
            "NULL GROUP BY feed_id", [to_text(since)])}

    def newest_fetch_per_feed(self) -> dict[int, datetime]:
        """feed id -> when its newest article was fetched (the digest's quiet feeds: how long a
        feed that still answers has brought nothing)."""
        found: dict[int, datetime] = {}
        for r in self._read("SELECT feed_id, max(fetched) AS newest FROM articles "
                            "WHERE feed_id IS NOT NULL GROUP BY feed_id"):
            newest = from_text(r["newest"])
            if newest is not None:
                found[r["feed_id"]] = newest
        return found

    def count_articles(self) -> int:
        return int(self._scalar("SELECT count(*) FROM articles") or 0)

    def search(self, query_fts: str, limit: int = 20) -> list[Article]:
        """Articles whose title or text hold every word of ``query_fts``, best bm25 match first."""
        quoted = self.db.quote_fts(query_fts or "")
        if not quoted.strip():
            return []
        rows = self._read(
            "SELECT articles.* FROM articles_fts "
            "JOIN articles ON articles.id = articles_fts.rowid "
            "WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts), articles.id DESC "
            "LIMIT :limit",
            {"q": quoted, "limit": max(0, int(limit))},
        )
        return [article_from_row(r) for r in rows]
