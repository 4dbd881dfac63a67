"""Compact key -> article ids tables for the copy index: LSH bands, sampled shingles, hashes.

Why not datasketch's ``MinHashLSH``: its in-memory storage keeps a Python ``set`` per bucket and the
band bytes per key, about 9 KB an article at 128 permutations and threshold 0.5 (12.6 KB at 0.3),
measured. Here the newest articles sit in a dict whose lone ids are stored bare (``Postings``,
about 80 bytes a key); when it holds an eighth of the live articles it becomes a frozen tier:
sorted numpy arrays, 16 bytes a key, searched with ``searchsorted``. So there are about nine
tiers whatever the window holds, and a lookup costs the same few array searches at 2,000
articles in the window as at 100,000.
datasketch still provides the MinHash and the banding scheme (``lsh_params`` solves the same
optimisation as its ``_optimal_param``).

What it will not do: persistence, or removing a frozen key: ids go dead when the index says so
(``release``), are skipped by the caller's liveness check, and a tier goes when none is live.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
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


@dataclass
class _Frozen:
    serial: int
    keys: np.ndarray          # sorted uint64
    ids: np.ndarray           # int64, aligned with keys


class Tiers:
    """key -> (article id, tier serial): an active ``Postings`` plus frozen sorted arrays."""

    def __init__(self, tiers: int = 8, min_tier: int = 256) -> None:
        self.tiers, self.min_tier = tiers, min_tier
        self.serial = 0                                 # the active tier's number
        self._active = Postings()
        self._pending: dict[int, np.ndarray] = {}       # active ids -> their keys
        self._frozen: list[_Frozen] = []
        self._live: dict[int, int] = {0: 0}             # serial -> live ids
        self._total = 0                                 # live ids in all tiers

    def __len__(self) -> int:
        """Keys held, dead ones included until their tier goes."""
        return sum(len(f.keys) for f in self._frozen) + sum(map(len, self._pending.values()))

    def add(self, article_id: int, keys: list[int]) -> int:
        """Index an id under keys; returns the tier serial to check liveness against."""
        for key in keys:
            self._active.add(key, article_id)
        self._pending[article_id] = np.array(keys, dtype=np.uint64)
        self._live[self.serial] += 1
        self._total += 1
        if len(self._pending) >= max(self.min_tier, self._total // self.tiers):
            self._freeze()
        return self.serial if article_id in self._pending else self.serial - 1

    def release(self, article_id: int, serial: int) -> None:
        """The id left the index: forget it now if active, else when its tier empties."""
        if serial == self.serial:
            keys = self._pending.pop(article_id, None)
            if keys is not None:
                for key in keys.tolist():
                    self._active.remove(key, article_id)
        self._live[serial] -= 1
        self._total -= 1
        if serial != self.serial and self._live[serial] == 0:
            self._frozen = [f for f in self._frozen if f.serial != serial]
            del self._live[serial]

    def lookup(self, keys: list[int], cap: int, cap_from: int, count_from: int
               ) -> tuple[list[int], dict[int, list[tuple[int, int]]]]:
        """How many ids each key holds (dead ones included), and key position -> [(id, serial)]
        for the keys before ``count_from`` that hit; of those, keys from ``cap_from`` on that
        hold more than ``cap`` ids are left out, unread."""
        n = len(keys)
        totals = [len(self._active.get(key)) for key in keys]
        spans = []
        if self._frozen and n:
            query = np.array(keys, dtype=np.uint64)
            both = np.concatenate([query, query + np.uint64(1)])
            counts = np.zeros(n, dtype=np.int64)
            for tier in self._frozen:
                bounds = np.searchsorted(tier.keys, both)
                lo, hi = bounds[:n], bounds[n:]
                if (hi > lo).any():
                    spans.append((tier, lo, hi))
                    counts += hi - lo
            totals = (np.array(totals, dtype=np.int64) + counts).tolist()
        serial = self.serial
        out: dict[int, list[tuple[int, int]]] = {}
        for i, total in enumerate(totals[:count_from]):
            if total and (i < cap_from or total <= cap):
                out[i] = [(x, serial) for x in self._active.get(keys[i])]
        for tier, lo, hi in spans:
            for i in np.flatnonzero(hi > lo).tolist():
                if i in out:
                    out[i].extend((x, tier.serial) for x in tier.ids[lo[i]:hi[i]].tolist())
        return totals, out

    def _freeze(self) -> None:
        ids = list(self._pending)
        arrays = list(self._pending.values())
        keys = np.concatenate(arrays)
        owners = np.repeat(np.array(ids, dtype=np.int64), [len(a) for a in arrays])
        order = np.argsort(keys, kind="stable")
        self._frozen.append(_Frozen(self.serial, keys[order], owners[order]))
        self._active, self._pending = Postings(), {}
        self.serial += 1
        self._live[self.serial] = 0


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
