"""Serve the sample site on a loopback address, stdlib only.

    with SampleSite(host="127.0.0.1", port=0) as site:
        site.base_url        # "http://127.0.0.1:PORT"
        site.feed_urls       # the 8 outlets' feeds
        site.requests("/wire/feed.xml")

Routes: ``/`` (outlet list), ``/<outlet>/`` (homepage with feed discovery), the outlet's feed
(``feed.xml``, ``atom.xml`` or ``feed.json``), ``/<outlet>/<yyyy>/<mm>/<slug>.html`` articles,
``/static/*`` and ``/robots.txt``. Every response has a charset, an ETag and (for content) a
Last-Modified date; a matching If-None-Match (or, without one, an If-Modified-Since not older than
the content) gets 304. Bodies are rendered once per path and cached. Nothing is logged per request.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import threading
from collections import Counter
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from newsdesk.sample_site.content import SampleContent, load_content
from newsdesk.sample_site.feeds import CONTENT_TYPES, last_modified, render_feed
from newsdesk.sample_site.render import render_article, render_homepage, render_index

HTML = "text/html; charset=utf-8"
_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">'
        '<rect width="1200" height="675" fill="#d8dde3"/></svg>\n')
_ROBOTS = "User-agent: *\nAllow: /\n"


def loopback_host(host: str) -> str:
    """The IP literal to bind for ``host``; ValueError unless it is a loopback address."""
    if host == "localhost":
        return "127.0.0.1"
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        raise ValueError(f"sample site host must be a loopback IP address, not {host!r}") from None
    if not ip.is_loopback:
        raise ValueError(f"sample site refuses to listen on non-loopback address {host!r}")
    return str(ip)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):  # a client hanging up is not news
        import sys
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError, socket.timeout)):
            return
        super().handle_error(request, client_address)


class _Server6(_Server):
    address_family = socket.AF_INET6


class SampleSite:
    """The sample news site on ``host``:``port`` (0 picks a free port), served from a daemon thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0,
                 content: SampleContent | None = None) -> None:
        self.host = loopback_host(host)
        self.port = port
        self.content = content or load_content()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._cache: dict[str, tuple[int, str, bytes, datetime | None]] = {}
        self._routes = self._build_routes()

    # ---- lifecycle -------------------------------------------------------------------------
    def bind(self) -> "SampleSite":
        """Open the listening socket (fixing ``port`` and ``base_url``) without serving yet."""
        if self._server is None:
            cls = _Server6 if ":" in self.host else _Server
            self._server = cls((self.host, self.port), self._handler_class())
            self.port = self._server.server_address[1]
        return self

    def start(self) -> "SampleSite":
        server = self.bind()._server
        if self._thread is None:
            self._thread = threading.Thread(target=server.serve_forever, name="sample-site",
                                            kwargs={"poll_interval": 0.1}, daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            if self._thread is not None:
                self._server.shutdown()
                self._thread.join(timeout=5)
            self._server.server_close()
        self._server = None
        self._thread = None

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (``python -m newsdesk.sample_site``)."""
        server = self.bind()._server
        try:
            server.serve_forever(poll_interval=0.2)
        finally:
            server.server_close()
            self._server = None

    def __enter__(self) -> "SampleSite":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ---- addresses ------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``; still answers after ``stop`` (the address it served on)."""
        if not self.port:
            raise RuntimeError("sample site is not started")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def feed_urls(self) -> list[str]:
        return [self.url(o.feed_path) for o in self.content.outlets]

    @property
    def homepage_urls(self) -> list[str]:
        return [self.url(o.home_path) for o in self.content.outlets]

    def requests(self, path: str | None = None) -> int | dict[str, int]:
        """How many requests ``path`` (or a full URL) has had; all counts when ``path`` is None."""
        with self._lock:
            if path is None:
                return dict(self._counts)
            return self._counts.get(urlsplit(path).path or "/", 0)

    # ---- content --------------------------------------------------------------------------
    def _build_routes(self) -> dict[str, tuple]:
        routes: dict[str, tuple] = {"/": ("index",), "/robots.txt": ("robots",)}
        for outlet in self.content.outlets:
            routes[outlet.home_path] = ("home", outlet)
            routes[outlet.feed_path] = ("feed", outlet)
            routes[f"/static/{outlet.slug}.css"] = ("css",)
            routes[f"/static/og-{outlet.slug}.svg"] = ("svg",)
        routes["/static/placeholder.svg"] = ("svg",)
        for article in self.content.articles:
            routes[article.path] = ("article", article)
        return routes

    def _resolve(self, path: str) -> tuple[int, str, bytes, datetime | None]:
        cached = self._cache.get(path)
        if cached is not None:
            return cached
        route = self._routes.get(path)
        if route is None and not path.endswith("/") and path + "/" in self._routes:
            route = ("redirect", path + "/")
        base, content = self.base_url, self.content
        kind = route[0] if route else None
        if kind == "article":
            result = (200, HTML, render_article(content, route[1], base).encode(), route[1].published)
        elif kind == "home":
            result = (200, HTML, render_homepage(content, route[1], base).encode(),
                      last_modified(content, route[1]))
        elif kind == "feed":
            result = (200, CONTENT_TYPES[route[1].feed_format],
                      render_feed(content, route[1], base).encode(), last_modified(content, route[1]))
        elif kind == "index":
            result = (200, HTML, render_index(content, base).encode(), None)
        elif kind == "robots":
            result = (200, "text/plain; charset=utf-8", _ROBOTS.encode(), None)
        elif kind == "css":
            result = (200, "text/css; charset=utf-8", b"body{margin:0 auto;line-height:1.5}\n", None)
        elif kind == "svg":
            result = (200, "image/svg+xml; charset=utf-8", _SVG.encode(), None)
        elif kind == "redirect":
            return (301, route[1], b"", None)
        else:
            body = b"<!DOCTYPE html><html><head><title>Not found</title></head><body><h1>404</h1></body></html>\n"
            return (404, HTML, body, None)
        self._cache[path] = result
        return result

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "newsdesk-sample/1.0"
            timeout = 30

            def log_message(self, format, *args):  # noqa: A002 - quiet: no line per request
                pass

            def do_HEAD(self):
                self._respond(head_only=True)

            def do_GET(self):
                self._respond(head_only=False)

            def _respond(self, head_only: bool) -> None:
                path = urlsplit(self.path).path or "/"
                with site._lock:
                    site._counts[path] += 1
                status, ctype, body, modified = site._resolve(path)
                if status == 301:
                    self.send_response(301)
                    self.send_header("Location", ctype)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = '"' + hashlib.sha256(body).hexdigest()[:24] + '"'
                if status == 200 and self._not_modified(etag, modified):
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    if modified:
                        self.send_header("Last-Modified", format_datetime(modified, usegmt=True))
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if status == 200:
                    self.send_header("ETag", etag)
                    if modified:
                        self.send_header("Last-Modified", format_datetime(modified, usegmt=True))
                self.end_headers()
                if not head_only:
                    self.wfile.write(body)

            def _not_modified(self, etag: str, modified: datetime | None) -> bool:
                match = self.headers.get("If-None-Match")
                if match is not None:
                    tags = {t.strip().removeprefix("W/") for t in match.split(",")}
                    return "*" in tags or etag in tags
                since = self.headers.get("If-Modified-Since")
                if since and modified:
                    try:
                        return parsedate_to_datetime(since) >= modified
                    except (TypeError, ValueError):
                        return False
                return False

        return Handler
