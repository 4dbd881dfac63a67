"""Full-text search over the archive: the one place SQL meets a parsed query.

The words arrive as an FTS5 expression that ``newsdesk.search_query`` built from quoted strings and
operators only; this module adds the filters (entities, outlets, time, story), the order and the
snippets. Two steps keep it close to the bare ``MATCH``: the ranked page of ids first (no
snippet work for rows that are not shown), then a snippet per shown hit, each a ``MATCH`` pinned
to one rowid. Snippets come back with the matched words' spans, not markup, so no display has to
parse feed text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsdesk.models import SearchHit

from .base import ArchiveBase
from .rows import from_text, to_text

_SEEN = "coalesce(a.published, a.fetched)"
# Snippet markers: control characters never survive ingestion (newsdesk.text.clean_text), so they
# cannot collide with article text.
_OPEN, _CLOSE = "\x02", "\x03"
SNIPPET_TOKENS = 28
RECENCY_DAYS = 30.0     # "mixed" order: a match this many days old counts half as much
ORDERS = ("rank", "recent", "mixed")


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


class SearchQueries(ArchiveBase):
    def entity_ids(self, name: str) -> list[int]:
        """Ids of the entities whose canonical name is ``name`` (any case, any type)."""
        return [r["id"] for r in self._read(
            "SELECT id FROM entities WHERE canonical = ? COLLATE NOCASE", [name])]

    def story_holding(self, story_id: int) -> int:
        """The story that holds ``story_id`` now (it may have been merged into another)."""
        return self._resolve(story_id)  # from StoryQueries

    def search_articles(self, match: str | None, *, exclude: str | None = None,
                        entity_ids: Sequence[Sequence[int]] = (), sources: Sequence[str] = (),
                        since: datetime | None = None, until: datetime | None = None,
                        story_id: int | None = None, copies: bool = False, order: str = "rank",
                        now: datetime | None = None, limit: int = 20,
                        offset: int = 0) -> list[SearchHit]:
        """A page of articles matching the FTS5 expression ``match`` (None: any article) and every
        filter: each group of ``entity_ids`` (one entity, by any of its ids), any of ``sources``
        (outlet name or host, a substring, any case), ``since`` <= time < ``until``, one story.
        Copies of another article are left out unless ``copies``. ``order``: rank (bm25, title
        words weigh more), recent (newest first), mixed (bm25 fading with age)."""
        if order not in ORDERS:
            raise ValueError(f"order must be one of {ORDERS}")
        params: dict[str, Any] = {"limit": max(0, int(limit)), "offset": max(0, int(offset))}
        extra = ""
        where: list[str] = []
        if match:
            sql_from = "articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            where.append("articles_fts MATCH :match")
            params["match"] = match
            score = "articles_fts.rank"
        else:
            sql_from, score = "articles a", "0.0"
            extra = ", substr(a.text, 1, 400) AS lead"
        if exclude:
            where.append("a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts "
                         "MATCH :exclude)")
            params["exclude"] = exclude
        for n, ids in enumerate(entity_ids):
            marks = ", ".join(f":e{n}_{k}" for k in range(len(ids))) or "NULL"
            where.append(f"a.id IN (SELECT article_id FROM article_entities "
                         f"WHERE entity_id IN ({marks}))")
            params.update({f"e{n}_{k}": i for k, i in enumerate(ids)})
        if sources:
            where.append("(" + " OR ".join(
                f"a.source LIKE :s{n} ESCAPE '\\' OR a.host LIKE :s{n} ESCAPE '\\'"
                for n in range(len(sources))) + ")")
            params.update({f"s{n}": _like(s) for n, s in enumerate(sources)})
        if since is not None:
            where.append(f"{_SEEN} >= :since")
            params["since"] = to_text(since)
        if until is not None:
            where.append(f"{_SEEN} < :until")
            params["until"] = to_text(until)
        if story_id is not None:
            where.append("a.story_id = :story")
            params["story"] = self._resolve(story_id)
        if not copies:
            where.append("a.copy_of IS NULL")
        select = ("a.id, a.story_id, a.url, a.title, a.source, a.published, a.fetched, "
                  f"{score} AS score{extra}")
        if match and order == "rank":
            # FTS5 sorts by its own rank when ORDER BY is exactly "rank": no sorter, and the
            # snippets are made only for the rows the LIMIT lets out (a tie-break would cost both).
            params.update({"o": _OPEN, "c": _CLOSE, "n": SNIPPET_TOKENS})
            select += (", highlight(articles_fts, 0, :o, :c) AS marked_title, "
                       "snippet(articles_fts, 1, :o, :c, '…', :n) AS marked_snippet")
            order_by = "articles_fts.rank"
        elif match and order == "mixed":
            params["now"] = to_text(now) if now else None
            order_by = (f"articles_fts.rank / (1.0 + max(0.0, julianday(coalesce(:now, 'now')) "
                        f"- julianday({_SEEN})) / {RECENCY_DAYS}), a.id DESC")
        else:
            order_by = f"{_SEEN} DESC, a.id DESC"
        rows = self._read(
            f"SELECT {select} FROM {sql_from} WHERE {' AND '.join(where) or '1'} "
            f"ORDER BY {order_by} LIMIT :limit OFFSET :offset", params)
        return [self._hit(r, match) for r in rows]

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
