"""A story's figures merged across its articles, and the figures its outlets disagree on.

Reports (one article's ``Figure``) with the same kind, currency, owner and unit (case, plural and
head noun normalised: "fake accounts" ~ "accounts" when owners match) and consistent values --
within rounding ("24,000" / "24,300"), qualifiers ("about 24,000", "over 16 million" / "16.2
million", "up to 10" / "8") or equal ("3.4 million" / "3,400,000") -- are one ``StoryFigure``.

A ``Disagreement`` joins story figures that outlets give for one fact with values nothing
reconciles. Precision over recall: a pair counts only if it spans two outlets (a copy never
disagrees by itself), one owner (an ownerless figure: sentences naming a common entity), values
within 2x (further apart: different facts, total vs active parameters), and the words around the two
numbers, inside their clause, share a content word and the same "forecast"/"total"/"last" markers.

What it will not do: read anything but the articles given, guess a missing owner, or decide which
outlet is right.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsdesk.models import Article, Disagreement, Figure, FigureSource, StoryFigure, article_time

__all__ = ["consistent", "merge_figures", "normalise_unit"]

MAX_RATIO = 2.0          # values further apart than this are different facts, not a dispute
APPROX = 0.10            # "about X" covers X +- 10% (or its rounding, if wider)
ROUNDING_CAP = 0.05      # an exact value's rounding never spans more than +- 5%
WINDOW = 6               # content words read on each side of a number, within its clause

_UNIT_SYNONYMS = {
    "role": "job", "position": "job", "post": "job", "layoff": "job",
    "staff": "employee", "staffer": "employee", "worker": "employee", "headcount": "employee",
    "gw": "gigawatt", "mw": "megawatt", "hr": "hour", "min": "minute", "yr": "year",
}
_NOT_PLURAL = ("ss", "us", "is", "ics")
_CLAUSE = re.compile(r"[,;:()\u2014]|\s(?:and|but|while|whereas|of which|compared with|versus|vs\.?)\s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_STOP = frozenset("""a an the of in on at to for by with from as is are was were be been being it its
their his her they them this that these those which who whom what and or but said says say told
according reported report reports cited citing than more less about around roughly nearly almost
over under up some any each has have had will would could can may might also just only now then
there here into onto across million billion trillion thousand hundred bn mn percent company
companies firm group people person""".split())  # noqa: SIM905
# words that mark which fact a number is: a side with a group the other lacks is a different fact
_MARKERS = {
    "future": "forecast expect expects guidance outlook projected predicts target estimate plans goal",
    "past": "previous prior last earlier ago before former",
    "total": "total overall combined cumulative lifetime all",
    "rate": "annual annualised yearly quarterly monthly weekly daily per",
    "part": "remaining rest additional extra further another",
}


@dataclass(frozen=True)
class _Report:
    fig: Figure
    art: Article
    order: int            # position of the article in time order
    unit: str | None      # normalised unit
    head: str | None      # its head noun
    owner: str | None     # owner, folded to its parent when a parent map was given
    names: frozenset[str]  # canonical entities the sentence names
    context: frozenset[str]
    markers: frozenset[str]


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(_NOT_PLURAL):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word.removesuffix("s")


def normalise_unit(unit: str | None) -> str | None:
    """Lower case, singular words, a few synonyms on the head noun: "Fake Accounts" -> "fake account"."""
    if not unit or not unit.strip():
        return None
    words = [_singular(w) for w in unit.lower().replace("-", " ").split()]
    if words and words[0] != "per":
        words[-1] = _UNIT_SYNONYMS.get(words[-1], words[-1])
    return " ".join(words)


def _stem(word: str) -> str:
    w = word.lower().strip("'-")
    for suffix in ("ing", "ed", "es", "s", "e", "ion"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w[:5]


def _name_words(art: Article) -> frozenset[str]:
    """The words of the article's entity names (canonical and as written), lower case: they say
    who a figure belongs to, not which fact it is."""
    return frozenset(w.lower() for e in art.entities for n in (e.canonical, e.name)
                     for w in n.split())


def _context(fig: Figure, name_words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Content stems around the number, inside its clause, and the fact markers among them."""
    sent = fig.sentence or fig.text
    at = sent.find(fig.text)
    at, end = (0, 0) if at < 0 else (at, at + len(fig.text))
    cuts = [m.start() for m in _CLAUSE.finditer(sent)]
    lo = max([c for c in cuts if c < at], default=-1) + 1
    hi = min([c for c in cuts if c >= end], default=len(sent))
    skip = name_words.union(w.lower() for w in _WORD.findall(fig.text))

    def words(span: str) -> list[str]:
        return [w for w in _WORD.findall(span) if w.lower() not in _STOP and w.lower() not in skip]

    near = words(sent[lo:at])[-WINDOW:] + words(sent[end:hi])[:WINDOW]
    stems = frozenset(_stem(w) for w in near)
    markers = frozenset(g for g, keys in _MARKER_STEMS.items() if stems & keys)
    return stems.difference(*_MARKER_STEMS.values()), markers


_MARKER_STEMS = {g: frozenset(_stem(w) for w in words.split()) for g, words in _MARKERS.items()}


def _name_patterns(art: Article) -> list[tuple[str, re.Pattern[str]]]:
    """(canonical name, a whole-word pattern for one of its forms) for the article's entities."""
    return [(e.canonical, re.compile(rf"(?<!\w){re.escape(form)}(?!\w)"))
            for e in art.entities for form in {e.canonical, e.name} if form]


def _names_in(sentence: str, patterns: list[tuple[str, re.Pattern[str]]]) -> frozenset[str]:
    """The canonical names whose forms the sentence contains."""
    return frozenset(canonical for canonical, p in patterns if p.search(sentence))


def _precision(v: float) -> float:
    """The place of the last significant digit: 24000 -> 1000, 13.5e6 -> 1e5, 1.8 -> 0.1."""
    v = abs(v)
    if v == 0:
        return 1.0
    p = 10.0 ** math.floor(math.log10(v))
    while p > 1e-9 and abs(v / p - round(v / p)) > 1e-6 * max(1.0, v / p):
        p /= 10
    return p


def _interval(f: Figure) -> tuple[float, float]:
    v, top = f.value, f.value_max if f.value_max is not None else f.value
    if f.qualifier == "approximate":
        w = max(APPROX * abs(v), 0.5 * _precision(v))
        return v - w, top + max(APPROX * abs(top), 0.5 * _precision(top))
    if f.qualifier == "lower_bound":
        return v, math.inf
    if f.qualifier == "upper_bound":
        return -math.inf, top
    return v, top


def consistent(a: Figure, b: Figure) -> bool:
    """Can both reports be true of one quantity, given rounding and their qualifiers?"""
    eps = 1e-9 * max(abs(a.value), abs(b.value), 1.0)
    if a.qualifier is None and b.qualifier is None and a.value_max is None and b.value_max is None:
        coarse, fine = (a, b) if _precision(a.value) >= _precision(b.value) else (b, a)
        if abs(coarse.value - fine.value) <= eps:
            return True
        h = min(0.5 * _precision(coarse.value), ROUNDING_CAP * abs(coarse.value))
        return coarse.value - h - eps <= fine.value < coarse.value + h - eps
    (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
    return alo <= bhi + eps and blo <= ahi + eps


def _specific(unit: str | None) -> bool:
    return unit is not None and unit != "%"


def _same_kind(a: _Report, b: _Report) -> bool:
    fa, fb = a.fig, b.fig
    if fa.kind != fb.kind or (fa.kind == "money" and fa.currency != fb.currency):
        return False
    if a.unit == b.unit:
        return a.owner is not None or b.owner is not None or _specific(a.unit)
    per = (a.unit or "").startswith("per ") or (b.unit or "").startswith("per ")
    return not per and _specific(a.unit) and _specific(b.unit) and a.head == b.head


def _same_owner(a: _Report, b: _Report) -> bool:
    if a.owner is None or b.owner is None:       # ownerless figures meet by a specific unit only
        return _specific(a.unit) and _specific(b.unit)
    return a.owner == b.owner or a.owner in b.names or b.owner in a.names


def _same_fact(a: _Report, b: _Report) -> bool:
    """The guards a pair must pass before differing values are called a disagreement."""
    if a.art.copy_of is not None or b.art.copy_of is not None or a.art.source == b.art.source:
        return False
    fa, fb = a.fig, b.fig
    if fa.kind == "count" and not (_specific(a.unit) and _specific(b.unit)):
        return False
    if (a.owner is None or b.owner is None) and (fa.kind in ("duration", "percent")
                                                 or not a.names & b.names):
        return False
    lo, hi = sorted((abs(fa.value), abs(fb.value)))
    if lo == 0 or hi / lo > MAX_RATIO:
        return False
    mods_a, mods_b = set((a.unit or "").split()[:-1]), set((b.unit or "").split()[:-1])
    if mods_a and mods_b and not mods_a & mods_b:
        return False
    return a.markers == b.markers and bool(a.context & b.context)


def _reports(articles: Sequence[Article], parents: Mapping[str, str]) -> list[_Report]:
    timed = sorted(range(len(articles)), key=lambda i: (
        article_time(articles[i]) is None, article_time(articles[i]) or 0,
        articles[i].id if articles[i].id is not None else 0, i))
    out = []
    for order, i in enumerate(timed):
        art = articles[i]
        name_words = _name_words(art)             # per article, not per figure
        patterns = _name_patterns(art)
        for fig in sorted(art.figures, key=lambda f: f.offset):
            unit = normalise_unit(fig.unit)
            owner = parents.get(fig.entity, fig.entity) if fig.entity else None
            context, markers = _context(fig, name_words)
            out.append(_Report(fig, art, order, unit, unit.split()[-1] if unit else None, owner,
                               _names_in(fig.sentence, patterns), context, markers))
    return out


def _source(r: _Report) -> FigureSource:
    f = r.fig
    return FigureSource(value=f.value, text=f.text, source=r.art.source,
                        article_id=r.art.id if r.art.id is not None else -1,
                        qualifier=f.qualifier, value_max=f.value_max, flags=tuple(f.flags))


def _key(r: _Report) -> tuple[str, str | None]:
    return r.fig.kind, r.fig.currency


def _cluster(reports: list[_Report]) -> list[list[_Report]]:
    """Greedy complete-link grouping in story order: a report joins the biggest group all of whose
    members it can be one figure with, else opens its own; one report per article per group."""
    groups: list[list[_Report]] = []
    by_key: dict[tuple[str, str | None], list[int]] = {}
    for r in reports:
        mine = by_key.setdefault(_key(r), [])
        fits = [k for k in mine if all(m.art is not r.art and _same_kind(m, r) and _same_owner(m, r)
                                       and consistent(m.fig, r.fig) for m in groups[k])]
        if fits:
            groups[max(fits, key=lambda k: (len({m.art.source for m in groups[k]}), -k))].append(r)
        elif not any(r.art is m.art and m.fig.value == r.fig.value and _same_kind(m, r)
                     for k in mine for m in groups[k]):
            mine.append(len(groups))
            groups.append([r])
    return groups


def _story_figure(g: list[_Report]) -> StoryFigure:
    outlets: dict[float, set[str]] = {}
    for r in g:
        outlets.setdefault(r.fig.value, set()).add(r.art.source)
    best = max(outlets, key=lambda v: len(outlets[v]))   # ties: the first reported (dict order)
    first = next(r for r in g if r.fig.value == best)
    owners = [r.fig.entity for r in g if r.fig.entity]
    units = [r.fig.unit for r in g if r.fig.unit]
    return StoryFigure(entity=owners[0] if owners else None, unit=units[0] if units else None,
                       kind=first.fig.kind, currency=first.fig.currency, value=best,
                       text=first.fig.text, sources=tuple(_source(r) for r in g))


def _disputed(groups: list[list[_Report]]) -> list[list[int]]:
    """Groups some cross-outlet pair of reports says are one fact with irreconcilable values,
    joined into connected components (each sorted, in order of their first group)."""
    label = list(range(len(groups)))

    def root(k: int) -> int:
        while label[k] != k:
            k = label[k]
        return k

    span = [(min(abs(r.fig.value) for r in g), max(abs(r.fig.value) for r in g)) for g in groups]
    linked = set()
    for i, a in enumerate(groups):
        for j in range(i + 1, len(groups)):
            b = groups[j]
            if span[i][0] > MAX_RATIO * span[j][1] or span[j][0] > MAX_RATIO * span[i][1]:
                continue                              # too far apart to be one fact
            if _key(a[0]) == _key(b[0]) and any(
                    _same_fact(x, y) and _same_kind(x, y) and _same_owner(x, y)
                    and not consistent(x.fig, y.fig) for x in a for y in b):
                ri, rj = root(i), root(j)
                label[max(ri, rj)] = min(ri, rj)
                linked.update((i, j))
    comps: dict[int, list[int]] = {}
    for k in sorted(linked):
        comps.setdefault(root(k), []).append(k)
    return [comps[r] for r in sorted(comps)]


def merge_figures(articles: Sequence[Article], *, parents: Mapping[str, str] | None = None,
                  ) -> tuple[tuple[StoryFigure, ...], tuple[Disagreement, ...]]:
    """The story's figures (most outlets first, then first reported) and its disagreements.

    ``parents`` optionally folds an owner into its parent (the knowledge file's ``parent``:
    "Mark Zuckerberg" -> "Meta") so a figure owned by a person and one owned by their company meet.
    """
    groups = _cluster(_reports(articles, parents or {}))
    groups.sort(key=lambda g: (-len({r.art.source for r in g}), g[0].order, g[0].fig.offset))
    figures = [_story_figure(g) for g in groups]
    disputes = []
    for comp in _disputed(groups):
        values = sorted((s for k in comp for s in figures[k].sources),
                        key=lambda s: (s.value, s.source, s.article_id))
        disputes.append(Disagreement(entity=figures[comp[0]].entity, unit=figures[comp[0]].unit,
                                     values=tuple(values)))
    return tuple(figures), tuple(disputes)
