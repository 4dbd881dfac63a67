"""Subscribing from the app or the CLI: OPML import and feed health, over the archive.

The app may not import ``newsdesk.feeds`` (only the pipeline and the CLI drive the network side),
so what both need from it lives here: reading an OPML file into subscriptions, and each feed's
recent output for the health view. Nothing here fetches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from newsdesk.models import Feed
from newsdesk.store.archive import Archive

QUIET_DAYS = 7          # a feed with no new article for this long is "quiet"


@dataclass(frozen=True)
class FeedHealth:
    feed: Feed
    per_day: float          # articles a day over the last QUIET_DAYS days
    quiet: bool             # polled fine but nothing new for QUIET_DAYS days


def import_opml(archive: Archive, path: Path, now: datetime) -> tuple[int, int]:
    """Subscribe to every feed of an OPML file: (added, already subscribed). Raises ValueError
    for a file that is not OPML."""
    from newsdesk.feeds.opml import read_opml

    outlines = read_opml(path.read_bytes())
    added = sum(archive.add_feed(o.url, title=o.title, site_url=o.site_url,
                                 category=o.category, now=now)[1] for o in outlines)
    return added, len(outlines) - added


def feed_health(archive: Archive, now: datetime) -> list[FeedHealth]:
    """Every feed with its recent output, failing feeds first, then quiet ones, then by title."""
    since = now - timedelta(days=QUIET_DAYS)
    recent = archive.articles_per_feed(since)
    out = []
    for feed in archive.list_feeds():
        n = recent.get(feed.id, 0)
        quiet = feed.status == "ok" and n == 0 and feed.last_success is not None
        out.append(FeedHealth(feed, n / QUIET_DAYS, quiet))
    rank = {"error": 0, "gone": 1}
    out.sort(key=lambda h: (rank.get(h.feed.status, 3 if not h.quiet else 2),
                            (h.feed.title or h.feed.url).lower()))
    return out
