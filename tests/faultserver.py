"""A loopback HTTP server that misbehaves on request, for the feed fetcher and parser tests.

Every payload is generated in memory (nothing is downloaded), each route counts its requests, and
handlers that hang or drip watch a stop event, so teardown never waits on them. The payload
builders are plain functions so parser tests can use them without a server.

    from faultserver import fault_server          # the fixture
    def test_x(fault_server): fault_server.url("/rss"); fault_server.count("/rss")
"""

from __future__ import annotations

import gzip
import json
import threading
import time
import zlib
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

CANARY = "NEWSDESK-XXE-CANARY-7f3a"
LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT"
ETAG = 'W/"abc"'
RSS = "application/rss+xml"
_bomb_cache: dict[str, bytes] = {}


# --- payloads ------------------------------------------------------------------------------------
def rss_feed(n: int = 5, *, title: str = "Fault Feed", items: str | None = None) -> bytes:
    body = items if items is not None else "".join(
        f"<item><title>Item {i}</title><link>/page/{i}</link><guid>item-{i}</guid>"
        f"<pubDate>Mon, 0{1 + i % 9} Jan 2024 12:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Summary &lt;b&gt;{i}&lt;/b&gt;&lt;/p&gt;</description></item>"
        for i in range(1, n + 1)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{title}</title><link>/</link><description>d</description>{body}"
            f"</channel></rss>").encode()


def atom_feed(n: int = 3) -> bytes:
    entries = "".join(
        f'<entry><title type="html">Atom &amp;lt;b&amp;gt;{i}&amp;lt;/b&amp;gt;</title>'
        f'<link rel="alternate" href="/page/{i}"/><id>urn:atom:{i}</id>'
        f"<updated>2024-02-0{i}T10:00:00+02:00</updated><author><name>Ann {i}</name></author>"
        f'<summary>Sum {i}</summary><content type="html">&lt;p&gt;Full {i}&lt;/p&gt;</content>'
        f"</entry>" for i in range(1, n + 1)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Atom Fault</title><link rel="alternate" href="/"/><id>urn:f</id>'
            f"<updated>2024-02-01T00:00:00Z</updated>{entries}</feed>").encode()


def json_feed(version: str = "1.1") -> bytes:
    items = [
        {"id": "j1", "url": "/page/1", "title": "JSON one", "content_html": "<p>Hello <b>json</b></p>",
         "summary": "Short one", "date_published": "2024-03-01T09:30:00Z",
         "authors": [{"name": "Jo"}]},
        {"id": 2, "url": "https://example.org/two", "content_text": "Plain <text> two",
         "date_modified": "2024-03-02T09:30:00+01:00"},
        {"id": "j3", "external_url": "javascript:alert(1)", "title": 42, "date_published": "nope"},
        "not an item",
    ]
    feed: dict = {"version": f"https://jsonfeed.org/version/{version}", "title": "JSON Fault",
                  "home_page_url": "/", "items": items}
    if version == "1":
        feed["author"] = {"name": "Feed Author"}
    return json.dumps(feed).encode()


def billion_laughs(form: str = "multi") -> bytes:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    ]
    sep = "\n" if form == "multi" else ""
    doctype = f"<!DOCTYPE rss [{sep}{sep.join(entities)}{sep}]>"
    return (f'<?xml version="1.0"?>{sep}{doctype}{sep}<rss version="2.0"><channel><title>&lol9;</title>'
            f"<item><title>Laugh &lol9;</title><link>http://example.org/l</link>"
            f"<description>&lol8;</description></item></channel></rss>").encode()


def xxe(form: str, canary_path: str, dtd_url: str) -> bytes:
    if form == "public":
        doctype = f'<!DOCTYPE rss PUBLIC "-//Fault//DTD RSS//EN" "{dtd_url}">'
    else:
        doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{canary_path}">]>'
    return (f'<?xml version="1.0"?>\n{doctype}\n<rss version="2.0"><channel><title>X &xxe;</title>'
            f"<item><title>Secret: &xxe;</title><link>http://example.org/x</link>"
            f"<description>&xxe;</description></item></channel></rss>").encode()


def charset_lie(kind: str) -> tuple[bytes, str]:
    """(body, content-type) for the four charset lies of the reliability matrix (row 12)."""
    def doc(encoding: str) -> str:
        return (f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
                "<title>Caf\u00e9 feed</title><item><title>Caf\u00e9 \u201cquoted\u201d</title>"
                "<link>http://example.org/c</link></item></channel></rss>")
    if kind == "utf8-header-cp1252-body":
        return doc("utf-8").encode("cp1252"), f"{RSS}; charset=utf-8"
    if kind == "latin1-header-utf8-bom":
        return b"\xef\xbb\xbf" + doc("utf-8").encode(), f"{RSS}; charset=iso-8859-1"
    if kind == "utf16-no-bom":
        return doc("utf-16").encode("utf-16-le"), RSS
    return doc("bogus").encode(), RSS


def items_feed(items: list[str]) -> bytes:
    return rss_feed(items="".join(items))


def dup_guids() -> bytes:
    return items_feed([f"<item><title>{t}</title><link>http://example.org/{t}</link>"
                       f"<guid>same</guid></item>" for t in ("first", "second", "third")]
                      + ["<item><title>other</title><guid>other</guid></item>"])


def no_guids() -> bytes:
    return items_feed(["<item><title>A</title><link>http://example.org/a</link></item>",
                       "<item><title>B</title><link>http://example.org/b</link></item>",
                       "<item><title>A</title><link>http://example.org/a</link></item>",
                       "<item><description>only text</description></item>"])


def bad_dates() -> bytes:
    dates = ["Tue, 31 Feb 9999 99:99:99 +9999", "Mon, 01 Jan 0001 00:00:00 GMT", "garbage",
             "Fri, 01 Jan 9999 00:00:00 GMT", "Tue, 02 Jan 2024 10:00:00 +0200"]
    return items_feed([f"<item><title>d{i}</title><guid>d{i}</guid><pubDate>{d}</pubDate></item>"
                       for i, d in enumerate(dates)])


def hostile_links(shell_target: str = "/tmp/x", private: str = "http://127.0.0.2/") -> bytes:
    links = ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,&lt;b&gt;x&lt;/b&gt;",
             f"|date&gt;{shell_target}", private, "/page/ok"]
    return items_feed([f"<item><title>h{i}</title><link>{link}</link><guid>h{i}</guid></item>"
                       for i, link in enumerate(links)])


def malformed() -> bytes:
    return (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & co</title>'
            b"<item><title>One</title><link>http://example.org/1</link></item>"
            b"<item><title>Two <b>bold</title><link>http://example.org/2</link></item>"
            b"</channel>")


def html_page(links: list[tuple[str, str]]) -> bytes:
    heads = "".join(f'<link rel="alternate" type="{t}" href="{h}">' for t, h in links)
    return (f"<!DOCTYPE html><html><head><title>Site</title>{heads}</head>"
            f"<body><p>Hello</p></body></html>").encode()


def gzip_bomb(megabytes: int = 200) -> bytes:
    if f"bomb{megabytes}" not in _bomb_cache:
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = bytes(1 << 20)
        parts = [packer.compress(zeros) for _ in range(megabytes)]
        _bomb_cache[f"bomb{megabytes}"] = b"".join(parts) + packer.flush()
    return _bomb_cache[f"bomb{megabytes}"]


# --- server --------------------------------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5                       # idle keep-alive sockets give up; teardown never waits long
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        fault = self.server.fault
        parts = urlsplit(self.path)
        self.query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        fault.record(parts.path, dict(self.headers.items()))
        route = fault.routes.get(parts.path)
        if route is None and parts.path.startswith("/page/"):
            route = FaultServer.page
        if route is None and parts.path.startswith("/charset/"):
            route = FaultServer.charset
        try:
            with fault.track():
                if route is None:
                    self.send(404, b"not found", "text/plain")
                else:
                    route(fault, self)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True

    def send(self, status: int, body: bytes = b"", ctype: str = RSS, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, status: int, location: str) -> None:
        self.send(status, b"", "text/plain", Location=location)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fault: FaultServer

    def handle_error(self, request: object, client_address: object) -> None:
        pass                          # clients hanging up mid-response is the point of most routes


class FaultServer:
    """The server: ``start()``, ``url(path)``, ``count(path)``, ``reset()``, ``stop()``."""

    def __init__(self, canary_path: str | Path | None = None) -> None:
        self.canary_path = str(canary_path or "/nonexistent/canary")
        self.stopping = threading.Event()
        self.counts: Counter[str] = Counter()
        self.headers: dict[str, list[dict[str, str]]] = {}
        self.max_inflight = 0
        self._inflight = 0
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.fault = self
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.routes = {name: getattr(FaultServer, attr) for name, attr in _ROUTES.items()}

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def count(self, path: str) -> int:
        with self._lock:
            return self.counts[path]

    def reset(self) -> None:
        with self._lock:
            self.counts.clear()
            self.headers.clear()
            self.max_inflight = 0

    def record(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.counts[path] += 1
            self.headers.setdefault(path, []).append({k.lower(): v for k, v in headers.items()})

    def track(self) -> _Inflight:
        return _Inflight(self)

    # routes: each takes the handler ---------------------------------------------------------
    def rss(self, h: _Handler) -> None:
        h.send(200, rss_feed(int(h.query.get("n", 5))))

    def atom(self, h: _Handler) -> None:
        h.send(200, atom_feed(), "application/atom+xml")

    def jsonfeed(self, h: _Handler) -> None:
        h.send(200, json_feed(h.query.get("v", "1.1")), "application/feed+json")

    def etag(self, h: _Handler) -> None:
        if h.headers.get("If-None-Match") == ETAG:
            h.send_response(304)
            h.send_header("ETag", ETAG)
            h.end_headers()
            return
        h.send(200, rss_feed(2), ETag=ETAG, Last_Modified=LAST_MODIFIED)

    def etag_ignored(self, h: _Handler) -> None:
        h.send(200, rss_feed(2), ETag='W/"ignored"', Last_Modified=LAST_MODIFIED)

    def too_many(self, h: _Handler) -> None:
        ra = h.query.get("ra", "120")
        if ra == "httpdate":
            ra = format_datetime(datetime.now(UTC) + timedelta(hours=2), usegmt=True)
        h.send(429, b"slow down", "text/plain", Retry_After=ra)

    def unavailable(self, h: _Handler) -> None:
        h.send(503, b"busy", "text/plain", Retry_After="60")

    def error500(self, h: _Handler) -> None:
        h.send(500, b"oops", "text/plain")

    def gone(self, h: _Handler) -> None:
        h.send(410, b"gone", "text/plain")

    def hang(self, h: _Handler) -> None:
        self.stopping.wait(30)

    def drip(self, h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", RSS)
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        gap = float(h.query.get("gap", 0.5))
        while not self.stopping.wait(gap):
            h.wfile.write(b"<")
            h.wfile.flush()

    def endless(self, h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", RSS)
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>E</title>'
        chunk = b"".join(b"<item><title>Endless</title><link>http://example.org/e</link></item>"
                         for _ in range(200))
        for piece in [head] + [chunk] * 100_000:
            if self.stopping.is_set():
                return
            h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))

    def gz_bomb(self, h: _Handler) -> None:
        h.send(200, gzip_bomb(), RSS, Content_Encoding="gzip")

    def gz2(self, h: _Handler) -> None:
        h.send(200, gzip.compress(gzip.compress(rss_feed(3))), RSS, Content_Encoding="gzip, gzip")

    def encoding(self, h: _Handler) -> None:
        coding = h.query.get("ce", "br")
        body = rss_feed(3)
        if coding == "deflate":
            body = zlib.compress(body)
        elif coding == "raw-deflate":
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            body, coding = packer.compress(body) + packer.flush(), "deflate"
        elif coding == "gzip":
            body = gzip.compress(body)
        h.send(200, body, RSS, Content_Encoding=coding)

    def short(self, h: _Handler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                      b"Content-Length: 100000\r\n\r\n<?xml vers")
        h.wfile.flush()
        h.close_connection = True

    def loop(self, h: _Handler) -> None:
        h.redirect(302, "/loop")

    def chain(self, h: _Handler) -> None:
        n = int(h.query.get("n", 30))
        if n <= 0:
            return h.send(200, rss_feed(3))
        h.redirect(int(h.query.get("code", 302)), f"/chain?n={n - 1}&code={h.query.get('code', 302)}")

    def moved_permanently(self, h: _Handler) -> None:
        h.redirect(301, "/rss")

    def mixed(self, h: _Handler) -> None:
        h.redirect(301, "/chain?n=1&code=302")

    def to_file(self, h: _Handler) -> None:
        h.redirect(302, "file:///etc/passwd")

    def to_private(self, h: _Handler) -> None:
        h.redirect(302, f"http://127.0.0.2:{self.port}/rss")

    def html(self, h: _Handler) -> None:
        h.send(200, html_page([("application/rss+xml", "/rss"), ("application/atom+xml", "/atom")]),
               "text/html; charset=utf-8")

    def html_nofeed(self, h: _Handler) -> None:
        h.send(200, html_page([]), "text/html")

    def html_badlinks(self, h: _Handler) -> None:
        h.send(200, html_page([("application/rss+xml", "/500"), ("application/rss+xml", "/html"),
                               ("application/atom+xml", "/atom")]), "text/html")

    def empty(self, h: _Handler) -> None:
        h.send(200, b"", RSS)

    def notjson(self, h: _Handler) -> None:
        h.send(200, b'{"error": "unauthorized", "code": 401}', "application/json")

    def malformed(self, h: _Handler) -> None:
        h.send(200, malformed())

    def laughs(self, h: _Handler) -> None:
        h.send(200, billion_laughs(h.query.get("form", "multi")))

    def xxe(self, h: _Handler) -> None:
        h.send(200, xxe(h.query.get("form", "system"), self.canary_path, self.url("/dtd")))

    def dtd(self, h: _Handler) -> None:
        h.send(200, f'<!ENTITY xxe "{CANARY}">'.encode(), "application/xml-dtd")

    def charset(self, h: _Handler) -> None:
        body, ctype = charset_lie(h.path.split("/")[-1])
        h.send(200, body, ctype)

    def dups(self, h: _Handler) -> None:
        h.send(200, dup_guids())

    def noguids(self, h: _Handler) -> None:
        h.send(200, no_guids())

    def dates(self, h: _Handler) -> None:
        h.send(200, bad_dates())

    def hostile(self, h: _Handler) -> None:
        h.send(200, hostile_links(h.query.get("target", "/tmp/x"), f"http://127.0.0.2:{self.port}/"))

    def page(self, h: _Handler) -> None:
        h.send(200, b"<html><body><article><p>Article text.</p></article></body></html>",
               "text/html; charset=utf-8")

    def slow(self, h: _Handler) -> None:
        time.sleep(float(h.query.get("t", 0.2)))
        h.send(200, rss_feed(1))


class _Inflight:
    def __init__(self, server: FaultServer) -> None:
        self.server = server

    def __enter__(self) -> None:
        with self.server._lock:
            self.server._inflight += 1
            self.server.max_inflight = max(self.server.max_inflight, self.server._inflight)

    def __exit__(self, *exc: object) -> None:
        with self.server._lock:
            self.server._inflight -= 1


_ROUTES = {
    "/rss": "rss", "/atom": "atom", "/json": "jsonfeed", "/etag": "etag",
    "/etag-ignored": "etag_ignored", "/429": "too_many", "/503": "unavailable",
    "/500": "error500", "/410": "gone", "/hang": "hang", "/drip": "drip", "/endless": "endless",
    "/gz-bomb": "gz_bomb", "/gz2": "gz2", "/encoding": "encoding", "/short": "short",
    "/loop": "loop", "/chain": "chain", "/moved-permanently": "moved_permanently",
    "/mixed": "mixed", "/to-file": "to_file", "/to-private": "to_private", "/html": "html",
    "/html-nofeed": "html_nofeed", "/html-badlinks": "html_badlinks", "/empty": "empty",
    "/notjson": "notjson", "/malformed": "malformed", "/billion-laughs": "laughs",
    "/xxe": "xxe", "/dtd": "dtd", "/dup-guids": "dups", "/no-guids": "noguids",
    "/bad-dates": "dates", "/hostile-links": "hostile", "/slow": "slow",
}


@pytest.fixture
def fault_server(tmp_path: Path):
    """A started FaultServer whose XXE canary file lives in the test's tmp_path."""
    canary = tmp_path / "canary.txt"
    canary.write_text(CANARY)
    server = FaultServer(canary_path=canary).start()
    try:
        yield server
    finally:
        server.stop()
