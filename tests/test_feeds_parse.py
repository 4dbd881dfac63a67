"""parse_feed on generated payloads: reliability matrix rows 9, 10, 12, 13, 14 and 28."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import pickle
import socket
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime

import faultserver as fs
import pytest
from faultserver import FaultServer, fault_server  # noqa: F401

from newsdesk.config import PollConfig
from newsdesk.feeds.http import Fetcher
from newsdesk.feeds.parse import parse_feed
from newsdesk.models import ParsedFeed

BASE = "http://127.0.0.1:8999/feed.xml"
RSS_HEADERS = {"Content-Type": "application/rss+xml"}
FAST = PollConfig(connect_timeout=1.0, read_timeout=1.0, deadline=2.5, max_bytes=1_000_000)


@pytest.fixture(autouse=True)
def no_sockets(monkeypatch: pytest.MonkeyPatch):
    """Parsing must never open a connection. The refusal is also recorded and checked after the
    test, because parse_feed turns any exception (this one included) into ``ParsedFeed.error``."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError("parse_feed opened a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield
    assert not attempts, "parse_feed tried to open a network connection"


def everything(parsed: ParsedFeed) -> str:
    return repr(parsed)


def test_rss_entries_with_relative_links_resolved() -> None:
    parsed = parse_feed(fs.rss_feed(5), RSS_HEADERS, BASE)
    assert parsed.error is None and parsed.warning is None
    assert parsed.title == "Fault Feed" and parsed.site_url == "http://127.0.0.1:8999/"
    assert [e.url for e in parsed.entries] == [f"http://127.0.0.1:8999/page/{i}" for i in range(1, 6)]
    first = parsed.entries[0]
    assert first.guid == "item-1" and first.title == "Item 1"
    assert first.summary == "Summary 1"
    assert first.published == datetime(2024, 1, 2, 12, 0, tzinfo=UTC)
    assert first.unsafe_link is None


def test_atom_entries() -> None:
    parsed = parse_feed(fs.atom_feed(), {"content-type": "application/atom+xml"}, BASE)
    assert parsed.title == "Atom Fault" and len(parsed.entries) == 3
    entry = parsed.entries[0]
    assert entry.guid == "urn:atom:1" and entry.url == "http://127.0.0.1:8999/page/1"
    assert entry.title == "Atom <b>1</b>"          # escaped markup in an html title is text
    assert entry.author == "Ann 1" and entry.summary == "Sum 1"
    assert entry.content_html == "<p>Full 1</p>"
    assert entry.published == datetime(2024, 2, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("version", ["1", "1.1"])
def test_json_feed(version: str) -> None:
    headers = {"content-type": "application/feed+json"}
    parsed = parse_feed(fs.json_feed(version), headers, BASE)
    assert parsed.error is None and parsed.title == "JSON Fault"
    assert parsed.site_url == "http://127.0.0.1:8999/"
    one, two, three = parsed.entries
    assert one.url == "http://127.0.0.1:8999/page/1" and one.guid == "j1"
    assert one.content_html == "<p>Hello <b>json</b></p>" and one.summary == "Short one"
    assert one.author == "Jo" and one.published == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    assert two.guid == "2" and two.published == datetime(2024, 3, 2, 8, 30, tzinfo=UTC)
    assert two.content_html == "Plain &lt;text&gt; two" and two.summary == "Plain <text> two"
    assert two.author == ("Feed Author" if version == "1" else None)
    assert three.url == "" and three.unsafe_link == "javascript:alert(1)"
    assert three.published is None and three.title == ""
    assert "not objects" in (parsed.warning or "")


def test_json_feed_detected_without_json_content_type() -> None:
    parsed = parse_feed(fs.json_feed(), {"content-type": "text/plain"}, BASE)
    assert parsed.error is None and len(parsed.entries) == 3


@pytest.mark.parametrize("body, ctype, needle", [
    (fs.html_page([("application/rss+xml", "/rss")]), "text/html; charset=utf-8", "text/html"),
    (b"", "application/rss+xml", "empty body"),
    (b"   \n ", "application/rss+xml", "empty body"),
    (b'{"error": "unauthorized"}', "application/json", "JSON"),
    (b'{"version": "2.0", "items": []}', "application/json", "JSON"),
    (b"{broken json", "application/json", "invalid JSON"),
    (b"[" * 100_000, "application/json", "invalid JSON"),
    (b"just some text", "text/plain", "text/plain"),
])
def test_not_a_feed(body: bytes, ctype: str, needle: str) -> None:
    parsed = parse_feed(body, {"Content-Type": ctype}, BASE)
    assert parsed.error and parsed.error.startswith("not a feed") and needle in parsed.error
    assert parsed.entries == ()


def test_malformed_xml_still_yields_entries_with_one_line_warning() -> None:
    parsed = parse_feed(fs.malformed(), RSS_HEADERS, BASE)
    assert parsed.error is None and len(parsed.entries) >= 1
    assert parsed.entries[0].title == "One"
    assert parsed.warning and "\n" not in parsed.warning


@pytest.mark.parametrize("form", ["multi", "single"])
def test_billion_laughs_does_not_expand(form: str) -> None:
    started = time.monotonic()
    parsed = parse_feed(fs.billion_laughs(form), RSS_HEADERS, BASE)
    assert time.monotonic() - started < 2.0
    assert "lollol" not in everything(parsed)
    assert parsed.warning or parsed.error


def test_xxe_system_entity_never_reads_the_file(fault_server: FaultServer) -> None:
    parsed = parse_feed(fs.xxe("system", fault_server.canary_path, fault_server.url("/dtd")),
                        RSS_HEADERS, BASE)
    assert fs.CANARY not in everything(parsed)
    assert parsed.entries and parsed.entries[0].url == "http://example.org/x"


def test_xxe_public_dtd_never_fetched(fault_server: FaultServer, monkeypatch) -> None:
    monkeypatch.undo()                    # this test fetches the feed itself over loopback

    async def run() -> ParsedFeed:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(fault_server.url("/xxe?form=public"))
        assert result.ok and result.body
        return parse_feed(result.body, result.headers, result.final_url)

    parsed = asyncio.run(run())
    assert fs.CANARY not in everything(parsed)
    assert fault_server.count("/xxe") == 1
    assert fault_server.count("/dtd") == 0


@pytest.mark.parametrize("kind", ["utf8-header-cp1252-body", "latin1-header-utf8-bom",
                                  "utf16-no-bom", "bogus"])
def test_charset_lies_give_valid_unicode(kind: str) -> None:
    body, ctype = fs.charset_lie(kind)
    parsed = parse_feed(body, {"content-type": ctype}, BASE)
    assert parsed.error is None and len(parsed.entries) == 1
    title = parsed.entries[0].title
    title.encode("utf-8")                           # no lone surrogates
    assert title.startswith("Caf")
    if kind in ("utf8-header-cp1252-body", "bogus"):
        assert parsed.warning                        # feedparser's CharacterEncodingOverride


def test_utf16_feed_with_doctype_is_transcoded_and_defused() -> None:
    doc = fs.billion_laughs("single").decode().replace('<?xml version="1.0"?>',
                                                       '<?xml version="1.0" encoding="utf-16"?>')
    parsed = parse_feed(doc.encode("utf-16"), RSS_HEADERS, BASE)
    assert "lollol" not in everything(parsed)
    assert parsed.entries and parsed.entries[0].url == "http://example.org/l"


def test_duplicate_guids_keep_the_first() -> None:
    parsed = parse_feed(fs.dup_guids(), RSS_HEADERS, BASE)
    assert [(e.guid, e.title) for e in parsed.entries] == [("same", "first"), ("other", "other")]


def test_missing_guids_hash_link_and_title_stably() -> None:
    first = parse_feed(fs.no_guids(), RSS_HEADERS, BASE)
    again = parse_feed(fs.no_guids(), RSS_HEADERS, BASE)
    guids = [e.guid for e in first.entries]
    assert guids == [e.guid for e in again.entries]
    assert all(g.startswith("sha1:") for g in guids)
    assert [e.title for e in first.entries] == ["A", "B", "only text"]   # the repeat of A is gone
    assert first.entries[2].summary == "only text"


def test_bad_dates_become_none() -> None:
    parsed = parse_feed(fs.bad_dates(), RSS_HEADERS, BASE)
    dates = {e.title: e.published for e in parsed.entries}
    assert dates["d0"] is None and dates["d1"] is None and dates["d2"] is None
    assert dates["d3"] is None
    assert dates["d4"] == datetime(2024, 1, 2, 8, 0, tzinfo=UTC)
    assert all(d is None or d.tzinfo is not None for d in dates.values())


def test_hostile_links_are_flagged_not_used(tmp_path) -> None:
    canary = f"/tmp/newsdesk-canary-{uuid.uuid4().hex}"
    parsed = parse_feed(fs.hostile_links(canary), RSS_HEADERS, BASE)
    by_title = {e.title: e for e in parsed.entries}
    for title in ("h0", "h1", "h2", "h3"):
        assert by_title[title].url == "" and by_title[title].unsafe_link
    assert by_title["h0"].unsafe_link == "javascript:alert(1)"
    assert by_title["h1"].unsafe_link.startswith("file:")
    assert by_title["h2"].unsafe_link.startswith("data:")
    assert "|date>" in by_title["h3"].unsafe_link
    assert by_title["h4"].url == "http://127.0.0.2/"        # http: the fetcher blocks it (see below)
    assert by_title["h5"].url == "http://127.0.0.1:8999/page/ok"
    assert not os.path.exists(canary)


def test_hostile_private_link_is_blocked_when_fetched(fault_server: FaultServer, monkeypatch) -> None:
    monkeypatch.undo()
    canary = f"/tmp/newsdesk-canary-{uuid.uuid4().hex}"

    async def run() -> list[str | None]:
        async with Fetcher(FAST) as fetcher:
            feed = await fetcher.fetch(fault_server.url(f"/hostile-links?target={canary}"))
            parsed = parse_feed(feed.body or b"", feed.headers, feed.final_url)
            kinds = []
            for entry in parsed.entries:
                if entry.url:
                    page = await fetcher.fetch(entry.url, feed_url=feed.final_url)
                    kinds.append(page.error_kind)
            return kinds

    assert asyncio.run(run()) == ["blocked", None]      # 127.0.0.2 refused, own /page/ok fetched
    assert not os.path.exists(canary)


def test_control_characters_stripped_and_items_capped() -> None:
    items = [f"<item><title>\x1b]0;PWN\x07Title {i}\u202e</title><guid>g{i}</guid></item>"
             for i in range(50)]
    parsed = parse_feed(fs.items_feed(items).replace(b"\x1b", b"&#27;").replace(b"\x07", b"&#7;"),
                        RSS_HEADERS, BASE, max_items=10)
    assert len(parsed.entries) == 10
    assert all(e.title.startswith("Title") and "\u202e" not in e.title for e in parsed.entries)


def test_huge_feed_is_capped() -> None:
    parsed = parse_feed(fs.rss_feed(1000), RSS_HEADERS, BASE)
    assert len(parsed.entries) == 200


def test_parse_feed_runs_in_a_worker_process() -> None:
    assert pickle.loads(pickle.dumps(parse_feed)) is parse_feed
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        parsed = pool.submit(parse_feed, fs.rss_feed(3), RSS_HEADERS, BASE).result(timeout=60)
    assert len(parsed.entries) == 3 and pickle.loads(pickle.dumps(parsed)) == parsed


def test_headers_may_be_any_case_and_json_detected_by_body() -> None:
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": []}).encode()
    parsed = parse_feed(body, {"CONTENT-TYPE": "application/octet-stream"}, BASE)
    assert parsed.error is None and parsed.entries == ()


def test_content_html_relative_uris_resolved_and_guids_independent_of_feed_url() -> None:
    item = ('<item><title>C</title><link>/c</link><guid>c-1</guid><content:encoded '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;&lt;img src="/i.png"&gt;'
            '&lt;script&gt;alert(1)&lt;/script&gt;Body&lt;/p&gt;</content:encoded></item>')
    here = parse_feed(fs.items_feed([item]), RSS_HEADERS, BASE).entries[0]
    moved = parse_feed(fs.items_feed([item]), RSS_HEADERS, "https://new.example.org/f").entries[0]
    assert here.content_html is not None
    assert 'src="http://127.0.0.1:8999/i.png"' in here.content_html
    assert "<script" not in here.content_html              # feedparser's sanitizer ran
    assert here.guid == moved.guid == "c-1"
    assert moved.url == "https://new.example.org/c"


@pytest.mark.parametrize("path, entries, warned", [
    ("/rss", 5, False), ("/atom", 3, False), ("/json", 3, True), ("/malformed", 2, True),
    ("/billion-laughs?form=single", 1, True), ("/billion-laughs?form=multi", 1, True),
    ("/xxe?form=system", 1, True), ("/xxe?form=public", 1, True),
    ("/charset/utf8-header-cp1252-body", 1, True), ("/charset/latin1-header-utf8-bom", 1, False),
    ("/charset/utf16-no-bom", 1, False), ("/charset/bogus", 1, True),
    ("/dup-guids", 2, False), ("/no-guids", 3, False), ("/bad-dates", 5, False),
    ("/hostile-links", 6, False), ("/moved-permanently", 5, False),
])
def test_served_feeds_fetch_and_parse(fault_server: FaultServer, monkeypatch, path: str,
                                      entries: int, warned: bool) -> None:
    monkeypatch.undo()

    async def run() -> ParsedFeed:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(fault_server.url(path))
        assert result.ok and result.body is not None
        return parse_feed(result.body, result.headers, result.final_url)

    parsed = asyncio.run(run())
    assert parsed.error is None and len(parsed.entries) == entries
    assert bool(parsed.warning) == warned
    assert fs.CANARY not in everything(parsed) and "lollol" not in everything(parsed)
    assert fault_server.count("/dtd") == 0


@pytest.mark.parametrize("path", ["/html", "/empty", "/notjson"])
def test_served_non_feeds_are_errors(fault_server: FaultServer, monkeypatch, path: str) -> None:
    monkeypatch.undo()

    async def run() -> ParsedFeed:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(fault_server.url(path))
        assert result.ok
        return parse_feed(result.body or b"", result.headers, result.final_url)

    parsed = asyncio.run(run())
    assert parsed.error and parsed.error.startswith("not a feed") and parsed.entries == ()
