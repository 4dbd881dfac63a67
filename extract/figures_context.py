"""What the words around a number say: is it a date or a name, is it qualified, is it a range.

Helpers for ``figures_scan``, each reading a few characters before or after one number: the spans
that only look numeric (dates, times, phone numbers, versions, addresses, ordinals, ages), the
qualifier before it (looked up, not searched for), a name or keyword before it ("Claude Opus 4",
"Section 230") and the exception for a parallel list's bare member ("..., Moonshot AI 200 and"),
a range's second end, and the kind of a unit word.

What it will not do: decide whether the number is a figure (``figures_scan`` does).
"""

from __future__ import annotations

import re

from newsdesk.extract.figures_lexicon import (CANDIDATE, CAPITAL_FUNCTION_WORDS, CURRENCY_SIGNS,
                                              DIGIT_MASK, DURATIONS, MEASURES, NAME_KEYWORDS,
                                              NAME_LOWER_START, QUALIFIER_ENDS, QUALIFIERS, SCALES,
                                              WORD_NUMBERS)

NONSPACE = re.compile(r"\S+")
_NAMEISH = re.compile(r"[A-Z][\w.&-]*")
_LISTED = re.compile(r"(?:[,:;]|\band)\s+(?:[A-Z][\w.&'’-]*\s+){0,3}$")
BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# "from 10 to 12" is a change, unless a range is said ("ranging from", "anywhere from").
_CHANGE_BEFORE = re.compile(r"(?<!range\s)(?<!ranges\s)(?<!ranged\s)(?<!ranging\s)"
                            r"(?<!anywhere\s)(?<!vary\s)(?<!varies\s)\b(?:from|by)\s+$",
                            re.IGNORECASE)


def non_figure_spans(text: str) -> list[tuple[int, int]]:
    """Numeric text that is not a figure and is set aside: dates, times, phone numbers,
    versions, addresses, ordinals, ages (years and names are told apart in ``scan`` itself)."""
    spans = []
    end = 0
    for c in CANDIDATE.finditer(text):
        if c.start() >= end:
            m = mask_at(text, c.start())
            if m is not None:
                spans.append(m)
                end = m[1]
    return spans


def mask_at(text: str, p: int) -> tuple[int, int] | None:
    """The span of a date, time, phone number, version... whose digits start at ``p``."""
    if not text[p].isdigit():
        return None
    m = DIGIT_MASK.match(text, p)
    if m is None and p and text[p - 1] in "+(":
        m = DIGIT_MASK.match(text, p - 1)
    return (m.start(), m.end()) if m else None


def number_value(num: str) -> float:
    """"24,000" -> 24000, "twenty-five" -> 25, "a" -> 1, "half a" -> 0.5."""
    low = num.lower()
    if low[0].isdigit():
        return float(low.replace(",", ""))
    if low.startswith("half"):
        return 0.5
    if low in ("a", "an"):
        return 1.0
    if "-" in low:
        tens, ones = low.split("-", 1)
        return float(WORD_NUMBERS[tens] + WORD_NUMBERS[ones])
    return float(WORD_NUMBERS[low])


def quantity_parts(m: re.Match) -> tuple[float, str, str | None, str]:
    """(value, scale words, currency, percent form) of one QUANTITY match; scale '' if none."""
    value = number_value(m.group("num"))
    scale = (m.group("scale") or "").strip().lower()
    for word in scale.replace("-", " ").split():
        value *= SCALES[word]
    sign = m.group("sign") or m.group("code")
    currency = CURRENCY_SIGNS.get(sign.lower()) if sign else None
    pct = " ".join((m.group("pct") or "").split()).lower()
    return value, scale, currency, pct


def listed_member(text: str, s: int, name_start: int, value: float, num: str,
                  last_end: int) -> bool:
    """"DeepSeek ran 100 accounts, Moonshot AI 200 and MiniMax 300": a name after a comma, "and"
    or a colon, then a number of three digits or more soon after another figure, is a member of a
    parallel list, not a version."""
    return (value >= 100 and "." not in num and 0 <= s - last_end < 150
            and _LISTED.search(text, max(0, s - 40), name_start) is not None)


def _words_before(text: str, s: int) -> list[tuple[int, str]]:
    """The whole words (offset, word) in the 32 characters before ``s``, when a space separates
    the last of them from it; a word cut off by the window is left out."""
    a = max(0, s - 32)
    if s == 0 or text[s - 1] not in " \u00a0":
        return []
    words = [(m.start(), m.group()) for m in NONSPACE.finditer(text, a, s)]
    if words and a > 0 and words[0][0] == a and not text[a - 1].isspace():
        words = words[1:]
    return words


def _last_word(text: str, s: int) -> str:
    """The word right before ``s`` when a space separates it from ``s``, else ""."""
    if s < 2 or text[s - 1] != " ":
        return ""
    k = s - 2
    lo = max(0, s - 24)
    while k >= lo and not text[k].isspace():
        k -= 1
    return text[k + 1:s - 1] if k >= lo or lo == 0 else ""


def qualifier_before(text: str, s: int) -> tuple[str, int] | None:
    """("more than", where it starts) when a qualifier ends right before ``s``."""
    if _last_word(text, s).lower() not in QUALIFIER_ENDS:
        return None
    words = _words_before(text, s)
    for n in (4, 3, 2, 1):
        if len(words) >= n:
            key = " ".join(w for _, w in words[-n:]).lower()
            if key in QUALIFIERS:
                return key, words[-n][0]
    return None


def name_before(text: str, s: int) -> int | None:
    """Where a name or keyword right before a bare number starts ("Opus 4", "Section 230");
    -1 for a keyword (never a list member); None when there is none."""
    word = _last_word(text, s)
    if not word:
        return None
    at = s - 1 - len(word)
    low = word.lower()
    if low in NAME_KEYWORDS:
        return -1
    if word in NAME_LOWER_START or (word[0].isupper() and low.strip(".") not in
                                    CAPITAL_FUNCTION_WORDS and _NAMEISH.fullmatch(word)):
        return at
    return None


def kind_of(word: str) -> tuple[str, str] | None:
    """("duration", "hours") for "hour", ("measure", "gigawatts") for "GW"; None for other words."""
    if word in DURATIONS:
        return "duration", DURATIONS[word]
    if word in MEASURES:
        return "measure", MEASURES[word]
    return None


def range_end(text: str, s: int, joiner: str, value: float, scale: str, currency: str | None,
              pct: str, m2: re.Match) -> tuple[float, float, str | None, str] | None:
    """(low, high, currency, percent) when ``m2`` is the upper end of a range that starts at
    ``s``: "10 to 12 billion" (the low end takes the high end's scale), "between 600 and 700",
    "10-12%"; not "from 10 to 12" (a change) or "9% to $1.21 billion" (two kinds)."""
    before = text[max(0, s - 30):s]
    if (joiner == "and") != bool(BETWEEN.search(before)) or _CHANGE_BEFORE.search(before):
        return None
    v2, scale2, cur2, pct2 = quantity_parts(m2)
    if (pct and not pct2) or (currency and cur2 and currency != cur2) or (pct and cur2):
        return None
    if (currency or cur2) and (pct or pct2):
        return None
    if not scale and scale2:
        for word in scale2.replace("-", " ").split():
            value *= SCALES[word]
    if v2 <= value:
        return None
    return value, v2, currency or cur2, pct or pct2
