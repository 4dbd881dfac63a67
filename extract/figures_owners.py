"""Sentences and clauses: who each figure belongs to.

The owner of a figure is the entity that is the subject of its clause ("X had over 150,000
exchanges" -> X), or the one it is given to in a list ("224,000 for Meta"); failing that, the
subject of the sentence -- for a sentence that opens with "It", "The company" or "She", or a
clause that says "the company"/"it", what that points back to; then the source of a passive
("came from X", "paid by X"); in a sentence that names no one, what its paragraph, else the
article's lead organisation, is about; only then an organisation that merely reports it ("...,
according to Y"); a person quoted owns nothing. A place owns a figure only as a subject ("Britain
will spend", "The UK government will"), never as where ("in Texas"); a period or deadline
("within 24 hours") belongs only to its clause's or sentence's subject. Mentions come from
``figures_mentions``.

What it will not do: resolve pronouns beyond "it"/"the company", or read syntax beyond commas, a
few conjunctions, prepositions and reporting verbs.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from newsdesk.extract.figures_mentions import Mention


class About(NamedTuple):
    """What a sentence is about, for the next one: "It"/"The company" (org), "She" (person), and
    the organisation its paragraph is about (topic)."""

    org: str | None
    person: str | None
    topic: str | None
    thing: str | None = None     # the model or product the sentence was about ("The model ...")
    it_thing: bool = False       # ... as its subject, so that the next "It" is the thing


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
            if len(word) == 1 or word in _ABBREV or ("." in word and word.replace(".", "")
                                                      .isalpha()):
                continue                             # "Nov. 20", "U.S. Commerce", "J. Smith";
                                                     # "€1.7bn." ends its sentence
        end = m.start() + (0 if text[m.start()] == "\n" else len(m.group().rstrip()))
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


# -- clauses and owners -----------------------------------------------------------------------

_CLAUSE = re.compile(r",(?!\d{3})|;|:|\s[–—-]\s|[()]|\s(?:that|which|who|while|whereas|but"
                     r"|although|though|because|after|before|when|compared with|compared to"
                     r"|versus|vs\.)\s")
_AND = re.compile(r"\s(?:and|or)\s")
_SOURCE_BEFORE = re.compile(r"\b(?:from|by|at)\s+(?:the\s+)?(?:\w+\s+)?$")
# What a sentence calls an organisation or a product it named before: one vocabulary for every
# rule that reads "the company", "the regulator", "the model", "it".
_ORG_NOUNS = ("company|firm|start-?up|lab|group|chipmaker|maker|business|developer|platform"
              "|retailer|bank|carrier|insurer|manufacturer|owner|parent|operator|provider")
_AGENCY_NOUNS = "regulator|agency|watchdog|ministry|authority"
_THING_NOUNS = ("model|chip|system|machine|supercomputer|chatbot|app|assistant|processor|tool"
                "|product|rack")
THING_OPENS = re.compile(rf"\s*[\"“]?The (?:new |latest |updated )?(?:{_THING_NOUNS})\b")
HE_OPENS = re.compile(r"\s*[\"“]?(?:He|She|His|Her)\b")
IT_OPENS = re.compile(rf"\s*[\"“]?(?:It|Its|They|Their|The (?:[\w-]+ ){{0,2}}(?:{_ORG_NOUNS}"
                      rf"|{_AGENCY_NOUNS}))\b")
# "She said ...", "He told analysts ...": the speaker reports; the figure is someone else's
_HE_REPORTS = re.compile(r"\s*[\"“]?(?:He|She)\s+(?:\w+ly\s+)?(?:said|says|told|tells|added|noted"
                         r"|estimated|argued|wrote)\b")


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


def clause_index(cuts: list[int], p: int) -> int:
    """Which of a sentence's clauses (by their sorted start offsets) holds offset ``p``."""
    return max(0, bisect.bisect_right(cuts, p) - 1)


def owner_of(text: str, fstart: int, fend: int, sent: tuple[int, int], cuts: list[int],
             mentions: list[Mention], previous: About, kind: str = "count",
             figure_before: int = -1, lead: str | None = None) -> str | None:
    """The canonical name of the figure's owner. ``previous`` is what the sentence before was
    about, for a sentence that opens with "It ..." or "She ..." or names no one;
    ``figure_before`` is where the figure before it in the sentence ends; ``lead`` is the
    organisation the article is about, for a paragraph that names no one."""
    inside = [m for m in mentions if sent[0] <= m.start < sent[1]]
    ci = clause_index(cuts, fstart)
    c0 = cuts[ci]
    c1 = cuts[ci + 1] if ci + 1 < len(cuts) else sent[1]
    actors = [m for m in inside if m.rank == 0]
    # 1. the subject of the figure's own clause; a possessor right before a name yields to it.
    #    A model or chip owns what its clause says of it ("ChatGPT has 800 million users"), but
    #    money goes to a company in the clause ("OpenAI's ChatGPT earned $2bn").
    own = [m for m in actors if c0 <= m.start and m.end <= fstart
           and not (m.aside and m.aside <= fstart)]  # an aside that ended before the figure
    if previous.thing and (THING_OPENS.match(text, sent[0]) or previous.it_thing and
                           IT_OPENS.match(text, sent[0])) and not (ci and own):
        return previous.thing                        # "The model tops ... with 1,501 points"
    after = _named_after(text, fend, c1, actors)
    if after and own and figure_before >= 0 and _FOR_AFTER.fullmatch(text, figure_before,
                                                                       own[-1].start):
        return after.canonical                       # "224,000 for Meta and 196,000 for Amazon"
    subjects = [m for m in own if not _OBJECT_BEFORE.search(text, max(0, m.start - 12), m.start)
                or _ACTS_AFTER.match(text, m.end)]  # "with Nvidia investing $2bn" acts
    if kind not in ("money", "duration"):
        for m in own:                                # "launched GLM-4.6 with a 200,000-token
            if m.thing and _WITH_AFTER.fullmatch(text, m.end, fstart):  # context window"
                return m.canonical
    if subjects:
        head = _head(text, subjects)
        if not head.thing or kind != "money":
            return head.canonical                    # "Mistral's Mixtral 8x7B uses eight experts"
        agents = [m for m in subjects if not m.thing]  # "OpenAI's ChatGPT earned $2bn"
        if agents:
            return _head(text, agents).canonical
    if after and not own and not (previous.org and IT_OPENS.match(text, sent[0])) and not (
            _FROM_BEFORE.search(text, fend, after.start) and any(
                m.end <= c0 and not m.aside and not m.thing for m in actors)):
        return after.canonical                       # "compared with 224,000 for Meta", but
                                                     # "Wayve ... to raise $2bn from Microsoft"
    # 2. the subject of the sentence: "It ..." / "The company ..." / "She ..." is the one the
    #    sentence before was about, as is "... and that the company had $500 billion" in a
    #    clause of its own; else the sentence's first actor before the figure's clause
    if previous.org and IT_OPENS.match(text, sent[0]):
        return previous.org
    if previous.person and HE_OPENS.match(text, sent[0]) and not (
            _HE_REPORTS.match(text, sent[0]) and (any(not m.person for m in actors)
                                                  or _NAMED_BY_NOUN.search(text, *sent))):
        # "She said 40% of agents fail" is hers; "She said AMD had granted ..." is AMD's
        return previous.person
    earlier = [m for m in actors if m.end <= c0 and not m.aside and not m.thing]
    if kind not in ("money", "duration"):            # "Meta's Llama 4 Maverick has ..., spread
        with_things = [m for m in actors if m.end <= c0 and not m.aside]  # across 128 experts"
        acting_things = [m for m in with_things if not _PREP_BEFORE.search(
            text, max(0, m.start - 12), m.start)]    # "Sora reached No. 1 on Apple's App Store"
        if not earlier or (acting_things and _head(text, acting_things).thing):
            earlier = acting_things or with_things
    if kind != "money" and _THING_BACK.search(text, c0, fstart):
        released = [m for m in inside if m.thing and m.end <= c0 and _RELEASED_BEFORE.search(
            text, max(0, m.start - 30), m.start)]
        if released:                                 # "released Gemini 3 Pro, saying it (the
            return released[-1].canonical            # model) scored 91.9%"
    if _REFERS_BACK.search(text, c0, fstart):         # "X said that it expected ... $4.2bn"
        orgs = [m for m in inside if m.rank < 2 and m.end <= c0 and not m.aside
                and not m.person and not m.thing]
        if orgs or previous.org or lead:
            return orgs[0].canonical if orgs else previous.org or lead
    if earlier:                                      # a subject before an object ("the
        acting = [m for m in earlier                 # chipmaker that competes with Nvidia")
                  if not _PREP_BEFORE.search(text, max(0, m.start - 12), m.start)]
        return _head(text, _nearest_clause(acting or earlier, cuts)).canonical
    if kind == "duration":
        return None                                  # a period or deadline nobody acts on
    # 3. the source of a passive after the figure ("came from X", "paid by X")
    for m in actors:
        if fend <= m.start < c1 and _SOURCE_BEFORE.search(text, max(fend, m.start - 30), m.start):
            return m.canonical
    # 4. in a sentence that names no one, what its paragraph is about ("Data centre revenue rose
    #    112%" after "Nvidia reported ...")
    named = [m for m in inside if (m.rank == 0 or m.rank == 1 and not m.person)
             and not (m.person and m.start > fend)
             and not _OBJECT_BEFORE.search(text, max(0, m.start - 12), m.start)]
    # "in New York" is only where, "a contract with Meta" only the other side, "Hood said" speaks
    if not named and (previous.topic or lead) and not _quoted(text, sent[0], fstart):
        return previous.topic or lead
    # 5. who reports it (the one before the figure first); a place that is only where ("in
    #    Texas") owns nothing
    reporters = [m for m in inside if m.rank == 1 and not m.person  # a speaker owns nothing,
                 and m.kind not in ("agency", "other")]  # nor a statistics office or a study
    if reporters:
        before = [m for m in reporters if m.end <= fstart]
        return (before[0] if before else reporters[0]).canonical
    return None


_REFERS_BACK = re.compile(rf"\b(?:it|its|the (?:[\w-]+ ){{0,2}}(?:{_ORG_NOUNS}|{_AGENCY_NOUNS}))\b")
_NAMED_BY_NOUN = re.compile(rf"\b(?:the|its) (?:[\w-]+ )?(?:{_ORG_NOUNS}|{_THING_NOUNS}|service)\b")
_THING_BACK = re.compile(rf"\b(?:it|the (?:new |latest )?(?:{_THING_NOUNS}))\b")
_WITH_AFTER = re.compile(r"\s+with\s+(?:an?\s+|its\s+)?(?:new\s+)?")
_RELEASED_BEFORE = re.compile(r"\b(?:released|releases|launched|launches|unveiled|unveils"
                              r"|introduced|introduces|debuted|shipped|rolled out|previewed)"
                              r"\s+(?:its\s+|the\s+|an?\s+)?(?:new\s+|latest\s+)?$")
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")
_FOR_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){0,3}?\s+(?:for|to|by|from)\s+(?:the\s+)?$")


def _named_after(text: str, fend: int, c1: int, actors: list[Mention]) -> Mention | None:
    """The actor a figure is given to or taken from right after it, within its clause:
    "224,000 for Meta", "7,000 to DeepSeek", "$2bn from SoftBank"."""
    for m in actors:
        if fend <= m.start < c1 and not m.thing:
            return m if _FOR_AFTER.fullmatch(text, fend, m.start) else None
    return None


_PREP_BEFORE = re.compile(r"\b(?:with|to|from|for|against|into|over|than|versus|on|in|at|of|by"
                          r"|about|like|behind|via)\s+(?:the\s+)?$")
_ACTS_AFTER = re.compile(r"\s+\w+ing\b")
_OBJECT_BEFORE = re.compile(r"\b(?:with|to|from|for|against|into|over|than|versus)\s+(?:the\s+)?$")


def _nearest_clause(ms: list[Mention], cuts: list[int]) -> list[Mention]:
    """The actors of the closest clause before the figure's that has any: "ChatGPT was No. 1 and
    Gemini ranked No. 2, with 650 million users" is Gemini's."""
    last = max(clause_index(cuts, m.start) for m in ms)
    return [m for m in ms if clause_index(cuts, m.start) == last]


_LIST_GAP = re.compile(r"(?:['’]s)?(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*&\s*)")
_VERBISH = re.compile(r"\b(?:gives|gave|values|valued|pays|paid|sold|sells|bought|buys|hands|handed"
                      r"|awarded|awards|lent|lends|offers|offered|fined|fines|ordered|orders)\b")


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
