"""A story's content from its articles: headline, summary, coverage, entities, figures.

``build_story`` is what the pipeline calls for each story whose articles changed; it composes the
pure parts (``headline``, ``summary``, ``coverage``, ``story_entities``, ``story_figures``) and
returns one frozen ``Story``. The same articles always give the same story.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from newsdesk.models import Article, Story, article_time
from newsdesk.stories.coverage import coverage
from newsdesk.stories.headline import choose_headline
from newsdesk.stories.story_entities import rank_entities
from newsdesk.stories.story_figures import merge_figures
from newsdesk.stories.summary import summarize

# Entities kept on a story: enough for the app's tags and the digest, not every passing name.
STORY_ENTITIES = 25


def build_story(story_id: int, articles: Sequence[Article], *, now: datetime,
                merged_from: Sequence[int] = (),
                parents: Mapping[str, str] | None = None) -> Story:
    """The story ``story_id`` made of ``articles`` (any order; copies included). ``now`` stands in
    for articles that carry no time at all; ``parents`` folds a person's figures into their
    organisation's (the knowledge file's ``parent``) so outlets that credit either are compared."""
    if not articles:
        raise ValueError(f"story {story_id} has no articles")
    ordered = sorted(articles, key=lambda a: a.id or 0)
    times = [article_time(a) or now for a in ordered]
    entities = rank_entities(ordered, limit=STORY_ENTITIES)
    figures, disagreements = merge_figures(ordered, parents=parents)
    cover = coverage(ordered)
    headline = choose_headline(ordered)
    return Story(
        id=story_id,
        headline=headline.title,
        headline_article_id=headline.id or story_id,
        first_seen=min(times),
        last_seen=max(times),
        article_ids=tuple(a.id or 0 for a in ordered),
        sources=cover.sources or tuple(dict.fromkeys(a.source for a in ordered)),
        summary=summarize(ordered, entities, figures),
        coverage=cover,
        entities=entities,
        figures=figures,
        disagreements=disagreements,
        merged_from=tuple(sorted(set(merged_from))),
    )
