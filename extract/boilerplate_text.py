"""Boilerplate removal on text alone: a list of paragraphs in, the article's paragraphs out.

This is the second half of page cleaning (after ``boilerplate_html`` prunes the tree) and all of it
for text that arrives without structure: a feed's ``content_html`` flattened by ``html_to_text``,
which for some feeds is the whole page, navigation and teaser blocks included.

Each rule marks lines with a reason; a line is removed when any rule marks it. The rules look at a
line together with its neighbours, because a teaser is recognisable as a shape (a title, a cut-off
first line, "3 hours ago") more than by its words. Guard rails, in every rule: a line that reads as
a quote (``boilerplate_lines.protected``) is never claimed by a pattern; long prose is never
claimed by a short-line rule; of two copies of a sentence the one inside the longer paragraph is
the article. What this will not do: judge a lone short line in the middle of the text. A subhead,
a one-line paragraph and a live blog's timestamp look like chrome to a shape rule and stay.
"""

from __future__ import annotations

from itertools import pairwise

from rapidfuzz import fuzz

from newsdesk.extract import boilerplate_lines as bl
from newsdesk.models import RemovedBlock

TEASER = "teaser (title, snippet, relative time)"


class _Marks:
    """Lines and the reason each one was marked, first reason wins."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.bare = [bl.strip_bullet(line).strip() for line in lines]
        self.reasons: list[str | None] = [None] * len(lines)

    def __len__(self) -> int:
        return len(self.lines)

    def mark(self, i: int, reason: str) -> None:
        if self.reasons[i] is None:
            self.reasons[i] = reason

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.lines) and self.reasons[i] is None


def is_headline(line: str, title: str | None) -> bool:
    """The article's own title, alone or as "Title | Site"."""
    if not title:
        return False
    a, b = bl.normalize(line), bl.normalize(title)
    if not a or not b:
        return False
    if a == b or (len(b) > 20 and fuzz.ratio(a, b) >= 92):
        return True
    return a.startswith(b) and bl.word_count(a[len(b):]) <= 6 and any(
        sep in line for sep in ("|", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", ":"))


def _teaserish(m: _Marks, j: int) -> bool:
    line = m.bare[j]
    if bl.teaser_heading(line) or bl.author_heading(line):
        return False
    if bl.is_time_line(line) or bl.time_suffixed_title(line):
        return True
    if bl.ELLIPSIS_END.search(line) and bl.word_count(line) <= 60:
        return True
    nxt_is_time = j + 1 < len(m) and bl.is_time_line(m.bare[j + 1])
    if nxt_is_time and bl.word_count(line) <= 30:
        return True
    if bl.headline_like(line):
        # a subhead leads into prose; a teaser title into another teaser or nothing
        nxt = j + 1
        while nxt < len(m) and not m.free(nxt):
            nxt += 1
        if nxt < len(m) and bl.prose(m.bare[nxt]):
            return m.lines[j] != line and j > 0 and m.lines[j - 1] != m.bare[j - 1]
        return True
    return False


def _headline_and_header(m: _Marks, title: str | None) -> None:
    hits = [i for i, line in enumerate(m.bare) if is_headline(line, title)]
    for i in hits:
        m.mark(i, "headline")
    limit = max(30, int(len(m) * 0.4))
    for h in reversed([i for i in hits if i <= limit]):
        before = [i for i in range(h) if m.free(i) and bl.prose(m.bare[i])]
        if len(before) <= 1:
            for i in range(h):
                m.mark(i, "page header (before the headline)")
            return


def _author_boxes(m: _Marks) -> None:
    for i, line in enumerate(m.bare):
        if not bl.author_heading(line):
            continue
        j = i + 1
        while j < len(m) and not m.free(j):
            j += 1
        if j < len(m) and (bl.prose(m.bare[j], 1) or bl.bio_line(m.bare[j])) \
                and bl.word_count(m.bare[j]) <= 90 and not bl.protected(m.bare[j]):
            m.mark(i, "author box")
            m.mark(j, "author box")
            if m.free(j + 1) and bl.bio_line(m.bare[j + 1]):
                m.mark(j + 1, "author box")
        elif j >= len(m):
            m.mark(i, "author box")


def _teaser_headings(m: _Marks) -> None:
    for i, line in enumerate(m.bare):
        if not m.free(i) or not bl.teaser_heading(line):
            continue
        run, j = [], i + 1
        while j < len(m):
            if m.free(j):
                if not _teaserish(m, j):
                    break
                run.append(j)
            j += 1
        if run or j >= len(m):
            reason = f"teaser list (heading '{line.rstrip(':')}')"
            for k in [i, *run]:
                m.mark(k, reason)


def _time_anchors(m: _Marks) -> None:
    n = len(m)
    for i, line in enumerate(m.bare):
        if bl.time_suffixed_title(line):
            m.mark(i, TEASER)
            if i + 1 < n and bl.ELLIPSIS_END.search(m.bare[i + 1]):
                m.mark(i + 1, TEASER)
            continue
        if not bl.is_time_line(line) or i == 0:
            continue
        prev = m.bare[i - 1]
        before = m.bare[i - 2] if i >= 2 else ""
        if bl.headline_like(prev):
            group = [i - 1]
        elif before and bl.ELLIPSIS_END.search(prev) and bl.word_count(before) <= 28 \
                and not bl.ELLIPSIS_END.search(before):
            group = [i - 2, i - 1]      # a cut-off first line: its title may be two sentences
        elif before and bl.headline_like(before) and bl.word_count(prev) <= 40:
            group = [i - 2, i - 1]
        else:
            continue
        for k in [*group, i]:
            m.mark(k, TEASER)
    # ellipsis pairs without times: two or more "title / cut-off first line" pairs close together
    pairs = [k for k in range(1, n) if bl.ELLIPSIS_END.search(m.bare[k])
             and bl.word_count(m.bare[k]) <= 60 and bl.headline_like(m.bare[k - 1])]
    for a, b in pairwise(pairs):
        if b - a <= 4:
            for k in (a - 1, a, b - 1, b):
                m.mark(k, TEASER)


def _repeats(m: _Marks) -> None:
    norms = [bl.normalize(line) for line in m.bare]
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(norms):
        if key and not bl.CLOCK_LINE.match(m.bare[i]):
            groups.setdefault(key, []).append(i)
    for idx in groups.values():
        if len(idx) < 2:
            continue
        line = m.bare[idx[0]]
        if bl.ends_sentence(line) and bl.word_count(line) >= 4:
            keep = next((i for i in idx if m.free(i)), None)
            for i in idx:
                if i != keep:
                    m.mark(i, "repeated block (the first copy is kept)")
        else:
            for i in idx:
                m.mark(i, "repeated block (listed more than once)")
    # a pull quote: a sentence of the body set again on its own
    bodies = [(j, other) for j, other in enumerate(norms) if m.free(j) and len(other) > 35]
    for i, key in enumerate(norms):
        if not m.free(i) or len(key) < 30 or not 6 <= bl.word_count(key) <= 60:
            continue
        for j, other in bodies:
            if j != i and len(other) > len(key) + 5 and key in other and m.free(j):
                m.mark(i, "pull quote repeating the body")
                break


def _promo_titles(m: _Marks) -> None:
    """The name of a newsletter ("The Morning Brief") right above its sign-up prompt."""
    promo = "newsletter/subscribe prompt"
    for i, line in enumerate(m.bare):
        if m.free(i) and bl.word_count(line) <= 6 and bl.NEWSLETTER_NAME.search(line) and (
                (i + 1 < len(m) and m.reasons[i + 1] == promo) or (i > 0 and m.reasons[i - 1] == promo)):
            m.mark(i, promo)
    for i in range(1, len(m) - 1):   # the blurb between a box's heading and its button
        prev, nxt = m.reasons[i - 1], m.reasons[i + 1]
        if m.free(i) and prev == nxt and prev in (promo, "cookie notice") \
                and bl.word_count(m.bare[i]) <= 25 and not bl.protected(m.bare[i]):
            m.mark(i, prev)


def _continuations(m: _Marks) -> None:
    """A sentence broken over two lines: when its first half was cut, so is the rest."""
    for i in range(1, len(m)):
        prev, line = m.bare[i - 1], m.bare[i]
        if m.free(i) and not m.free(i - 1) and line[:1].islower() and not bl.ends_sentence(prev) \
                and not bl.protected(line) and bl.word_count(line) <= 40:
            m.mark(i, m.reasons[i - 1] or "")


def _leading_metadata(m: _Marks) -> None:
    for i, line in enumerate(m.bare):
        if not m.free(i):
            continue
        if bl.metadata_line(line) or bl.is_time_line(line) or bl.share_line(line) \
                or not any(c.isalnum() for c in line):
            m.mark(i, "byline/dateline")
            continue
        break


def _list_items(m: _Marks) -> set[int]:
    """A list the article itself makes: short lines after an intro ending in a colon, or list
    items (trafilatura's "- ") right after a paragraph of the article."""
    items: set[int] = set()
    for i, line in enumerate(m.bare):
        if not m.free(i) or bl.word_count(line) < 3:
            continue
        if line.endswith(":"):
            j = i + 1
            while m.free(j) and not bl.prose(m.bare[j]) and bl.word_count(m.bare[j]) <= 30:
                items.add(j)
                j += 1
        elif bl.ends_sentence(line) and i + 1 < len(m) and m.lines[i + 1] != m.bare[i + 1]:
            j = i + 1
            while m.free(j) and m.lines[j] != m.bare[j] and bl.word_count(m.bare[j]) <= 30:
                items.add(j)
                j += 1
    return items


def _footer(m: _Marks) -> None:
    protected_items = _list_items(m)
    for i in range(len(m) - 1, -1, -1):
        if not m.free(i):
            continue
        line = m.bare[i]
        if bl.bio_line(line):
            m.mark(i, "author bio")
            continue
        if i in protected_items or bl.ends_sentence(line) or bl.word_count(line) > 8 \
                or bl.protected(line) or bl.CLOCK_LINE.match(line) or line.startswith("|"):
            break
        m.mark(i, "page footer (short lines after the article)")


def _share_runs(m: _Marks) -> None:
    """Bare network names ("Facebook") next to a share bar, or two or more in a row."""
    share = "share/comment bar"
    names = {i for i, line in enumerate(m.bare) if m.free(i) and bl.network_names(line)}
    for i in sorted(names):
        if any(k in names or (0 <= k < len(m) and m.reasons[k] == share) for k in (i - 1, i + 1)):
            m.mark(i, share)


def _lone_times(m: _Marks) -> None:
    for i, line in enumerate(m.bare):
        if m.free(i) and bl.is_time_line(line) and (
                (i > 0 and m.reasons[i - 1] == TEASER) or (i + 1 < len(m) and m.reasons[i + 1] == TEASER)):
            m.mark(i, TEASER)


def clean_paragraphs(paragraphs: list[str], title: str | None = None,
                     ) -> tuple[list[str], list[RemovedBlock]]:
    """Split ``paragraphs`` into the article's and the removed ones (with the reason for each).

    ``title`` is the article's headline as the feed gives it; its copies in the text are removed,
    and in a whole page flattened to text, everything above it is the page header.
    """
    lines = [p.strip() for p in paragraphs if p and p.strip()]
    m = _Marks(lines)
    for i, line in enumerate(m.bare):
        reason = bl.chrome_reason(line)
        if reason:
            m.mark(i, reason)
    _headline_and_header(m, title)
    _author_boxes(m)
    _teaser_headings(m)
    _time_anchors(m)
    _repeats(m)
    _promo_titles(m)
    _continuations(m)
    _leading_metadata(m)
    _share_runs(m)
    _footer(m)
    _lone_times(m)
    kept = [line for line, why in zip(lines, m.reasons) if why is None]
    removed = [RemovedBlock(line, why) for line, why in zip(lines, m.reasons) if why is not None]
    return kept, removed
