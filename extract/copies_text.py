"""Text -> the compact forms near-copy detection works on: word codes, shingles, MinHash signatures.

Why it exists: the copy index keeps every article of its window in memory and compares candidates
word by word, so a text is reduced once to a *code string*, one character a word (a 16-bit code
from CRC-32 of the case-folded word, 2 bytes a word in CPython's compact strings instead of ~7 for
the text). rapidfuzz compares code strings as fast as any string, and the word shingles and the
MinHash signature are computed from the codes, so all of it is deterministic across processes
(no ``hash()``; CRC-32 and datasketch's seeded permutations only).

What it will not do: decide what a copy is (``copies.py``), or know about articles, outlets or time.
A code collision (two words, one code; about 1 in 51,000 for a pair of words) can only make two
texts look a hair more alike; it never hides a copy.
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from rapidfuzz.distance import Indel

from newsdesk.extract.article import WORDS as _WORDS
from newsdesk.extract.article import words_hash

SEED = 20261120                     # MinHash permutation seed: part of the stored signature format
SIGNATURE_VERSION = 1
_HEADER = struct.Struct("<BBH")      # version, shingle words, num_perm
MIN_PASSAGE = 6                      # words; shorter lines are never counted as repeated
_CODE_BASE = 0x1000                  # codes stay below the surrogate block: plain UCS-2 strings
_CODE_SPAN = 0xD800 - _CODE_BASE
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_STEP = np.uint64(0x9E3779B97F4A7C15)
_CODES_MAX = 100_000
_MERSENNE = np.uint64((1 << 61) - 1)       # datasketch's permutation modulus
_LOW32 = np.uint64(0xFFFFFFFF)
_BLOCK = 128                               # shingles per block: keeps the work in cache


class _Codes(dict):
    """word -> code character; a pure cache (a miss computes the same code), bounded."""

    def __missing__(self, word: str) -> str:
        code = chr(_CODE_BASE + zlib.crc32(word.encode("utf-8")) % _CODE_SPAN)
        if len(self) < _CODES_MAX:
            self[word] = code
        return code


_codes = _Codes()


def word_codes(text: str, max_words: int = 0) -> str:
    """The text's words, case-folded, one code character each (``max_words`` > 0 keeps the first)."""
    return _codes_of(_WORDS.findall(text.casefold()), max_words)


def _codes_of(words: list[str], max_words: int) -> str:
    if max_words and len(words) > max_words:
        words = words[:max_words]
    return "".join(map(_codes.__getitem__, words))


def shingle_hashes(codes: str, k: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the k-word shingles (the whole text when shorter than k)."""
    if not codes:
        return np.empty(0, dtype=np.uint64)
    c = np.frombuffer(codes.encode("utf-16-le"), dtype="<u2").astype(np.uint64)
    k = max(1, min(k, len(c)))
    n = len(c) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):                 # polynomial over the window, wrapping mod 2**64
            h = h * _STEP + c[i:i + n]
        h ^= h >> np.uint64(30)            # splitmix64 finaliser: every input bit reaches the top 32
        h *= _MIX1
        h ^= h >> np.uint64(27)
        h *= _MIX2
        h ^= h >> np.uint64(31)
    return np.unique(h >> np.uint64(32))


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=num_perm, seed=SEED).permutations


def minhash_values(shingles: np.ndarray, num_perm: int) -> np.ndarray:
    """datasketch's MinHash of already-hashed shingles: ``num_perm`` values below 2**32.

    The same seeded permutations and the same arithmetic as ``MinHash.update_batch`` (the tests
    check the values are identical), 2.4x faster: ``x % p`` for the Mersenne prime p = 2**61 - 1 is
    ``(x & p) + (x >> 61)`` less p once, and the work goes in cache-sized blocks.
    """
    a, b = _permutations(num_perm)
    out = np.full(num_perm, _LOW32, dtype=np.uint64)
    block = min(_BLOCK, len(shingles))
    x = np.empty((block, num_perm), dtype=np.uint64)
    y = np.empty((block, num_perm), dtype=np.uint64)
    for start in range(0, len(shingles), _BLOCK):
        h = shingles[start:start + _BLOCK, None]
        xs, ys = x[:len(h)], y[:len(h)]
        with np.errstate(over="ignore"):
            np.multiply(h, a, out=xs)              # wraps mod 2**64, as datasketch's does
            np.add(xs, b, out=xs)
        np.bitwise_and(xs, _MERSENNE, out=ys)
        np.right_shift(xs, np.uint64(61), out=xs)
        np.add(ys, xs, out=ys)                     # < 2p: one conditional subtraction left
        np.greater_equal(ys, _MERSENNE, out=xs)
        np.multiply(xs, _MERSENNE, out=xs)
        np.subtract(ys, xs, out=ys)
        np.bitwise_and(ys, _LOW32, out=ys)
        np.minimum(out, ys.min(axis=0), out=out)
    return out


class Reduced:
    """A text reduced once: codes, content hash, passage ends and keys, shingles and MinHash
    values (the last two None below ``min_words``)."""

    __slots__ = ("_chash", "_words", "codes", "ends", "passages", "shingles", "values")

    def __init__(self, codes: str, words: list[str], ends: np.ndarray, passages: list[int],
                 shingles: np.ndarray | None, values: np.ndarray | None):
        self.codes, self.ends, self.passages = codes, ends, passages
        self.shingles, self.values = shingles, values
        self._words: list[str] | None = words
        self._chash: str | None = None

    @property
    def chash(self) -> str:
        """``extract.article.content_hash`` of the text, hashed on first use (callers that have
        the article's stored hash never need it)."""
        if self._chash is None:
            self._chash = words_hash(self._words or [])
            self._words = None
        return self._chash


_last: tuple[tuple[int, int, int, int], str, Reduced] | None = None


def reduce_text(text: str, shingle_words: int, num_perm: int, max_words: int, min_words: int,
                signature: bytes | None = None) -> Reduced:
    """Codes, content hash (as ``extract.article.content_hash``), passages, shingles and MinHash
    of a text. The last result is kept: the pipeline asks for the signature, then the original,
    then adds the article, all with the same text."""
    global _last
    key = (shingle_words, num_perm, max_words, min_words)
    last = _last
    if last is not None and last[0] == key and (last[1] is text or last[1] == text):
        return last[2]
    words: list[str] = []
    parts: list[str] = []
    for piece in text.casefold().split("\n"):      # passages: lines (paragraphs)
        found = _WORDS.findall(piece)
        if found:
            words.extend(found)
            parts.append("".join(map(_codes.__getitem__, found)))
    ends = np.cumsum([len(p) for p in parts], dtype=np.uint32)
    codes = "".join(parts)
    if max_words and len(codes) > max_words:
        codes = codes[:max_words]
        ends = np.append(ends[ends < max_words], np.uint32(max_words))
    shingles = values = None
    if len(codes) >= min_words:
        shingles = shingle_hashes(codes, shingle_words)
        values = unpack_signature(signature, shingle_words, num_perm)
        if values is None:
            values = minhash_values(shingles, num_perm)
    reduced = Reduced(codes, words, ends, sorted(set(passage_keys(codes, ends))), shingles, values)
    _last = (key, text, reduced)
    return reduced


def passage_keys(codes: str, ends: np.ndarray) -> list[int]:
    """CRC-32 of each passage (a line: what a site or a press release repeats, boilerplate lines
    and "About" paragraphs) of at least MIN_PASSAGE words, in order."""
    out, start = [], 0
    for end in ends.tolist():
        if end - start >= MIN_PASSAGE:
            out.append(zlib.crc32(codes[start:end].encode("utf-16-le")))
        start = end
    return out


def without_passages(codes: str, ends: np.ndarray, drop: set[int]) -> str:
    """The codes with the passages whose key is in ``drop`` left out."""
    kept, start = [], 0
    for end in ends.tolist():
        piece = codes[start:end]
        if end - start < MIN_PASSAGE or zlib.crc32(piece.encode("utf-16-le")) not in drop:
            kept.append(piece)
        start = end
    return "".join(kept)


def pack_signature(values: np.ndarray, shingle_words: int) -> bytes:
    """4-byte header (format, shingle size, num_perm) + little-endian uint32 values: 516 B at 128."""
    return _HEADER.pack(SIGNATURE_VERSION, shingle_words, len(values)) + \
        values.astype("<u4").tobytes()


def unpack_signature(data: bytes | None, shingle_words: int, num_perm: int) -> np.ndarray | None:
    """The values, or None when ``data`` is missing or was made with other settings (re-hash)."""
    if not data or len(data) != _HEADER.size + 4 * num_perm:
        return None
    if _HEADER.unpack_from(data) != (SIGNATURE_VERSION, shingle_words, num_perm):
        return None
    return np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint64)


def similarity(a: str, b: str) -> float:
    """rapidfuzz Indel similarity of two code strings (fuzz.ratio / 100 over words), 0..1."""
    return Indel.normalized_similarity(a, b)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the other (both sorted unique), 0..1."""
    small = min(len(a), len(b))
    if not small:
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / small
