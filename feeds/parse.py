"""Bytes of a feed (RSS, Atom, RDF or JSON Feed) to a ParsedFeed: the one parsing entry point.

``parse_feed`` is a pure, picklable top-level function so the pipeline can run it in a worker
process with a wall-clock and memory limit (feedparser has open ReDoS reports; that limit is the
pipeline's, not ours). It never touches the network or the disk: feedparser only ever gets
``io.BytesIO`` plus the response headers (a string argument may make it open URLs or files), the
prolog's DOCTYPE and ENTITY declarations are defused first (``feeds.xmlsafe``), and JSON Feed is
read with ``json``. What is not a feed comes back as ``ParsedFeed(error=...)``, not an exception.
"""

from __future__ import annotations

import io
import re
from typing import Any

import feedparser
from feedparser.urls import resolve_relative_uris

from newsdesk.feeds.entries import (
    build_entry, from_struct_time, plain_to_html, single_line, unique_capped,
)
from newsdesk.feeds.jsonfeed import is_json_feed, load_json, parse_json_feed
from newsdesk.feeds.xmlsafe import harden_xml
from newsdesk.models import FeedEntry, ParsedFeed
from newsdesk.urls import canonical_url

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:(?:<!--.*?-->|<!doctype[^>]*>)\s*)*<(?:html|head|body)[\s>]",
    re.I | re.S,
)
_BOM = b"\xef\xbb\xbf"
# An attribute value that does not start with a scheme or "//"; _has_relative_uri checks its name.
_RELATIVE_VALUE = re.compile(r"""=\s*["']?\s*(?![a-z][a-z0-9+.-]*:|//|["'\s])""", re.I)
_URI_ATTRIBUTES = ("href", "src", "srcset", "poster", "cite", "background", "action",
                   "longdesc", "usemap", "codebase")


def _not_a_feed(reason: str, mime: str) -> ParsedFeed:
    what = f"content-type {mime}" if mime else "no content-type"
    detail = f"{reason}, {what}" if reason else what
    return ParsedFeed(title=None, site_url=None, entries=(), error=f"not a feed ({detail})")


def _one_line(exc: Any) -> str:
    text = single_line(str(exc), 240)
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


def _has_relative_uri(markup: str) -> bool:
    """Cheap test before feedparser's resolver re-parses the HTML (most feeds use absolute URIs)."""
    for match in _RELATIVE_VALUE.finditer(markup):
        name = markup[max(0, match.start() - 12):match.start()].rstrip().lower()
        if name.endswith(_URI_ATTRIBUTES):
            return True
    return False


def _raw(entry: Any, key: str) -> Any:
    """The field as parsed: FeedParserDict.get maps keys (updated -> published) and warns."""
    return dict.get(entry, key)


def _content(entry: Any, url: str) -> str | None:
    """The richest content block: HTML if there is one (relative URIs resolved), else plain text."""
    blocks = [b for b in _raw(entry, "content") or [] if isinstance(b, dict) and b.get("value")]
    for block in blocks:
        if (block.get("type") or "text/html") in _HTML_TYPES:
            value = block["value"]
            if _has_relative_uri(value):
                value = resolve_relative_uris(value, block.get("base") or url, "utf-8", "text/html")
            return value
    return plain_to_html(blocks[0]["value"]) if blocks else None


def _summary(entry: Any) -> str | None:
    detail = _raw(entry, "summary_detail") or {}
    value = _raw(entry, "summary")
    if value and detail.get("type") == "text/plain":
        return plain_to_html(value)   # html_to_text must not read "<b>" typed as text as a tag
    return value


def _entry(entry: Any, url: str) -> FeedEntry:
    title_type = (_raw(entry, "title_detail") or {}).get("type", "text/plain")
    return build_entry(
        base=url,
        guid=_raw(entry, "id"),
        link=_raw(entry, "link"),
        title=_raw(entry, "title"),
        title_is_html=title_type in _HTML_TYPES,
        author=_raw(entry, "author"),
        published=from_struct_time(_raw(entry, "published_parsed"))
        or from_struct_time(_raw(entry, "updated_parsed")),
        summary_html=_summary(entry),
        content_html=_content(entry, url),
    )


def _parse_json(body: bytes, url: str, mime: str, max_items: int) -> ParsedFeed:
    value, problem = load_json(body)
    if problem:
        return _not_a_feed(problem, mime)
    if not is_json_feed(value):
        return _not_a_feed("JSON without a JSON Feed version", mime)
    return parse_json_feed(value, url, max_items)


def _parse_xml(body: bytes, headers: dict[str, str], url: str, max_items: int) -> ParsedFeed:
    body, headers = harden_xml(body, headers)
    # No Content-Location: with a base, feedparser would also "resolve" RSS guids into URLs, and
    # a feed that moves would change every guid. Links are resolved by build_entry, content above.
    headers = {k: v for k, v in headers.items() if k != "content-location"}
    result = feedparser.parse(
        io.BytesIO(body), response_headers=headers, resolve_relative_uris=True, sanitize_html=True,
    )
    entries = result.get("entries") or []
    mime = headers.get("content-type", "").split(";")[0].strip().lower()
    feed = result.get("feed") or {}
    if not result.get("version") and not entries and not feed.get("title"):
        reason = _one_line(result["bozo_exception"]) if result.get("bozo_exception") else ""
        return _not_a_feed(reason if mime not in _HTML_TYPES else "", mime)
    title_type = (feed.get("title_detail") or {}).get("type", "text/plain")
    title = feed.get("title")
    if title and title_type in _HTML_TYPES:
        title = build_entry(base=url, guid="-", link=None, title=title, title_is_html=True).title
    return ParsedFeed(
        title=single_line(title, 500) or None,
        site_url=canonical_url(feed.get("link") or "", base=url) or None,
        entries=unique_capped((_entry(e, url) for e in entries), max_items),
        warning=_one_line(result["bozo_exception"]) if result.get("bozo") else None,
    )


def parse_feed(
    body: bytes, headers: dict[str, str], url: str, max_items: int = 200,
) -> ParsedFeed:
    """Parse a fetched body. ``headers`` are the response's (any case); ``url`` the final URL.

    Never raises for bad input: not-a-feed, broken JSON and parser failures come back in
    ``error``; a malformed feed that still yields items comes back with ``warning``.
    """
    headers = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    mime = headers.get("content-type", "").split(";")[0].strip().lower()
    start = body[len(_BOM):] if body.startswith(_BOM) else body
    start = start.lstrip()[:2048]
    if not start:
        return _not_a_feed("empty body", mime)
    try:
        if start[:1] == b"{" or ("json" in mime and start[:1] != b"<"):
            return _parse_json(body, url, mime, max_items)
        if _HTML_START.match(start):
            return _not_a_feed("" if mime in _HTML_TYPES else "an HTML page", mime)
        return _parse_xml(body, headers, url, max_items)
    except Exception as exc:  # third-party parsing of hostile bytes: report, don't crash the poll
        return ParsedFeed(title=None, site_url=None, entries=(),
                          error=f"cannot parse feed: {_one_line(exc)}")
