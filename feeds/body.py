"""Undo a response's Content-Encoding with a bound on every step's output.

httpx decompresses each network chunk in one call with no output limit, so a 64 KB chunk of a
gzip bomb becomes 64 MB in memory before anyone can count it, and it happily chains ``gzip, gzip``.
The fetcher therefore reads the raw stream and decodes here instead: only a single ``gzip``,
``deflate`` or ``identity`` is accepted, and each decompress call yields at most ``PIECE`` bytes,
so the caller can stop at its byte cap holding no more than the cap plus one piece.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

PIECE = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_ALIASES = {"x-gzip": "gzip", "identity": "identity", "gzip": "gzip", "deflate": "deflate"}


class EncodingRefused(Exception):
    """The body is in an encoding we will not (or cannot) decode; the message is one line."""


def content_coding(header: str | None) -> str:
    """The single coding a Content-Encoding header names, or EncodingRefused if stacked/unknown."""
    codings = [c.strip().lower() for c in (header or "").split(",") if c.strip()]
    if not codings:
        return "identity"
    if len(codings) > 1:
        raise EncodingRefused(f"stacked content-encoding refused: {header!r}")
    coding = _ALIASES.get(codings[0])
    if coding is None:
        raise EncodingRefused(f"unsupported content-encoding: {header!r}")
    return coding


def _deflate_wbits(head: bytes) -> int:
    """zlib-wrapped deflate (what the RFC says) or raw deflate (what many servers send)."""
    cmf, flg = head[0], head[1]
    if cmf & 0x0F == 8 and (cmf * 256 + flg) % 31 == 0:
        return zlib.MAX_WBITS
    return -zlib.MAX_WBITS


class BodyDecoder:
    """Feed raw chunks in, get decoded pieces of at most PIECE bytes out."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._inflater: zlib._Decompress | None = None
        self._pending = b""         # deflate: bytes held until the first two tell zlib from raw
        self._finished = False      # the compressed stream ended; trailing junk is ignored
        if coding == "gzip":
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not data:
            return
        if self.coding == "identity":
            for start in range(0, len(data), PIECE):
                yield data[start:start + PIECE]
            return
        if self._finished:
            return
        if self._inflater is None:
            self._pending += data
            if len(self._pending) < 2:
                return
            data, self._pending = self._pending, b""
            self._inflater = zlib.decompressobj(_deflate_wbits(data))
        yield from self._inflate(data)

    def flush(self) -> Iterator[bytes]:
        if self.coding == "identity" or self._finished:
            return
        if self._inflater is None:
            if not self._pending:
                return
            self._inflater = zlib.decompressobj(_deflate_wbits(self._pending))
            yield from self._inflate(self._pending)
        yield from self._inflate(b"")
        tail = self._inflater.flush()
        if tail:
            yield tail

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        inflater = self._inflater
        assert inflater is not None
        try:
            while True:
                out = inflater.decompress(data, PIECE)
                if out:
                    yield out
                data = inflater.unconsumed_tail
                if inflater.eof:
                    rest = inflater.unused_data
                    if self.coding == "gzip" and rest[:2] == _GZIP_MAGIC:
                        inflater = self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                        data = rest          # a multi-member gzip body: decode the next member
                        continue
                    self._finished = True
                    return
                if not out and not data:
                    return
        except zlib.error as exc:
            raise EncodingRefused(f"cannot decode {self.coding} body: {exc}") from exc
