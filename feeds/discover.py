"""Find the feed behind a URL the user typed: the URL itself, or a feed its HTML page links.

Users paste a site's address more often than its feed's. ``discover_feed`` fetches the URL; if it
parses as a feed that is the answer, otherwise the page's ``<link rel="alternate">`` feeds are
tried in page order. Links found on a page are feed-supplied URLs to the fetcher (a page may not
point us into the user's network). It does not guess paths like ``/feed`` or ``/rss.xml``: a
site that links no feed gets a clear FeedError, not a volley of probes.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from newsdesk.errors import FeedError
from newsdesk.feeds.parse import parse_feed
from newsdesk.models import FetchResult, ParsedFeed
from newsdesk.urls import canonical_url, is_http_url

if TYPE_CHECKING:
    from newsdesk.feeds.http import Fetcher

FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
    "application/rdf+xml",
})
MAX_CANDIDATES = 5
Parser = Callable[[bytes, dict[str, str], str], "ParsedFeed | Awaitable[ParsedFeed]"]


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "base" and self.base is None and is_http_url(values.get("href")):
            self.base = values["href"].strip()
        elif tag == "link":
            rels = values.get("rel", "").lower().split()
            kind = values.get("type", "").split(";")[0].strip().lower()
            if "alternate" in rels and kind in FEED_TYPES and values.get("href", "").strip():
                self.links.append(values["href"].strip())


def find_feed_links(html: str, base_url: str) -> list[str]:
    """Feed URLs a page advertises, absolute and http(s) only, in page order, without repeats."""
    collector = _LinkCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # HTMLParser is lenient; a page it chokes on just yields what was seen
        pass
    base = collector.base or base_url
    found: list[str] = []
    for href in collector.links:
        url = canonical_url(href, base=base)
        if url and url not in found:
            found.append(url)
    return found


def _page_text(result: FetchResult) -> str:
    content_type = result.headers.get("content-type", "")
    charset = "utf-8"
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    try:
        return (result.body or b"").decode(charset, errors="replace")
    except LookupError:
        return (result.body or b"").decode("utf-8", errors="replace")


async def _parse(parse: Parser, result: FetchResult) -> ParsedFeed:
    parsed = parse(result.body or b"", result.headers, result.final_url)
    if inspect.isawaitable(parsed):
        parsed = await parsed
    return parsed


async def discover_feed(
    fetcher: Fetcher, url: str, *, parse: Parser = parse_feed,
) -> tuple[str, ParsedFeed]:
    """(feed URL to subscribe to, its parsed content) for ``url``, or FeedError saying why not.

    ``parse`` defaults to ``parse_feed`` in this process; the pipeline may pass a callable (sync
    or async) that runs it in its worker process instead.
    """
    if not is_http_url(url):
        raise FeedError(f"not an http(s) URL: {url}")
    result = await fetcher.fetch(url)
    if not result.ok:
        raise FeedError(f"cannot fetch {url}: {result.error or 'no body'}")
    parsed = await _parse(parse, result)
    if parsed.error is None:
        return result.permanent_redirect or url, parsed
    candidates = find_feed_links(_page_text(result), result.final_url)
    if not candidates:
        raise FeedError(f"{url} is not a feed and its page links none ({parsed.error})")
    problems: list[str] = []
    for candidate in candidates[:MAX_CANDIDATES]:
        found = await fetcher.fetch(candidate, feed_url=result.final_url)
        if not found.ok:
            problems.append(f"{candidate}: {found.error or 'no body'}")
            continue
        parsed = await _parse(parse, found)
        if parsed.error is None:
            return found.permanent_redirect or candidate, parsed
        problems.append(f"{candidate}: {parsed.error}")
    raise FeedError(f"{url} links {len(candidates)} feed(s), none usable: " + "; ".join(problems))
