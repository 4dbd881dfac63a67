"""`newsdesk import` and `newsdesk export`: JSON Lines in and out, as the CLI contract describes.

An imported article takes the same path as a polled one: a line with ``html`` goes through the same
limited trafilatura worker, text is cleaned the same way, and the store dedupes by canonical URL.
A bad line is reported with its number and skipped; the good lines land.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from newsdesk.config import Config
from newsdesk.extract.article import build_article
from newsdesk.extract.page import extract_page
from newsdesk.models import Article, ExtractedPage, FeedEntry
from newsdesk.store import Archive
from newsdesk.text import clean_text
from newsdesk.urls import canonical_url, source_name
from newsdesk.workers import TaskError

MAX_LINE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ImportItem:
    line: int
    entry: FeedEntry
    source: str
    html: str | None


def parse_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def parse_line(number: int, line: str, now: datetime) -> ImportItem:
    """One import line -> ImportItem, or ValueError with the reason."""
    if len(line) > MAX_LINE_BYTES:
        raise ValueError("line too long")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    url = obj.get("url")
    if not isinstance(url, str) or not canonical_url(url):
        raise ValueError("url missing or not http(s)")
    html, text = obj.get("html"), obj.get("text")
    if html is None and text is None:
        raise ValueError("needs html or text")
    for name in ("html", "text", "title", "source", "author", "published"):
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise ValueError(f"{name} must be a string")
    published = parse_datetime(obj.get("published"))
    if obj.get("published") and published is None:
        raise ValueError("published is not an ISO 8601 date")
    canonical = canonical_url(url)
    entry = FeedEntry(
        guid=canonical,
        url=canonical,
        title=clean_text(obj.get("title"), single_line=True),
        author=obj.get("author"),
        published=published or now,
        summary=clean_text(text) if text is not None else "",
    )
    return ImportItem(number, entry, obj.get("source") or source_name(canonical), html)


def read_lines(lines: Iterable[str], now: datetime) -> tuple[list[ImportItem], list[str]]:
    items, problems = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(parse_line(number, line, now))
        except ValueError as exc:
            problems.append(f"line {number}: {exc}")
    return items, problems


async def _build(items: list[ImportItem], config: Config, now: datetime) -> list[Article]:
    from newsdesk.pipeline import make_pool

    async with make_pool(config) as pool:
        async def one(item: ImportItem) -> Article:
            page, failure = _given_text(item), None
            if item.html is not None:
                try:
                    page = await pool.run(extract_page, item.html, item.entry.url, item.entry.title,
                                          timeout=config.extract.timeout)
                except TaskError as exc:
                    failure = f"extraction failed: {exc}"
            return build_article(item.entry, page, source=item.source, fetched=now, failure=failure)

        return list(await asyncio.gather(*(one(i) for i in items)))


def import_items(archive: Archive, config: Config, items: list[ImportItem],
                 now: datetime) -> tuple[int, str | None]:
    """Store the items and place them in stories; returns how many were new (a URL already
    archived is skipped) and why stories could not be updated (None when they were: the articles
    are kept either way, and the next poll or import places them)."""
    if not items:
        return 0, None
    from newsdesk.curation import Curator

    if any(i.html is not None for i in items):
        articles = asyncio.run(_build(items, config, now))
    else:  # text only: no worker processes to start
        articles = [build_article(i.entry, _given_text(i), source=i.source, fetched=now)
                    for i in items]
    curator = Curator(archive, config, now)
    batch = curator.curate(articles, None)
    new_ids = archive.save_articles(batch.articles, block_sightings=batch.sightings, seen_at=now)
    curator.after_save(batch)
    from newsdesk.pipeline import place_in_stories

    _, error = place_in_stories(archive, config, now)
    return len(new_ids), error


def _given_text(item: ImportItem) -> ExtractedPage | None:
    """A line's own ``text`` is the article, not a fallback."""
    return ExtractedPage(text=item.entry.summary) if item.entry.summary else None
