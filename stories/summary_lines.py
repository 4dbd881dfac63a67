"""Which sentences of an article may stand in a story's summary at all.

A summary line has to read as news on its own: a whole declarative sentence with a verb. This
module splits an article into sentences (``extract.figures_owners.sentences``, which knows
abbreviations), trims a leading dateline or byline block ("(CNN) --", "WASHINGTON (Reuters) -",
"By . Daily Mail Reporter . PUBLISHED: ... | . UPDATED: ... .") off the sentence it opens, and
rejects teasers and boilerplate: "Read more", "Subscribe to our newsletter", "Related:", "Photo:"
captions, bylines, credits, questions, lines without a verb, fragments, all-caps lines and lines
too short or too long to be a summary sentence.

What it will not do: rewrite a sentence. A kept sentence is a slice of the article's text, control
characters and markup-like brackets included (escaping is the renderer's job); only the leading
dateline is cut, never words inside.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from newsdesk.extract.figures_owners import sentences

MIN_WORDS = 6
MAX_WORDS = 70
MAX_CHARS = 480
VERB_CHECK_WORDS = 15             # longer lines without a verb we can see are rare: trust them


class Line(NamedTuple):
    """A sentence that may be used: its position among the article's sentences and its text."""

    index: int                    # position among the article's sentences (all of them)
    text: str


# A dateline or byline block opening the article or a paragraph: "(CNN)", "New Delhi, India (CNN)",
# "LONDON, Nov 20 (Reuters) -", "WASHINGTON --", "By . Daily Mail Reporter . PUBLISHED: ... | .
# UPDATED: 12:01 EST, 1 May 2014 . ", "Last updated at 9:41 AM on 2nd May 2014 . ".
_DATELINE = re.compile(
    r"""^\s*(?:
        By\s\.\s[^.]{1,80}\s\.\s*(?:(?:PUBLISHED|UPDATED|Last\ updated):[^|]*?(?:\|\s*\.\s*)?)*
          (?:(?:PUBLISHED|UPDATED):\s*[^.]*?\d{4}\s*\.\s*)?
      | (?:PUBLISHED|UPDATED|Last\ updated)(?::|\ at)\s[^.]*?\d{4}\s*\.\s*
        (?:\|?\s*\.?\s*(?:PUBLISHED|UPDATED):\s[^.]*?\d{4}\s*\.\s*)?
      | (?:[A-Z][\w.'’-]*(?:[\s,]+[A-Z][\w.'’-]*){0,4},?\s*(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}\s*)?)?
        (?:\((?:CNN|Reuters|AP|AFP|Bloomberg|Xinhua|UPI|EW\.com|CNN\ Student\ News|PRNewswire
                |The\ [A-Z][\w]*(?:\ [A-Z][\w]*){0,3})\)\s*(?:--|[-–—:])?\s*
           | \([A-Z][\w.&'’]*(?:\ [A-Z][\w.&'’]*){0,3}\)(?:\s*(?:--|[-–—:])\s*|(?=[A-Z])))
      | [A-Z][A-Z .,'-]{2,40}\s(?:--|[–—])\s+
    )""", re.VERBOSE)

_JUNK = re.compile(
    r"""(?ix)
    \b(?:read\ more|read\ the\ full|continue\ reading|click\ here|subscribe|newsletter|sign\ up
      |follow\ (?:us|him|her|@)|share\ this|like\ us\ on|advertisement|sponsored
      |all\ rights\ reserved|copyright|contributed\ to\ this\ report|reporting\ by|editing\ by
      |writing\ by|scroll\ down|watch\ (?:the\ )?video|see\ also|more\ on\ this|more\ from
      |download\ (?:the|our)\ app|listen\ to\ (?:the|this|our)|terms\ of\ (?:use|service)
      |privacy\ policy|cookie|this\ story\ has\ been\ updated|this\ article\ (?:was|has|first)
      |a\ version\ of\ this\ (?:story|article)|we\ will\ publish|stay\ tuned
      |getty\ images|image\ credit|photo\ credit|©|email\ us|tips@|breaking\ news\ alert)\b
    | https?://|www\.|\S+@\S+\.\w{2,}
    """)

# "Related: ...", "Photo: ...", "Fighter ace: ..." -- a short label and a colon opening the line
_LABEL = re.compile(r"^\W{0,2}[A-Z][\w'’&-]*(?:\s[\w'’&-]+){0,2}\s?:\s")
_SAID = re.compile(r"\b(?:said|says|added|adds|told|tells|wrote|writes|explained|continued|insisted"
                   r"|warned|stated|asked|declared|tweeted|posted)(?:\s[\w'’ ]{0,20})?:\s")
_BYLINE = re.compile(r"^\W{0,2}(?:By|Written by|Reporting by|Words by|Photos? by)\s[A-Z]")
_OPENS_LOWER = re.compile(r"^\W*[a-z]")
_ENDS = re.compile(r"""[.!]["'”’)\]]*\s*$""")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

# A finite verb: an auxiliary or common verb, a past form, or a present "-s" form after a subject.
_VERBS = frozenset("""is are was were be been being am has have had do does did will would shall
should can could may might must 's 're 've 'd said says say told tells tell added adds noted
announced reported showed shows found finds made makes make took takes take gave gives give got gets
get went goes go came comes come saw sees see knew knows know thought thinks think left leaves
began begins became becomes brought brings bought buys built builds held holds kept keeps led
leads lost loses met meets paid pays put puts ran runs sent sends set sets sold sells spent
spends stood stands struck strikes won wins wrote writes fell falls rose rises grew grows hit hits
cut cuts let lets read reads felt feels heard hears meant means told run need needs want wants
plans plan expects expect remains remain seems seem appears appear continues continue includes
include allows allow helps help offers offer uses use works work calls call claims claim warns
warn believes believe faces face looks look tries try wants keeps aims aim hopes hope launches
launch unveils unveil releases release raises raise says died dies fled flees cost costs hurt
shut quit spoke speaks chose chooses drove drives flew flies ate fought sought taught caught""".split())  # noqa: SIM905
_CONTRACTIONS = ("n't", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'m", "’m", "'d", "’d")
_PRESENT_S = re.compile(r"\b(?:[A-Z][\w'’-]*|it|he|she|this|that|which|who|company|firm|group"
                        r"|government|agency|report|study|[a-z]+(?:er|or|ist|ian|ment|tion|ity))"
                        r"(?:,\s\d{1,3},)?\s+(?:also\s+|now\s+|still\s+)?[a-z]{3,}s\b")


def has_verb(text: str, words: Sequence[str] | None = None) -> bool:
    """``words``: ``text``'s words (``_WORD``), when the caller has them already."""
    if words is None:
        words = _WORD.findall(text)
    if any((lw := w.lower()) in _VERBS or lw.endswith(_CONTRACTIONS) for w in words):
        return True
    if any(len(w) > 3 and w.endswith("ed") and not w[0].isupper() for w in words):
        return True
    return bool(_PRESENT_S.search(text))


def junk_reason(text: str) -> str | None:
    """Why a sentence cannot be a summary line, or None when it can."""
    s = text.strip()
    words = _WORD.findall(s)
    if len(words) < MIN_WORDS:
        return "too short"
    if len(words) > MAX_WORDS or len(s) > MAX_CHARS:
        return "too long"
    letters = [c for c in s if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return "all caps"
    if s.rstrip("\"'”’) ").endswith("?") or s.endswith("?"):
        return "question"
    if _JUNK.search(s):
        return "boilerplate"
    if _BYLINE.match(s):
        return "byline"
    if _LABEL.match(s) and not _SAID.search(s[:60]):
        return "label or caption"
    if _OPENS_LOWER.match(s):
        return "fragment"
    if not _ENDS.search(s) and not s.endswith(("”", '"')):
        return "fragment"
    if s.count("|") >= 2 or s.count(" - ") >= 3:
        return "list or navigation"
    if len(words) <= VERB_CHECK_WORDS and not has_verb(s, words):
        return "no verb"
    return None


def _dateline_end(text: str, start: int, end: int) -> int:
    m = _DATELINE.match(text, start, end)
    if not m or m.end() >= end:
        return start
    return m.end()


def is_quote(text: str) -> bool:
    """A line that is a direct quotation: it opens with a quotation mark."""
    return text.lstrip()[:1] in _QUOTES


_QUOTES = frozenset("\"'“‘«")


@lru_cache(maxsize=4096)
def usable_lines(text: str) -> tuple[Line, ...]:
    """The sentences of ``text`` that may stand in a summary, in order, a leading dateline cut.
    Cached on the text: a story is rebuilt each time it gains an article, its old articles
    unchanged."""
    out = []
    for index, (s0, s1) in enumerate(sentences(text)):
        while s0 < s1 and text[s0].isspace():
            s0 += 1
        s0 = _dateline_end(text, s0, s1)
        line = Line(index, text[s0:s1])
        if junk_reason(line.text) is None:
            out.append(line)
    return tuple(out)
