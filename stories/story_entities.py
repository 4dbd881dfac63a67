"""A story's entities ranked by how central they are to it.

Centrality here is a weighted sum of plain, explainable signals, each in [0, 1]:

* outlets  (0.45): the share of the story's outlets whose articles name it -- distinct outlets
  count, so a wire story reprinted five times does not make its side characters central;
* articles (0.15): the share of its articles, copies included, that name it;
* lead     (0.25): the share of the articles naming it that do so in the title or the lead
  (first mention within ``LEAD_CHARS`` characters);
* mentions (0.15): how often the naming articles mention it, log-scaled against the busiest.

The sum is scaled by how sure the tagger was: an entity from the knowledge file keeps it all, a
discovered one (``known`` False) is scaled by ``0.5 + 0.5 * confidence`` and a further 0.8. Ties
(to four places) put actors before places, then order by name, so the ranking is deterministic.

What it will not do: merge two canonical names into one, or weigh an entity by anything outside
the story (how rare it is in the archive is the clusterer's business).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from newsdesk.models import Article, EntityTag, StoryEntity

__all__ = ["rank_entities"]

LEAD_CHARS = 300
WEIGHTS = {"outlets": 0.45, "articles": 0.15, "lead": 0.25, "mentions": 0.15}
_PLACE_LIKE = ("place", "other")


def _in_title(tag: EntityTag, title: str) -> bool:
    return any(form and form in title for form in (tag.canonical, tag.name))


def rank_entities(articles: Sequence[Article], *, limit: int | None = None,
                  ) -> tuple[StoryEntity, ...]:
    """The entities the story's articles name, most central first (at most ``limit``)."""
    if not articles:
        return ()
    outlets_total = len({a.source for a in articles})
    tags: dict[str, list[tuple[Article, EntityTag]]] = defaultdict(list)
    for a in articles:
        seen: set[str] = set()
        for t in a.entities:
            if t.canonical not in seen:               # one tag per canonical name per article
                seen.add(t.canonical)
                tags[t.canonical].append((a, t))
    if not tags:
        return ()
    mean_mentions = {c: sum(t.count for _, t in ts) / len(ts) for c, ts in tags.items()}
    busiest = math.log1p(max(mean_mentions.values()))
    ranked = []
    for canonical, ts in tags.items():
        n = len(ts)
        parts = {
            "outlets": len({a.source for a, _ in ts}) / outlets_total,
            "articles": n / len(articles),
            "lead": sum(t.first_offset < LEAD_CHARS or _in_title(t, a.title) for a, t in ts) / n,
            "mentions": math.log1p(mean_mentions[canonical]) / busiest if busiest else 0.0,
        }
        score = sum(WEIGHTS[k] * v for k, v in parts.items())
        known = sum(t.known for _, t in ts) / n
        confidence = sum(t.confidence for _, t in ts) / n
        if known < 0.5:
            score *= (0.5 + 0.5 * confidence) * 0.8
        types = Counter(t.type for _, t in ts)
        kind = min(types, key=lambda k: (-types[k], k))
        ranked.append(StoryEntity(canonical=canonical, type=kind, score=round(score, 6),
                                  articles=n))
    ranked.sort(key=lambda e: (-round(e.score, 4), e.type in _PLACE_LIKE, e.canonical))
    return tuple(ranked[:limit] if limit is not None else ranked)
