"""A story's parts as plain JSON objects: the contract's ``stories --json`` record
(``../shared/cli-contract.md``) and the nested parts the archive stores.

One place decides the shape of a summary sentence, an entity, a figure and a disagreement, so
what scripts read and what ``store`` keeps in its JSON columns cannot drift apart. Feed text goes
out as JSON strings (``json`` escapes it); nothing here renders.
"""

from __future__ import annotations

from collections.abc import Mapping
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
