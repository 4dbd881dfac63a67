"""Convert between SQL rows and the frozen records (``Feed``, ``Article``) the stages exchange.

Times are stored as ISO 8601 text in UTC ("2026-11-28T10:00:00+00:00"): readable in the sqlite3
shell, and ordered correctly by plain text comparison, which ``due_feeds`` and ``list_articles``
rely on. Rows never leave the store; only these records do.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from newsdesk.models import Article, Feed, RemovedBlock

# Article fields that are columns, in insert order (``id`` is assigned by SQLite).
ARTICLE_COLUMNS: tuple[str, ...] = (
    "url", "feed_id", "guid", "source", "title", "author", "published", "fetched", "language",
    "feed_summary", "text", "content_hash", "extraction", "extraction_error",
    "host", "copy_of", "copy_kind", "removed", "entry_hash", "signature",
)
_ARTICLE_TIMES = ("published", "fetched")
_FEED_TIMES = ("last_polled", "last_success", "next_poll")
_FEED_FIELDS = tuple(f.name for f in fields(Feed))
_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


def to_text(value: datetime | None) -> str | None:
    """An aware datetime as UTC ISO 8601 text. A naive one is taken to be UTC already."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


def from_text(value: str | None) -> datetime | None:
    """Stored text back to an aware UTC datetime; None for NULL or text that is not a time."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def feed_from_row(row: dict[str, Any]) -> Feed:
    values = {name: row[name] for name in _FEED_FIELDS if name in row}
    for name in _FEED_TIMES:
        values[name] = from_text(values.get(name))
    values["article_count"] = int(row.get("article_count") or 0)
    values["consecutive_errors"] = int(values.get("consecutive_errors") or 0)
    return Feed(**values)


def removed_to_json(removed: Sequence[RemovedBlock]) -> str:
    return json.dumps([[b.text, b.reason] for b in removed], ensure_ascii=False)


def removed_from_json(raw: str | None) -> tuple[RemovedBlock, ...]:
    try:
        return tuple(RemovedBlock(str(t), str(r)) for t, r in json.loads(raw or "[]"))
    except (ValueError, TypeError):
        return ()


def article_from_row(row: dict[str, Any]) -> Article:
    values = {name: row[name] for name in _ARTICLE_FIELDS if name in row}
    values["removed"] = removed_from_json(row.get("removed"))
    values["read"] = bool(row.get("read_at"))
    values["signature"] = bytes(row.get("signature") or b"")
    values["entry_hash"] = row.get("entry_hash") or ""
    for name in _ARTICLE_TIMES:
        values[name] = from_text(values.get(name))
    for name in ("feed_summary", "text", "content_hash", "title", "source"):
        if values.get(name) is None:
            values[name] = ""
    return Article(**values)


def article_to_row(article: Article, *, feed_id: int | None) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(article, name) for name in ARTICLE_COLUMNS
                           if name not in ("host", "removed")}
    row["feed_id"] = feed_id
    row["host"] = (urlsplit(article.url).hostname or "").lower()
    row["removed"] = removed_to_json(article.removed)
    row["signature"] = article.signature or None
    for name in _ARTICLE_TIMES:
        row[name] = to_text(row[name])
    return row
