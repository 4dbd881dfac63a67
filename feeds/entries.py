"""Turn one item's raw fields into a FeedEntry: the rules RSS, Atom and JSON Feed items share.

Every string passes through ``clean_text``/``html_to_text``; links are canonicalised against the
feed's URL and anything that is not plain http(s) is kept aside as ``unsafe_link`` rather than
used; dates outside a sane window become None (the pipeline falls back to the fetch time); an item
without an id gets a stable hash of its link and title. Pure: no network, no clock beyond "now".
"""

from __future__ import annotations

import hashlib
import html
import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from newsdesk.models import FeedEntry
from newsdesk.text import clean_text, html_to_text
from newsdesk.urls import canonical_url

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=2)       # feeds with clock or zone mistakes run a little ahead
MAX_TITLE = 1000
MAX_AUTHOR = 200
MAX_GUID = 1000
MAX_UNSAFE = 500
SUMMARY_FALLBACK = 500                 # chars of the content used when an item has no summary
# Characters RFC 3986 never allows raw; in a path or host they mean a shell-ish payload
# (``|date>/tmp/x`` resolved against the feed URL), not a link anyone meant.
_FORBIDDEN = frozenset('"<>\\^`{|}') | frozenset(chr(c) for c in range(0x21))


def single_line(value: str | None, limit: int) -> str:
    return clean_text(value, single_line=True)[:limit]


def resolve_link(raw: str | None, base: str) -> tuple[str, str | None]:
    """(canonical http(s) URL or "", the raw link when it was refused)."""
    raw = (raw or "").strip()
    if not raw:
        return "", None
    url = canonical_url(raw.replace(" ", "%20"), base=base)   # sloppy feeds leave spaces raw
    if url:
        parts = urlsplit(url)
        if not any(ch in _FORBIDDEN for ch in parts.netloc + parts.path):
            return url, None
    return "", single_line(raw, MAX_UNSAFE) or "(unprintable link)"


def sane_datetime(moment: datetime | None, now: datetime | None = None) -> datetime | None:
    """An aware UTC datetime inside [1970, now + 2 days], else None."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    now = now or datetime.now(UTC)
    if moment < EARLIEST or moment > now + FUTURE_SLACK:
        return None
    return moment


def from_struct_time(value: time.struct_time | tuple | None) -> datetime | None:
    """feedparser's UTC ``*_parsed`` tuples to a datetime (None when impossible)."""
    if not value:
        return None
    try:
        year, month, day, hour, minute, second = (int(v) for v in tuple(value)[:6])
        return sane_datetime(datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC))
    except (TypeError, ValueError, OverflowError):
        return None


def from_iso(value: object) -> datetime | None:
    """An RFC 3339 string (JSON Feed dates) to a datetime, None when unusable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text[-1:] in "zZ":
        text = text[:-1] + "+00:00"
    try:
        return sane_datetime(datetime.fromisoformat(text))
    except ValueError:
        return None


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def build_entry(
    *, base: str, guid: object, link: str | None, title: str | None, title_is_html: bool = False,
    author: str | None = None, published: datetime | None = None, summary_html: str | None = None,
    content_html: str | None = None,
) -> FeedEntry:
    """One FeedEntry from fields already pulled out of a feed item."""
    url, unsafe = resolve_link(link, base)
    title_text = html_to_text(title) if title_is_html else (title or "")
    clean_title = single_line(title_text, MAX_TITLE)
    summary = html_to_text(summary_html)
    content = clean_text(content_html) or None
    if not summary and content:
        summary = _shorten(html_to_text(content), SUMMARY_FALLBACK)
    if not clean_title and summary:
        clean_title = _shorten(single_line(summary, MAX_TITLE), 120)
    guid_text = single_line(str(guid) if isinstance(guid, (str, int)) else "", MAX_GUID * 4)
    if not guid_text:
        seed = f"{url or (link or '').strip()}\n{clean_title}"
        if not url and not clean_title:
            seed += "\n" + summary              # nothing else tells such items apart
        guid_text = "sha1:" + hashlib.sha1(seed.encode("utf-8", "replace")).hexdigest()
    elif len(guid_text) > MAX_GUID:
        guid_text = "sha1:" + hashlib.sha1(guid_text.encode("utf-8", "replace")).hexdigest()
    return FeedEntry(
        guid=guid_text, url=url, title=clean_title,
        author=single_line(author, MAX_AUTHOR) or None,
        published=published, summary=summary, content_html=content, unsafe_link=unsafe,
    )


def plain_to_html(text: str | None) -> str | None:
    """Plain-text content as inert HTML (feedparser does not sanitize text/plain)."""
    return html.escape(text) if text else None


def unique_capped(entries: Iterable[FeedEntry], max_items: int) -> tuple[FeedEntry, ...]:
    """First entry of each guid, in feed order, at most ``max_items``."""
    seen: set[str] = set()
    kept: list[FeedEntry] = []
    for entry in entries:
        if len(kept) >= max_items:
            break
        if entry.guid in seen:
            continue
        seen.add(entry.guid)
        kept.append(entry)
    return tuple(kept)
