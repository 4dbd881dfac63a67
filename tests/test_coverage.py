"""coverage (first reporter, followers, per-hour counts) and rank_entities (centrality)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

from newsdesk.models import Article, EntityTag
from newsdesk.stories.coverage import coverage
from newsdesk.stories.story_entities import rank_entities

T0 = datetime(2026, 11, 20, 9, 40, tzinfo=UTC)


def art(i: int, source: str, minutes: int | None, *, copy_of: int | None = None, title: str = "",
        entities: tuple[EntityTag, ...] = (), fetched_only: bool = False) -> Article:
    when = None if minutes is None else T0 + timedelta(minutes=minutes)
    return Article(url=f"https://x.test/{i}", title=title, source=source, id=i,
                   published=None if fetched_only else when,
                   fetched=when if fetched_only else None, copy_of=copy_of, entities=entities)


def tag(canonical: str, type_: str = "company", count: int = 1, first_offset: int = 500,
        confidence: float = 1.0, known: bool = True) -> EntityTag:
    return EntityTag(canonical=canonical, type=type_, name=canonical, count=count,
                     first_offset=first_offset, confidence=confidence, known=known)


def test_first_followers_sources_and_per_hour() -> None:
    arts = [art(5, "Daily", 50), art(2, "Wire", 0), art(3, "Post", 10, copy_of=2),
            art(4, "Wire", 30), art(6, "Herald", 140, fetched_only=True), art(7, "Blog", None)]
    cov = coverage(arts)
    assert cov.first is not None and (cov.first.article_id, cov.first.source) == (2, "Wire")
    assert cov.first.published == T0
    assert [(f.source, f.article_id) for f in cov.followers] == [("Post", 3), ("Daily", 5),
                                                                 ("Herald", 6)]
    assert cov.sources == ("Wire", "Post", "Daily", "Herald")
    h9 = T0.replace(minute=0)
    # 9:40 9:50 | 10:10 10:30 | 12:00: copies count, empty hours are left out
    assert cov.per_hour == ((h9, 2), (h9 + timedelta(hours=1), 2), (h9 + timedelta(hours=3), 1))


def test_ties_break_by_article_id_and_times_are_utc() -> None:
    plus2 = timezone(timedelta(hours=2))
    a = Article(url="u1", title="", source="B", id=9, published=T0.astimezone(plus2))
    b = Article(url="u2", title="", source="A", id=4, published=T0)
    cov = coverage([a, b])
    assert cov.first is not None and cov.first.article_id == 4
    assert cov.per_hour == ((T0.replace(minute=0), 2),)
    assert cov.per_hour[0][0].tzinfo == UTC


def test_empty_story() -> None:
    assert coverage([]).first is None and coverage([art(1, "A", None)]).sources == ()


def test_entities_ranked_by_outlets_lead_and_mentions() -> None:
    arts = [
        art(1, "Wire", 0, title="Meta cuts AI jobs",
            entities=(tag("Meta", count=6, first_offset=0), tag("Menlo Park", "place", first_offset=5),
                      tag("Google", count=1))),
        art(2, "Post", 5, copy_of=1, entities=(tag("Meta", count=6, first_offset=0),
                                               tag("Google", count=1))),
        art(3, "Daily", 9, entities=(tag("Meta", count=4, first_offset=40),
                                     tag("Menlo Park", "place", first_offset=900))),
        art(4, "Buzz", 12, entities=(tag("Meta", count=3, first_offset=10),
                                     tag("Acme Widgets", count=1, confidence=0.4, known=False))),
    ]
    ranked = rank_entities(arts)
    assert ranked[0].canonical == "Meta" and ranked[0].articles == 4 and ranked[0].type == "company"
    names = [e.canonical for e in ranked]
    # two outlets beat one outlet and its copy; the discovered entity comes last
    assert names.index("Menlo Park") < names.index("Google") < names.index("Acme Widgets")
    assert [e.articles for e in ranked if e.canonical == "Google"] == [2]
    assert rank_entities(arts, limit=2) == ranked[:2]


def test_places_rank_below_actors_when_tied() -> None:
    # "Arizona" sorts before "Oracle": only the place tiebreak puts it second
    arts = [art(1, "Wire", 0, entities=(tag("Arizona", "place"), tag("Oracle"))),
            art(2, "Daily", 1, entities=(tag("Arizona", "place"), tag("Oracle")))]
    assert [e.canonical for e in rank_entities(arts)] == ["Oracle", "Arizona"]


def test_entities_deterministic_and_empty() -> None:
    arts = [art(i, f"S{i % 3}", i, entities=(tag("A", count=i % 4 + 1), tag("B", "lab"),
                                              tag(f"C{i % 2}", "person", first_offset=i * 100)))
            for i in range(1, 9)]
    want = rank_entities(arts)
    rng = random.Random(1)
    for _ in range(5):
        rng.shuffle(arts)
        assert rank_entities(arts) == want
    assert rank_entities([]) == () and rank_entities([art(1, "A", 0)]) == ()
