"""Search the archive: what `newsdesk search` and the app's search screen both call.

``run_search`` parses what the user typed (``newsdesk.search_query``), turns each ``entity:`` value
into the archive's entity ids (the canonical name in any case, else any alias or short name the
knowledge files give it: ``entity:kimi`` finds Kimi, ``entity:"Moonshot"`` Moonshot AI), and asks
the store for one page of hits. An entity the archive has never seen gives no hits and is named in
the result, so the user learns why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from newsdesk.models import SearchHit
from newsdesk.search_query import SearchQuery, parse_query
from newsdesk.store.archive import Archive


@dataclass(frozen=True)
class SearchResult:
    query: SearchQuery
    hits: list[SearchHit] = field(default_factory=list)
    unknown_entities: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def _aliases(extra_files: tuple[str, ...]) -> dict[str, str]:
    """Every surface form of every known entity, lower-cased -> canonical name."""
    from pathlib import Path

    from newsdesk.extract.entities import load_knowledge

    knowledge = load_knowledge([Path(p) for p in extra_files])
    out: dict[str, str] = {}
    for canonical, entity in knowledge.entities.items():
        for form in entity.surface_forms:
            out.setdefault(form.lower(), canonical)
    return out


def entity_ids(archive: Archive, name: str, extra_files: Sequence[str] = ()) -> list[int]:
    """The archive's ids for the entity ``name`` names (canonical name, alias, any case)."""
    ids = archive.entity_ids(name)
    if ids:
        return ids
    canonical = _aliases(tuple(extra_files)).get(name.lower())
    return archive.entity_ids(canonical) if canonical else []


def run_search(archive: Archive, text: str, now: datetime, *, order: str = "rank",
               limit: int = 20, offset: int = 0, copies: bool = False,
               extra_files: Sequence[str] = (), deep: bool = False) -> SearchResult:
    """One page of hits for ``text``; raises ``InvalidQuery`` for what cannot be searched.
    An empty query gives an empty result. A query matching thousands of articles is ranked
    among its newest matches unless ``deep`` (store/search.py says why)."""
    query = parse_query(text, now)
    if query.empty:
        return SearchResult(query)
    groups: list[list[int]] = []
    unknown: list[str] = []
    for name in query.entities:
        ids = entity_ids(archive, name, extra_files)
        groups.append(ids)
        if not ids:
            unknown.append(name)
    if unknown:
        return SearchResult(query, [], tuple(unknown))
    hits = archive.search_articles(
        query.match, exclude=query.exclude, entity_ids=groups, sources=query.sources,
        since=query.since, until=query.until, story_id=query.story, copies=copies, order=order,
        now=now, limit=limit, offset=offset, **({"depth": None} if deep else {}))
    return SearchResult(query, hits)


def hit_record(hit: SearchHit) -> dict[str, Any]:
    """A hit as `search --json` prints it (../shared/cli-contract.md), with the matched spans."""
    from newsdesk.durations import iso

    return {"article_id": hit.article_id, "story_id": hit.story_id, "url": hit.url,
            "title": hit.title, "source": hit.source, "published": iso(hit.published),
            "snippet": hit.snippet, "score": hit.score,
            "marks": [list(m) for m in hit.marks], "title_marks": [list(m) for m in hit.title_marks]}
