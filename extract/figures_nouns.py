"""The counted noun after a number: "24,000 fake accounts", "10,000 H100 GPUs", "three of the labs".

Without a part-of-speech tagger the noun phrase is read as a short run of words that are not
function words, verbs we know, adverbs or numbers; product codes and leading proper adjectives are
dropped so the unit is what is counted ("10,000 H100 GPUs" -> "GPUs", "12 Asian languages" ->
"languages"). A run that is only an adjective or a participle ("48 billion active", "eight
routed") gives no unit, so a sibling's unit can be carried over instead.

What it will not do: decide whether the number is a figure at all (``figures_scan`` does).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\s*((?:[A-Z]\.){2,}|[A-Za-z][A-Za-z0-9'’&-]*|\d[\w.,-]*|.)")

STOP = frozenset("""
a an the this that these those its their his her our your my of in on at to for from by with
about as into onto over under than then and or nor but so yet if when while where which who whom
whose what how why because since until after before during through across between among against
per each every all both either neither any some no not only just also even still already too very
is are was were be been being am has have had do does did will would shall should can could may
might must said says say told tell reported according added noted wrote use used using make made
get got take took give gave show showed came come went go going run ran rose fell grew rise grow
jumped climbed dropped gained lost cut raised increased decreased more less fewer most least much many several
few other another such same own it they them he she we you i me us him there here now then ago
earlier later old apiece each around roughly nearly almost approximately up down out off away back
plus minus including excluding like unlike via vs versus per cent percent whereas although though
whether toward towards upon within without beyond above below behind next last first second third
already ever never always often sometimes again once twice half less
held had made took gave got came went ran found built bought sold paid spent lost won hit put set
led saw kept left brought drew grew fell rose began become became cost sent hold own employ plan
expect want need reach remain include represent have having being were will woke
""".split())
# Words that modify a counted noun but are not one: skipped at the start of a run.
_LEADING_MODIFIERS = frozenset("total more additional extra other further combined new".split())
_ADJECTIVE_ONLY = frozenset("""
active total new more additional other extra further combined daily monthly weekly annual yearly
registered paying active-user open closed public private full part-time full-time
""".split())
_DETERMINERS = frozenset("the its their his her our your my these those this that".split())
_OF = re.compile(r"\s+of\s+")
_PRONOUNS = frozenset("them these those which whom us you it they us".split())


_LY_NOT_ADVERBS = frozenset("""supply family assembly ally monthly daily weekly yearly quarterly
hourly nightly elderly friendly costly early""".split())
_IRREGULAR_PLURALS = frozenset("people staff personnel men women children data media".split())


def _is_stop(word: str) -> bool:
    low = word.lower()
    return low in STOP or low.endswith("ly") and len(low) > 4 and low not in _LY_NOT_ADVERBS


def _plural(word: str) -> bool:
    low = word.lower()
    return low in _IRREGULAR_PLURALS or (low.endswith("s") and len(low) > 2 and not low.endswith(
        ("ss", "ous", "us", "is", "'s", "’s")) and word[0].islower() or word[-1] == "s"
        and acronym(word[:-1]))


def noun_run(text: str, pos: int, limit: int = 80) -> tuple[str | None, int]:
    """The counted noun starting at ``pos`` (after a number) and where it ends; (None, pos)."""
    words: list[str] = []
    end = pos
    stop = min(len(text), pos + limit)
    while end < stop and len(words) < 5:
        m = _TOKEN.match(text, end, stop)
        if not m:
            break
        tok = m.group(1)
        if m.start(1) == end or not tok[0].isalpha() or _is_stop(tok):
            break                                   # punctuation, a number, a function word
        if tok.endswith(("'s", "’s")) or "\n" in m.group(0):
            break
        if words and tok.lower().endswith("ed") and tok[0].islower():
            break                                   # "developers used", "accounts registered"
        words.append(tok)
        end = m.end()
        if _plural(tok):
            break                                   # "AI start-ups | woke", "people | familiar"
    return _tidy(words), end


def _tidy(words: list[str]) -> str | None:
    while words and words[0].lower() in _LEADING_MODIFIERS and len(words) > 1:
        words = words[1:]
    # product codes ("10,000 H100 GPUs") and leading proper adjectives ("Chinese", "Asian") are
    # not what is counted, unless the code is the noun itself ("16,000 H100s")
    kept = [w for k, w in enumerate(words) if k == len(words) - 1 and w[-1] == "s"
            or not any(c.isdigit() or c == "." for c in w)]
    while len(kept) > 1 and kept[0][0].isupper() and not acronym(kept[0]):
        kept = kept[1:]
    if not kept:
        return None
    if len(kept) == 1 and (kept[0].lower() in _ADJECTIVE_ONLY or kept[0].lower().endswith("ed")
                           or kept[0][0].isupper() and not acronym(kept[0])):
        return None
    return " ".join(kept[-3:])


def acronym(word: str) -> bool:
    """"GPUs", "TPUs", "H100s": capitals or digits make it a code, not a proper adjective."""
    return sum(c.isupper() for c in word) >= 2 or any(c.isdigit() for c in word)


_NEXT = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")


def open_to_carry(text: str, pos: int) -> bool:
    """Nothing that could name what is counted follows ``pos`` ("about 45 by the end", "1 million.",
    "48 billion active per token"), so a sibling's unit may be carried over to it."""
    m = _NEXT.match(text, pos)
    if m is None:
        return True
    word = m.group(1).lower()
    if word == "of":                                # "28 billion of them", not "12 of the Fortune"
        after = _NEXT.match(text, m.end())
        return after is not None and after.group(1).lower() in _PRONOUNS
    return word in STOP or word in _ADJECTIVE_ONLY


def of_phrase(text: str, pos: int) -> str | None:
    """The noun of "three of the labs" / "two of China's start-ups"; None for "24,000 of them"."""
    m = _OF.match(text, pos)
    if not m:
        return None
    p = m.end()
    for _ in range(3):
        t = _TOKEN.match(text, p)
        if not t:
            return None
        word = t.group(1)
        low = word.lower()
        if low in _PRONOUNS:
            return None
        if low in _DETERMINERS or word.endswith(("'s", "’s", "s'")):
            p = t.end()
            continue
        break
    unit, _ = noun_run(text, p)
    return unit


def pluralise(word: str) -> str:
    low = word.lower()
    if low == "person":
        return "people"
    if low.endswith("s"):
        return word
    if low.endswith(("ch", "sh", "x")):
        return word + "es"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"
