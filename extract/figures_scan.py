"""One pass over an article's text that reads every quantity with its value, unit and qualifier.

``scan`` walks the matches of one precompiled pattern (``figures_lexicon.QUANTITY``) and, for each,
looks only at a few dozen characters around it: the qualifier before ("more than"), a range's
second end ("10 to 12 billion"), the unit, currency or counted noun after. Spans that only look
numeric -- dates, times, phone numbers, versions, addresses -- are found first by one more pattern
and skipped, as are years, ordinals, numbers glued to a name ("GPT-4", "Llama-3-70B", "H100") and
bare numbers after a capitalised name ("Claude Opus 4", "Section 230", "iOS 18"); the reading of
those surroundings is in ``figures_context``.

What it will not do: find owners or compare figures with each other (``figures_owners``,
``figures_checks``), or guess at vague amounts ("dozens", "hundreds of millions", "a few").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.extract.figures_context import (BETWEEN, kind_of, listed_member, mask_at,
                                              name_before, number_value, qualifier_before,
                                              quantity_parts, range_end)
from newsdesk.extract.figures_lexicon import (A_BEFORE, ATTACHED_UNIT, CANDIDATE, CODE_BEFORE,
                                              CURRENCY_WORDS, CURRENCY_WORDS_AFTER_SCALE_ONLY,
                                              DURATIONS, HYPHEN_WORD, MEASURES, PERCENT_FORMS,
                                              POSTFIX_QUALIFIER, QUALIFIERS, QUANTITY, RANGE_JOIN,
                                              SIGN_PREFIX, SPACED_UNIT, WORD_BREAKS,
                                              WORD_CANDIDATE)
from newsdesk.extract.figures_nouns import STOP, noun_run, of_phrase, open_to_carry, pluralise


@dataclass
class Found:
    """A figure while it is being worked on; ``figures.tag_figures`` freezes it into a Figure."""

    start: int
    end: int
    value: float
    kind: str = "count"
    unit: str | None = None
    currency: str | None = None
    qualifier: str | None = None
    value_max: float | None = None
    own_unit: bool = False                 # the unit is written at the figure, not carried over
    open: bool = False                     # a bare count that may take a sibling's unit
    step: float = 0.0                      # the last written digit's place when written with a
                                           # scale word: 0.1 million for "3.4 million", else 0
    entity: str | None = None
    flags: list[str] = field(default_factory=list)


_AGE = re.compile(r"[A-Z][\w'’-]+,\s$")
_OR = re.compile(r"\s*,?\s+or\s+")
_GLUED_BEFORE = frozenset(".,/#-–_'’^")
_IN_RATIO = re.compile(r"\s+in\s+(\d{1,4}|two|three|four|five|six|seven|eight|nine|ten)\b(?![,.]\d)",
                       re.IGNORECASE)
_PER = re.compile(r"\s+(?:per|a|an|each)\s+((?:million|thousand|billion)\s+)?(?=[A-Za-z])"
                  r"(?![a-z]+\s+(?:earlier|ago|before|later|after|prior|on|from)\b)", re.IGNORECASE)
_MODIFIER = re.compile(r"\s+(?:extra|more|additional|further|full|straight|consecutive|long)(?=\s)",
                       re.IGNORECASE)
_AGO = re.compile(r"\s+(?:ago|earlier|before that)\b", re.IGNORECASE)
_CHINA = re.compile(r"yuan|RMB|renminbi|China|Chinese|Beijing|Shanghai|Shenzhen|Hangzhou")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_NOT_HYPHEN_UNITS = frozenset("""
figure figures digit digits odd something plus off time times on way stop all strong point
half halves third thirds quarter quarters fifth fifths tenth tenths hundredth thousandth
""".split())
_MEASURE_SPACED_EXCLUDED = frozenset({"x", "w", "mp", "nm", "m", "tw"})


def _starts(text: str) -> list[int]:
    """Where a quantity may begin, in order: digits and currency signs (with any currency code
    before them), word numbers, and "a"/"an"/"half a" before a scale word."""
    out = []
    for c in CANDIDATE.finditer(text):
        p = c.start()
        q = text[p - 1] if p else " "
        if q == " " and p > 1:
            q = text[p - 2]
        if q.isalpha() or q == ".":                  # "RMB 10", "US$5", "Rs 50", "Rs. 50"
            code = (SIGN_PREFIX if text[p] == "$" else CODE_BEFORE).search(text, max(0, p - 5), p)
            if code:
                p = code.start()
        out.append(p)
    low = (" " + text).lower()
    for c in WORD_BREAKS:
        if c in low:
            low = low.replace(c, " ")
    for w in WORD_CANDIDATE.finditer(low):
        p = w.start()                                # the space before, i.e. the word in ``text``
        word = w.group()[1:]
        if word in ("dozen", "hundred", "thousand", "million", "billion", "trillion"):
            a = A_BEFORE.search(low, max(0, p - 8), p + 1)
            if a:
                out.append(a.start() - 1)
            continue
        if word.endswith((" a ", " an ")):               # "within a decade": the "a"
            out.append(p + len(word) - (2 if word.endswith(" a ") else 3))
            continue
        out.append(p)
    out.sort()
    return out


def scan(text: str) -> list[Found]:
    """Every figure in ``text`` in order, with value, kind, unit, currency, qualifier and range;
    owners and flags are left to the caller."""
    found: list[Found] = []
    consumed = 0
    for p in _starts(text):
        if p < consumed:
            continue
        mask = mask_at(text, p)
        if mask is not None:
            consumed = mask[1]
            continue
        m = QUANTITY.match(text, p)
        if m is None or not m.group("num"):
            continue
        f = _read(text, m, found[-1].end if found else -10**9)
        if f is not None:
            if found and f.qualifier is None and found[-1].qualifier and _OR.fullmatch(
                    text, found[-1].end, f.start):
                f.qualifier = found[-1].qualifier    # "up to €35 million or 7% of turnover"
            found.append(f)
            consumed = f.end
        elif m.group("num")[0].isdigit():
            consumed = m.end()                       # "Llama-3-70B": not its "70B" either
    return found


def _step(num: str, value: float) -> float:
    """The place of the last written digit: "3.4 million" -> 100,000, "$100 billion" -> 1e9."""
    written = number_value(num)
    decimals = len(num.split(".", 1)[1]) if "." in num else 0
    scale = value / written if written else 1.0
    return scale * 10.0 ** -decimals


def _read(text: str, m: re.Match, last_end: int = -10**9) -> Found | None:
    """The figure that starts with quantity ``m``, reading on to its range end, unit, currency or
    counted noun and back to its qualifier; None when it is a name, a year or no figure at all.
    ``last_end`` is where the figure before it ended (a parallel list's bare member follows one)."""
    s, end = m.start(), m.end()
    if s and (text[s - 1].isalnum() or text[s - 1] in _GLUED_BEFORE):
        return None                                  # "GPT-4", "H100", "Qwen3-235B", "3.4.1"
    num = m.group("num")
    value, scale, currency, pct = quantity_parts(m)
    if not currency and (scale == "b" or m.group("scale") == "K"):
        return None                                  # "70B" is a model size, "4K" a resolution
    kind, unit, value_max, qualifier = "count", None, None, None
    is_open = False

    if end < len(text) and (text[end].isalnum()
                            or text[end] in "^/" and text[end + 1:end + 2].isdigit()):
        a = ATTACHED_UNIT.match(text, end)
        if not a or pct:
            return None                              # "1st", "5G", "3D", "4o"
        kind, unit, end = "measure", MEASURES[a.group().lower()], a.end()

    bare = not (currency or scale or pct or unit)
    if bare and num[0].isdigit() and "," not in num:
        name = name_before(text, s)
        if name is not None and (name < 0 or not listed_member(text, s, name, value, num, last_end)):
            return None                              # "Claude Opus 4", "Section 230", "iOS 18"
        if len(num) <= 3 and text[end:end + 1] == "," and _AGE.search(text, max(0, s - 30), s):
            return None                              # "Priya Shah, 29, who works ...": an age

    ratio = _IN_RATIO.match(text, end) if bare else None
    if ratio and _YEAR.fullmatch(ratio.group(1)):
        ratio = None
    if ratio and value < (denominator := number_value(ratio.group(1))):
        value, kind, unit, pct, end = value / denominator * 100, "percent", "%", "", ratio.end()
        bare = False                                 # "1 in 4 companies": 25%

    j = RANGE_JOIN.match(text, end) if unit is None else None
    if j is not None:
        m2 = QUANTITY.match(text, j.end())
        if m2 and m2.group("num") and mask_at(text, m2.start("num")) is None:
            rng = range_end(text, s, j.group().strip().lower(), value, scale, currency, pct, m2)
            if rng is not None:
                value, value_max, currency, pct = rng
                end = m2.end()
                if end < len(text) and text[end].isalnum():
                    return None

    pq = POSTFIX_QUALIFIER.match(text, end)
    if pq:
        qualifier = "approximate" if "so" in pq.group().lower() else "lower_bound"
        end = pq.end()

    if pct:
        kind, unit = "percent", PERCENT_FORMS[pct]
    elif unit is None and end < len(text) and text[end] == "-":
        h = HYPHEN_WORD.match(text, end)
        word = h.group(1).lower() if h else ""
        if not word or len(word) == 1 or word in _NOT_HYPHEN_UNITS or word in STOP or (
                word.endswith(("th", "ths")) and word not in DURATIONS):
            return None                              # "seven-figure", "one-fortieth", "10-K"
        if word == "plus":
            qualifier = "lower_bound"
            end = h.end()
        elif word in CURRENCY_WORDS and not currency:
            currency, end = CURRENCY_WORDS[word], h.end()    # "a trillion-dollar market"
        else:
            kind, unit = kind_of(word) or ("count", pluralise(h.group(1)))
            end = h.end()
    if currency is None:
        c = SPACED_UNIT.match(text, end)
        word = c.group(1).lower() if c else ""
        if word in CURRENCY_WORDS and (scale or word not in CURRENCY_WORDS_AFTER_SCALE_ONLY):
            currency, end = CURRENCY_WORDS[word], c.end()
            if word == "cents":
                value, value_max = value / 100, value_max / 100 if value_max else None
    if currency == "JPY" and m.group("sign") == "¥" and _CHINA.search(text, max(0, s - 200),
                                                                        end + 200):
        currency = "CNY"                             # "¥" is the yuan's sign too
    if currency:
        kind = "money" if kind == "count" else kind
        p = _PER.match(text, end)
        if p:
            noun, nend = noun_run(text, p.end() - 1)
            if noun:
                unit, end = f"per {(p.group(1) or '').lower()}{noun}", nend
    elif unit is None:
        mod = _MODIFIER.match(text, end)
        c = SPACED_UNIT.match(text, mod.end() if mod else end)
        if c and not kind_of(c.group(1).lower()):
            c = SPACED_UNIT.match(text, end)
        word = c.group(1).lower() if c else ""
        known = kind_of(word) if word not in _MEASURE_SPACED_EXCLUDED else None
        if known:
            kind, unit = known
            end = c.end()
            if kind == "duration" and _AGO.match(text, end):
                return None                          # "two years ago" is a date, not a figure
        else:
            unit, nend = noun_run(text, end)
            if unit in ("figures", "digits"):
                return None                          # "eight figures": a magnitude, not a count
            if unit:
                end = nend
            else:
                unit = of_phrase(text, end)
                is_open = unit is None and open_to_carry(text, end)
    own_unit = unit is not None

    if num.lower() in ("a", "an") and not scale and kind != "duration":
        return None                                  # "a" is a number only in "within a decade"
    if kind == "count" and not scale:
        if num[0].isalpha() and (unit is None or num.lower() == "one"):
            return None                              # "the two", "one of the", "one chart"
        if _YEAR.fullmatch(num):
            return None                              # "in 2025", "between 2020 and 2025"

    q = qualifier_before(text, s) if qualifier is None else None
    if q is not None and not (q[0] == "over" and kind == "duration"):
        qualifier, s = QUALIFIERS[q[0]], q[1]       # "over three weeks" is when, not a bound
    elif qualifier is None and s and text[s - 1] == "~":
        qualifier, s = "approximate", s - 1
    if value_max is not None:
        b = BETWEEN.search(text, max(0, s - 10), s)
        s = b.start() if b else s
    return Found(start=s, end=end, value=value, kind=kind, unit=unit, currency=currency,
                 qualifier=qualifier, value_max=value_max, own_unit=own_unit, open=is_open,
                 step=_step(num, value) if scale else 0.0)


