"""Online story clustering: each new article joins the most similar open story or opens one.

Single pass in arrival order. An article is compared only with the open stories an inverted index
proposes (its heaviest terms and its entities), so the cost per article depends on how many stories
are open, never on the archive; a story with no new article for ``quiet_hours`` is closed and
forgotten. Similarity is the cosine of the article to the story's centroid under the current IDF
(title and lead weighted above the body), plus bonuses for shared rare entities and shared figures,
minus a penalty for the time between them. An article that is close to two open stories merges them
(the older id is kept). A copy follows its original when the original's story is open.

Pure and deterministic: no I/O, no clock (``now`` is an argument), no randomness; the same articles
in the same order give the same assignments. It does not persist anything, write summaries or
decide what a story shows.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from datetime import datetime

import numpy as np

from newsdesk.config import StoriesConfig
from newsdesk.models import Article, Assignment, article_time
from newsdesk.stories.cluster_parts import Story, entity_keys, figure_keys
from newsdesk.stories.vectors import DocumentFrequency, Scorer, TermVector, text_vector


class StoryClusterer:
    """Holds the open stories and their index; ``add`` assigns one article at a time."""

    def __init__(self, config: StoriesConfig) -> None:
        self.config = config
        self._df = DocumentFrequency()
        self._entity_df: dict[str, int] = {}
        self._scorer = Scorer()
        self._stories: dict[int, Story] = {}
        self._story_of: dict[int, int] = {}          # article id -> open story id
        self._terms: dict[int, set[int]] = {}        # hashed term -> open story ids
        self._entities: dict[str, set[int]] = {}     # entity -> open story ids
        self._closing: list[tuple[float, int]] = []  # (last seen, story id), stale entries skipped
        self.last_candidates = 0                     # stories scored for the last article

    # -- public -------------------------------------------------------------------------------

    def restore(self, stories: Iterable[tuple[int, Sequence[Article]]], now: datetime) -> None:
        """Rebuild state from the open stories loaded from the archive (story id, its articles in
        arrival order). Their articles count towards the document frequencies."""
        for story_id, articles in stories:
            story: Story | None = None
            for article in articles:
                aid = _article_id(article)
                when = _timestamp(article, now)
                if story is None:
                    story = Story(story_id, when)
                    self._stories[story_id] = story
                if article.copy_of is not None and article.copy_of in self._story_of:
                    self._attach(story, aid, when, None, (), ())
                else:
                    self._attach(story, aid, when, *self._count(article))
        self._expire(now)

    def add(self, article: Article, now: datetime) -> Assignment:
        """Put one new article (arrival order; ``article.id`` set) in an open story or a new one."""
        aid = _article_id(article)
        when = _timestamp(article, now)
        self._expire(now)
        self.last_candidates = 0
        if article.copy_of is not None and article.copy_of in self._story_of:
            story = self._stories[self._story_of[article.copy_of]]
            self._attach(story, aid, when, None, (), ())
            return Assignment(aid, story.id, 1.0)

        vec, ents, figs = self._count(article)
        scored = self._score(vec, ents, figs, when)
        cfg = self.config
        if not scored or scored[0][0] < join_bar(cfg, len(vec)):
            story = Story(aid, when)
            self._stories[aid] = story
            self._attach(story, aid, when, vec, ents, figs)
            return Assignment(aid, aid, 0.0)

        best_score = scored[0][0]
        bridged = sorted(s.id for score, s in scored if score >= cfg.merge_threshold)
        target = self._stories[scored[0][1].id]
        merged: list[int] = []
        if best_score >= cfg.merge_threshold and len(bridged) > 1:
            target = self._stories[bridged[0]]
            for sid in bridged[1:]:
                self._merge(target, self._stories[sid])
                merged.append(sid)
        self._attach(target, aid, when, vec, ents, figs)
        return Assignment(aid, target.id, round(best_score, 6), tuple(merged))

    def open_story_ids(self) -> list[int]:
        return sorted(self._stories)

    def story_articles(self, story_id: int) -> tuple[int, ...]:
        """The article ids of an open story, in the order they were put in it."""
        return tuple(self._stories[story_id].article_ids)

    # -- internals ----------------------------------------------------------------------------

    def _count(self, article: Article) -> tuple[TermVector, tuple[str, ...], dict]:
        vec = text_vector(article.title, article.text)
        self._df.add(vec)
        ents = entity_keys(article)
        for e in ents:
            self._entity_df[e] = self._entity_df.get(e, 0) + 1
        return vec, ents, figure_keys(article)

    def _entity_idf(self, entity: str) -> float:
        return math.log((self._df.n + 1.0) / (self._entity_df.get(entity, 0) + 1.0)) + 1.0

    def _candidates(self, vec: TermVector, idf: np.ndarray, ents: tuple[str, ...]) -> list[Story]:
        cfg = self.config
        votes: dict[int, float] = {}
        w_query = vec.val * idf
        terms = self._scorer.top_terms(vec, w_query, cfg.query_terms)
        weight = dict(zip(vec.idx.tolist(), w_query.tolist()))
        for t in terms:
            w = weight[t]
            for sid in self._terms.get(t, ()):
                votes[sid] = votes.get(sid, 0.0) + w
        for e in ents:
            w = self._entity_idf(e) * 0.1
            for sid in self._entities.get(e, ()):
                votes[sid] = votes.get(sid, 0.0) + w
        best = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:cfg.max_candidates]
        return [self._stories[sid] for sid, _ in best]

    def _score(self, vec: TermVector, ents: tuple[str, ...], figs: dict, when: float
               ) -> list[tuple[float, Story]]:
        """Candidate stories with their similarity, best first (ties: older story first)."""
        cfg = self.config
        idf = self._df.idf(vec.idx)              # the query's IDF, once per article
        candidates = self._candidates(vec, idf, ents)
        self.last_candidates = len(candidates)
        if not candidates:
            return []
        text = self._scorer(vec, idf, [s.centroid for s in candidates], self._df)
        ent_idf = {e: self._entity_idf(e) for e in ents}
        ent_total = sum(ent_idf.values())
        quiet = cfg.quiet_hours * 3600.0
        out = []
        for story, cos in zip(candidates, text):
            score = cos
            if ent_total and story.entity_articles:
                shared = sum(w * story.entities.get(e, 0) / story.entity_articles
                             for e, w in ent_idf.items())
                ent = 2.0 * shared / ent_total - 1.0       # none shared: a penalty
                if ent > 0:                                # shared names corroborate the text,
                    ent *= min(1.0, cos / cfg.join_threshold)  # they do not replace it
                score += cfg.entity_weight * ent
            if figs and story.figures:
                shared_figs = sum(1 for f, owners in figs.items()
                                  if story.shares_key_figure(f, owners))
                score += cfg.figure_weight * min(1.0, shared_figs / 2.0)
            gap = when - story.last if when > story.last else max(0.0, story.first - when)
            age = max(0.0, when - story.first - 86400.0)    # a week-later follow-up is older news
            if quiet:
                score -= cfg.time_weight * (gap + 0.5 * age) / quiet
            out.append((score, story))
        out.sort(key=lambda p: (-p[0], p[1].id))
        return out

    def _attach(self, story: Story, aid: int, when: float, vec: TermVector | None,
                ents: tuple[str, ...], figs: dict | tuple) -> None:
        story.add(aid, when, vec, ents, figs)
        self._story_of[aid] = story.id
        if vec is not None:
            self._index(story, vec.idx.tolist(), ents)
        heapq.heappush(self._closing, (story.last, story.id))

    def _index(self, story: Story, terms: Iterable[int], ents: Iterable[str]) -> None:
        sid = story.id
        for t in terms:
            self._terms.setdefault(t, set()).add(sid)
        for e in ents:
            self._entities.setdefault(e, set()).add(sid)

    def _unindex(self, story: Story) -> None:
        sid = story.id
        for t in story.centroid.terms:
            posting = self._terms.get(t)
            if posting is not None:
                posting.discard(sid)
                if not posting:
                    del self._terms[t]
        for e in story.entities:
            posting = self._entities.get(e)
            if posting is not None:
                posting.discard(sid)
                if not posting:
                    del self._entities[e]

    def _merge(self, target: Story, other: Story) -> None:
        self._unindex(other)
        del self._stories[other.id]
        for aid in other.article_ids:
            self._story_of[aid] = target.id
        target.absorb(other)
        self._index(target, other.centroid.terms.keys(), other.entities.keys())
        heapq.heappush(self._closing, (target.last, target.id))

    def _expire(self, now: datetime) -> list[int]:
        limit = now.timestamp() - self.config.quiet_hours * 3600.0
        closed = []
        heap = self._closing
        while heap and heap[0][0] < limit:
            last, sid = heapq.heappop(heap)
            story = self._stories.get(sid)
            if story is None or story.last != last:
                continue                      # merged away, or a newer entry is queued
            self._unindex(story)
            del self._stories[sid]
            for aid in story.article_ids:
                self._story_of.pop(aid, None)
            closed.append(sid)
        return sorted(closed)


def join_bar(cfg: StoriesConfig, terms: int) -> float:
    """The similarity an article of ``terms`` distinct words needs to join a story. Two short
    texts about one event share few words, so their cosine is low: a headline needs less than a
    full article, with a log-linear slide between ``short_terms`` and ``long_terms``."""
    lo, hi = cfg.short_terms, cfg.long_terms
    if terms >= hi or hi <= lo:
        return cfg.join_threshold
    if terms <= lo:
        return cfg.short_join_threshold
    f = math.log(terms / lo) / math.log(hi / lo)
    return cfg.short_join_threshold + f * (cfg.join_threshold - cfg.short_join_threshold)


def _article_id(article: Article) -> int:
    if article.id is None:
        raise ValueError("the clusterer needs stored articles (article.id is None)")
    return article.id


def _timestamp(article: Article, now: datetime) -> float:
    return (article_time(article) or now).timestamp()


__all__ = ["StoryClusterer"]
