"""JSON Feed 1.0 and 1.1, read with ``json`` because feedparser 6 returns them empty.

Same output as the XML path (``ParsedFeed`` of ``FeedEntry``) and the same item rules
(``feeds.entries``). Every field is type-checked: a JSON Feed is as hostile as any other input, and
a number where a string belongs must cost the item a field, not the feed. ``content_html`` is
passed on as the feed wrote it (minus control characters): unlike feedparser's XML path nothing
sanitizes it here, so whoever renders it must, as they must for every feed's HTML anyway.
"""

from __future__ import annotations

import json
from typing import Any

from newsdesk.feeds.entries import (
    build_entry, from_iso, plain_to_html, single_line, unique_capped,
)
from newsdesk.models import FeedEntry, ParsedFeed
from newsdesk.urls import canonical_url

VERSION_PREFIXES = ("https://jsonfeed.org/version/1", "http://jsonfeed.org/version/1")


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def load_json(body: bytes) -> tuple[Any, str | None]:
    """(decoded value, None) or (None, one-line reason)."""
    try:
        return json.loads(body.decode("utf-8-sig", errors="replace")), None
    except (ValueError, RecursionError) as exc:
        return None, f"invalid JSON: {single_line(str(exc), 120)}"


def is_json_feed(value: Any) -> bool:
    version = value.get("version") if isinstance(value, dict) else None
    return isinstance(version, str) and version.startswith(VERSION_PREFIXES)


def _author(item: dict[str, Any], feed: dict[str, Any]) -> str | None:
    """1.1 ``authors`` list, 1.0 ``author`` object; the item's, else the feed's."""
    for source in (item, feed):
        authors = source.get("authors")
        candidates = authors if isinstance(authors, list) else [source.get("author")]
        names = [_str(a.get("name")) for a in candidates if isinstance(a, dict)]
        names = [n for n in names if n]
        if names:
            return ", ".join(names)
    return None


def _entry(item: dict[str, Any], feed: dict[str, Any], base: str) -> FeedEntry:
    guid = item.get("id")
    link = _str(item.get("url")) or _str(item.get("external_url"))
    content = _str(item.get("content_html")) or plain_to_html(_str(item.get("content_text")))
    published = from_iso(item.get("date_published")) or from_iso(item.get("date_modified"))
    return build_entry(
        base=base, guid=guid if isinstance(guid, (str, int)) and not isinstance(guid, bool) else None,
        link=link, title=_str(item.get("title")), author=_author(item, feed),
        published=published, summary_html=_str(item.get("summary")), content_html=content,
    )


def parse_json_feed(feed: dict[str, Any], url: str, max_items: int) -> ParsedFeed:
    """A decoded JSON Feed object (``is_json_feed`` was true) to a ParsedFeed."""
    raw_items = feed.get("items")
    items = [i for i in raw_items if isinstance(i, dict)] if isinstance(raw_items, list) else []
    # Relative links resolve against where the feed was fetched, never its self-declared feed_url.
    entries = unique_capped((_entry(item, feed, url) for item in items), max_items)
    warning = None
    if not isinstance(raw_items, list):
        warning = "JSON Feed has no items list"
    elif len(items) != len(raw_items):
        warning = f"JSON Feed: {len(raw_items) - len(items)} items were not objects"
    return ParsedFeed(
        title=single_line(_str(feed.get("title")), 500) or None,
        site_url=canonical_url(_str(feed.get("home_page_url")) or "", base=url) or None,
        entries=entries,
        warning=warning,
    )
