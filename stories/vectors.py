"""An article's text as a sparse term vector, and document frequencies counted as articles arrive.

Terms are hashed by scikit-learn's ``HashingVectorizer`` (no fitted vocabulary, so the clusterer
can run forever on a stream), the title and lead weighted above the body. Vectors are kept without
IDF: the IDF is applied when two vectors are compared, from the counts of that moment, so a story's
vector does not depend on the order its articles were seen (what ``restore`` relies on).

It does not decide anything about stories; ``cluster.py`` does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 1 << 18
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
LEAD_WORDS = 60
_FIELD_WEIGHTS = np.array([TITLE_WEIGHT, LEAD_WEIGHT, 1.0])
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z\"“])")
_POSSESSIVE = re.compile(r"['’]s\b")

_HASHER = HashingVectorizer(n_features=N_FEATURES, alternate_sign=False, norm=None,
                            stop_words="english", dtype=np.float64,
                            token_pattern=r"(?u)\b\w[\w.-]*\w\b|\b\w\w+\b")


@dataclass(frozen=True)
class TermVector:
    """Sorted hashed term indices and their weights (unit length before IDF)."""

    idx: np.ndarray      # int32, sorted
    val: np.ndarray      # float64

    def __len__(self) -> int:
        return len(self.idx)


EMPTY = TermVector(np.zeros(0, dtype=np.int32), np.zeros(0))


def split_lead(text: str) -> tuple[str, str]:
    """The first two sentences (at most LEAD_WORDS words) and the rest."""
    head = text[:2000]
    cut = 0
    for n, m in enumerate(_SENTENCE_END.finditer(head)):
        cut = m.end()
        if n == 1:
            break
    if cut == 0:
        cut = len(head)
    words = text[:cut].split()
    if len(words) > LEAD_WORDS:
        lead = " ".join(words[:LEAD_WORDS])
        return lead, " ".join(words[LEAD_WORDS:]) + text[cut:]
    return text[:cut], text[cut:]


def text_vector(title: str, text: str) -> TermVector:
    """Sublinear, field-weighted term frequencies of one article, L2-normalised."""
    lead, body = split_lead(text)
    fields = [_POSSESSIVE.sub("", f) for f in (title, lead, body)]
    m = _HASHER.transform(fields)
    if not m.nnz:
        return EMPTY
    rows = np.repeat(_FIELD_WEIGHTS, np.diff(m.indptr))
    idx, inverse = np.unique(m.indices, return_inverse=True)
    combined = np.bincount(inverse, weights=m.data * rows)
    idx = idx.astype(np.int32)
    val = np.log1p(combined)
    val /= math.sqrt(float(val @ val))
    return TermVector(idx, val)


class DocumentFrequency:
    """How many articles carry each hashed term, counted as they arrive."""

    def __init__(self) -> None:
        self.df = np.zeros(N_FEATURES, dtype=np.int32)
        self.n = 0

    def add(self, vec: TermVector) -> None:
        self.df[vec.idx] += 1
        self.n += 1

    def idf(self, idx: np.ndarray) -> np.ndarray:
        return np.log((self.n + 1.0) / (self.df[idx] + 1.0)) + 1.0


class Centroid:
    """Sum of a story's article vectors; turned into arrays only when compared."""

    __slots__ = ("terms", "_arrays")

    def __init__(self) -> None:
        self.terms: dict[int, float] = {}
        self._arrays: TermVector | None = None

    def add(self, vec: TermVector) -> None:
        terms = self.terms
        for i, v in zip(vec.idx.tolist(), vec.val.tolist()):
            terms[i] = terms.get(i, 0.0) + v
        self._arrays = None

    def absorb(self, other: Centroid) -> None:
        terms = self.terms
        for i, v in other.terms.items():
            terms[i] = terms.get(i, 0.0) + v
        self._arrays = None

    def arrays(self) -> TermVector:
        if self._arrays is None:
            idx = np.fromiter(self.terms.keys(), dtype=np.int32, count=len(self.terms))
            val = np.fromiter(self.terms.values(), dtype=np.float64, count=len(self.terms))
            self._arrays = TermVector(idx, val)
        return self._arrays


class Scorer:
    """Cosine of one query vector against many centroids under the current IDF.

    The query is scattered once into a dense scratch array; each centroid is a gather from it.
    """

    def __init__(self) -> None:
        self._scratch = np.zeros(N_FEATURES)

    def __call__(self, query: TermVector, query_idf: np.ndarray, centroids: list[Centroid],
                 df: DocumentFrequency) -> list[float]:
        """``query_idf`` is ``df.idf(query.idx)``, computed once by the caller."""
        if not len(query):
            return [0.0] * len(centroids)
        q = query.val * query_idf
        qn = float(np.sqrt(q @ q))
        scratch = self._scratch
        scratch[query.idx] = q * query_idf / qn
        arrays = [c.arrays() for c in centroids]
        sizes = np.array([len(a) for a in arrays])
        idx = np.concatenate([a.idx for a in arrays])
        val = np.concatenate([a.val for a in arrays])
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        w = val * df.idf(idx)
        ok = sizes > 0
        norms = np.zeros(len(arrays))
        dots = np.zeros(len(arrays))
        if ok.any():
            norms[ok] = np.sqrt(np.add.reduceat(w * w, starts[ok]))
            dots[ok] = np.add.reduceat(scratch[idx] * val, starts[ok])
        out = np.divide(dots, norms, out=np.zeros(len(arrays)), where=norms > 0).tolist()
        scratch[query.idx] = 0.0
        return out

    def top_terms(self, query: TermVector, weights: np.ndarray, k: int) -> list[int]:
        """The query's k heaviest terms, heaviest first (ties by index); ``weights`` are its values
        under the current IDF (``query.val * df.idf(query.idx)``)."""
        if not len(query):
            return []
        order = np.lexsort((query.idx, -weights))[:k]
        return query.idx[order].tolist()
