"""Entities the knowledge file does not list, found by the cues news writing puts around them.

A candidate is a run of capitalised tokens on one line ("Ridgeway Research", "Sophie Van den
Berg", "Bank of America"), minus tokens already matched to known entities. It is kept only when a
cue says what it is, strongest cue first:

* organisation: a suffix as its last word (Inc., Corp., Ltd, Labs, AI, Technologies, Systems ...);
  a descriptor before or after it ("the law firm X", "X, the Danish audio company"); employees
  before it ("analysts at X"); "X's shares"; a dateline's outlet ("(Meridian Wire) -"); a
  mid-sentence "The X"; weakest, one CamelCase word ("PitchBook");
* government body or other institution: a word such as Ministry, Commission, Committee, or
  University, Institute inside it; a known place before or after it joins the name
  ("U.S. District Court for the Northern District of Illinois");
* person: two or three name-like words after a title or role ("Dr", "chief executive"), next to a
  speech verb ("said Jane Roe", "Jane Roe told"), before an apposition (", an analyst at ...",
  ", who leads ...", " was chief technology officer"), after "founded by"; a name joined by "and"
  to one of these; "Jane Roe of Acme Labs" is a person and a company;
* place: "X County", "near X", "the city of X", "X-based", "based in X", a dateline city.

Rejected: a capitalised word that only starts a sentence (a function word, or a word the text also
uses in lowercase), month and day names, spans made only of common words ("Chinese AI"), and lines
set in headline case. A later bare surname ("Okonkwo said") counts toward the person found by full
name, and a bare head ("Kestrel") toward "Kestrel Labs". All of it is ``known=False`` with a
confidence below 1.0 that says how strong its cue was. It does not look at titles (headline case is
noise) and does not guess a type without a cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from newsdesk.extract.entities_cues import Cues
from newsdesk.extract.entities_index import Tokens
from newsdesk.extract.entities_words import (
    AGENCY_HEADS,
    COMMON,
    CONNECTORS,
    MONTHS_DAYS,
    ORG_SUFFIX,
    OTHER_HEADS,
    SPEECH,
)

Span = tuple[int, int]


@dataclass(slots=True)
class Found:
    canonical: str
    type: str
    start: int            # character offsets in the text
    end: int
    confidence: float
    head: str = ""        # the name without its suffix ("Foo" of "Foo Labs"), for later mentions


# Heads that end one institution's name: "X Fund and Y Bank" names two, "Bank of America" one
_INSTITUTION_ENDS = frozenset("fund bank authority agency commission ministry office council board "
                              "institute university foundation capital ventures partners group "
                              "corporation inc".split())


def _ends_institution(word: str) -> bool:
    return word in _INSTITUTION_ENDS or word in ORG_SUFFIX


def _is_cap(tok: str) -> bool:
    return tok[0].isupper()                # only letters have case


def _camel(tok: str) -> bool:
    return len(tok) >= 4 and any(a.islower() and b.isupper() for a, b in pairwise(tok))


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines written in headline case (most words capitalised)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        words = [w for w in line.split() if w[:1].isalpha()]
        if len(words) >= 4 and len(line) < 200:
            caps = sum(1 for w in words if w[0].isupper())
            if caps >= 0.7 * len(words) and not line.rstrip().endswith((".", '"', "”")):
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


class Discoverer(Cues):
    """Spans of one text, classified by their cues; ``run`` gives the result."""

    def __init__(self, tk: Tokens, marks: list[int], places: dict[int, int]) -> None:
        super().__init__(tk)
        self.marks = marks                  # per token: 1 when a known entity covers it
        self.places = places                # token index -> end token of a known place there
        self.lower_words = {t for t in tk.toks if t.islower()}
        self.bad_lines = _headline_lines(tk.text)

    # -- spans --------------------------------------------------------------------------------

    def spans(self) -> list[tuple[int, int]]:
        """Token ranges [a, b) of capitalised runs, not crossing known entities or lines."""
        tk, marks = self.tk, self.marks
        toks, folded = tk.toks, tk.folded
        n = len(toks)
        out: list[tuple[int, int]] = []
        j = 0
        for i in [k for k, t in enumerate(toks) if t[0].isupper() and not marks[k]]:
            if i < j:
                continue                                     # inside the previous span
            j = i + 1
            while j < n and not marks[j] and tk.gap_ok(j):
                if _is_cap(toks[j]) or (toks[j].isdigit() and tk.joined[j]):
                    j += 1
                    continue
                if (toks[j] == "'" and toks[j - 1][-1:] == "s" and tk.starts[j] == tk.ends[j - 1]
                        and j + 1 < n and _is_cap(toks[j + 1]) and not marks[j + 1]):
                    j += 2                                   # "Workers' Union"
                    continue
                k = j
                while k < n and k - j < 2 and folded[k] in CONNECTORS and tk.gap_ok(k):
                    k += 1
                if k > j and k < n and _is_cap(toks[k]) and not marks[k] and tk.gap_ok(k):
                    j = k + 1
                else:
                    break
            out.append((i, j))
        return out

    def trim(self, a: int, b: int) -> tuple[int, int]:
        folded = self.tk.folded
        if self.sentence_start(a) and (folded[a] in COMMON or folded[a] in MONTHS_DAYS
                                       or folded[a] in self.lower_words):
            a += 1
        toks = self.tk.toks
        while a < b and (folded[a] in MONTHS_DAYS or (folded[a] in CONNECTORS and (
                toks[a].islower() or self.sentence_start(a)))):
            a += 1
        while b > a and (folded[b - 1] in MONTHS_DAYS or folded[b - 1] in CONNECTORS):
            b -= 1
        return a, b

    # -- classification -----------------------------------------------------------------------

    def classify(self, a: int, b: int) -> tuple[str, float, int, int, str] | None:
        """(type, confidence, start token, end token, head) for the span, or None."""
        tk = self.tk
        toks, folded = tk.toks, tk.folded
        core = [w for w in folded[a:b] if w not in CONNECTORS]
        if not core or all(w in COMMON for w in core):
            return None
        last = folded[b - 1]
        if b < len(toks) and tk.joined[b]:
            last = ""                        # "AI-related", "Nvidia-backed": a modifier, not a name
        if len(core) >= 2 and last in ORG_SUFFIX and any(w not in COMMON for w in core[:-1]):
            type_, conf = ORG_SUFFIX[last]
            return type_, conf, a, b, " ".join(toks[a:b - 1])
        if len(core) >= 2 and last in ORG_SUFFIX and not self.sentence_start(a) and all(
                t[:1].isupper() for t in toks[a:b] if t.lower() not in CONNECTORS):
            return ORG_SUFFIX[last][0], 0.6, a, b, ""   # "British Business Bank" mid-sentence
        if len(core) == 1 and (core[0] in AGENCY_HEADS or core[0] in OTHER_HEADS):
            a2, b2 = self.with_places(a, b)       # "the University of Maryland"
            if b2 > b:
                return ("agency" if core[0] in AGENCY_HEADS else "other"), 0.7, a2, b2, ""
        if len(core) >= 2 and any(w in AGENCY_HEADS for w in core):
            a, b = self.with_places(a, b)
            return "agency", 0.7, a, b, ""
        if len(core) >= 2 and any(w in OTHER_HEADS for w in core):
            a, b = self.with_places(a, b)
            return "other", 0.7, a, b, ""
        conf = self.place_cue(a, b)
        if conf:
            return "place", conf, a, b, ""
        if self.name_like(a, b):
            conf = self.person_cue(a, b)
            if conf:
                return "person", conf, a, b, ""
        org = self.org_cue(a, b)
        if org:
            return org[0], org[1], a, b, ""
        for size in (3, 2):                 # "Minister for AI Eleanor Shaw said"
            if b - a > size and self.name_like(b - size, b):
                conf = self.person_cue(b - size, b)
                if conf and b < len(folded) and folded[b] in SPEECH:
                    return "person", conf, b - size, b, ""
        if len(core) == 1 and _camel(toks[a]) and not self.sentence_start(a):
            return "company", 0.5, a, b, ""
        return None

    def with_places(self, a: int, b: int) -> tuple[int, int]:
        """Grow an institution's name over known places: "U.S." before it, "of Illinois" after."""
        tk = self.tk
        for start, end in self.places.items():
            if end == a and tk.gap_ok(a):
                a = start
                break
        k = b
        while k < len(tk.toks) and tk.folded[k] in CONNECTORS and k - b < 2:
            k += 1
        if k > b and k in self.places:
            b = self.places[k]
        return a, b

    def split_of(self, a: int, b: int) -> tuple[int, int] | None:
        """"Jane Roe of Acme Labs": where the organisation part starts, or None."""
        folded = self.tk.folded
        for k in range(a + 2, min(b - 1, a + 4)):
            if folded[k] in ("of", "at") and self.name_like(a, k):
                right = k + 2 if folded[k + 1] == "the" else k + 1
                words = folded[right:b]
                if words and (words[-1] in ORG_SUFFIX or any(
                        w in AGENCY_HEADS or w in OTHER_HEADS for w in words)):
                    return k, right
        return None

    def split_and(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """"Ines Carvalho and Owen Price" is two names, "Bank of America" one."""
        out: list[tuple[int, int]] = []
        folded = self.tk.folded
        for a, b in spans:
            for k in range(a + 2, b - 2):
                if folded[k] in ("and", "&") and (
                        (self.name_like(a, k) and self.name_like(k + 1, b))
                        or (folded[k] == "and" and _ends_institution(folded[k - 1])
                            and b - k > 2)):
                    out += [(a, k), (k + 1, b)]      # "National Wealth Fund and British
                    break                            # Business Bank" are two, too
            else:
                out.append((a, b))
        return out

    def run(self, surnames: dict[str, str]) -> tuple[list[Found], dict[str, list[Span]]]:
        """Found entities, and more mentions (start, end) by bare surname or head, by name."""
        tk = self.tk
        text = tk.text
        found: list[Found] = []
        singles: list[int] = []
        pending: list[tuple[int, int]] = []          # name-like spans without a cue
        person_spans: list[tuple[int, int]] = []

        def add(type_: str, conf: float, a: int, b: int, head: str = "") -> None:
            name = " ".join(text[tk.starts[a]:tk.ends[b - 1]].split())
            if name.isupper() and len(name) > 4:
                name = name.title()
            found.append(Found(name, type_, tk.starts[a], tk.ends[b - 1], conf, head))
            if type_ == "person":
                person_spans.append((a, b))

        for a, b in self.split_and(self.spans()):
            a, b = self.trim(a, b)
            if a >= b or any(s <= tk.starts[a] < e for s, e in self.bad_lines):
                continue
            if b - a == 1:
                singles.append(a)
                if (self.sentence_start(a) and b < len(tk.toks) and tk.toks[b] == ","
                        and not self.dateline(a, b) and self.org_cue(a, b) is None):
                    continue                         # "Elsewhere, ...": an adverb, not a name
            split = self.split_of(a, b)
            if split is not None:
                add("person", max(self.person_cue(a, b), 0.7), a, split[0])
                kind = self.classify(split[1], b)
                if kind:
                    add(kind[0], kind[1], kind[2], kind[3], kind[4])
                continue
            kind = self.classify(a, b)
            if kind is None:
                if self.name_like(a, b):
                    pending.append((a, b))
                continue
            add(*kind[:4], kind[4])
        for a, b in pending:                          # "by Ines Carvalho and Owen Price"
            for pa, pb in person_spans:
                if (pb + 1 == a or b + 1 == pa) and tk.folded[min(pb, b)] in ("and", ","):
                    add("person", 0.7, a, b)
                    break
        heads = {f.head: f.canonical for f in found if f.head and f.type != "person"}
        # "Halcyon lifted its forecast" after "Halcyon Robotics": the short form, not another firm
        found = [f for f in found if heads.get(f.canonical, f.canonical) == f.canonical]
        return found, self.fold(found, singles, surnames)

    def fold(self, found: list[Found], singles: list[int],
             surnames: dict[str, str]) -> dict[str, list[Span]]:
        names = {f.canonical for f in found}
        tails: dict[str, str | None] = {}
        for f in found:
            if f.type == "person":
                key = f.canonical.split()[-1]
                tails[key] = f.canonical if tails.get(key, f.canonical) == f.canonical else None
            elif f.head and f.head not in names and " " not in f.head:
                tails.setdefault(f.head, f.canonical)
        extra: dict[str, list[Span]] = {}
        for a in singles:
            word = self.tk.toks[a]
            target = tails.get(word) or surnames.get(word)
            if target:
                extra.setdefault(target, []).append((self.tk.starts[a], self.tk.ends[a]))
        return extra
