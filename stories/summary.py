"""A story's summary: two to five sentences taken from its articles, each citing its outlet.

Extractive on purpose: an analyst must be able to trust that every line was written by the outlet
it cites. Each usable sentence (``summary_lines`` drops teasers, bylines and fragments) gets a
score from four signals, then maximal marginal relevance picks sentences that score well and say
something the chosen ones do not:

- position: news puts the point first, so a sentence's rank among its article's usable
  sentences is the strongest single signal (LEAD-3 is hard to beat on news);
- centrality: TF-IDF cosine to the story's centroid, where each outlet's article weighs the same,
  so what many outlets report rises above one outlet's aside;
- headline: cosine to the story's titles;
- key facts: the story's most central entities and its figures, as named in the sentence.

Copies (``copy_of`` set) are not separate sources: only the original, or one copy when the
original is not in the story, is read. Near-duplicates across outlets never both appear. The chosen
sentences are printed by article time, then position in the article. Same input, same output: no
randomness, ties broken by article time, id and position.

What it will not do: rewrite, shorten or fuse sentences, resolve pronouns, or escape the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from newsdesk.models import Article, StoryEntity, StoryFigure, SummarySentence, article_time
from newsdesk.stories.summary_keys import key_scores
from newsdesk.stories.summary_lines import Line, is_quote, usable_lines

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")  # two sentences with the same two numbers: one fact
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class SummaryWeights:
    """How the signals combine. Defaults: a small grid on the first 50 CNN/DM articles
    (``benchmarks/summary_bench.py --tune``). Measured R-1/R-2/R-Lsum: dev 37.7/17.0/33.9 vs LEAD-3
    36.4/15.3/32.3; held-out 42.7/18.0/38.4 vs LEAD-3 42.5/18.2/38.5 (a tie). ``support`` and
    ``first_reporter_margin`` only act on multi-source stories and were set by reading the sample
    site's summaries, not by a score."""

    position: float = 1.0
    position_decay: float = 0.2       # score of the n-th usable sentence: exp(-decay * n)
    centrality: float = 1.0
    headline: float = 0.3
    support: float = 1.0              # how much the other outlets report it too (multi-source only)
    first_reporter_margin: float = 0.15  # take an earlier outlet's version when this close
    key_facts: float = 0.3
    quote: float = 0.2                # a line that is a direct quotation is rarely the news
    redundancy: float = 0.7           # MMR: weight of the similarity to chosen sentences
    duplicate: float = 0.55           # cosine at which two sentences are the same news
    duplicate_words: float = 0.7      # or this share of the shorter one's content words
    lead_duplicate_words: float = 0.45  # two outlets' lead sentences: their versions of the news
    word_budget: int = 65             # stop adding sentences once the summary is this long
    budget_per_source: float = 0.5    # a story told by n outlets gets 1 + 0.5 ln(n) times the words
    min_sentences: int = 2


DEFAULT_WEIGHTS = SummaryWeights()


def sources_of(articles: Sequence[Article]) -> list[Article]:
    """The story's articles with copies folded: one article per original, in time order."""
    ids = {a.id for a in articles}
    kept: dict[int | None, Article] = {}
    for a in sorted(articles, key=_order_key):
        if a.copy_of is not None and a.copy_of in ids:
            continue                      # the original is here: the copy adds nothing
        kept.setdefault(a.copy_of if a.copy_of is not None else a.id, a)
    return list(kept.values())


def summarize(articles: Sequence[Article], entities: Sequence[StoryEntity] = (),
              figures: Sequence[StoryFigure] = (), *, max_sentences: int = 5,
              weights: SummaryWeights = DEFAULT_WEIGHTS) -> tuple[SummarySentence, ...]:
    """2 to ``max_sentences`` sentences chosen from the articles (fewer only when the story has
    fewer usable sentences), each citing its article and outlet, in reading order."""
    sources = sources_of(articles)
    cands: list[tuple[int, Article, Line, int]] = []        # (source no., article, line, rank)
    for n, a in enumerate(sources):
        for rank, line in enumerate(usable_lines(a.text)):
            cands.append((n, a, line, rank))
    if not cands:
        return ()
    texts = [c[2].text for c in cands]
    titles = [a.title for a in sources if a.title.strip()]
    vec = _vectors(texts + titles)
    sents, title_vecs = vec[: len(texts)], vec[len(texts):]

    per_source = np.zeros((len(sources), sents.shape[1]))
    for i, c in enumerate(cands):
        per_source[c[0]] += sents[i]
    centroid = _unit(np.sum([_unit(row) for row in per_source], axis=0))
    head = _unit(title_vecs.sum(axis=0)) if len(titles) else np.zeros(sents.shape[1])
    keys = key_scores(texts, [c[1] for c in cands], sources, entities, figures)
    sims = sents @ sents.T                                  # every pair's cosine, once

    w = weights
    rank = np.array([c[3] for c in cands], dtype=float)
    score = (w.position * np.exp(-w.position_decay * rank)
             + w.centrality * (sents @ centroid)
             + w.support * _support(cands, sims, len(sources))
             + w.headline * (sents @ head)
             + w.key_facts * keys
             - w.quote * np.array([is_quote(t) for t in texts], dtype=float))
    chosen = _select(cands, sims, score, max_sentences, w)
    chosen.sort(key=lambda i: (_order_key(cands[i][1]), cands[i][2].index))
    return tuple(SummarySentence(sentence=cands[i][2].text, article_id=_id(cands[i][1]),
                                 source=cands[i][1].source) for i in chosen)


def _select(cands: list[tuple[int, Article, Line, int]], sims: np.ndarray, score: np.ndarray,
            max_sentences: int, w: SummaryWeights) -> list[int]:
    """Maximal marginal relevance, greedy, with a hard near-duplicate cut and a word budget.
    ``sims``: the cosine of every pair of candidate sentences."""
    order = sorted(range(len(cands)), key=lambda i: (-round(float(score[i]), 9),
                                                      _order_key(cands[i][1]), cands[i][2].index))
    words = [len(c[2].text.split()) for c in cands]
    bags = [_bag(c[2].text) for c in cands]
    nums = [_facts(c[2].text) for c in cands]
    budget = w.word_budget * (1 + w.budget_per_source * np.log(1 + max(c[0] for c in cands)))
    chosen: list[int] = []
    total = 0
    while len(chosen) < max_sentences:
        best, best_val = -1, -np.inf
        for i in order:
            if i in chosen:
                continue
            sim = max((float(sims[i, j]) for j in chosen), default=0.0)
            if any(_duplicate(i, j, cands, sims, bags, nums, w) for j in chosen):
                continue
            val = float(score[i]) - w.redundancy * sim
            if val > best_val + 1e-9:
                best, best_val = i, val
        if best < 0:
            break
        best = _first_reporter(best, cands, sims, score, bags, nums, chosen, w)
        chosen.append(best)
        total += words[best]
        if len(chosen) >= w.min_sentences and total >= budget:
            break
    return chosen


def _same_news(i: int, j: int, sims: np.ndarray, bags: list[frozenset[str]],
               nums: list[frozenset[str]], w: SummaryWeights) -> bool:
    """Near-duplicates: close vectors, mostly the same content words, or the same two numbers."""
    return (float(sims[i, j]) >= w.duplicate or _overlap(bags[i], bags[j])
            >= w.duplicate_words or len(nums[i] & nums[j]) >= 2)


def _facts(text: str) -> frozenset[str]:
    """The numbers a sentence reports, less years and small counts: "hire 300 in 2026" and "spend
    $40m in 2026" share a year, not a fact."""
    return frozenset(n for n in _NUMBER.findall(text)
                     if not _YEAR.fullmatch(n) and not (n.isdigit() and int(n) < 10))


def _duplicate(i: int, j: int, cands: list[tuple[int, Article, Line, int]], sims: np.ndarray,
               bags: list[frozenset[str]], nums: list[frozenset[str]], w: SummaryWeights) -> bool:
    return _same_news(i, j, sims, bags, nums, w) or _same_lead(i, j, cands, bags, nums, w)


def _same_lead(i: int, j: int, cands: list[tuple[int, Article, Line, int]],
               bags: list[frozenset[str]], nums: list[frozenset[str]], w: SummaryWeights) -> bool:
    """Two outlets' opening sentences that tell the same news in their own words ("Fourteen
    publishers sued OpenAI ... 1.2 million articles" twice): looser than ``_same_news``, because
    leads of one story are written to say the same thing."""
    if cands[i][0] == cands[j][0] or cands[i][3] > 1 or cands[j][3] > 1:
        return False
    overlap = _overlap(bags[i], bags[j])
    return overlap >= w.lead_duplicate_words or (bool(nums[i] & nums[j]) and overlap >= 0.35)


def _first_reporter(best: int, cands: list[tuple[int, Article, Line, int]], sims: np.ndarray,
                    score: np.ndarray, bags: list[frozenset[str]], nums: list[frozenset[str]],
                    chosen: list[int], w: SummaryWeights) -> int:
    """The same news from an earlier outlet, when it scores nearly as well: credit who had it
    first (sources are numbered in time order)."""
    for i in range(len(cands)):
        if (cands[i][0] < cands[best][0] and i not in chosen
                and score[i] >= score[best] - w.first_reporter_margin
                and _duplicate(i, best, cands, sims, bags, nums, w)
                and not any(_duplicate(i, j, cands, sims, bags, nums, w) for j in chosen)):
            return i
    return best


def _support(cands: list[tuple[int, Article, Line, int]], sims: np.ndarray,
             n_sources: int) -> np.ndarray:
    """How much the other outlets report the same: the mean, over the other sources, of the best
    cosine with any of their sentences (0 for a single-source story)."""
    if n_sources < 2:
        return np.zeros(len(cands))
    src = np.array([c[0] for c in cands])
    best = np.zeros((len(cands), n_sources))
    for s in range(n_sources):
        cols = src == s
        if cols.any():
            best[:, s] = sims[:, cols].max(axis=1)
    best[np.arange(len(cands)), src] = 0.0
    return best.sum(axis=1) / (n_sources - 1)


def _vectors(docs: list[str]) -> np.ndarray:
    """L2-normalised TF-IDF rows (dense: a story has at most a few hundred sentences)."""
    try:
        m = TfidfVectorizer(stop_words="english", sublinear_tf=True,
                            token_pattern=r"(?u)\b[^\W_][\w'’-]*\b").fit_transform(docs)
    except ValueError:                    # nothing but stop words
        return np.zeros((len(docs), 1))
    return np.asarray(m.todense())


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


def _bag(text: str) -> frozenset[str]:
    words = (w.strip(".,;:!?\"'“”‘’()[]").lower() for w in text.split())
    return frozenset(w for w in words if w and w not in ENGLISH_STOP_WORDS)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the shorter sentence's words the other one also has."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _order_key(a: Article) -> tuple[datetime, int]:
    return (article_time(a) or _EPOCH, _id(a))


def _id(a: Article) -> int:
    if a.id is None:
        raise ValueError(f"article without an id cannot be cited: {a.url!r}")
    return a.id
