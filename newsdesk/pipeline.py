"""poll -> parse -> fetch pages -> extract -> save: the one path every article takes into the archive.

``run_poll`` is what cron, the CLI and the app call. Each due feed is handled on its own: a failure
of one feed (network, parse, a bug tripped by its content) is recorded as that feed's health and the
poll goes on. Only archive errors (cannot write, busy past the timeout) stop a poll, because nothing
after them could be saved either. Each feed's new articles, validators and health are committed in
one transaction by ``store``, so a crash at any moment loses at most the feed being written.

Parsers of untrusted input (feedparser, trafilatura) run in ``WorkerPool`` processes with a time and
memory limit; all HTTP goes through one ``Fetcher``, so the per-host limit covers feeds and pages.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from newsdesk.config import Config
from newsdesk.durations import utcnow
from newsdesk.errors import ArchiveError, BusyError
from newsdesk.curation import Curator
from newsdesk.extract.article import build_article, entry_hash
from newsdesk.extract.page import extract_downloaded_page
from newsdesk.feeds.http import PAGE_ACCEPT, Fetcher
from newsdesk.feeds.parse import parse_feed
from newsdesk.feeds.politeness import (next_poll_after_failure, next_poll_after_success,
                                       parse_retry_after)
from newsdesk.models import Article, Feed, FeedEntry, FeedOutcome, ParsedFeed, PollProgress, PollReport
from newsdesk.store import Archive
from newsdesk.urls import source_name
from newsdesk.workers import TaskError, WorkerPool

ProgressCallback = Callable[[PollProgress], None]
PRELOAD = ("newsdesk.feeds.parse", "newsdesk.extract.page", "newsdesk.extract.tagging",
           "newsdesk.extract.entities", "newsdesk.extract.figures", "trafilatura")


def make_pool(config: Config) -> WorkerPool:
    return WorkerPool(config.extract.workers, memory_mb=config.extract.memory_mb, preload=PRELOAD)


@dataclass
class _Counters:
    done: int = 0
    new: int = 0
    errors: int = 0


class Poller:
    """Polls a set of feeds with one fetcher and one worker pool."""

    def __init__(self, archive: Archive, config: Config, fetcher: Fetcher, pool: WorkerPool,
                 now: datetime, curator: Curator) -> None:
        self.archive, self.config, self.fetcher, self.pool, self.now = archive, config, fetcher, pool, now
        self.curator = curator
        # Pages fetched but not yet extracted wait in memory; fetching is faster than extraction,
        # so without this bound a large poll holds thousands of pages at once.
        self.page_slots = asyncio.Semaphore(max(4, pool.size * 4))

    async def poll_feed(self, feed: Feed) -> FeedOutcome:
        cfg = self.config.poll
        result = await self.fetcher.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if result.not_modified:
            return self._not_modified(feed)
        if not result.ok:
            # Delta-seconds Retry-After counts from this poll's clock (``now`` is injected), not
            # from the fetcher's wall clock; an HTTP date is absolute either way.
            retry = parse_retry_after(result.headers.get("retry-after"), self.now)
            return self._failed(feed, result.error or "no response", retry, result.gone,
                                result.error_kind)
        assert result.body is not None
        body_hash = hashlib.sha256(result.body).hexdigest()
        if body_hash == feed.body_hash:  # a server that ignores validators: same body, no work
            return self._not_modified(feed)
        try:
            parsed: ParsedFeed = await self.pool.run(
                parse_feed, result.body, result.headers, result.final_url, cfg.max_items_per_feed,
                timeout=self.config.extract.timeout,
            )
        except TaskError as exc:
            return self._failed(feed, f"feed parse failed: {exc}")
        if parsed.error:
            return self._failed(feed, parsed.error)
        fresh, changed = self._sort_entries(feed, parsed.entries)
        source = feed.title or parsed.title or source_name(feed.url)
        built = await asyncio.gather(
            *(self._article(feed, e, source, result.final_url)
              for e in fresh + [entry for entry, _ in changed])
        )
        new_articles = list(built[:len(fresh)])
        updates = [replace(a, id=stored_id)
                   for a, (_, stored_id) in zip(built[len(fresh):], changed)]
        batch = self.curator.curate(new_articles, feed.id)
        new_ids = self.archive.save_poll(
            feed, batch.articles, etag=result.etag, last_modified=result.last_modified,
            body_hash=body_hash, polled_at=self.now,
            next_poll=next_poll_after_success(self.now, cfg.interval_minutes, key=feed.url),
            title=parsed.title, site_url=parsed.site_url, new_url=result.permanent_redirect,
            updates=updates, block_sightings=batch.sightings,
        )
        self.curator.after_save(batch)
        return FeedOutcome(feed.url, new_articles=len(new_ids))

    def _sort_entries(
        self, feed: Feed, entries: Sequence[FeedEntry],
    ) -> tuple[list[FeedEntry], list[tuple[FeedEntry, int]]]:
        """(new entries, (entry, stored id) for entries whose feed text changed since stored:
        retitled or updated articles are rewritten in place, not added again)."""
        known = self.archive.entry_states(
            feed.id, [e.guid for e in entries], [e.url for e in entries if e.url]
        )
        fresh: list[FeedEntry] = []
        changed: list[tuple[FeedEntry, int]] = []
        seen_urls: set[str] = set()
        for entry in entries:
            if not entry.url or entry.url in seen_urls:  # unsafe/missing link, or listed twice
                continue
            seen_urls.add(entry.url)
            state = known.get(entry.guid) or known.get(entry.url)
            if state is None:
                fresh.append(entry)
            elif state[1] and state[1] != entry_hash(entry):
                changed.append((entry, state[0]))
        return fresh, changed

    async def _article(self, feed: Feed, entry: FeedEntry, source: str, feed_url: str) -> Article:
        page, failure = None, None
        if self.config.poll.fetch_pages:
            page, failure = await self._fetch_and_extract(entry, feed_url)
        return build_article(entry, page, source=source, fetched=self.now, feed_id=feed.id,
                             failure=failure)

    async def _fetch_and_extract(self, entry: FeedEntry, feed_url: str):
        async with self.page_slots:
            return await self._fetch_and_extract_now(entry, feed_url)

    async def _fetch_and_extract_now(self, entry: FeedEntry, feed_url: str):
        result = await self.fetcher.fetch(entry.url, feed_url=feed_url, accept=PAGE_ACCEPT)
        if not result.ok:
            return None, f"page not fetched: {result.error or 'no body'}"
        try:
            page = await self.pool.run(extract_downloaded_page, result.body or b"", result.headers,
                                       result.final_url, entry.title, True,
                                       self.config.entities.extra_files,
                                       self.config.entities.discover,
                                       timeout=self.config.extract.timeout)
        except TaskError as exc:
            return None, f"extraction failed: {exc}"
        return page, None if page else "no article text found on the page"

    def _not_modified(self, feed: Feed) -> FeedOutcome:
        self.archive.record_not_modified(
            feed, polled_at=self.now,
            next_poll=next_poll_after_success(self.now, self.config.poll.interval_minutes,
                                              key=feed.url),
        )
        return FeedOutcome(feed.url, not_modified=True)

    def _failed(self, feed: Feed, error: str, retry_after: datetime | None = None,
                gone: bool = False, kind: str | None = None) -> FeedOutcome:
        cfg = self.config.poll
        next_poll = next_poll_after_failure(
            self.now, feed.consecutive_errors + 1, cfg.interval_minutes, retry_after,
            cfg.max_backoff_hours,
        )
        self.archive.record_failure(feed, error=error, polled_at=self.now, next_poll=next_poll,
                                    gone=gone)
        return FeedOutcome(feed.url, error=error, error_kind=kind)


async def poll_feeds(archive: Archive, config: Config, feeds: Sequence[Feed], *, now: datetime,
                     on_progress: ProgressCallback | None = None) -> PollReport:
    counters = _Counters()
    total = len(feeds)
    if not feeds:
        return PollReport()
    curator = Curator(archive, config, now)
    async with Fetcher(config.poll) as fetcher, make_pool(config) as pool:
        poller = Poller(archive, config, fetcher, pool, now, curator)

        async def one(feed: Feed) -> FeedOutcome:
            try:
                outcome = await poller.poll_feed(feed)
            except (asyncio.CancelledError, KeyboardInterrupt):
                raise
            except Exception as exc:
                if isinstance(exc, (ArchiveError, BusyError)):
                    raise
                # A bug tripped by one feed's content must not stop the others.
                outcome = poller._failed(feed, f"internal error: {type(exc).__name__}: {exc}")
            counters.done += 1
            counters.new += outcome.new_articles
            counters.errors += bool(outcome.error)
            if on_progress:
                on_progress(PollProgress(counters.done, total, counters.new, counters.errors,
                                         feed.url))
            return outcome

        outcomes = await asyncio.gather(*(one(f) for f in feeds))
    changed, error = place_in_stories(archive, config, now)
    return PollReport(feeds=tuple(outcomes), stories_changed=changed, stories_error=error)


def place_in_stories(archive: Archive, config: Config, now: datetime) -> tuple[int, str | None]:
    """Cluster what the poll or import stored; (stories changed, error). A failure here keeps
    every stored article (they stay unassigned and the next run places them), so it is reported,
    not raised -- except the archive's own errors, which mean the run cannot go on."""
    from newsdesk.storydesk import update_stories

    try:
        return update_stories(archive, config, now).changed, None
    except (ArchiveError, BusyError):
        raise
    except Exception as exc:  # a bug in clustering must not lose the poll
        return 0, f"stories not updated: {type(exc).__name__}: {exc}"


def run_poll(archive: Archive, config: Config, *, now: datetime | None = None,
             feed_urls: Sequence[str] = (), on_progress: ProgressCallback | None = None) -> PollReport:
    """Poll every due feed once (or exactly ``feed_urls``, due or not, adding new ones)."""
    now = now or utcnow()
    if feed_urls:
        feeds = [archive.add_feed(url, now=now)[0] for url in feed_urls]
    else:
        feeds = archive.due_feeds(now)
    return asyncio.run(poll_feeds(archive, config, feeds, now=now, on_progress=on_progress))


def add_curated_feeds(archive: Archive, now: datetime | None = None) -> int:
    """Subscribe to the shipped list of AI-industry feeds; returns how many were new."""
    from newsdesk.feeds.curated import load_curated

    now = now or utcnow()
    return sum(archive.add_feed(f.url, title=f.title, category=f.category, now=now)[1]
               for f in load_curated())
