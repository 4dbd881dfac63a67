"""Who reported a story first, who followed and when, and how many articles each hour brought.

Pure bookkeeping over the story's articles: it reads ``article_time`` (published, else fetched)
and never the clock. An article with no time at all cannot be placed and is left out. Copies count
in the hourly totals (a wire story reprinted six times is six articles an analyst sees) but an
outlet appears once, at its first article.

What it will not do: judge which outlet broke the news on the facts (the earliest timestamp wins,
ties by article id), or fill hours that had no articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from newsdesk.models import Article, Coverage, CoverageItem, article_time

__all__ = ["coverage"]


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def coverage(articles: Sequence[Article]) -> Coverage:
    """The story's coverage: first reporter, followers in time order, outlets, articles per hour."""
    timed = sorted((_utc(t), a.id if a.id is not None else -1, a.source)
                   for a in articles if (t := article_time(a)) is not None)
    if not timed:
        return Coverage(first=None, followers=(), sources=(), per_hour=())
    firsts: dict[str, CoverageItem] = {}
    for when, article_id, source in timed:
        firsts.setdefault(source, CoverageItem(article_id=article_id, source=source, published=when))
    items = list(firsts.values())                     # dicts keep insertion order: time order
    hours = Counter(when.replace(minute=0, second=0, microsecond=0) for when, _, _ in timed)
    return Coverage(first=items[0], followers=tuple(items[1:]),
                    sources=tuple(i.source for i in items), per_hour=tuple(sorted(hours.items())))
