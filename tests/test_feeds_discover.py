"""Feed discovery: alternate links in a page, and discover_feed against the FaultServer."""

from __future__ import annotations

import asyncio

import pytest
from faultserver import FaultServer, fault_server  # noqa: F401

from newsdesk.config import PollConfig
from newsdesk.errors import FeedError
from newsdesk.feeds.discover import discover_feed, find_feed_links
from newsdesk.feeds.http import Fetcher
from newsdesk.feeds.parse import parse_feed
from newsdesk.models import ParsedFeed

FAST = PollConfig(connect_timeout=1.0, read_timeout=1.0, deadline=2.5, max_bytes=1_000_000)

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/atom+xml" href="/atom.xml" title="Atom">
<LINK REL="Alternate" TYPE="application/rss+xml; charset=utf-8" HREF="feed.rss">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">
<link rel="alternate" type="text/html" href="/other.html">
<link rel="alternate" type="application/feed+json" href="https://cdn.example.org/feed.json">
<link rel="alternate" type="application/json" href="/atom.xml">
<link rel="alternate nofollow" type="application/json" href="/api.json">
</head><body><a rel="alternate" type="application/rss+xml" href="/not-a-link-tag"></a></body></html>
"""


def test_find_feed_links_in_page_order_resolved_http_only() -> None:
    assert find_feed_links(PAGE, "https://example.org/blog/post") == [
        "https://example.org/atom.xml",
        "https://example.org/blog/feed.rss",
        "https://cdn.example.org/feed.json",
        "https://example.org/api.json",
    ]


def test_find_feed_links_honours_base_and_survives_garbage() -> None:
    page = '<base href="https://other.example/x/"><link rel=alternate type=application/rss+xml href=f>'
    assert find_feed_links(page, "https://example.org/") == ["https://other.example/x/f"]
    assert find_feed_links("<<<>>><link rel=", "https://example.org/") == []
    assert find_feed_links("", "https://example.org/") == []


def discover(url: str, **kwargs: object) -> tuple[str, ParsedFeed]:
    async def run() -> tuple[str, ParsedFeed]:
        async with Fetcher(FAST) as fetcher:
            return await discover_feed(fetcher, url, **kwargs)  # type: ignore[arg-type]
    return asyncio.run(run())


def test_a_feed_url_is_its_own_answer(fault_server: FaultServer) -> None:
    url, parsed = discover(fault_server.url("/rss"))
    assert url == fault_server.url("/rss") and len(parsed.entries) == 5


def test_a_page_leads_to_its_first_working_feed(fault_server: FaultServer) -> None:
    url, parsed = discover(fault_server.url("/html"))
    assert url == fault_server.url("/rss") and parsed.title == "Fault Feed"
    assert fault_server.count("/atom") == 0              # stopped at the first that worked


def test_broken_candidates_are_skipped(fault_server: FaultServer) -> None:
    url, parsed = discover(fault_server.url("/html-badlinks"))
    assert url == fault_server.url("/atom") and parsed.title == "Atom Fault"


def test_permanent_redirect_is_adopted(fault_server: FaultServer) -> None:
    url, _ = discover(fault_server.url("/moved-permanently"))
    assert url == fault_server.url("/rss")


@pytest.mark.parametrize("path, needle", [
    ("/html-nofeed", "links none"),
    ("/500", "HTTP 500"),
    ("/notjson", "not a feed"),
    ("/empty", "empty body"),
])
def test_no_feed_is_a_clear_feed_error(fault_server: FaultServer, path: str, needle: str) -> None:
    with pytest.raises(FeedError, match=needle):
        discover(fault_server.url(path))


def test_non_http_url_refused() -> None:
    with pytest.raises(FeedError, match="not an http"):
        discover("file:///etc/passwd")


def test_custom_async_parser_is_used(fault_server: FaultServer) -> None:
    calls: list[str] = []

    async def parse(body: bytes, headers: dict[str, str], url: str) -> ParsedFeed:
        calls.append(url)
        return parse_feed(body, headers, url)

    url, _ = discover(fault_server.url("/html"), parse=parse)
    assert calls == [fault_server.url("/html"), fault_server.url("/rss")]
    assert url == fault_server.url("/rss")
