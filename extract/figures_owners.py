"""Sentences, entity mentions and clauses: who each figure belongs to.

The owner of a figure is the entity that is the subject of its clause ("X had over 150,000
exchanges" -> X); failing that, the subject of the sentence -- for a sentence that opens with
"It", "The company" or "She", what the sentence before was about; then the source of a passive
("came from X", "paid by X"); in a sentence that names no one, what the sentence before in the
paragraph was about; only then whoever merely reports it ("..., according to Y", "Y said the
labs..."), then a place after a preposition ("in Texas"). Mentions come from the entity tagger's tags (each tag's ``name``
and ``canonical`` searched with word boundaries) or, when no tags are given, from runs of
capitalised words, so the tagger is useful alone.

What it will not do: resolve pronouns inside a sentence, or read syntax beyond commas, a few
conjunctions and reporting verbs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from newsdesk.extract.figures_lexicon import CAPITAL_FUNCTION_WORDS, WORD_NUMBERS
from newsdesk.models import EntityTag


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    canonical: str
    rank: int = 0                # 0 actor, 1 reporter ("Y said", "according to Y"), 2 place
    aside: int = 0               # end of the ", which ..." / ", who ..." aside it is in, else 0
    person: bool = False         # tagged as a person: "he"/"she", not "it", refers back to it


class About(NamedTuple):
    """What a sentence is about, for the next one: "It"/"The company" (org), "She" (person), and
    the organisation its paragraph is about (topic)."""

    org: str | None
    person: str | None
    topic: str | None


_SENT_END = re.compile(r"[.!?\n](?:(?<=\n)\s*|[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9$€£]))")
_ABBREV = frozenset("""mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr inc corp co ltd llc
plc no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec approx est fig dept univ mt ft
e.g i.e u.s u.k u.n e.u a.m p.m""".split())


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, split once; paragraph breaks always end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        p = m.start()
        if text[p] == "." and p and text[p - 1].isalpha():
            k = text.rfind(" ", max(start, p - 12), p)
            word = text[k + 1 if k >= 0 else max(start, p - 12):p].lower().lstrip("(\"“")
            if len(word) == 1 or word in _ABBREV or "." in word:
                continue                             # "Nov. 20", "U.S. Commerce", "J. Smith"
        end = m.start() + (0 if text[m.start()] == "\n" else len(m.group().rstrip()))
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


# -- mentions ---------------------------------------------------------------------------------

_NAME_WORD = r"[A-Z](?:\.(?:[A-Z]\.)+|[A-Za-z0-9&-]*(?:\.[A-Za-z0-9&-]+)*)"
_PROPER = re.compile(rf"{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|&|of|de)(?=[ \t\W]))*"
                     rf"(?:[ \t]+{_NAME_WORD})?")   # starts with a charset: a fast scan
_NOT_NAMES = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
chief rep sen dr mr ms mrs president minister i we he she you they it ceo cfo cto coo founder
co-founder chairman chairwoman chair spokesperson spokesman spokeswoman executive analyst
""".split()) | WORD_NUMBERS.keys()
_NOT_NAMES_ALONE = frozenset("""
ai api apis gpu gpus cpu cpus us u.s. uk u.k. eu american americans chinese european
british japanese korean indian french german canadian danish dutch asian african western eastern
southeast malaysian singaporean taiwanese israeli russian saudi swiss swedish irish australian thai
indonesian vietnamese internet web
""".split())
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+(?:,[^\n,(]{1,30})?(?:,\s*\w+\.?\s+\d{1,2})?"
                       r"\s*(?:\([^)\n]{1,40}\))?\s*[-–—]+\s")
_REPORTS_AFTER = re.compile(
    r"\s*(?:,[^,.;]{1,80},\s*)?(?:\w+\s+)?(?:(?:said|says|say|told|tells|noted|notes|added|adds"
    r"|wrote|writes|argued|argues|cautioned|warned)\b"
    r"(?!(?:\s+(?:on|in|last|this|late|early|earlier)(?:\s+\w+){1,2}?)?\s+(?:that\s+)?"
    r"(?:it|its|they|their)\b)"
    r"|(?:reported|reports|estimated|estimates)(?=\s+(?:that|on)\b|\s*[,.]))")
_REPORTS_BEFORE = re.compile(
    r"(?:according to|cited by|reported by|compiled by|data from|figures from|estimates by"
    r"|analysts? at|partner at|[,\"”]\s*(?:said|says|told))\s+(?:the\s+)?$", re.IGNORECASE)
# A place after a preposition ("in Texas", "near Cheyenne") is where, not who; as a subject
# ("Britain will spend £1.5bn") it owns its figures like anyone else.
_PLACE_PREP = re.compile(r"\b(?:in|at|near|across|from|to|into|throughout|outside|inside|around"
                         r"|within|of|for|on|via|through|between|around|over|beyond)\s+(?:the\s+)?$",
                         re.IGNORECASE)
_SOURCE_CUES = ("according to", "citing", "cited by")
_CLAUSE_END = re.compile(r"[,.;]")
_ASIDE = re.compile(r",\s*(?:which|who|whose|where|whom|founded|backed|led|owned|run|based|known"
                    r"|named|built|made|including|such as|like)\b[^,.;]*")


def find_mentions(text: str, entities: Sequence[EntityTag],
                  within: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Mentions in order, without overlaps. Only those inside the ``within`` spans (when given)
    are checked for being reporters: elsewhere they only tell what a sentence is about."""
    raw = _tagged(text, entities) if entities else _proper_runs(text)
    raw.sort(key=lambda m: (m[0], -m[1]))
    starts = [a for a, _ in within]
    out: list[Mention] = []
    last_end = -1
    datelines = _datelines(text)
    sources = _sources(text)
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text)]
    for start, end, canonical, etype in raw:
        if start < last_end or any(s <= start < e for s, e in datelines):
            continue
        last_end = end
        checked = not within or ((i := bisect.bisect_right(starts, start) - 1) >= 0
                                 and start < within[i][1])
        reporter = checked and (any(s <= start < e for s, e in sources)
                                or _reporter(text, start, end))
        where = etype == "place" and not _place_acts(text, start, end, out)
        rank = 2 if where else 1 if reporter else 0
        aside = next((e for s, e in asides if s <= start < e), 0)
        out.append(Mention(start, end, canonical, rank, aside, etype == "person"))
    return out


def _place_acts(text: str, start: int, end: int, before: list[Mention]) -> bool:
    """A place is an actor ("Britain will spend £1.5bn") when it opens a clause, not when it is
    where ("in Texas", "near Cheyenne, Wyoming") or describes ("the Denver-based company")."""
    if text[end:end + 1] == "-" or _PLACE_PREP.search(text, max(0, start - 12), start):
        return False
    k = start - 1
    while k >= 0 and text[k] in " \t\"“":
        k -= 1
    if k >= 0 and text[k] == "," and before and before[-1].rank == 2 and before[-1].end == k:
        return False                                 # "Cheyenne, Wyoming"
    return k < 0 or text[k] in ".!?\n,;:(—–"


def _datelines(text: str) -> list[tuple[int, int]]:
    """"SAN FRANCISCO, Nov 20 (Meridian Wire) - ": a wire's dateline names no owner."""
    out = []
    p = 0
    while p >= 0:
        m = _DATELINE.match(text, p)
        if m:
            out.append((m.start(), m.end()))
        p = text.find("\n", p)
        p = p + 1 if p >= 0 else -1
    return out


def _sources(text: str) -> list[tuple[int, int]]:
    """The clauses after "according to", "citing": who is named there only reports."""
    low = text.lower()
    out = []
    for cue in _SOURCE_CUES:
        i = low.find(cue)
        while i >= 0:
            e = _CLAUSE_END.search(text, i)
            out.append((i, e.start() if e else len(text)))
            i = low.find(cue, i + 1)
    return out


def _reporter(text: str, start: int, end: int) -> bool:
    if _REPORTS_AFTER.match(text, end, min(len(text), end + 110)):
        return True
    return bool(_REPORTS_BEFORE.search(text, max(0, start - 25), start))


def _tagged(text: str, entities: Sequence[EntityTag]) -> list[tuple[int, int, str, str | None]]:
    found = []
    for tag in entities:
        for name in {tag.name, tag.canonical}:
            if not name:
                continue
            i = text.find(name)
            while i >= 0:
                j = i + len(name)
                if (i == 0 or not text[i - 1].isalnum()) and (j >= len(text)
                                                              or not text[j].isalnum()):
                    found.append((i, j, tag.canonical, tag.type))
                i = text.find(name, j)
    return found


def _proper_runs(text: str) -> list[tuple[int, int, str, str | None]]:
    """Runs of capitalised words, less function words, titles, days and months, and a sentence's
    first word when it is an ordinary word (``_common_opener``)."""
    runs = []
    for m in _PROPER.finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue                                 # "iPhone", "eBay": not a run start
        words = [(w.start(), w.group()) for w in _WORD.finditer(m.group())]
        runs.append([(m.start() + i, w) for i, w in words])
    mid = {w for run in runs for k, (i, w) in enumerate(run) if k or not _opens_sentence(text, i)}
    out = []
    for run in runs:
        if run and _opens_sentence(text, run[0][0]) and _common_opener(run, mid):
            run = run[1:]                            # "Revenue rose", "Shares of X", "Counting X"
        while run and (run[0][1].lower() in CAPITAL_FUNCTION_WORDS or run[0][1].lower() in
                       _NOT_NAMES or not run[0][1][0].isupper() or run[0][1].endswith("-based")):
            run = run[1:]
        while run and (run[-1][1] in ("of", "de", "&") or run[-1][1].lower() in _NOT_NAMES):
            run = run[:-1]
        if not run or all(w.lower() in _NOT_NAMES_ALONE for _, w in run):
            continue
        start, end = run[0][0], run[-1][0] + len(run[-1][1])
        if text[end:end + 1] == "$":
            continue                                 # "HK$3 billion"
        out.append((start, end, " ".join(text[start:end].split()), None))
    return out


_WORD = re.compile(r"\S+")


def _common_opener(run: list[tuple[int, str]], mid: set[str]) -> bool:
    """A capitalised word opening a sentence is taken for an ordinary word ("Revenue rose",
    "Shares of X", "Counting Oracle") unless it is capitalised mid-sentence somewhere too or looks
    like a name (DeepSeek, K3, AMD). A lone "Sony paid" is lost without tags: the price of not
    taking every "Revenue", "Folded" or "Comments" for an owner."""
    word = run[0][1]
    if _namelike(word) or word in mid:
        return False
    return len(run) == 1 or word.endswith("ing") or run[1][1] in ("of", "de", "&")


def _opens_sentence(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t\"“‘'(":
        k -= 1
    return k < 0 or text[k] in ".!?\n:"


def _namelike(word: str) -> bool:
    return any(c.isdigit() for c in word) or sum(c.isupper() for c in word) >= 2


# -- clauses and owners -----------------------------------------------------------------------

_CLAUSE = re.compile(r",(?!\d{3})|;|:|\s[–—-]\s|[()]|\s(?:that|which|who|while|whereas|but"
                     r"|although|though|because|compared with|compared to|versus|vs\.)\s")
_AND = re.compile(r"\s(?:and|or)\s")
_SOURCE_BEFORE = re.compile(r"\b(?:from|by|at)\s+(?:the\s+)?(?:\w+\s+)?$")
HE_OPENS = re.compile(r"\s*[\"“]?(?:He|She|His|Her)\b")
IT_OPENS = re.compile(r"\s*[\"“]?(?:It|Its|They|Their|The (?:[\w-]+ ){0,2}(?:company|firm|start-?up"
                      r"|lab|group|chipmaker|maker|business|developer|platform|retailer|bank"
                      r"|carrier|insurer|manufacturer))\b")


def clause_starts(text: str, sent: tuple[int, int], mentions: list[Mention]) -> list[int]:
    """Start offsets of a sentence's clauses, cut at commas, semicolons, dashes, brackets, a few
    conjunctions and an "and" before a name. A list of names ("The report says DeepSeek,
    Moonshot AI and MiniMax had ...") stays in the clause its verb is in."""
    s0, s1 = sent
    mentions = [m for m in mentions if s0 <= m.start < s1]
    starts_at = {m.start for m in mentions}
    ends_at = {m.end for m in mentions}
    cuts = sorted({s0, *(m.end() for m in _CLAUSE.finditer(text, s0, s1)),
                   *(m.end() for m in _AND.finditer(text, s0, s1) if m.end() in starts_at)})
    out: list[int] = []
    pending: int | None = None
    for a, b in zip(cuts, cuts[1:] + [s1]):
        if pending is None:
            pending = a
        if b < s1 and (_only_mentions(a, b, text, mentions) or _names_go_on(
                text, pending, b, starts_at, ends_at)):
            continue                                 # names only, or a list of names goes on
        out.append(pending)
        pending = None
    return out or [s0]


def _names_go_on(text: str, a: int, b: int, starts_at: set[int], ends_at: set[int]) -> bool:
    """The clause so far has no number and ends with a name, and the next part starts with one."""
    k = b - 1
    while k > a and text[k] in " ,;:-–—()":
        k -= 1
    if k + 1 not in ends_at and not (text[b - 5:b] == " and " and b - 5 in ends_at):
        return False
    if _next_word(text, b) not in starts_at:
        return False
    return _DIGIT.search(text, a, b) is None


def _next_word(text: str, p: int) -> int:
    while p < len(text) and text[p] == " ":
        p += 1
    return p


_DIGIT = re.compile(r"\d")
_FILLER = re.compile(r"(?:\s|[,;:()–—-]|\band\b|\bor\b)*")


def _only_mentions(a: int, b: int, text: str, mentions: list[Mention]) -> bool:
    """Nothing between ``a`` and ``b`` but names, commas, "and" and "or"."""
    last = a
    for m in mentions:
        if a <= m.start and m.end <= b:
            if _FILLER.fullmatch(text, last, m.start) is None:
                return False
            last = m.end
    return _FILLER.fullmatch(text, last, b) is not None


def owner_of(text: str, fstart: int, fend: int, sent: tuple[int, int], cuts: list[int],
             mentions: list[Mention], previous: About, kind: str = "count") -> str | None:
    """The canonical name of the figure's owner. ``previous`` is what the sentence before was
    about, for a sentence that opens with "It ..." or "She ..." or names no one."""
    inside = [m for m in mentions if sent[0] <= m.start < sent[1]]
    ci = max(i for i, c in enumerate(cuts) if c <= fstart)
    c0 = cuts[ci]
    c1 = cuts[ci + 1] if ci + 1 < len(cuts) else sent[1]
    actors = [m for m in inside if m.rank == 0]
    # 1. the subject of the figure's own clause; a possessor right before a name yields to it
    own = [m for m in actors if c0 <= m.start and m.end <= fstart
           and not (m.aside and m.aside <= fstart)]  # an aside that ended before the figure
    if own:
        return _head(text, own).canonical
    # 2. the subject of the sentence: "It ..." / "The company ..." / "She ..." is the one the
    #    sentence before was about; else its first actor before the figure's clause
    if previous.org and IT_OPENS.match(text, sent[0]):
        return previous.org
    if previous.person and HE_OPENS.match(text, sent[0]):
        return previous.person
    earlier = [m for m in actors if m.end <= c0 and not m.aside]
    if earlier:
        return _head(text, earlier).canonical
    if kind == "duration":
        return None                                  # a period or deadline nobody acts on
    # 3. the source of a passive after the figure ("came from X", "paid by X")
    for m in actors:
        if fend <= m.start < c1 and _SOURCE_BEFORE.search(text, max(fend, m.start - 30), m.start):
            return m.canonical
    # 4. in a sentence that names no one, what its paragraph is about ("Data centre revenue rose
    #    112%" after "Nvidia reported ...")
    if not inside and previous.topic and not _quoted(text, sent[0], fstart):
        return previous.topic
    # 5. who reports it (the one before the figure first), then a place -- unless the figure has
    #    a subject of its own that is not named ("The startup has 40 employees, according to X")
    for rank in (1, 2):
        ranked = [m for m in inside if m.rank == rank]
        if ranked:
            before = [m for m in ranked if m.end <= fstart]
            return (before[0] if before else ranked[0]).canonical
    return None


_LIST_GAP = re.compile(r"(?:['’]s)?(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*&\s*)")
_VERBISH = re.compile(r"\b(?:gives|gave|values|valued|pays|paid|sold|sells|bought|buys|hands|handed"
                      r"|awarded|awards|lent|lends|offers|offered)\b")


def _quoted(text: str, s0: int, p: int) -> bool:
    """Inside a quotation: someone speaking, not the story's narrative."""
    before = text[s0:p]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _head(text: str, ms: list[Mention]) -> Mention:
    """The subject among the names before a figure: the first, unless it only owns the next
    ("Moonshot AI's Kimi K3"); the last, when a verb stands between them ("The deal values Scale
    AI at $29 billion and gives Meta a 49% stake")."""
    first = ms[0]
    if len(ms) > 1 and re.match(r"['’]s\s*$", text[first.end:ms[1].start]):
        first = ms[1]
    last = ms[-1]
    if last is not first and not _LIST_GAP.fullmatch(text, first.end, last.start):
        between = text[first.end:last.start]
        if _VERBISH.search(between):
            return last
    return first
