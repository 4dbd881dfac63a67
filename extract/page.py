"""Turn a downloaded page into text: decode bytes safely, then run trafilatura on the ``str``.

trafilatura is given a decoded ``str``, never bytes: on bytes it silently tries gzip, brotli, zstd
and zlib decompression with no size limit. ``extract_page`` is a pure top-level function so the
pipeline can run it in a limited worker process (newsdesk.workers).

Metadata (title, author, date) comes from the feed entry, which already carries it: asking
trafilatura for metadata costs about 46% more per page (perf-notes) for fields we rarely need.
Only the page language is read here, from the ``<html lang>`` attribute, which is free.

Boilerplate (teaser widgets, newsletter boxes, credit lines, ...) is removed in two steps around
trafilatura, on the one parsed tree: see ``boilerplate`` for what and why.
"""

from __future__ import annotations

import codecs
import re

from newsdesk.models import ExtractedPage
from newsdesk.text import clean_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html[^>]*\slang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _known(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding.strip().strip("\"'")).name
    except LookupError:
        return None


def charset_from_headers(headers: dict[str, str]) -> str | None:
    content_type = headers.get("content-type", "")
    match = re.search(r"charset\s*=\s*[\"']?([^;\"'\s]+)", content_type, re.I)
    return _known(match.group(1)) if match else None


def decode_html(body: bytes, headers: dict[str, str] | None = None) -> str:
    """Decode a page: BOM, then the HTTP charset, then ``<meta charset>``, then UTF-8, then cp1252.

    Never raises: bytes that fit no candidate are decoded with replacement characters.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, errors="replace")
    candidates = [charset_from_headers(headers or {})]
    meta = _META_CHARSET.search(body[:4096])
    candidates.append(_known(meta.group(1).decode("ascii", "replace")) if meta else None)
    candidates.append("utf-8")
    for encoding in candidates:
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("cp1252", errors="replace")


def _strip_title_line(text: str, title: str | None) -> str:
    """trafilatura keeps the page's <h1> as the first line; the title is stored on its own."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.lstrip("\n")
    return text


def _trafilatura(document, url: str) -> str | None:
    import trafilatura  # imported in the worker process, not at pipeline import time

    return trafilatura.extract(document, url=url, include_comments=False, include_tables=True)


def extract_page(html: str, url: str, title: str | None = None) -> ExtractedPage | None:
    """Main text of one page without its boilerplate, or None when there is no article.

    The page is parsed once: boilerplate_html prunes widgets from that tree, trafilatura reads the
    pruned tree, and boilerplate_text cleans the lines it returns. ``removed`` lists every cut.
    """
    from trafilatura.utils import load_html

    from newsdesk.extract.article import content_hash
    from newsdesk.extract.boilerplate_html import prune_tree
    from newsdesk.extract.boilerplate_text import clean_paragraphs

    if not isinstance(html, str):  # bytes would trigger trafilatura's unbounded decompression
        raise TypeError("extract_page takes a decoded str")
    tree = load_html(html)
    if tree is None:
        return None
    pruned = prune_tree(tree, url)
    text = _trafilatura(tree, url)
    if not text and pruned:  # pruning must never cost an article: read the page as it came
        pruned, text = [], _trafilatura(html, url)
    if not text:
        return None
    lines = [line for line in clean_text(_strip_title_line(text, title)).split("\n") if line.strip()]
    kept, cut = clean_paragraphs(lines, title)
    text = "\n".join(kept)
    if not text:
        return None
    lang = _HTML_LANG.search(html[:4096])
    return ExtractedPage(text=text, language=lang.group(1).lower() if lang else None,
                         text_hash=content_hash(text), removed=(*pruned, *cut))


def extract_downloaded_page(body: bytes, headers: dict[str, str], url: str,
                            title: str | None = None, tag: bool = True,
                            knowledge_files: tuple[str, ...] = (),
                            discover: bool = True) -> ExtractedPage | None:
    """Decode, extract and tag in one step, so a worker process does all the per-page CPU work
    and the poller only moves bytes."""
    page = extract_page(decode_html(body, headers), url, title)
    if page is None or not tag:
        return page
    from dataclasses import replace

    from newsdesk.extract.tagging import tag_article

    entities, figures = tag_article(page.text, title or "", knowledge_files, discover)
    return replace(page, entities=entities, figures=figures)
