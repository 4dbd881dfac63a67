"""Compact key -> article ids multimaps for the copy index's LSH bands, sampled shingles and hashes.

Why not datasketch's ``MinHashLSH``: its in-memory storage keeps a Python ``set`` per bucket and the
band bytes per key, about 9 KB an article at 128 permutations and threshold 0.5 (12.6 KB at 0.3),
measured; nearly every bucket holds one article, so here a lone id is stored bare and only shared
keys get a list: about 80 bytes a key. datasketch still provides the MinHash itself and the
banding scheme (``lsh_params`` solves the same optimisation as its ``_optimal_param``).

What it will not do: persistence, or any ordering of ids beyond insertion order.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import lru_cache

import numpy as np

_EMPTY: tuple[int, ...] = ()


class Postings:
    """key -> ids; a key with one id holds the bare int, more ids share a list."""

    __slots__ = ("_map",)

    def __init__(self) -> None:
        self._map: dict[Hashable, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self._map)

    def add(self, key: Hashable, item: int) -> None:
        current = self._map.get(key)
        if current is None:
            self._map[key] = item
        elif type(current) is list:
            current.append(item)
        else:
            self._map[key] = [current, item]  # type: ignore[list-item]

    def remove(self, key: Hashable, item: int) -> None:
        current = self._map.get(key)
        if current is None:
            return
        if type(current) is list:
            try:
                current.remove(item)
            except ValueError:
                return
            if len(current) == 1:
                self._map[key] = current[0]
        elif current == item:
            del self._map[key]

    def get(self, key: Hashable) -> Sequence[int]:
        current = self._map.get(key)
        if current is None:
            return _EMPTY
        return current if type(current) is list else (current,)  # type: ignore[return-value]


def _false_positive(threshold: float, b: int, r: int) -> float:
    s = np.linspace(0.0, threshold, 201)
    return float(np.trapezoid(1 - (1 - s**r) ** b, s))


def _false_negative(threshold: float, b: int, r: int) -> float:
    s = np.linspace(threshold, 1.0, 201)
    return float(np.trapezoid((1 - s**r) ** b, s))


@lru_cache(maxsize=32)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives around ``threshold``, the
    criterion of datasketch's MinHashLSH with equal weights."""
    best, best_error = (2, 1), float("inf")
    for b in range(2, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            error = _false_positive(threshold, b, r) + _false_negative(threshold, b, r)
            if error < best_error:
                best, best_error = (b, r), error
    return best


@lru_cache(maxsize=8)
def _multipliers(num_perm: int) -> np.ndarray:
    # fixed odd 64-bit multipliers: band keys live only in memory, but stay the same everywhere
    rng = np.random.default_rng(0x5EEDC0B1)
    return rng.integers(0, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def band_keys(values: np.ndarray, bands: int, rows: int) -> list[int]:
    """One int per band: a multilinear hash of the band's MinHash values (high 32 bits; two
    different bands collide with probability about 2**-32, and a collision only adds a candidate)
    tagged with the band number so one table holds all bands."""
    used = bands * rows
    m = _multipliers(len(values))[:used].reshape(bands, rows)
    with np.errstate(over="ignore"):
        h = (values[:used].reshape(bands, rows) * m).sum(axis=1, dtype=np.uint64)
    h = (h >> np.uint64(32)) | (np.arange(bands, dtype=np.uint64) << np.uint64(32))
    return h.tolist()
