"""Figures: every quantity in an article with its meaning, owner and self-consistency flags.

``tag_figures(text, entities)`` returns one ``Figure`` per quantity -- counts, money, percentages,
durations and measures -- normalised (3.4 million -> 3400000, "$13.5m" -> 13500000 USD, "three" ->
3), with its unit or counted noun, currency, qualifier (approximate, lower_bound, upper_bound),
range end, the sentence it is in and the entity it belongs to. Years, dates, times, ordinals, phone
numbers, versions and model names ("GPT-4", "Llama-3-70B", "Claude Opus 4") are recognised and
left out. Two checks of the article against itself add flags without changing any figure:
``unit_mismatch`` (a sibling of a parallel list in a different unit) and ``total_mismatch`` (a
stated total its listed parts cannot add up to).

It is the cheap part of extraction: one regex pass for quantities, one for the spans that only look
numeric, sentences split once, and a few dozen characters read around each number; no model, no
network, no state. Given the same text and tags it always returns the same figures.

What it will not do: compare figures across articles (stories does, to show disagreements), read
tables, or resolve "it" beyond the sentence before.

Modules: ``figures_lexicon`` (words and patterns), ``figures_scan`` (quantities),
``figures_nouns`` (counted nouns), ``figures_mentions`` (where entities are named),
``figures_owners`` (sentences, clauses, owners), ``figures_checks`` (lists, carried units, flags).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsdesk.extract.figures_checks import (carry_units, find_lists, flag_total_mismatch,
                                             flag_unit_mismatch)
from newsdesk.extract.figures_context import non_figure_spans
from newsdesk.extract.figures_mentions import Mention, find_mentions
from newsdesk.extract.figures_owners import (HE_OPENS, IT_OPENS, THING_OPENS, About, clause_index,
                                             clause_starts, owner_of, sentences)
from newsdesk.extract.figures_scan import Found, scan
from newsdesk.models import EntityTag, Figure

__all__ = ["non_figure_spans", "tag_figures"]


def tag_figures(text: str, entities: Sequence[EntityTag] = ()) -> list[Figure]:
    """Every figure in ``text``, sorted by offset. ``entities`` are the article's tags."""
    found = scan(text)
    if not found:
        return []
    sents = sentences(text) or [(0, len(text))]
    sent_starts = [s for s, _ in sents]
    sent_of = [max(0, bisect.bisect_right(sent_starts, f.start) - 1) for f in found]
    wanted = sorted({i for si in sent_of for i in (si - 1, si, si + 1, si + 2) if 0 <= i < len(sents)})
    mentions = find_mentions(text, entities, [sents[i] for i in wanted])

    cuts_of: dict[int, list[int]] = {}
    clause_of: list[tuple[int, int]] = []
    subjects = _subjects(text, sents, mentions)
    first_owner: dict[int, str] = {}
    last_end: dict[int, int] = {}                    # sentence -> end of its latest figure
    lead = _lead_org(mentions, sents)
    things = {m.canonical for m in mentions if m.thing or m.kind == "place"}  # never "it"
    prev_si, prev = -1, About(None, None, None)
    for f, si in zip(found, sent_of):
        cuts = cuts_of.get(si)
        if cuts is None:
            cuts = cuts_of[si] = clause_starts(text, sents[si], mentions)
        ci = clause_index(cuts, f.start)
        clause_of.append((cuts[ci], cuts[ci + 1] if ci + 1 < len(cuts) else sents[si][1]))
        if si != prev_si:        # what the sentence before was about: fixed within a sentence
            prev_si, prev = si, subjects[si - 1] if si else About(None, None, None)
            if si - 1 in first_owner:
                prev = prev._replace(org=first_owner[si - 1])
            if "\n" in text[sents[si - 1][1] if si else 0:sents[si][0]]:
                prev = prev._replace(topic=None)
        before = last_end.get(si, -1)
        last_end[si] = f.end
        f.entity = owner_of(text, max(f.start, cuts[0]), f.end, sents[si], cuts, mentions, prev,
                            f.kind, before, lead)
        if f.entity and si not in first_owner and f.entity not in things:
            first_owner[si] = f.entity

    groups = find_lists(text, found, sent_of, clause_of, mentions)
    carry_units(found, groups, sent_of)
    flag_unit_mismatch(found, groups)
    flag_total_mismatch(text, found, groups, sent_of, sents)
    return [_freeze(text, f, sents[si]) for f, si in zip(found, sent_of)]


def _subjects(text: str, sents: list[tuple[int, int]], mentions: list[Mention]) -> list[About]:
    """What each sentence is about, for the sentence after it to refer back to: the organisation
    and the person (its first mention of each that is not a place, an aside only when nothing
    else; "It ..." / "She ..." keep the sentence before's), and the topic of its paragraph (the
    last organisation that acted in it, never one that only reported)."""
    out: list[About] = []
    k = 0
    org: str | None = None
    person: str | None = None
    topic: str | None = None
    last_end = 0
    thing: str | None = None
    it_thing = False
    for s0, s1 in sents:
        first_org = first_person = reporter = aside = first_thing = None
        while k < len(mentions) and mentions[k].start < s1:
            m = mentions[k]
            if m.start >= s0 and m.thing and first_thing is None:
                first_thing = (m.canonical, _word_start(text, s0, m.start))
            if m.start >= s0 and m.rank < 2 and not m.thing and m.kind != "place":
                if m.person:
                    first_person = first_person or m.canonical
                elif m.aside:
                    aside = aside or m.canonical
                elif m.rank == 0:
                    first_org = first_org or m.canonical
                else:
                    reporter = reporter or m.canonical
            k += 1
        if "\n" in text[last_end:s0]:
            topic = None                             # a new paragraph, a new topic
        it = bool(org and IT_OPENS.match(text, s0))
        topic = org if it else first_org or topic
        if not it:
            org = first_org or reporter or aside or org
        if not (person and HE_OPENS.match(text, s0)):
            person = first_person or person
        opens_thing = bool(thing and (THING_OPENS.match(text, s0) or it_thing and it))
        if not opens_thing:                          # "Google released Gemini 3 Pro"
            thing = first_thing[0] if first_thing is not None else None
        it_thing = bool(thing) and (opens_thing or first_thing is not None and first_thing[1] == s0)
        out.append(About(org, person, topic, thing, it_thing))
        last_end = s1
    return out


def _word_start(text: str, s0: int, p: int) -> int:
    """``s0`` when only quotes, "The" or a possessive name stand before ``p`` in its sentence
    ("The new Gemini 3 Pro", "Meta's Llama 4"): then the thing is what the sentence is about."""
    head = text[s0:p].strip(" \"“")
    return s0 if not head or _OPENER.fullmatch(head) else p


_OPENER = re.compile(r"(?:The|the|[A-Z][\w.-]*(?: [A-Z][\w.-]*)*['’]s)(?: new| latest)?")


def _lead_org(mentions: list[Mention], sents: list[tuple[int, int]]) -> str | None:
    """The organisation the article is about: named in its first two sentences and more often
    than any other organisation in it (ties to the first named)."""
    if not sents:
        return None
    lead_end = sents[min(1, len(sents) - 1)][1]
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in mentions:
        if m.rank < 2 and not m.person and not m.thing and not (
                m.rank == 1 and m.kind in ("agency", "other")):  # a statistics office reports
            counts[m.canonical] = counts.get(m.canonical, 0) + 1
            first.setdefault(m.canonical, m.start)
    early = [c for c in counts if first[c] < lead_end]
    if not early:
        return None
    best = max(counts, key=lambda c: (counts[c], -first[c]))
    return best if best in early else None


def _freeze(text: str, f: Found, sent: tuple[int, int]) -> Figure:
    return Figure(text=text[f.start:f.end], value=f.value, unit=f.unit, currency=f.currency,
                  qualifier=f.qualifier, value_max=f.value_max, kind=f.kind, entity=f.entity,
                  sentence=text[sent[0]:sent[1]].strip(), offset=f.start, flags=tuple(f.flags))
