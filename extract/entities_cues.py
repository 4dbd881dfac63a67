"""The cues around a capitalised span that say what kind of entity it is, if any.

Each method looks at the tokens just before and after a span [a, b) of a tokenised text and
returns a confidence (0.0: no cue) or a (type, confidence) pair; ``entities_discover`` decides
which cue wins. The words they look for live in ``entities_words``. Nothing here looks at the
span's own words beyond "is it shaped like a person's name".
"""

from __future__ import annotations

from newsdesk.extract.entities_index import Tokens
from newsdesk.extract.entities_words import (
    AGENCY_HEADS,
    BY_VERBS,
    COMMON,
    EMPLOYEE_WORDS,
    MONTHS_DAYS,
    ORG_DESCRIPTORS,
    ORG_PARTS,
    ORG_POSSESSED,
    OTHER_HEADS,
    PERSON_NOUNS,
    PERSON_TITLES,
    PLACE_BEFORE,
    PLACE_OF,
    PLACE_SUFFIX,
    SPEECH,
    WHO_VERBS,
)

_SENTENCE_END = frozenset('.!?:;"“”(')
_ROLES = PERSON_TITLES | EMPLOYEE_WORDS
_NOT_NAME = COMMON | PERSON_TITLES | AGENCY_HEADS | OTHER_HEADS | MONTHS_DAYS
_NOUN_ENDS = frozenset(", . ; who of at for in and from with".split())
_VERB_AFTER = SPEECH | frozenset("is was has had will would plans expects".split())
PARTICLES = frozenset("van den der von de du da di le la bin al".split())


class Cues:
    """Cue tests over one tokenised text."""

    def __init__(self, tk: Tokens) -> None:
        self.tk = tk

    def sentence_start(self, i: int) -> bool:
        tk = self.tk
        if i == 0 or not tk.gap_ok(i):
            return True
        prev = tk.toks[i - 1]
        if prev in _SENTENCE_END:
            return not (prev == "." and i >= 2 and tk.folded[i - 2] in PERSON_TITLES)
        return False

    # -- cues ---------------------------------------------------------------------------------

    def name_like(self, a: int, b: int) -> bool:
        toks, folded = self.tk.toks, self.tk.folded
        core = [k for k in range(a, b) if folded[k] not in PARTICLES]
        return 2 <= len(core) <= 3 and all(
            toks[k].isalpha() and not toks[k].isupper() and folded[k] not in _NOT_NAME
            for k in core)

    def person_cue(self, a: int, b: int) -> float:
        folded = self.tk.folded
        n = len(folded)
        before = folded[a - 1] if a >= 1 else ""
        if before == "." and a >= 2:
            before = folded[a - 2]
        if before in PERSON_TITLES:
            return 0.8
        after = folded[b] if b < n else ""
        if before in SPEECH or after in SPEECH or after == "described":
            return 0.75
        if a >= 2 and folded[a - 2:a] == ["according", "to"]:
            return 0.7
        if before == "by" and any(w in BY_VERBS for w in folded[max(0, a - 5):a - 1]):
            return 0.7
        if before == "," and a >= 2 and folded[a - 2] in PERSON_TITLES:
            return 0.75                                  # "Redline's researcher, Marta Kowalczyk"
        if after == ",":
            window = folded[b + 1:b + 7]
            if any(w in PERSON_TITLES for w in window) or (window and window[0] in SPEECH):
                return 0.75
            if len(window) >= 2 and window[0] == "who" and window[1] in WHO_VERBS:
                return 0.75
        if after == "as" and any(w in PERSON_TITLES for w in folded[b + 1:b + 4]):
            return 0.7                                   # "hired Priya Raman as chief scientist"
        if after in ("was", "is", "has", "had", "became") and any(
                w in PERSON_TITLES for w in folded[b + 1:b + 5]):
            return 0.7
        return 0.0

    def org_cue(self, a: int, b: int) -> tuple[str, float] | None:
        tk = self.tk
        toks, folded = tk.toks, tk.folded
        n = len(toks)
        before = folded[a - 1] if a >= 1 else ""
        if before == "up" and a >= 2 and folded[a - 2] == "start":
            before = "start-up"                         # "search start-up Findwell"
        if before in ORG_DESCRIPTORS and before not in ("group", "business", "unit"):
            return ORG_DESCRIPTORS[before], 0.65
        if before == "at" and any(w in _ROLES for w in folded[max(0, a - 6):a - 1]):
            return "company", 0.6
        if before == "of" and a >= 2 and (folded[a - 2] in PERSON_TITLES
                                           or folded[a - 2] in ORG_PARTS):
            return "company", 0.6
        if b + 1 < n and folded[b] == "," and folded[b + 1] in ("a", "an", "the"):
            window = folded[b + 2:b + 10]               # "Auralis, the Danish audio company"
            for k, w in enumerate(window):              # ("start-up" is two tokens)
                nxt = window[k + 2 if w == "start" else k + 1:][:1]
                if w in ORG_DESCRIPTORS or (w == "start" and window[k + 1:k + 2] == ["up"]):
                    if nxt and nxt[0] in _VERB_AFTER:
                        break                           # "Elsewhere, the company said"
                    return ORG_DESCRIPTORS.get(w, "company"), 0.65
                if w in (",", ".", ";", "who", "that", "which") or w in PERSON_TITLES \
                        or (w in PERSON_NOUNS and (not nxt or nxt[0] in _NOUN_ENDS)):
                    break                               # "a customer, ..." not "customer-support"
        if b + 2 < n and toks[b] == "'" and folded[b + 1] == "s" and any(
                w in ORG_POSSESSED for w in folded[b + 2:b + 4]):
            return "company", 0.6
        if b < n and folded[b] in ("shares", "stock"):
            return "company", 0.6
        if b - a == 1 and b + 1 < n and folded[b + 1] in ("it", "its") and (
                folded[b] in SPEECH or (folded[b].endswith("ed") and len(folded[b]) > 4)
        ) and not self.named_person_before(a):
            return "company", 0.6                       # "Workday said it", "Advantest lifted its"
        if b + 2 < n and folded[b] == "," and folded[b + 1] == "which" and self.sentence_start(a):
            return "company", 0.55                      # "Voltline, which rents out GPUs, ..."
        if self.outlet(a, b):
            return "company", 0.7
        if toks[a] == "The" and b - a >= 2 and not self.sentence_start(a):
            return "company", 0.55
        return None

    def named_person_before(self, a: int) -> bool:
        """Token ``a`` was the surname of a full name earlier ("Priya Raman ... Raman said it")."""
        tk = self.tk
        word = tk.toks[a]
        return any(tk.toks[k] == word and k and tk.toks[k - 1][:1].isupper()
                   and tk.toks[k - 1].isalpha() and tk.gap_ok(k) for k in range(a))

    def place_cue(self, a: int, b: int) -> float:
        tk = self.tk
        folded = tk.folded
        n = len(folded)
        if b - a >= 2 and folded[b - 1] in PLACE_SUFFIX:
            return 0.7
        if b < n and tk.joined[b] and folded[b] == "based":
            return 0.7
        before = folded[a - 1] if a >= 1 else ""
        if before in PLACE_BEFORE:
            return 0.65
        if before == "in" and a >= 2 and folded[a - 2] in ("based", "headquartered"):
            return 0.7
        if before == "of" and a >= 2 and folded[a - 2] in PLACE_OF:
            return 0.65
        if self.dateline(a, b):
            return 0.8
        return 0.0

    def dateline(self, a: int, b: int) -> bool:
        tk = self.tk
        if not (a == 0 or "\n" in tk.text[tk.ends[a - 1]:tk.starts[a]]):
            return False
        if not all(t.isupper() for t in tk.toks[a:b]):
            return False
        return b + 1 < len(tk.toks) and tk.toks[b] == "," and tk.folded[b + 1] in MONTHS_DAYS

    def outlet(self, a: int, b: int) -> bool:
        """The outlet of a wire dateline: "LONDON, Nov 20 (Meridian Wire) - ..."."""
        tk = self.tk
        toks = tk.toks
        if a < 3 or b >= len(toks) or toks[a - 1] != "(" or toks[b] != ")":
            return False
        k = a - 2
        while k > 0 and toks[k].isdigit():
            k -= 1
        return tk.folded[k] in MONTHS_DAYS and "\n" not in tk.text[tk.starts[k]:tk.ends[b]]
