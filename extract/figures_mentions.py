"""Where the entities are in an article's text, and which of them act, report or only place.

Mentions come from the entity tagger's tags (each tag's ``name`` and ``canonical`` searched with
word boundaries) or, when no tags are given, from runs of capitalised words, so figure tagging is
useful alone. Each mention is ranked: an actor, one that only reports ("Y said", "according to Y",
"analyst at Y"), or a place that is only where something happens ("in Texas", "Denver-based"); it
also knows whether it sits in an aside (", which is backed by X") and whether it is a person.
A wire's dateline ("SAN FRANCISCO, Nov 20 (Meridian Wire) -") names no one.

What it will not do: decide owners (``figures_owners``) or tell people from companies without tags.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.extract.entities_words import ORG_SUFFIX
from newsdesk.extract.figures_context import NONSPACE
from newsdesk.extract.figures_lexicon import CAPITAL_FUNCTION_WORDS, WORD_NUMBERS
from newsdesk.extract.figures_nouns import acronym
from newsdesk.models import EntityTag


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    canonical: str
    rank: int = 0                # 0 actor, 1 reporter ("Y said", "according to Y"), 2 place
    aside: int = 0               # end of the ", which ..." / ", who ..." aside it is in, else 0
    person: bool = False         # tagged as a person: "he"/"she", not "it", refers back to it
    thing: bool = False          # a model, product, chip or programme: acts in its own clause
                                 # ("ChatGPT has 800 million users") but is never "the company"
    kind: str = ""               # the tag's type ("place", "agency", ...); "" without tags


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
    r"|wrote|writes|argued|argues|cautioned|warned|claiming|claimed|claims|saying|insisted"
    r"|boasted)\b"
    r"(?!(?:\s+(?:on|in|last|this|late|early|earlier)(?:\s+\w+){1,2}?)?\s+(?:that\s+)?"
    r"(?:it|its|they|their)\b)"
    r"|(?:reported|reports|estimated|estimates)(?=\s+(?:that|on)\b|\s*[,.]))")
_REPORTS_BEFORE = re.compile(
    r"(?:according to|cited by|reported by|compiled by|data from|figures from|estimates by"
    r"|analysts? at|partner at|[,\"”]\s*(?:said|says|told))\s+(?:the\s+)?$", re.IGNORECASE)
# A place after a preposition ("in Texas", "near Cheyenne") is where, not who; as a subject
# ("Britain will spend £1.5bn") it owns its figures like anyone else.
_PERSON_SAYS_IT = re.compile(r"\s*(?:,[^,.;]{1,80},\s*)?(?:said|says|told \w+|added)\s+(?:that\s+)?"
                             r"(?:it|its)\b")
# "said France had attracted", "Britain will spend": a place followed by its verb acts
_PLACE_VERB_AFTER = re.compile(r"['’]?s?\s+(?:has|had|have|will|would|is|was|plans|planned|pledged"
                               r"|spent|spends|invested|invests|attracted|committed|approved"
                               r"|announced|raised|earmarked|allocated|budgeted)\b")
_POSSESSES_NAME = re.compile(r"['’]s\s+[A-Z][a-z]")
_IN_TOWN_BEFORE = re.compile(r"\b(?:in|at|near|outside)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\s*,\s*$")
_PLACE_PREP = re.compile(r"\b(?:in|at|near|across|from|to|into|throughout|outside|inside|around"
                         r"|within|of|for|on|via|through|between|around|over|beyond)\s+(?:the\s+)?$",
                         re.IGNORECASE)
_GOVERNMENT_AFTER = re.compile(r"['’]?s?\s+(?:[a-z]+\s+)?(?:government|administration|authorities|officials"
                               r"|ministry|cabinet|parliament|regulators?|treasury)\b")
_THING_TYPES = frozenset({"model", "other"})
_SOURCE_CUES = ("according to", "citing", "cited by")
_CLAUSE_END = re.compile(r"[,.;]")
_ASIDE = re.compile(r",\s*(?:(?:including|such as|like|made up of|(?:co-)?led by)\b[^,.;]*"
                    r"(?:,\s*(?:and\s+)?[A-Z][^,.;]*)*"  # ", including Alphabet, Meta and OpenAI,"
                    r"|(?:which|who|whose|where|whom|(?:co-)?founded|backed|led|owned|run|based"
                    r"|known|named|built|made|(?:\S+\s+){1,3}of (?:which|whom)"
                    r"|(?:the|an?)\s+[\w-]+(?:\s+[\w-]+){0,6}?\s+(?:co-)?founded by)\b[^,.;]*)")
# Who only puts money in ("a Series E led by Kleiner Perkins, with participation from Nvidia and
# SoftBank"), who only measured ("a McKinsey survey", "YouGov poll") and a product named to describe
# its maker ("the TikTok owner") own nothing the sentence reports: ranked with places.
_INVESTORS = re.compile(r"\b(?:(?:co-)?led by|with participation from|participation of|investors"
                        r" (?:including|such as)|joined by|alongside)\s", re.IGNORECASE)
_SOURCE_NOUN_AFTER = re.compile(r"\s+(?:(?:new|latest|annual|recent|global|quarterly|monthly"
                                r"|industry|market|consumer|opinion|online|own)\s+)?(?:survey|poll"
                                r"|study|report|analysis|research|ranking|tally)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)\s+$")   # "a McKinsey survey"
_BACKED_AFTER = re.compile(r"-(?:backed|owned|funded|controlled|led|supported)\b")
_TOOK_PART_AFTER = re.compile(r"(?:\s+and\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?\s+(?:also\s+)?"
                              r"(?:took part|participated|joined)(?:\s+in\s+the\s+(?:round|raise"
                              r"|funding|deal))?(?=\s*[,.;]|\s+(?:with|by)\b)")
_DESCRIBES_AFTER = re.compile(r"\s+(?:owner|parent|maker|developer|creator|operator)\b")


def find_mentions(text: str, entities: Sequence[EntityTag],
                  within: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Mentions in order, without overlaps. Only those inside the ``within`` spans (when given)
    are checked for being reporters: elsewhere they only tell what a sentence is about."""
    raw = _tagged(text, entities) if entities else _proper_runs(text)
    raw += _national_governments(text)
    raw.sort(key=lambda m: (m[0], -m[1]))
    starts = [a for a, _ in within]
    out: list[Mention] = []
    last_end = -1
    datelines = _datelines(text)
    sources = _sources(text)
    investors = _investor_spans(text)
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text)]
    for start, end, canonical, etype in raw:
        if start < last_end or any(s <= start < e for s, e in datelines):
            continue
        last_end = end
        checked = not within or ((i := bisect.bisect_right(starts, start) - 1) >= 0
                                 and start < within[i][1])
        reporter = checked and (any(s <= start < e for s, e in sources)
                                or _reporter(text, start, end, etype == "person"))
        where = (etype == "place" and not _place_acts(text, start, end, out)) or any(
            s <= start < e for s, e in investors) or _only_describes(text, start, end)
        rank = 2 if where else 1 if reporter else 0
        aside = next((e for s, e in asides if s <= start < e), 0)
        out.append(Mention(start, end, canonical, rank, aside, etype == "person",
                           etype in _THING_TYPES, etype or ""))
    return out


# "The French government will invest": a demonym is not a mention of the country (the tagger's
# convention), but a demonym's government acts for it
_DEMONYM_COUNTRIES = {
    "American": "United States", "US": "United States", "U.S.": "United States",
    "British": "United Kingdom", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "Chinese": "China", "French": "France", "German": "Germany", "Japanese": "Japan",
    "Korean": "South Korea", "South Korean": "South Korea", "Indian": "India",
    "Italian": "Italy", "Spanish": "Spain", "Dutch": "Netherlands", "Canadian": "Canada",
    "Australian": "Australia", "Brazilian": "Brazil", "Saudi": "Saudi Arabia",
    "Emirati": "United Arab Emirates", "Israeli": "Israel", "Taiwanese": "Taiwan",
    "Singaporean": "Singapore", "Irish": "Ireland", "Swedish": "Sweden", "Polish": "Poland",
    "Mexican": "Mexico", "Indonesian": "Indonesia", "Malaysian": "Malaysia", "Swiss": "Switzerland",
    "Russian": "Russia", "Danish": "Denmark", "Finnish": "Finland", "Norwegian": "Norway"}
_NATIONAL_GOVERNMENT = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _DEMONYM_COUNTRIES), key=len, reverse=True))
    + r")\s+(?:government|administration|cabinet|treasury|authorities)\b")


def _national_governments(text: str) -> list[tuple[int, int, str, str | None]]:
    return [(m.start(), m.end(), _DEMONYM_COUNTRIES[m.group(1)], "agency")
            for m in _NATIONAL_GOVERNMENT.finditer(text)]


def _place_acts(text: str, start: int, end: int, before: list[Mention]) -> bool:
    """A place is an actor ("Britain will spend £1.5bn") when it opens a clause, not when it is
    where ("in Texas", "near Cheyenne, Wyoming") or describes ("the Denver-based company")."""
    if text[end:end + 1] == "-" or _PLACE_PREP.search(text, max(0, start - 12), start):
        return False
    if _POSSESSES_NAME.match(text, end):
        return False                                 # "China's Cyberspace Administration said"
    if _IN_TOWN_BEFORE.search(text, max(0, start - 40), start):
        return False                                 # "in Goodyear, Arizona (,) will use"
    if _GOVERNMENT_AFTER.match(text, end) or _PLACE_VERB_AFTER.match(text, end):
        return True                                  # "The UK government will invest £2bn"
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


def _investor_spans(text: str) -> list[tuple[int, int]]:
    """From "led by" to the end of its list of names (a comma or "and" goes on only to another
    name): the investors, in a sentence about a round ("The rally was led by Nvidia, which rose
    5%" names no investor)."""
    out = []
    for m in _INVESTORS.finditer(text):
        s0 = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        e = _SENTENCE_END.search(text, m.end())
        s1 = e.start() if e else len(text)
        if not _FUNDING.search(text, s0, s1):
            continue
        end = _LIST_END.search(text, m.end(), s1)
        out.append((m.start(), end.start() if end else s1))
    return out


_FUNDING = re.compile(r"\b(?:round|raise[sd]?|raising|funding|invest(?:ment|ors?|ed|s)?|valu"
                      r"(?:ation|ed|ing|es)|Series [A-Z]|seed)\b")
_LIST_END = re.compile(r"[,;]\s*(?!(?:and\s+)?(?:the\s+)?[A-Z])|\s+(?:and|but)\s+(?![A-Z])")


_SENTENCE_END = re.compile(r"[.;\n](?:\s|$)")
_THE_BEFORE = re.compile(r"\b(?:the|The)\s+$")


_SOURCE_NOUN_BEFORE = re.compile(r"\b(?:survey|poll|study|report|trial|analysis|research|index"
                                 r"|ranking|estimates?)\s+(?:by|from|of)\s+(?:the\s+)?"
                                 r"(?:[a-z][\w-]*\s+){0,2}$")


def _only_describes(text: str, start: int, end: int) -> bool:
    """"A McKinsey survey found", "a trial by the non-profit METR found", "the TikTok owner's
    revenue": the name is not the actor."""
    if _SOURCE_NOUN_BEFORE.search(text, max(0, start - 60), start):
        return True
    if _SOURCE_NOUN_AFTER.match(text, end) and _ARTICLE_BEFORE.search(text, max(0, start - 6),
                                                                       start):
        return True
    if _BACKED_AFTER.match(text, end):
        return True                                  # "The Tencent-backed company"
    if _TOOK_PART_AFTER.match(text, end):
        return True                                  # "X and Y also took part": investors
    return bool(_DESCRIBES_AFTER.match(text, end) and _THE_BEFORE.search(text, max(0, start - 5),
                                                                         start))


def _reporter(text: str, start: int, end: int, person: bool = False) -> bool:
    if _REPORTS_AFTER.match(text, end, min(len(text), end + 110)):
        return True
    if person and _PERSON_SAYS_IT.match(text, end):
        return True                                  # "Zhang Peng said it had": "it" is a firm
    return bool(_REPORTS_BEFORE.search(text, max(0, start - 25), start))


def _tagged(text: str, entities: Sequence[EntityTag]) -> list[tuple[int, int, str, str | None]]:
    found = []
    taken = {n for tag in entities for n in (tag.name, tag.canonical)}
    for tag in entities:
        short = _short_form(tag)
        for name in {tag.name, tag.canonical, short if short not in taken else None}:
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


def _short_form(tag: EntityTag) -> str | None:
    """"Parallax" for "Parallax Compute", "Halcyon" for "Halcyon Robotics": the name a firm goes by
    after its first mention (the tagger folds those mentions into the tag's count)."""
    if tag.type not in ("company", "lab"):
        return None
    words = tag.canonical.split()
    if len(words) in (2, 3) and words[-1].lower() in ORG_SUFFIX and words[0][:1].isupper() \
            and len(words[0]) > 2 and all(w[:1].isupper() for w in words):
        return words[0]                              # "Brookfield" (Asset Management)
    return None


def _proper_runs(text: str) -> list[tuple[int, int, str, str | None]]:
    """Runs of capitalised words, less function words, titles, days and months, and a sentence's
    first word when it is an ordinary word (``_common_opener``)."""
    runs = []
    for m in _PROPER.finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue                                 # "iPhone", "eBay": not a run start
        words = [(w.start(), w.group()) for w in NONSPACE.finditer(m.group())]
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


def _common_opener(run: list[tuple[int, str]], mid: set[str]) -> bool:
    """A capitalised word opening a sentence is taken for an ordinary word ("Revenue rose",
    "Shares of X", "Counting Oracle") unless it is capitalised mid-sentence somewhere too or looks
    like a name (DeepSeek, K3, AMD). A lone "Sony paid" is lost without tags: the price of not
    taking every "Revenue", "Folded" or "Comments" for an owner."""
    word = run[0][1]
    if acronym(word) or word in mid:
        return False
    return len(run) == 1 or word.endswith("ing") or run[1][1] in ("of", "de", "&")


def _opens_sentence(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t\"“‘'(":
        k -= 1
    return k < 0 or text[k] in ".!?\n:"
