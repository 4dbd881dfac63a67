"""Convert between ``stories`` rows and ``Story`` records, the nested parts as JSON text.

A story's summary, coverage, entities, figures and disagreements are read and written whole, never
queried field by field, so each is one JSON column: objects with named keys (readable with
``json_extract`` in the sqlite3 shell, and tolerant of a field added later), times as the same UTC
ISO text the other columns use. JSON escapes every control character and quote, so any text a feed
sends round-trips. A column that does not parse reads as empty rather than failing the whole read.

``article_ids`` is not a column: the articles table (``articles.story_id``) is the one record of
which articles a story holds, and the query passes them in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsdesk.models import (
    Coverage,
    CoverageItem,
    Disagreement,
    FigureSource,
    Story,
    StoryEntity,
    StoryFigure,
    SummarySentence,
)

from newsdesk.records import disagreement_dicts, entity_dicts, figure_dicts, summary_dicts

from .rows import from_text, to_text

# Columns written from a Story's content; a change in any of them moves ``updated``.
CONTENT_COLUMNS: tuple[str, ...] = (
    "headline", "headline_article_id", "first_seen", "last_seen", "article_count", "source_count",
    "sources", "summary", "coverage", "entities", "figures", "disagreements", "merged_from",
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _loads(raw: str | None, default: Any) -> Any:
    try:
        value = json.loads(raw) if raw else default
    except (TypeError, ValueError):
        return default
    return value if isinstance(value, type(default)) else default


def _time(value: Any) -> datetime:
    parsed = from_text(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError(f"not a time: {value!r}")
    return parsed


# -- to JSON -------------------------------------------------------------------------------------

def _item_out(item: CoverageItem | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"article_id": item.article_id, "source": item.source,
            "published": to_text(item.published)}


def coverage_to_json(coverage: Coverage | None) -> str | None:
    if coverage is None:
        return None
    return _dumps({
        "first": _item_out(coverage.first),
        "followers": [_item_out(i) for i in coverage.followers],
        "sources": list(coverage.sources),
        "per_hour": [[to_text(hour), n] for hour, n in coverage.per_hour],
    })


def story_to_row(story: Story) -> dict[str, Any]:
    """The row for ``story`` (``article_count`` from its ``article_ids``; the query may correct it
    from the articles table)."""
    return {
        "id": story.id,
        "headline": story.headline,
        "headline_article_id": story.headline_article_id,
        "first_seen": to_text(story.first_seen),
        "last_seen": to_text(story.last_seen),
        "article_count": len(story.article_ids),
        "source_count": len(story.sources),
        "sources": _dumps(list(story.sources)),
        "summary": _dumps(summary_dicts(story)),
        "coverage": coverage_to_json(story.coverage),
        "entities": _dumps(entity_dicts(story)),
        "figures": _dumps(figure_dicts(story)),
        "disagreements": _dumps(disagreement_dicts(story)),
        "merged_from": _dumps(list(story.merged_from)),
    }


# -- from JSON -----------------------------------------------------------------------------------

def _source_in(d: dict[str, Any]) -> FigureSource:
    return FigureSource(d["value"], d["text"], d["source"], d["article_id"], d.get("qualifier"),
                        d.get("value_max"), tuple(d.get("flags") or ()))


def _item_in(d: dict[str, Any] | None) -> CoverageItem | None:
    if d is None:
        return None
    return CoverageItem(d["article_id"], d["source"], _time(d["published"]))


def coverage_from_json(raw: str | None) -> Coverage | None:
    d = _loads(raw, {})
    if not d:
        return None
    try:
        return Coverage(
            first=_item_in(d.get("first")),
            followers=tuple(i for i in map(_item_in, d.get("followers") or ()) if i is not None),
            sources=tuple(d.get("sources") or ()),
            per_hour=tuple((_time(h), int(n)) for h, n in d.get("per_hour") or ()),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _each(raw: str | None, build: Any) -> tuple[Any, ...]:
    """Every item of a JSON list column built into a record; a damaged column reads as empty."""
    try:
        return tuple(build(d) for d in _loads(raw, []))
    except (KeyError, TypeError, ValueError, AttributeError):
        return ()


def story_from_row(row: dict[str, Any], article_ids: Sequence[int]) -> Story:
    return Story(
        id=row["id"],
        headline=row["headline"] or "",
        headline_article_id=row["headline_article_id"] if row["headline_article_id"] is not None
        else row["id"],
        first_seen=_time(row["first_seen"]),
        last_seen=_time(row["last_seen"]),
        article_ids=tuple(article_ids),
        sources=tuple(str(s) for s in _loads(row["sources"], [])),
        summary=_each(row["summary"], lambda d: SummarySentence(
            d["sentence"], d["article_id"], d["source"])),
        coverage=coverage_from_json(row["coverage"]),
        entities=_each(row["entities"], lambda d: StoryEntity(
            d["canonical"], d["type"], d["score"], d["articles"])),
        figures=_each(row["figures"], lambda d: StoryFigure(
            d["entity"], d["unit"], d["kind"], d["currency"], d["value"], d["text"],
            tuple(_source_in(s) for s in d["sources"]))),
        disagreements=_each(row["disagreements"], lambda d: Disagreement(
            d["entity"], d["unit"], tuple(_source_in(s) for s in d["values"]))),
        merged_from=tuple(int(i) for i in _loads(row["merged_from"], [])),
    )


def merged_from_json(raw: str | None) -> set[int]:
    return {int(i) for i in _loads(raw, []) if isinstance(i, int)}


def merged_to_json(ids: set[int]) -> str:
    return _dumps(sorted(ids))
