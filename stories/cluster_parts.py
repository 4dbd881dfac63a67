"""What the clusterer keeps of one open story, and the entity and figure keys it compares.

Kept apart from ``cluster.py`` so the clusterer reads as the algorithm; nothing here looks at
other stories.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.models import Article, Figure
from newsdesk.stories.vectors import Centroid, TermVector

FigureKey = tuple[str, str, str, float]


class Story:
    """An open story: its articles, text centroid, entity and figure counts and time span."""

    __slots__ = ("id", "first", "last", "article_ids", "originals", "centroid", "entities",
                 "entity_articles", "figures")

    def __init__(self, story_id: int, when: float) -> None:
        self.id = story_id
        self.first = when
        self.last = when
        self.article_ids: list[int] = []
        self.originals = 0                     # articles that are not copies
        self.centroid = Centroid()
        self.entities: dict[str, int] = {}     # entity -> articles naming it
        self.entity_articles = 0               # articles that name any entity
        self.figures: dict[FigureKey, int] = {}

    def add(self, article_id: int, when: float, vec: TermVector | None,
            entities: tuple[str, ...], figures: Iterable[FigureKey]) -> None:
        self.article_ids.append(article_id)
        self.first = min(self.first, when)
        self.last = max(self.last, when)
        if vec is None:
            return                              # a copy: its text is already here
        self.originals += 1
        self.centroid.add(vec)
        if entities:
            self.entity_articles += 1
        for e in entities:
            self.entities[e] = self.entities.get(e, 0) + 1
        for f in figures:
            self.figures[f] = self.figures.get(f, 0) + 1

    def absorb(self, other: Story) -> None:
        self.article_ids.extend(other.article_ids)
        self.first = min(self.first, other.first)
        self.last = max(self.last, other.last)
        self.centroid.absorb(other.centroid)
        self.entity_articles += other.entity_articles
        self.originals += other.originals
        for e, n in other.entities.items():
            self.entities[e] = self.entities.get(e, 0) + n
        for f, n in other.figures.items():
            self.figures[f] = self.figures.get(f, 0) + n


    def shares_key_figure(self, key: FigureKey, owners: frozenset[str]) -> bool:
        """Whether ``key`` is one of the story's own figures -- reported by at least half of its
        articles, so an outlet's stock line ("employs about 87,000 people") is not -- and belongs
        to someone the story is about (or to nobody named): two deals of one value and one length
        between other companies are not the same deal."""
        n = self.figures.get(key, 0)
        if not n or n * 2 < self.originals:
            return False
        return not owners or any(o in self.entities for o in owners)


def entity_keys(article: Article) -> tuple[str, ...]:
    """The article's distinct entities (canonical names), sorted. Places say little on their own."""
    return tuple(sorted({e.canonical for e in article.entities if e.type != "place"}))


def figure_keys(article: Article) -> dict[FigureKey, frozenset[str]]:
    """Figures specific enough to tie two reports together -- money, percentages and counts of
    something at least 10, rounded to three significant digits; years and bare small numbers
    are left out -- each with the owners the article gives it, in key order."""
    owners: dict[FigureKey, set[str]] = {}
    for f in article.figures:
        key = _key(f)
        if key is not None:
            owners.setdefault(key, set()).update((f.entity,) if f.entity else ())
    return {k: frozenset(owners[k]) for k in sorted(owners)}


def _key(f: Figure) -> FigureKey | None:
    value = f.value
    if value <= 0:
        return None
    if f.kind == "count" and value < 10:
        return None
    if f.kind not in ("money", "percent") and not f.unit:
        return None                             # a bare number, a year among them
    return (f.kind, f.unit or "", f.currency or "", float(f"{value:.3g}"))
