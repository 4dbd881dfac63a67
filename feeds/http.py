"""Polite, bounded HTTP fetches of feeds and pages: one client, limits, and a result instead of raising.

Everything a feed server sends is hostile input. So each fetch has a total deadline (httpx's read
timeout is per chunk, a slow drip never trips it), a cap on the *decoded* body (``feeds.body``
decodes with bounded steps), only one ``gzip``/``deflate``/``identity`` coding, redirects followed
here hop by hop so each hop's scheme and address are checked, and at most ``per_host`` requests in
flight to one host (feeds and pages share the limit). It is polite: conditional GET with the
stored validators sent verbatim, a descriptive User-Agent, Retry-After read (the schedule is
``feeds.politeness``'s job). It never parses; it never retries.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from newsdesk.config import PollConfig
from newsdesk.feeds.body import BodyDecoder, EncodingRefused, content_coding
from newsdesk.feeds.politeness import parse_retry_after
from newsdesk.models import FetchResult
from newsdesk.text import clean_text
from newsdesk.urls import host_port, is_http_url, is_public_address, private_target_allowed

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_MAX_ERROR = 300


class _Failure(Exception):
    """Internal: ends a fetch with an error result."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = clean_text(message, single_line=True)[:_MAX_ERROR]


@dataclass
class _Hop:
    """What one request of a redirect chain produced."""

    status: int
    headers: dict[str, str]
    location: str | None = None
    body: bytes | None = None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class Fetcher:
    """``async with Fetcher(config) as fetcher: result = await fetcher.fetch(url)``."""

    def __init__(self, config: PollConfig) -> None:
        self.config = config
        self._client: httpx.AsyncClient | None = None
        self._global = asyncio.Semaphore(max(1, config.concurrency))
        self._per_host: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        cfg = self.config
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            trust_env=False,          # no proxy or netrc picked up from the environment
            timeout=httpx.Timeout(
                connect=cfg.connect_timeout, read=cfg.read_timeout,
                write=cfg.read_timeout, pool=cfg.deadline,
            ),
            limits=httpx.Limits(
                max_connections=max(1, cfg.concurrency),
                max_keepalive_connections=max(1, cfg.concurrency),
                keepalive_expiry=15.0,
            ),
            headers={"User-Agent": cfg.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        key = host_port(url)
        if key not in self._per_host:
            self._per_host[key] = asyncio.Semaphore(max(1, self.config.per_host))
        return self._per_host[key]

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None,
        feed_url: str | None = None, accept: str | None = None,
    ) -> FetchResult:
        """GET ``url``; network and HTTP trouble comes back as ``error``/``error_kind``.

        ``feed_url`` marks ``url`` as supplied by that feed (an item link): then every hop to a
        non-public address is refused unless it is the feed's own host or allowlisted. Without it
        the URL is the user's choice and trusted, but a redirect from a public host into private
        address space is still refused.
        """
        if self._client is None:
            raise RuntimeError("Fetcher used outside 'async with'")
        headers = {"Accept": accept or FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, permanent, hops = url, True, 0
        budget = self.config.deadline
        loop = asyncio.get_running_loop()
        try:
            if not is_http_url(url):
                raise _Failure("blocked", f"refusing non-http(s) URL {url[:200]}")
            while True:
                # Host first: a task queued behind a busy host must not hold a global slot.
                async with self._host_limit(current), self._global:
                    started = loop.time()
                    try:
                        async with asyncio.timeout(max(budget, 0.0)):
                            await self._check_target(current, url, feed_url, hops)
                            hop = await self._request(current, headers)
                    except TimeoutError:
                        raise _Failure(
                            "timeout", f"no complete response within {self.config.deadline:g}s"
                            f" (deadline) from {current}") from None
                    finally:
                        budget -= loop.time() - started
                if hop.location is None:
                    break
                target = urljoin(current, hop.location.strip())
                if not is_http_url(target):
                    raise _Failure("redirect", f"redirect to a non-http(s) URL refused: "
                                               f"{current} -> {target[:200]}")
                hops += 1
                if hops > self.config.max_redirects:
                    raise _Failure("redirect", f"more than {self.config.max_redirects} "
                                               f"redirects; last hop {current} -> {target}")
                permanent = permanent and hop.status in _PERMANENT
                current = target
        except _Failure as failure:
            return FetchResult(url=url, final_url=current, error=failure.message,
                               error_kind=failure.kind)
        except httpx.TimeoutException as exc:
            return self._failed(url, current, "timeout", f"{self._timeout_text(exc)} ({current})")
        except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
            return self._failed(url, current, "network", f"{_describe(exc)} ({current})")
        return self._result(url, current, hop, etag, last_modified,
                            current if hops and permanent else None)

    def _timeout_text(self, exc: httpx.TimeoutException) -> str:
        if isinstance(exc, httpx.ConnectTimeout):
            return f"connect timeout after {self.config.connect_timeout:g}s"
        if isinstance(exc, httpx.ReadTimeout):
            return f"read timeout after {self.config.read_timeout:g}s"
        return _describe(exc)

    @staticmethod
    def _failed(url: str, final_url: str, kind: str, message: str) -> FetchResult:
        return FetchResult(url=url, final_url=final_url, error_kind=kind,
                           error=clean_text(message, single_line=True)[:_MAX_ERROR])

    def _result(
        self, url: str, final_url: str, hop: _Hop, etag: str | None,
        last_modified: str | None, permanent_redirect: str | None,
    ) -> FetchResult:
        h, status = hop.headers, hop.status
        common = dict(url=url, final_url=final_url, status=status, headers=h,
                      etag=h.get("etag"), last_modified=h.get("last-modified"),
                      permanent_redirect=permanent_redirect)
        if status == 304:
            # A 304 may omit the validators; the ones sent are still the right ones to keep.
            common["etag"] = h.get("etag") or etag
            common["last_modified"] = h.get("last-modified") or last_modified
            return FetchResult(**common, not_modified=True)
        if status == 410:
            return FetchResult(**common, gone=True, error="HTTP 410 Gone", error_kind="http")
        if status in (429, 503):
            raw = h.get("retry-after")
            when = parse_retry_after(raw, datetime.now(UTC))
            note = f" (Retry-After: {clean_text(raw, single_line=True)[:60]})" if raw else ""
            return FetchResult(**common, retry_after=when, error=f"HTTP {status}{note}",
                               error_kind="http")
        if not 200 <= status < 300:
            return FetchResult(**common, error=f"HTTP {status}", error_kind="http")
        return FetchResult(**common, body=hop.body)

    async def _check_target(
        self, hop_url: str, origin: str, feed_url: str | None, hops: int,
    ) -> None:
        """Refuse a hop that resolves to a non-public address it has no right to reach."""
        allow = self.config.allow_private_hosts
        if feed_url is None and hops == 0:
            return                                  # the user chose this URL
        if private_target_allowed(hop_url, feed_url or origin, allow):
            return
        if not await self._resolves_public(hop_url):
            if feed_url is None and not await self._resolves_public(origin):
                return                              # the user's own URL is private: its hops too
            raise _Failure("blocked", f"refusing non-public address for {hop_url}"
                                      + (f" (linked from {feed_url})" if feed_url else
                                         f" (redirected from {origin})"))

    @staticmethod
    async def _resolves_public(url: str) -> bool:
        """True when every address the URL's host resolves to is public."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise _Failure("network", f"cannot resolve {host}: {exc}") from exc
        return bool(infos) and all(is_public_address(str(info[4][0])) for info in infos)

    async def _request(self, url: str, headers: dict[str, str]) -> _Hop:
        assert self._client is not None
        async with self._client.stream("GET", url, headers=headers) as response:
            got = {k.lower(): v for k, v in response.headers.items()}
            status = response.status_code
            if status in _REDIRECTS and got.get("location"):
                return _Hop(status, got, location=got["location"])
            if not 200 <= status < 300:
                return _Hop(status, got)           # the error body is not worth reading
            try:
                decoder = BodyDecoder(content_coding(got.get("content-encoding")))
            except EncodingRefused as exc:
                raise _Failure("encoding", f"{exc} ({url})") from None
            return _Hop(status, got, body=await self._read(response, decoder, url))

    async def _read(self, response: httpx.Response, decoder: BodyDecoder, url: str) -> bytes:
        cap = self.config.max_bytes
        pieces: list[bytes] = []
        size = 0

        def take(piece: bytes) -> None:
            nonlocal size
            size += len(piece)
            if size > cap:
                raise _Failure("too_large", f"response larger than {cap} bytes ({url})")
            pieces.append(piece)

        try:
            async for raw in response.aiter_raw():
                for piece in decoder.feed(raw):
                    take(piece)
            for piece in decoder.flush():
                take(piece)
        except EncodingRefused as exc:
            raise _Failure("encoding", f"{exc} ({url})") from None
        return b"".join(pieces)
