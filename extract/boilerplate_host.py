"""Boilerplate that only shows as repetition across one host's articles.

A bio box, a reader-funding note or a "Previous / Next" post link reads like prose on one page; on
the fifth page of the same site it is plainly chrome. These pure functions let the pipeline, which
owns the archive, keep a count of distinct articles per (host, fingerprint) and cut what has been
seen too often. Nothing here does I/O or keeps state between calls.

Fingerprints fold case, digits, whitespace and punctuation ("Updated 3 hours ago" and "Updated 22
hours ago" are one block) and are hashed with blake2b, so they are stable across processes and
Python versions. Blocks under ``MIN_WORDS`` words are not counted: short lines that repeat across a
site are mostly article structure (a subhead like "What's next", or a live blog's "14.05 GMT",
which digit folding makes identical everywhere), and the short chrome ("Share", "Advertisement")
is already cut by the in-page rules. Quotes and attributed sentences are never cut by count: wire
copy repeats "X did not respond to a request for comment" in hundreds of articles.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

from newsdesk.config import BoilerplateConfig
from newsdesk.extract import boilerplate_lines as bl
from newsdesk.models import RemovedBlock

MIN_WORDS = 4                  # shorter blocks are neither counted nor cut by count
MIN_TITLE_WORDS = 3            # shorter titles ("Live", "Opinion") match too much
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W_]+")
_LABEL = re.compile(r"^\W*(?:read more|read next|related|previous(?: post| article)?|next(?: post| "
                    r"article)?|more|see also|also read|up next|recommended)\b\s*[:|\u00bb\u203a>\u2013"
                    r"\u2014\u2190\u2192-]*\s*", re.I)


def block_fingerprint(paragraph: str) -> str:
    """Stable id of a block's text, folded so cosmetic and numeric differences do not count."""
    text = _DIGITS.sub("0", unicodedata.normalize("NFKC", paragraph).casefold())
    words = " ".join(_WORD.findall(text))
    return hashlib.blake2b(words.encode("utf-8"), digest_size=10).hexdigest()


def fingerprints_of(paragraphs: Sequence[str]) -> list[str]:
    """The distinct fingerprints of one article's blocks worth counting (``MIN_WORDS`` or more)."""
    out: list[str] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        if bl.word_count(paragraph) < MIN_WORDS:
            continue
        fp = block_fingerprint(paragraph)
        if fp not in seen:
            seen.add(fp)
            out.append(fp)
    return out


def _title_key(line: str) -> str:
    line = _LABEL.sub("", bl.strip_bullet(line).strip())
    line = bl.split_time_suffix(line) or line
    return bl.normalize(line.strip(" \u2190\u2192"))


def apply_host_memory(paragraphs: list[str], seen_counts: Mapping[str, int],
                      other_titles: Sequence[str], config: BoilerplateConfig,
                      ) -> tuple[list[str], list[RemovedBlock]]:
    """Cut blocks seen on ``config.host_min_articles`` or more OTHER articles of this host, and
    lines that are (nearly) the title of another of its articles.

    ``seen_counts`` maps fingerprint -> number of distinct other articles of the host holding that
    block (the current article must not be counted in it). ``other_titles`` are the titles of the
    host's other articles; the article's own title must not be among them.
    """
    titles = [key for key in {_title_key(t) for t in other_titles if t}
              if bl.word_count(key) >= MIN_TITLE_WORDS]
    kept: list[str] = []
    removed: list[RemovedBlock] = []
    for paragraph in paragraphs:
        reason = None
        if bl.word_count(paragraph) >= MIN_WORDS and not bl.protected(paragraph):
            count = seen_counts.get(block_fingerprint(paragraph), 0)
            if count >= config.host_min_articles:
                reason = f"repeated on {count} other articles of this site"
        if reason is None and titles and bl.word_count(paragraph) <= 40:
            key = _title_key(paragraph)
            if bl.word_count(key) >= MIN_TITLE_WORDS and process.extractOne(
                    key, titles, scorer=fuzz.ratio, score_cutoff=config.teaser_title_similarity):
                reason = "title of another article from this site (a teaser)"
        if reason:
            removed.append(RemovedBlock(paragraph, reason))
        else:
            kept.append(paragraph)
    return kept, removed
