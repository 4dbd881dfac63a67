"""What one line of article text looks like: prose, a headline, a relative time, or a known kind of
page chrome (credit line, newsletter prompt, share bar, ...).

These are the single-line judgements the text rules (``boilerplate_text``) and the tree pruning
(``boilerplate_html``) share. They are written for news in general, in English: label words and
sentence shapes that CMSs print around articles, never one site's strings or class names. A line
that reads as reported speech (a quotation, or said/says/told) is ``protected``: the pattern rules
here never claim it, because quotes are the part of an article a reader least wants to lose.
Nothing here decides on its own; ``chrome_reason`` only names what a line would be if removed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsdesk.extract import boilerplate_patterns as p
from newsdesk.extract.boilerplate_patterns import (  # noqa: F401 (used by the rule modules)
    CLOCK_LINE,
    ELLIPSIS_END,
    NEWSLETTER_NAME,
)


def _any_in(low: str, needles: tuple[str, ...]) -> bool:
    for needle in needles:
        if needle in low:
            return True
    return False


def strip_bullet(line: str) -> str:
    return p.BULLET.sub("", line)


@lru_cache(maxsize=8192)
def word_count(line: str) -> int:
    """Whitespace-separated tokens, not counting bare punctuation ("\u2014", "|", "\u00b7")."""
    tokens = line.split()
    n = len(tokens)
    for t in tokens:
        if len(t) < 3 and not t.isalnum() and not any(c.isalnum() for c in t):
            n -= 1
    return n


_PUNCT_TO_SPACE = {i: " " for i in range(0x10000)
                   if unicodedata.category(chr(i)).startswith(("P", "S"))}


@lru_cache(maxsize=8192)
def normalize(line: str) -> str:
    """Casefolded words only: what two copies of one block have in common."""
    text = unicodedata.normalize("NFKC", line).casefold().translate(_PUNCT_TO_SPACE)
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def ends_sentence(line: str) -> bool:
    line = line.rstrip()
    tail = line[-8:]
    return bool(p.SENTENCE_END.search(tail)) and not p.ELLIPSIS_END.search(tail)


@lru_cache(maxsize=8192)
def protected(line: str) -> bool:
    """Reported speech: a quotation or an attribution verb, in a line that is a sentence."""
    line = strip_bullet(line)
    low = line.casefold()
    return bool(_any_in(low, p.NEEDLES_ATTRIBUTION) and p.ATTRIBUTION.search(line)
                or (ends_sentence(line) and p.QUOTATION.search(line)))


@lru_cache(maxsize=8192)
def prose(line: str, min_words: int = 20) -> bool:
    """A real paragraph: long enough, ends like a sentence, not cut off."""
    return word_count(line) >= min_words and ends_sentence(line)


@lru_cache(maxsize=8192)
def headline_like(line: str) -> bool:
    """A title: a few words, no full stop at the end (a question or exclamation is allowed)."""
    line = strip_bullet(line).strip()
    n = word_count(line)
    return 2 <= n <= 28 and len(line) <= 220 and not p.PERIOD_END.search(line) \
        and not p.ELLIPSIS_END.search(line) and not line.endswith((":", ";", ","))


@lru_cache(maxsize=8192)
def is_time_line(line: str) -> bool:
    return bool(p.TIME_LINE.match(strip_bullet(line)))


@lru_cache(maxsize=8192)
def split_time_suffix(line: str) -> str | None:
    """The text before a trailing relative time ("Some headline 22 minutes ago"), or None."""
    match = p.TIME_AT_END.search(line, max(0, len(line) - 40))
    return line[:match.start()].strip() if match and match.start() > 0 else None


@lru_cache(maxsize=8192)
def time_suffixed_title(line: str) -> bool:
    """"Some headline 22 minutes ago" (a teaser with its time glued on)."""
    head = split_time_suffix(strip_bullet(line))
    return bool(head) and headline_like(head) and not is_time_line(line)


@lru_cache(maxsize=8192)
def teaser_heading(line: str) -> bool:
    line = strip_bullet(line).strip()
    return word_count(line) <= 8 and bool(p.TEASER_HEADING_FULL.match(line))


@lru_cache(maxsize=8192)
def author_heading(line: str) -> bool:
    line = strip_bullet(line).strip()
    return word_count(line) <= 6 and bool(p.AUTHOR_HEADING.match(line))


@lru_cache(maxsize=8192)
def bio_line(line: str) -> bool:
    """"Jane Doe is a senior reporter covering chips." / "Jane covers gadgets." (not quotes)."""
    return word_count(line) <= 70 and not protected(line) and bool(p.BIO.match(line) or
                                                                    p.CONTACT.search(line))


@lru_cache(maxsize=8192)
def share_line(line: str) -> bool:
    if word_count(line) > 24:
        return False
    tokens = [t for t in re.findall(r"[a-z@-]+", line.casefold()) if not t.isdigit()]
    return bool(tokens) and bool(p.SHARE_KEY.search(line)) and len(tokens) <= 24 \
        and all(t in p.SHARE_WORDS for t in tokens)


@lru_cache(maxsize=8192)
def network_names(line: str) -> bool:
    """"Facebook", "Twitter LinkedIn": share buttons that lost their "Share" label."""
    tokens = re.findall(r"[a-z-]+", line.casefold())
    return 0 < len(tokens) <= 3 and all(t in p.NETWORKS for t in tokens)


@lru_cache(maxsize=8192)
def metadata_line(line: str) -> bool:
    """A byline, dateline or reading time: the lines between a headline and the article."""
    line = strip_bullet(line).strip()
    if ends_sentence(line) and not line.endswith(":") or word_count(line) > 16:
        return bool(p.READ_TIME.search(line)) and word_count(line) <= 12
    if p.BYLINE.match(line) or p.READ_TIME.search(line) or p.DATE.search(line):
        return True
    return bool(re.search(r"[\u00b7|\u2022\u2014]\s*$", line)) and word_count(line) <= 5


@lru_cache(maxsize=8192)
def chrome_reason(line: str) -> str | None:
    """Name the kind of page chrome ``line`` is, or None. Explicit labels (``Read more:``,
    ``Reporting by``, ``(c)``) win even over quotes; the softer patterns yield to ``protected``."""
    text = strip_bullet(line).strip()
    n = word_count(text)
    if not text:
        return None
    low = text.casefold()
    if n <= 30 and p.LINK_LINE.match(text):
        return "'Read more' link line"
    if n <= 45 and (p.CREDIT.match(text) and (not p.PERIOD_END.search(text) or ";" in text
                                             or re.search(r"\bediting by\b", text, re.I))
                    or _any_in(low, p.NEEDLES_CREDIT) and p.CREDIT_OTHER.search(text)):
        return "credit line"
    if _any_in(low, p.NEEDLES_COPYRIGHT) and (n <= 25 and p.COPYRIGHT.search(text) or n <= 90 and (
            low.startswith(("\u00a9", "copyright \u00a9", "copyright (c)")))):   # a legal footer
        return "copyright line"
    if protected(text):
        return None
    if n <= 130 and _any_in(low, p.NEEDLES_COOKIE) and (
            p.COOKIE_STRONG.search(text) or p.COOKIE_WEAK.search(text) and n <= 60):
        return "cookie notice"
    if n <= 40 and _any_in(low, p.NEEDLES_PROMO) and (
            p.PROMO_STRONG.search(text) or p.PROMO_WEAK.search(text) and p.PERSONAL.search(text)):
        return "newsletter/subscribe prompt"
    if share_line(text) or n <= 12 and (p.COMMENTS.match(text) and not ends_sentence(text) or re.match(
            r"^\W*comments? (?:are|is) (?:closed|disabled)", text, re.I)):
        return "share/comment bar"
    if n <= 40 and (_any_in(low, p.NEEDLES_NOTICE) or low.strip(" .:|-") == "ad") \
            and p.DISCLAIMER.search(text):
        return "house notice"
    if n <= 25 and p.CAPTION.match(text):
        return "photo credit"
    if n <= 12 and "min" in low and p.READ_TIME.search(text):
        return "byline/dateline"
    return None


def clear_caches() -> None:
    """Forget cached line judgements (benchmarks time a cold worker with this)."""
    for fn in (word_count, normalize, ends_sentence, protected, prose, headline_like, is_time_line,
               time_suffixed_title, teaser_heading, author_heading, bio_line, share_line,
               network_names, metadata_line, chrome_reason):
        fn.cache_clear()
