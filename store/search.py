"""Full-text search over the archive: the one place SQL meets a parsed query.

The words arrive as an FTS5 expression that ``newsdesk.search_query`` built from quoted strings and
operators only; this module adds the filters (entities, outlets, time, story), the order and the
snippets. Snippets come back with the matched words' spans, not markup, so no display has to parse
feed text.

What keeps it fast on a large archive (benchmarks/search_bench.py):
- ``ORDER BY`` exactly FTS5's ``rank``: FTS5 sorts on its own and ``snippet()`` runs only for the
  rows the LIMIT lets out.
- A broad query is ranked among its newest ``DEPTH`` matches. bm25 costs a little for every
  match, and a word such as "openai" is in a third of an AI archive: 30,000 matches in 100,000
  articles take 60 ms to rank, the newest 5,000 take 13 ms, at any archive size. A news archive's
  best matches are mostly recent ones; ``depth=None`` ranks every match, and so does a query whose
  filters leave fewer than ``FILLED`` of the newest matches. Decided once per query, so the pages
  of one search all come from the same ranking.
- Filters that bound time (``since:``, ``story:``) become rowid ranges FTS5 applies while reading
  its index (articles are numbered in arrival order), not checks after the match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsdesk.models import SEARCH_ORDERS, SearchHit

from .base import ArchiveBase
from .rows import from_text, to_text

_SEEN = "coalesce(a.published, a.fetched)"
# Snippet markers: control characters never survive ingestion (newsdesk.text.clean_text), so they
# cannot collide with article text.
_OPEN, _CLOSE = "\x02", "\x03"
SNIPPET_TOKENS = 28
RECENCY_DAYS = 30.0     # "mixed" order: a match this many days old counts half as much
ORDERS = SEARCH_ORDERS
DEPTH = 5000            # a broad query is ranked among its newest this many matches ...
FILLED = 100            # ... when its filters leave at least this many of them (two app pages)
SMALL_ENTITY = 5000     # an entity in fewer articles is a list to look up, not a check per row


def _marked(text: str | None) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Text with marker pairs -> the plain text and the (start, end) spans they enclosed."""
    text = text or ""
    if _OPEN not in text:
        return text.replace(_CLOSE, ""), ()
    head, *parts = text.split(_OPEN)
    out, marks, length = [head], [], len(head)
    for part in parts:
        word, _, rest = part.partition(_CLOSE)
        if word:
            marks.append((length, length + len(word)))
        out += (word, rest)
        length += len(word) + len(rest)
    return "".join(out), tuple(marks)


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class _Plan:
    """The WHERE clauses and parameters of one search, and the rowid bounds for FTS5."""

    where: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    low: int | None = None          # articles_fts.rowid >= low
    high: int | None = None         # articles_fts.rowid <= high
    narrow: bool = False            # bounded to a few articles already: rank every match
    selective: bool = False         # filters that may leave few of the newest matches
    before: int | None = None       # until: count the newest matches from about this id down

    def add(self, clause: str, **params: Any) -> None:
        self.where.append(clause)
        self.params.update(params)

    def raise_low(self, value: int | None) -> None:
        if value is not None:
            self.low = value if self.low is None else max(self.low, value)


class SearchQueries(ArchiveBase):
    def entity_ids(self, name: str) -> list[int]:
        """Ids of the entities whose canonical name is ``name`` (any case, any type)."""
        return [r["id"] for r in self._read(
            "SELECT id FROM entities WHERE canonical = ? COLLATE NOCASE", [name])]

    def search_articles(self, match: str | None, *, exclude: str | None = None,
                        entity_ids: Sequence[Sequence[int]] = (), sources: Sequence[str] = (),
                        since: datetime | None = None, until: datetime | None = None,
                        story_id: int | None = None, copies: bool = False, order: str = "rank",
                        now: datetime | None = None, limit: int = 20, offset: int = 0,
                        depth: int | None = DEPTH) -> list[SearchHit]:
        """A page of articles matching the FTS5 expression ``match`` (None: any article) and every
        filter: each group of ``entity_ids`` (one entity, by any of its ids), any of ``sources``
        (outlet name or host, a substring, any case), ``since`` <= time < ``until``, one story.
        Copies of another article are left out unless ``copies``. ``order``: rank (bm25, title
        words weigh more), recent (newest first), mixed (bm25 fading with age). ``depth``: see the
        module's notes."""
        if order not in ORDERS:
            raise ValueError(f"order must be one of {ORDERS}")
        plan = self._filters(exclude, entity_ids, sources, since, until, story_id, copies)
        limit, offset = max(0, int(limit)), max(0, int(offset))
        floor = None
        if match and depth and not plan.narrow:
            floor = self._floor(match, plan, depth)
        rows = self._page(match, plan, order, now, limit, offset, floor)
        return [self._hit(r, match) for r in rows]

    # -- planning -----------------------------------------------------------------------------
    def _filters(self, exclude, entity_ids, sources, since, until, story_id, copies) -> _Plan:
        plan = _Plan()
        plan.selective = bool(exclude or entity_ids or sources or until is not None)
        if exclude:
            plan.add("a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts "
                     "MATCH :exclude)", exclude=exclude)
        for n, ids in enumerate(entity_ids):
            marks = ", ".join(f":e{n}_{k}" for k in range(len(ids))) or "NULL"
            values = {f"e{n}_{k}": i for k, i in enumerate(ids)}
            count = self._scalar(f"SELECT count(*) FROM article_entities WHERE entity_id IN "
                                 f"({marks})", values) if ids else 0
            if count <= SMALL_ENTITY:   # a short list, looked up by id
                plan.add(f"a.id IN (SELECT article_id FROM article_entities "
                         f"WHERE entity_id IN ({marks}))", **values)
                plan.narrow = plan.narrow or count <= SMALL_ENTITY // 5
            else:                       # a common one: a primary-key probe per candidate row
                plan.add(f"EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id "
                         f"AND ae.entity_id IN ({marks}))", **values)
        if sources:
            plan.add("(" + " OR ".join(
                f"a.source LIKE :s{n} ESCAPE '\\' OR a.host LIKE :s{n} ESCAPE '\\'"
                for n in range(len(sources))) + ")", **{f"s{n}": _like(s)
                                                         for n, s in enumerate(sources)})
        if since is not None:
            plan.add(f"{_SEEN} >= :since", since=to_text(since))
            # Every article seen since then has an id at least that of the first of them. Through
            # the time index: min(id) alone would walk the whole table in id order.
            plan.raise_low(self._scalar(
                f"SELECT min(id) FROM articles a INDEXED BY idx_articles_seen WHERE {_SEEN} >= ?",
                [to_text(since)]) or 1 << 62)
        if until is not None:
            plan.add(f"{_SEEN} < :until", until=to_text(until))
            # The newest matches before ``until`` lie below about the id of the last article
            # seen before it: where to count "newest" from (a hint, not a filter, since an
            # article can arrive after others that are newer than it).
            plan.before = self._scalar(
                f"SELECT id FROM articles a INDEXED BY idx_articles_seen WHERE {_SEEN} < ? "
                f"ORDER BY {_SEEN} DESC LIMIT 1", [to_text(until)]) or 0
        if story_id is not None:
            plan.add("a.story_id = :story", story=self._resolve(story_id))
            span = self._read("SELECT min(id) AS lo, max(id) AS hi FROM articles "
                              "WHERE story_id = ?", [plan.params["story"]])
            plan.raise_low(span[0]["lo"] if span and span[0]["lo"] is not None else 1 << 62)
            plan.high = span[0]["hi"] if span and span[0]["hi"] is not None else 0
            plan.narrow = True
        if not copies:
            plan.add("a.copy_of IS NULL")
        return plan

    def _floor(self, match: str, plan: _Plan, depth: int) -> int | None:
        """The rowid of the ``depth``-th newest match, when there are more matches than that and
        the filters leave at least ``FILLED`` of the newest ones; else None (rank every match).
        Decided once per query, not per page, so paging never mixes two rankings."""
        bounds = " AND rowid >= :low" if plan.low is not None else ""
        bounds += " AND rowid <= :before" if plan.before is not None else ""
        floor = self._scalar(
            f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match{bounds} "
            "ORDER BY rowid DESC LIMIT 1 OFFSET :skip",
            {"match": match, "low": plan.low, "before": plan.before, "skip": depth - 1})
        if floor is None or not plan.selective:
            return floor    # the copies left out are a few in a hundred: plenty of them remain
        where, params = self._match_where(match, plan, floor)
        kept = self._scalar(
            "SELECT count(*) FROM (SELECT 1 FROM articles_fts CROSS JOIN articles a ON a.id = "
            f"articles_fts.rowid WHERE {' AND '.join(where)} ORDER BY articles_fts.rowid DESC "
            f"LIMIT {FILLED})", params)
        return floor if kept >= FILLED else None

    @staticmethod
    def _match_where(match: str, plan: _Plan,
                     floor: int | None) -> tuple[list[str], dict[str, Any]]:
        """The WHERE clauses and parameters of a query with words, bounds included."""
        where = ["articles_fts MATCH :match", *plan.where]
        low = plan.low if floor is None else max(floor, plan.low or 0)
        if low is not None:
            where.append(f"articles_fts.rowid >= {int(low)}")
        if plan.high is not None:
            where.append(f"articles_fts.rowid <= {int(plan.high)}")
        return where, {**plan.params, "match": match}

    def _page(self, match, plan: _Plan, order, now, limit, offset,
              floor: int | None) -> list[dict[str, Any]]:
        params = {**plan.params, "limit": limit, "offset": offset}
        where = list(plan.where)
        select = "a.id, a.story_id, a.url, a.title, a.source, a.published, a.fetched"
        if not match:
            select += ", 0.0 AS score, substr(a.text, 1, 400) AS lead"
            for clause, value in ((">=", plan.low), ("<=", plan.high)):
                if value is not None:
                    where.append(f"a.id {clause} {int(value)}")
            return self._read(f"SELECT {select} FROM articles a WHERE {' AND '.join(where) or '1'} "
                              f"ORDER BY {_SEEN} DESC, a.id DESC LIMIT :limit OFFSET :offset",
                              params)
        where, match_params = self._match_where(match, plan, floor)
        params.update(match_params)
        select += ", articles_fts.rank AS score"
        if order == "rank":
            # exactly "rank": FTS5 sorts, and snippets are made for the LIMIT's rows only
            params.update({"o": _OPEN, "c": _CLOSE, "n": SNIPPET_TOKENS})
            select += (", highlight(articles_fts, 0, :o, :c) AS marked_title, "
                       "snippet(articles_fts, 1, :o, :c, '…', :n) AS marked_snippet")
            order_by = "articles_fts.rank"
        elif order == "mixed":
            params["now"] = to_text(now) if now else None
            order_by = (f"articles_fts.rank / (1.0 + max(0.0, julianday(coalesce(:now, 'now')) "
                        f"- julianday({_SEEN})) / {RECENCY_DAYS}), a.id DESC")
        else:
            order_by = f"{_SEEN} DESC, a.id DESC"
        return self._read(
            f"SELECT {select} FROM articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid "
            f"WHERE {' AND '.join(where)} ORDER BY {order_by} LIMIT :limit OFFSET :offset",
            params)

    # -- hits ---------------------------------------------------------------------------------
    def _hit(self, row: dict[str, Any], match: str | None) -> SearchHit:
        title, title_marks, snippet, marks = row["title"], (), "", ()
        if "marked_snippet" in row:
            title, title_marks = _marked(row["marked_title"])
            snippet, marks = _marked(row["marked_snippet"])
        elif match:                       # another order: the snippet of each shown row
            found = self._read(
                "SELECT highlight(articles_fts, 0, :o, :c) AS title, "
                "snippet(articles_fts, 1, :o, :c, '…', :n) AS snippet FROM articles_fts "
                "WHERE articles_fts MATCH :match AND rowid = :id",
                {"o": _OPEN, "c": _CLOSE, "n": SNIPPET_TOKENS, "match": match, "id": row["id"]})
            if found:
                title, title_marks = _marked(found[0]["title"])
                snippet, marks = _marked(found[0]["snippet"])
        if not snippet:
            text = row["lead"] if "lead" in row else self._scalar(
                "SELECT substr(text, 1, 400) FROM articles WHERE id = ?", [row["id"]]) or ""
            snippet = text if len(text) < 400 else text[:text.rfind(" ", 0, 300) + 1] + "…"
        return SearchHit(
            article_id=row["id"], story_id=row["story_id"], url=row["url"], title=title,
            source=row["source"], published=from_text(row["published"] or row["fetched"]),
            snippet=snippet.replace("\n", " "), marks=marks, title_marks=title_marks,
            score=round(-float(row["score"] or 0.0), 4))
