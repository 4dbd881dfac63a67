"""Feed subscriptions and their polling health: the queries behind ``feeds`` commands and polls.

A poll's outcome for one feed is recorded in one transaction: new articles first, then the new
validators (ETag, Last-Modified, body hash) and health. Validators are stored only together with
the entries they describe, so a crash or an error never leaves a feed that claims "not modified"
for entries the archive does not hold. ``record_failure`` never touches validators.

Fetching, parsing and scheduling (when ``next_poll`` should be) belong to feeds/ and the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from newsdesk.models import Article, Feed

from .copies import record_block_sightings, update_articles
from .articles import insert_articles
from .base import ArchiveBase
from .rows import feed_from_row, to_text


_FEED_SELECT = """
    SELECT feeds.*,
           (SELECT count(*) FROM articles WHERE articles.feed_id = feeds.id) AS article_count
    FROM feeds
"""
# Fill a descriptive field only when given and the stored one is empty: the user's --title wins.
_FILL = (
    "{col} = CASE WHEN :{col} IS NOT NULL AND coalesce({col}, '') = '' THEN :{col} ELSE {col} END"
)


class FeedQueries(ArchiveBase):
    # -- subscriptions -----------------------------------------------------------------------
    def add_feed(self, url: str, *, title: str | None = None, site_url: str | None = None,
                 category: str | None = None, now: datetime) -> tuple[Feed, bool]:
        """Subscribe to ``url``. An existing feed is returned as it is (``created`` False),
        with ``title``/``site_url``/``category`` filled in only where they were empty."""
        params = {"url": url, "title": title, "site_url": site_url, "category": category}
        with self.write() as db:
            existing = list(db.query("SELECT id FROM feeds WHERE url = ?", [url]))
            if existing:
                db.execute(
                    "UPDATE feeds SET " + ", ".join(
                        _FILL.format(col=c) for c in ("title", "site_url", "category")
                    ) + " WHERE url = :url",
                    params,
                )
                created = False
            else:
                db.execute(
                    "INSERT INTO feeds (url, title, site_url, category, added_at) "
                    "VALUES (:url, :title, :site_url, :category, :added_at)",
                    {**params, "added_at": to_text(now)},
                )
                created = True
            rows = list(db.query(_FEED_SELECT + " WHERE feeds.url = ?", [url]))
        return feed_from_row(rows[0]), created

    def remove_feed(self, url: str) -> bool:
        """Unsubscribe. The feed's articles stay in the archive (their ``feed_id`` becomes NULL)."""
        with self.write() as db:
            return db.execute("DELETE FROM feeds WHERE url = ?", [url]).rowcount > 0

    def get_feed(self, url: str) -> Feed | None:
        rows = self._read(_FEED_SELECT + " WHERE feeds.url = ?", [url])
        return feed_from_row(rows[0]) if rows else None

    def get_feed_by_id(self, feed_id: int) -> Feed | None:
        rows = self._read(_FEED_SELECT + " WHERE feeds.id = ?", [feed_id])
        return feed_from_row(rows[0]) if rows else None

    def list_feeds(self) -> list[Feed]:
        rows = self._read(
            _FEED_SELECT
            + " ORDER BY lower(coalesce(nullif(feeds.title, ''), feeds.url)), feeds.url"
        )
        return [feed_from_row(r) for r in rows]

    def due_feeds(self, now: datetime) -> list[Feed]:
        """Feeds to poll at ``now``: never polled, or ``next_poll`` has come; never gone ones."""
        rows = self._read(
            _FEED_SELECT + " WHERE feeds.status != 'gone' "
            "AND (feeds.next_poll IS NULL OR feeds.next_poll <= ?) "
            "ORDER BY feeds.next_poll IS NOT NULL, feeds.next_poll, feeds.id",
            [to_text(now)],
        )
        return [feed_from_row(r) for r in rows]

    # -- polling -----------------------------------------------------------------------------

    def save_poll(self, feed: Feed, articles: Sequence[Article], *, etag: str | None,
                  last_modified: str | None, body_hash: str | None, polled_at: datetime,
                  next_poll: datetime, title: str | None = None, site_url: str | None = None,
                  new_url: str | None = None, updates: Sequence[Article] = (),
                  block_sightings: Sequence[tuple[str, str, str]] = ()) -> list[int]:
        """Store a successful poll in ONE transaction: the articles, then validators and health.

        Articles are attached to ``feed``; an article whose URL is already stored is skipped.
        ``new_url`` (a permanent redirect) is adopted unless another feed already has that URL.
        If the feed was removed meanwhile, nothing is stored. Returns the new article ids.
        ``updates`` rewrite stored articles (a retitled entry); ``block_sightings`` count the
        blocks each new article carried in the per-host boilerplate memory.
        """
        with self.write() as db:
            if not list(db.query("SELECT 1 FROM feeds WHERE id = ?", [feed.id])):
                return []
            new_ids = insert_articles(db, articles, feed_id=feed.id)
            update_articles(db, updates)
            record_block_sightings(db, block_sightings, polled_at)
            url_taken = new_url is not None and bool(list(db.query(
                "SELECT 1 FROM feeds WHERE url = ? AND id != ?", [new_url, feed.id]
            )))
            db.execute(
                "UPDATE feeds SET etag = :etag, last_modified = :last_modified, "
                "body_hash = :body_hash, " + _FILL.format(col="title") + ", "
                + _FILL.format(col="site_url") + ", "
                "url = coalesce(:new_url, url), status = 'ok', consecutive_errors = 0, "
                "last_error = NULL, last_polled = :polled_at, last_success = :polled_at, "
                "next_poll = :next_poll WHERE id = :id",
                {
                    "etag": etag, "last_modified": last_modified, "body_hash": body_hash,
                    "title": title, "site_url": site_url,
                    "new_url": None if url_taken else new_url,
                    "polled_at": to_text(polled_at), "next_poll": to_text(next_poll),
                    "id": feed.id,
                },
            )
        return new_ids

    def record_not_modified(self, feed: Feed, *, polled_at: datetime,
                            next_poll: datetime) -> None:
        """A 304 (or an identical body): healthy, nothing new, validators kept as they are."""
        with self.write() as db:
            db.execute(
                "UPDATE feeds SET status = 'ok', consecutive_errors = 0, last_error = NULL, "
                "last_polled = :polled_at, last_success = :polled_at, next_poll = :next_poll "
                "WHERE id = :id",
                {"polled_at": to_text(polled_at), "next_poll": to_text(next_poll), "id": feed.id},
            )

    def record_failure(self, feed: Feed, *, error: str, polled_at: datetime, next_poll: datetime,
                       gone: bool = False) -> None:
        """A failed poll: one more consecutive error, status 'error' ('gone' for a 410)."""
        with self.write() as db:
            db.execute(
                "UPDATE feeds SET status = :status, consecutive_errors = consecutive_errors + 1, "
                "last_error = :error, last_polled = :polled_at, next_poll = :next_poll "
                "WHERE id = :id",
                {
                    "status": "gone" if gone else "error", "error": error,
                    "polled_at": to_text(polled_at), "next_poll": to_text(next_poll),
                    "id": feed.id,
                },
            )
