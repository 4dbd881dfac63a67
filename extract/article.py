"""Assemble the Article to store from a feed entry and (maybe) its extracted page.

When the page cannot be had, or trafilatura finds nothing, the article falls back to the text the
feed itself carried, marked ``extraction="feed"`` with the reason, so nothing the feed gave is lost.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from newsdesk.extract.boilerplate import clean_paragraphs
from newsdesk.models import Article, ExtractedPage, FeedEntry, RemovedBlock
from newsdesk.text import clean_text, html_to_text

WORDS = re.compile(r"\w+", re.UNICODE)     # the words of a text, for its hash (and copies_text)


def content_hash(text: str) -> str:
    """Hash of the words only, so whitespace and punctuation changes do not make a new text."""
    return words_hash(WORDS.findall(text.casefold()))


def words_hash(words: list[str]) -> str:
    """``content_hash`` of a text whose case-folded words (``WORDS``) are ``words``."""
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest() if words else ""


def entry_hash(entry: FeedEntry) -> str:
    """What the feed says of an entry; when it changes (retitled, updated), the stored article is
    rewritten in place rather than added again."""
    parts = (entry.title, entry.summary, entry.published.isoformat() if entry.published else "",
             entry.url)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def build_article(
    entry: FeedEntry,
    page: ExtractedPage | None,
    *,
    source: str,
    fetched: datetime,
    feed_id: int | None = None,
    failure: str | None = None,
) -> Article:
    """``page`` None means extraction failed or was not attempted; ``failure`` says why."""
    summary = clean_text(entry.summary)
    removed: tuple[RemovedBlock, ...] = ()
    if page is not None and page.text:
        text, extraction, error, removed = page.text, "ok", None, page.removed
    else:
        # A feed that carries the whole page brings its teasers and boxes along: clean the text
        # with the same rules as a page (without the HTML structure).
        fallback = html_to_text(entry.content_html) if entry.content_html else summary
        lines = [line for line in fallback.split("\n") if line.strip()]
        kept, cut = clean_paragraphs(lines, entry.title) if len(lines) > 1 else (lines, [])
        text, removed = "\n".join(kept), tuple(cut)
        extraction = "feed" if text else "failed"
        error = failure or "no article text found on the page"
    tagged = page is not None and extraction == "ok"
    return Article(
        url=entry.url,
        title=clean_text(entry.title, single_line=True) or "(untitled)",
        source=clean_text(source, single_line=True),
        feed_id=feed_id,
        guid=entry.guid,
        author=clean_text(entry.author, single_line=True) or None,
        published=entry.published,
        fetched=fetched,
        language=page.language if page else None,
        feed_summary=summary,
        text=text,
        content_hash=(page.text_hash if page is not None and page.text == text and page.text_hash
                      else content_hash(text)),
        extraction=extraction,
        extraction_error=error,
        removed=removed,
        entry_hash=entry_hash(entry),
        entities=page.entities if tagged else (),
        figures=page.figures if tagged else (),
    )
