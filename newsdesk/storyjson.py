"""The contract's ``stories --json`` record of a story (``../shared/cli-contract.md``).

Shared by ``newsdesk stories --json`` and, later, the JSON digest: one place that decides the
shape scripts rely on. Feed text goes out as JSON strings (``json`` escapes it); nothing here
renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from newsdesk.models import Article, FigureSource, Story


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _value(s: FigureSource) -> dict[str, Any]:
    return {"value": s.value, "value_max": s.value_max, "qualifier": s.qualifier, "text": s.text,
            "source": s.source, "article_id": s.article_id, "flags": list(s.flags)}


def story_record(story: Story, articles: Mapping[int, Article]) -> dict[str, Any]:
    """The story as the contract's JSON object; ``articles`` holds (at least) its articles."""
    cover = story.coverage
    return {
        "id": story.id,
        "headline": story.headline,
        "headline_article_id": story.headline_article_id,
        "first_seen": _iso(story.first_seen),
        "last_seen": _iso(story.last_seen),
        "articles": [
            {"id": a.id, "url": a.url, "source": a.source, "published": _iso(a.published),
             "title": a.title, "copy_of": a.copy_of}
            for a in (articles[i] for i in story.article_ids if i in articles)
        ],
        "sources": list(story.sources),
        "summary": [{"sentence": s.sentence, "article_id": s.article_id, "source": s.source}
                    for s in story.summary],
        "entities": [{"canonical": e.canonical, "type": e.type, "score": round(e.score, 4),
                      "articles": e.articles} for e in story.entities],
        "figures": [{"entity": f.entity, "unit": f.unit, "kind": f.kind, "currency": f.currency,
                     "value": f.value, "text": f.text, "sources": [_value(s) for s in f.sources]}
                    for f in story.figures],
        "disagreements": [{"entity": d.entity, "unit": d.unit,
                           "values": [_value(s) for s in d.values]}
                          for d in story.disagreements],
        "coverage": None if cover is None else {
            "first": None if cover.first is None else {
                "article_id": cover.first.article_id, "source": cover.first.source,
                "published": _iso(cover.first.published)},
            "followers": [{"article_id": c.article_id, "source": c.source,
                           "published": _iso(c.published)} for c in cover.followers],
            "per_hour": [{"hour": _iso(h), "articles": n} for h, n in cover.per_hour],
        },
        "merged_from": list(story.merged_from),
    }
