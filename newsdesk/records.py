"""The JSON records scripts read (``../shared/cli-contract.md``): an article as ``export`` and
``article --json`` print it, a story as ``stories --json`` prints it, and a story's nested parts as
the archive stores them.

One place decides the shape of an article record, a summary sentence, an entity, a figure and a
disagreement, so what scripts read and what ``store`` keeps in its JSON columns cannot drift
apart. Light on purpose (models and the clock only), so ``article`` and ``export`` start fast. Feed
text goes out as JSON strings (``json`` escapes it); nothing here renders.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from newsdesk.durations import iso
from newsdesk.models import Article, FigureSource, Story


def source_dict(s: FigureSource) -> dict[str, Any]:
    return {"value": s.value, "value_max": s.value_max, "qualifier": s.qualifier, "text": s.text,
            "source": s.source, "article_id": s.article_id, "flags": list(s.flags)}


def summary_dicts(story: Story) -> list[dict[str, Any]]:
    return [{"sentence": s.sentence, "article_id": s.article_id, "source": s.source}
            for s in story.summary]


def entity_dicts(story: Story, *, digits: int | None = None) -> list[dict[str, Any]]:
    """``digits`` rounds the centrality score for output; the archive keeps it whole."""
    return [{"canonical": e.canonical, "type": e.type,
             "score": e.score if digits is None else round(e.score, digits),
             "articles": e.articles} for e in story.entities]


def figure_dicts(story: Story) -> list[dict[str, Any]]:
    return [{"entity": f.entity, "unit": f.unit, "kind": f.kind, "currency": f.currency,
             "value": f.value, "text": f.text, "sources": [source_dict(s) for s in f.sources]}
            for f in story.figures]


def disagreement_dicts(story: Story) -> list[dict[str, Any]]:
    return [{"entity": d.entity, "unit": d.unit, "values": [source_dict(s) for s in d.values]}
            for d in story.disagreements]


def story_record(story: Story, articles: Mapping[int, Article]) -> dict[str, Any]:
    """The story as the contract's JSON object; ``articles`` holds (at least) its articles."""
    cover = story.coverage
    return {
        "id": story.id,
        "headline": story.headline,
        "headline_article_id": story.headline_article_id,
        "first_seen": iso(story.first_seen),
        "last_seen": iso(story.last_seen),
        "articles": [
            {"id": a.id, "url": a.url, "source": a.source, "published": iso(a.published),
             "title": a.title, "copy_of": a.copy_of}
            for a in (articles[i] for i in story.article_ids if i in articles)
        ],
        "sources": list(story.sources),
        "summary": summary_dicts(story),
        "entities": entity_dicts(story, digits=4),
        "figures": figure_dicts(story),
        "disagreements": disagreement_dicts(story),
        "coverage": None if cover is None else {
            "first": None if cover.first is None else {
                "article_id": cover.first.article_id, "source": cover.first.source,
                "published": iso(cover.first.published)},
            "followers": [{"article_id": c.article_id, "source": c.source,
                           "published": iso(c.published)} for c in cover.followers],
            "per_hour": [{"hour": iso(h), "articles": n} for h, n in cover.per_hour],
        },
        "merged_from": list(story.merged_from),
    }


def export_record(article: Article, story_id: int | None = None) -> dict[str, Any]:
    """The contract's export object."""
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "author": article.author,
        "published": iso(article.published),
        "fetched": iso(article.fetched),
        "text": article.text,
        "copy_of": article.copy_of,
        "story_id": story_id,
        "entities": [{"name": e.name, "type": e.type, "canonical": e.canonical, "count": e.count}
                     for e in article.entities],
        "figures": [{"text": f.text, "value": f.value, "unit": f.unit, "currency": f.currency,
                     "qualifier": f.qualifier, "entity": f.entity, "sentence": f.sentence,
                     "flags": list(f.flags)} for f in article.figures],
    }


def export_lines(articles: Iterable[Article],
                 story_of: Mapping[int, int] | None = None) -> Iterator[str]:
    for article in articles:
        story_id = (story_of or {}).get(article.id or 0)
        yield json.dumps(export_record(article, story_id), ensure_ascii=False) + "\n"
