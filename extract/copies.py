"""Near-copies: which earlier article (in a recent window) a new article reproduces.

A wire story reaches five outlets with a new intro, a new headline, the last paragraphs trimmed,
other boilerplate, a few words changed, or quoted whole inside a longer piece. ``CopyIndex`` holds
the articles of the last ``window_days`` and answers, for a new text, the earliest article it
copies. Cost per article does not grow with the archive: candidates come from lookups in tables
of the window, never a scan of stored articles:

* the exact ``content_hash`` (kind "hash");
* MinHash LSH bands over word shingles (datasketch MinHash, compact band tables), queried at a
  bar *below* the confirmation bar because banding misses many pairs near its threshold; of the
  articles LSH alone proposes, only the ``_LSH_MAX`` sharing the most bands are compared (a
  crowd sharing one outlet's boilerplate grows with the window; the copies share more bands);
* a content-defined sample of the shingles of originals (those whose hash is 0 modulo
  ``containment_sample``): it finds a wire story quoted whole inside a longer article, where
  Jaccard is too low for LSH. A sampled shingle in more than ``_PRINT_CAP`` originals of the
  window (a stock phrase) is not read, so its cost does not grow with the window.

Every candidate is confirmed on the word sequences themselves: rapidfuzz Indel similarity
(fuzz.ratio over words) >= ``near_similarity``, or shingle containment of the shorter text in the
longer >= ``containment``. The match is "contained" when containment carries it or one text is at
most two thirds of the other (a story quoted inside a longer piece), else "near". Lines the window
repeats (found in ``_COMMON`` or more other originals: boilerplate, a press release's "About"
paragraph) are left out of both texts first, so two short stories of one outlet are not copies
for sharing its long boilerplate. A copy links to the root: if the matched article is itself a
copy, the answer is its original. Candidates are tried earliest root first, so the first
confirmed one is the answer.

What it will not do: read the archive (the caller loads the window with ``add``, passing stored
signatures and ``copy_of`` links), compare titles (a new headline changes nothing here), or rewrite
links already made. An article that arrives late but was published before its copy is linked to
that copy, so the pair is still one story.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from newsdesk.config import CopiesConfig
from newsdesk.extract.copies_postings import Postings, Tiers, band_keys, lsh_params
from newsdesk.extract.copies_text import (
    containment,
    minhash_values,
    pack_signature,
    reduce_text,
    shingle_hashes,
    similarity,
    without_passages,
)

_LSH_MAX = 8             # candidates LSH alone may propose per query
_PRINT_CAP = 16          # a sampled shingle in more originals than this is a stock phrase: unread
_MIN_PRINT_HITS = 3      # sampled shingles two texts must share to be compared for containment
_MIN_TIER = 256          # articles in the smallest frozen key tier (see copies_postings.Tiers)
_COMMON = 3              # a passage in this many other originals of the window is not compared
_PASSAGE_TAG = 1 << 40
_CONTAINED_LENGTH = 2 / 3  # a match is "contained" when one text is at most this share of the
                          # other (a story quoted inside a longer one), else "near" if it can be


@dataclass(frozen=True)
class CopyMatch:
    original_id: int      # the earliest article copied (the root of a chain of copies)
    kind: str             # "hash" | "near" | "contained"
    similarity: float     # 0..1, with the article that confirmed the match (maybe a copy itself)
    containment: float    # 0..1, shingles of the shorter text found in the longer


@dataclass(frozen=True)
class Candidate:
    """One article the indexes proposed, with its measures (``CopyIndex.candidates``)."""

    article_id: int
    original_id: int
    published: datetime
    via: str              # "hash" | "lsh" | "sample" | "lsh+sample"
    similarity: float
    containment: float
    kind: str | None      # what it confirms as under the current thresholds, None if nothing


class _Entry:
    __slots__ = ("chash", "codes", "ends", "id", "n_prints", "root", "serial", "ts")

    def __init__(self, id: int, ts: float, codes: str, ends: bytes, root: int, chash: str,
                 serial: int, n_prints: int) -> None:
        self.id, self.ts, self.codes, self.ends, self.root = id, ts, codes, ends, root
        self.chash, self.serial, self.n_prints = chash, serial, n_prints


class _Probe:
    """A text reduced for lookups and comparisons."""

    __slots__ = ("chash", "codes", "ends", "passages", "prints", "shingles", "values")

    def __init__(self, text: str, config: CopiesConfig, chash: str, signature: bytes | None):
        reduced = reduce_text(text, config.shingle_words, config.num_perm, config.max_words,
                              config.min_words, signature)
        self.codes, self.ends, self.passages = reduced.codes, reduced.ends, reduced.passages
        self.shingles, self.values = reduced.shingles, reduced.values
        self.chash = chash or reduced.chash
        self.prints = None
        if self.shingles is not None:
            sample = np.uint64(max(1, config.containment_sample))
            self.prints = self.shingles[self.shingles % sample == 0]


def _timestamp(when: datetime) -> float:
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


def text_signature(text: str, config: CopiesConfig) -> bytes:
    """The MinHash of the text's word shingles, serialized for the archive (516 bytes at 128
    permutations). The same text gives the same bytes in any process; ``add`` and
    ``find_original`` take it back to skip the hashing, and ignore one made with other settings."""
    reduced = reduce_text(text, config.shingle_words, config.num_perm, config.max_words,
                          config.min_words)
    values = reduced.values
    if values is None:         # too short to be compared, but the signature is still the text's
        values = minhash_values(shingle_hashes(reduced.codes, config.shingle_words),
                                config.num_perm)
    return pack_signature(values, config.shingle_words)


class CopyIndex:
    """The recent window of articles, for finding what a new article copies."""

    def __init__(self, config: CopiesConfig) -> None:
        self.config = config
        self._bands_n, self._rows = lsh_params(config.lsh_threshold, config.num_perm)
        self._entries: dict[int, _Entry] = {}
        self._heap: list[tuple[float, int]] = []
        self._keys = Tiers(min_tier=_MIN_TIER)   # LSH band keys (>= 2**32) and sampled shingles
        self._hashes = Postings()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._entries

    def stats(self) -> dict[str, int]:
        """Sizes, for the benchmark and for debugging."""
        return {"articles": len(self._entries), "keys": len(self._keys),
                "bands": self._bands_n, "rows": self._rows}

    def add(self, article_id: int, text: str, published: datetime, signature: bytes | None = None,
            content_hash: str = "", copy_of: int | None = None) -> None:
        """Index an article. ``copy_of`` is the link found for it (or stored in the archive): a
        copy is still matched against, and links onward to its original."""
        if article_id in self._entries:
            self._remove(self._entries[article_id])
        probe = _Probe(text, self.config, content_hash, signature)
        root = article_id
        if copy_of is not None and copy_of != article_id:
            parent = self._entries.get(copy_of)
            root = parent.root if parent is not None else copy_of
        keys = self._probe_keys(probe)
        if root != article_id:         # a copy's words are its original's: count originals only
            keys = keys[:self._bands_n]
        serial = self._keys.add(article_id, keys)
        n_prints = len(probe.prints) if probe.prints is not None and root == article_id else 0
        entry = _Entry(article_id, _timestamp(published), probe.codes, probe.ends.tobytes(), root,
                       probe.chash, serial, n_prints)
        self._entries[article_id] = entry
        heapq.heappush(self._heap, (entry.ts, article_id))
        if probe.chash:
            self._hashes.add(probe.chash, article_id)

    def find_original(self, text: str, published: datetime, content_hash: str = "",
                      signature: bytes | None = None) -> CopyMatch | None:
        """The earliest (by published, then id) article in the window this text copies."""
        for cand in self._scored(_Probe(text, self.config, content_hash, signature), published,
                                 stop_at_first=True):
            if cand.kind is not None:
                return CopyMatch(cand.original_id, cand.kind, cand.similarity, cand.containment)
        return None

    def candidates(self, text: str, published: datetime, content_hash: str = "",
                   signature: bytes | None = None) -> list[Candidate]:
        """Every candidate with its measures, earliest root first: for explaining a link, and for
        the benchmark's threshold sweep."""
        return list(self._scored(_Probe(text, self.config, content_hash, signature), published,
                                 stop_at_first=False))

    def evict_before(self, cutoff: datetime) -> int:
        """Drop articles published before ``cutoff``; returns how many went."""
        limit, heap, dropped = _timestamp(cutoff), self._heap, 0
        while heap and heap[0][0] < limit:
            ts, article_id = heapq.heappop(heap)
            entry = self._entries.get(article_id)
            if entry is not None and entry.ts == ts:
                self._remove(entry)
                dropped += 1
        return dropped

    def _remove(self, entry: _Entry) -> None:
        del self._entries[entry.id]
        self._keys.release(entry.id, entry.serial)
        if entry.chash:
            self._hashes.remove(entry.chash, entry.id)
        # its heap item stays until it surfaces; evict_before skips it (the entry is gone or newer)

    def _probe_keys(self, probe: _Probe) -> list[int]:
        """LSH band keys (>= 2**32, < 2**40), sampled shingles (< 2**32), passages (>= 2**40)."""
        if probe.values is None:
            return []
        return (band_keys(probe.values, self._bands_n, self._rows) + probe.prints.tolist()
                + [_PASSAGE_TAG | key for key in probe.passages])

    def _lookup(self, probe: _Probe) -> tuple[dict[int, str], set[int]]:
        """Candidates (id -> how found) and the probe's passages repeated in the window."""
        found: dict[int, str] = {}
        if probe.chash:
            for article_id in self._hashes.get(probe.chash):
                found[article_id] = "hash"
        keys = self._probe_keys(probe)
        if not keys:
            return found, set()
        entries, n_bands = self._entries, self._bands_n
        n_prints = len(probe.prints)
        # a sampled shingle in more than _PRINT_CAP articles (boilerplate, a stock phrase) says
        # nothing and is not read; band keys are read whatever their size
        totals, hits_at = self._keys.lookup(keys, _PRINT_CAP, n_bands, n_bands + n_prints)
        hits: dict[int, int] = {}
        bands: dict[int, int] = {}
        for i, pairs in hits_at.items():
            counts = bands if i < n_bands else hits
            for article_id, serial in pairs:
                entry = entries.get(article_id)
                if entry is None or entry.serial != serial:
                    continue                    # evicted, or indexed again since
                counts[article_id] = counts.get(article_id, 0) + 1
        # LSH alone proposes at most _LSH_MAX, those sharing the most bands (the likeliest
        # copies): a crowd sharing an outlet's boilerplate must not make a query cost grow
        # with the window
        for article_id in sorted(bands, key=lambda i: (-bands[i], entries[i].ts, i))[:_LSH_MAX]:
            found.setdefault(article_id, "lsh")
        for article_id, n in hits.items():
            if n >= _MIN_PRINT_HITS and 2 * n >= min(n_prints, entries[article_id].n_prints):
                via = found.get(article_id)
                found[article_id] = ("sample" if via is None and article_id not in bands
                                     else via if via == "hash" else "lsh+sample")
        common = {key for key, n in zip(probe.passages, totals[n_bands + n_prints:])
                  if n >= _COMMON}
        return found, common

    def _scored(self, probe: _Probe, published: datetime, stop_at_first: bool) -> Iterator[Candidate]:
        found, common = self._lookup(probe)
        if not found:
            return
        ts = _timestamp(published)
        oldest = ts - self.config.window_days * 86400.0
        entries = self._entries
        chosen = [entries[i] for i in found if entries[i].ts >= oldest]

        def order(entry: _Entry) -> tuple[float, int, float, int]:
            root = entries.get(entry.root)
            return (root.ts if root is not None else float("-inf"), entry.root, entry.ts, entry.id)

        config, k = self.config, self.config.shingle_words
        codes, shingles = probe.codes, probe.shingles
        if common and shingles is not None:     # compare what is left of the repeated passages
            codes = without_passages(probe.codes, probe.ends, common)
            shingles = shingle_hashes(codes, k)
        for entry in sorted(chosen, key=order):
            via = found[entry.id]
            when = datetime.fromtimestamp(entry.ts, UTC)
            if via == "hash":
                yield Candidate(entry.id, entry.root, when, via, 1.0, 1.0, "hash")
                if stop_at_first:
                    return
                continue
            other = entry.codes
            if common:
                other = without_passages(other, np.frombuffer(entry.ends, np.uint32), common)
            if shingles is None or min(len(codes), len(other)) < config.min_words:
                continue
            sim = similarity(codes, other)
            cont = containment(shingles, shingle_hashes(other, k))
            lopsided = min(len(codes), len(other)) <= _CONTAINED_LENGTH * max(len(codes), len(other))
            kind = ("contained" if cont >= config.containment
                    and (lopsided or sim < config.near_similarity)
                    else "near" if sim >= config.near_similarity else None)
            yield Candidate(entry.id, entry.root, when, via, sim, cont, kind)
            if kind is not None and stop_at_first:
                return
