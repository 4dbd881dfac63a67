"""The story list the app pages through: light rows, in the order the user asked, filtered.

``story_lines`` reads only the ``stories`` row (no article list), so a page of 200 rows costs the
same on an archive of 100 or 100,000 stories; each order has its index (``last_seen``, migration 4;
``article_count`` and ``first_seen``, migration 5). Filters by entity and outlet go through the
articles (``article_entities``, ``articles.source``), never through the JSON columns.

It will not decide what is shown or how: that is the app's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsdesk.models import StoryLine

from .base import ArchiveBase, chunks
from .rows import from_text, to_text

ORDERS = {
    "activity": "s.last_seen DESC, s.id DESC",
    "size": "s.article_count DESC, s.id DESC",
    "first": "s.first_seen DESC, s.id DESC",
}
_TOP_ENTITIES = 3


class StoryListQueries(ArchiveBase):
    def story_lines(self, *, order: str = "activity", limit: int = 200, offset: int = 0,
                    unread_only: bool = False, entity: str | Sequence[str] | None = None,
                    source: str | None = None, since: datetime | None = None,
                    category: str | None = None) -> list[StoryLine]:
        """A page of the story list. ``unread_only``: never opened, or updated since;
        ``entity``: stories naming it (or any of several: a watchlist); ``since``: with activity
        since then; ``category``: with an article from a feed of that category."""
        where, params = _filters(unread_only, entity, source, since, category)
        sql = ("SELECT s.id, s.headline, s.first_seen, s.last_seen, s.article_count, "
               "s.source_count, s.entities, s.figures, s.disagreements != '[]' AS disputed, "
               "s.read_at, s.updated FROM stories s" + where
               + f" ORDER BY {ORDERS.get(order, ORDERS['activity'])} LIMIT :limit OFFSET :offset")
        params.update(limit=max(0, int(limit)), offset=max(0, int(offset)))
        return [_line(r) for r in self._read(sql, params)]

    def story_line_count(self, *, unread_only: bool = False,
                         entity: str | Sequence[str] | None = None,
                         source: str | None = None, since: datetime | None = None,
                         category: str | None = None) -> int:
        where, params = _filters(unread_only, entity, source, since, category)
        return int(self._read("SELECT count(*) AS n FROM stories s" + where, params)[0]["n"])

    def stories_naming(self, entities: Sequence[str], story_ids: Sequence[int]) -> set[int]:
        """Which of ``story_ids`` name any of ``entities`` (the watchlist's stars on a page). The
        names match as in ``entities_named``, without regard to case, so the app stars exactly
        the stories the digest lists as watched."""
        return set(self.entities_named(entities, story_ids))

    def entities_named(self, entities: Sequence[str],
                       story_ids: Sequence[int]) -> dict[int, set[str]]:
        """story id -> the canonical names of ``entities`` its articles name, for the stories of
        ``story_ids`` that name any (the digest's watched stories). Names compare without regard
        to (ASCII) case, so ``--watch openai`` finds "OpenAI"."""
        if not entities or not story_ids:
            return {}
        names = {f"e{i}": e for i, e in enumerate(dict.fromkeys(entities))}
        found: dict[int, set[str]] = {}
        for chunk, _ in chunks(list(dict.fromkeys(story_ids))):
            ids = {f"s{i}": s for i, s in enumerate(chunk)}
            rows = self._read(
                "SELECT DISTINCT a.story_id, e.canonical FROM articles a JOIN article_entities ae "
                "ON ae.article_id = a.id JOIN entities e ON e.id = ae.entity_id "
                "WHERE lower(e.canonical) IN (" + ", ".join(f"lower(:{k})" for k in names)
                + ") AND a.story_id IN (" + ", ".join(":" + k for k in ids) + ")",
                {**names, **ids})
            for r in rows:
                found.setdefault(r["story_id"], set()).add(r["canonical"])
        return found


def _filters(unread_only: bool, entity: str | Sequence[str] | None, source: str | None,
             since: datetime | None = None,
             category: str | None = None) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if since is not None:
        clauses.append("s.last_seen >= :since")
        params["since"] = to_text(since)
    if unread_only:
        clauses.append("(s.read_at IS NULL OR s.updated > s.read_at)")
    if entity:
        names = [entity] if isinstance(entity, str) else list(entity)
        marks = ", ".join(f"lower(:entity{i})" for i in range(len(names)))
        clauses.append("s.id IN (SELECT a.story_id FROM articles a JOIN article_entities ae "
                       "ON ae.article_id = a.id JOIN entities e ON e.id = ae.entity_id "
                       f"WHERE lower(e.canonical) IN ({marks}))")  # as ``entities_named``
        params.update({f"entity{i}": n for i, n in enumerate(names)})
    if source:
        clauses.append("s.id IN (SELECT story_id FROM articles WHERE source = :source)")
        params["source"] = source
    if category:
        clauses.append("s.id IN (SELECT a.story_id FROM articles a JOIN feeds f ON f.id = "
                       "a.feed_id WHERE f.category = :category)")
        params["category"] = category
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _line(row: dict[str, Any]) -> StoryLine:
    entities = _json_list(row["entities"])
    figures = _json_list(row["figures"])
    top = [e.get("canonical") for e in entities if isinstance(e, dict) and e.get("canonical")]
    best = max((f for f in figures if isinstance(f, dict) and f.get("text")),
               key=lambda f: len(f.get("sources") or ()), default=None)
    read_at, updated = row["read_at"], row["updated"]
    return StoryLine(id=row["id"], headline=row["headline"] or "",
                     first_seen=from_text(row["first_seen"]), last_seen=from_text(row["last_seen"]),
                     articles=row["article_count"] or 0, sources=row["source_count"] or 0,
                     top_entities=tuple(top[:_TOP_ENTITIES]),
                     figure=best["text"] if best else None, disputed=bool(row["disputed"]),
                     read=read_at is not None,
                     updated=read_at is not None and updated is not None and updated > read_at)


def _json_list(text: str | None) -> list[Any]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []
