"""An article checked against itself: parallel lists, carried-over units, stated totals.

A parallel list is a run of clauses "X had 150,000 exchanges, Y about 3.4 million, and Z around 13
million": after the first, each clause is an owner and a figure, nothing more. The later figures
take the first one's unit when they have none, and one whose kind or currency differs from its
siblings (a currency sign among counts) is flagged ``unit_mismatch``. A stated total ("over 16
million interactions", "a total of", "in all", "combined", "the three labs") is compared with the
sum of a list in the same sentence, the next two or the one before and flagged ``total_mismatch`` when the sum
cannot be what the total says, its qualifier and the rounding of every number respected.

What it will not do: change a figure's value, unit or owner because of a flag, or compare figures
across articles (that is the stories stage's job).
"""

from __future__ import annotations

import re

from newsdesk.extract.figures_lexicon import TOTAL_CUE, WORD_NUMBERS
from newsdesk.extract.figures_mentions import Mention
from newsdesk.extract.figures_scan import Found

_LEAD = re.compile(r"[\s,;]*(?:(?:and|or|while|but|whereas|with)\s+)?", re.IGNORECASE)
_LINK = re.compile(r"\s*(?:(?:had|has|have|with|at|on|was|were|saw|got|posted|reported|held"
                   r"|made|took|drew|accounted for|for)\s*)?[,:]?\s*", re.IGNORECASE)
_GROUP_NOUN = re.compile(r"\b(?:the|all|those|these)\s+(\w+)\s+[a-z-]+\s*(?:\w+\s+){0,3}$", re.IGNORECASE)


def find_lists(text: str, found: list[Found], sent_of: list[int],
               clause_of: list[tuple[int, int]], mentions: list[Mention]) -> list[list[int]]:
    """Parallel lists as lists of indices into ``found`` (first member first)."""
    groups: list[list[int]] = []
    member_of: dict[int, list[int]] = {}
    for i in range(1, len(found)):
        h = i - 1
        if sent_of[h] != sent_of[i] or clause_of[h][0] >= clause_of[i][0]:
            continue
        c0, fstart = clause_of[i][0], found[i].start
        inside = [m for m in mentions if c0 <= m.start and m.end <= fstart]
        if len(inside) != 1:
            continue
        if h not in member_of and not any(clause_of[h][0] <= m.start and m.end <= found[h].start
                                          for m in mentions):
            continue                                 # the first member names its owner too
        m = inside[0]
        if _LEAD.fullmatch(text, c0, m.start) is None or _LINK.fullmatch(text, m.end,
                                                                        fstart) is None:
            continue
        group = member_of.get(h)
        if group is None:
            group = [h]
            groups.append(group)
            member_of[h] = group
        group.append(i)
        member_of[i] = group
    return groups


def carry_units(found: list[Found], groups: list[list[int]], sent_of: list[int]) -> None:
    """A bare count takes the unit of its list's first member, else of the nearest earlier count
    in its sentence ("19 employees ... about 45", "1.5 trillion parameters, of which 48 billion")."""
    in_group = {i: g for g in groups for i in g}
    for i, f in enumerate(found):
        if f.kind != "count" or f.unit is not None or f.currency or not f.open:
            continue
        g = in_group.get(i)
        if g and g[0] != i:
            if found[g[0]].kind == "count" and not found[g[0]].currency:
                f.unit = found[g[0]].unit
            continue
        for k in range(i - 1, -1, -1):
            if sent_of[k] != sent_of[i]:
                break
            p = found[k]
            if p.kind == "count" and p.unit and not p.currency:
                f.unit = p.unit
                break


def flag_unit_mismatch(found: list[Found], groups: list[list[int]]) -> None:
    for g in groups:
        sigs = [(found[i].kind, found[i].currency) for i in g]
        if len(g) >= 3:
            top = max(set(sigs), key=sigs.count)
            if sigs.count(top) * 2 <= len(g):
                continue
        else:
            top = sigs[0]
        units = [found[i].unit for i in g if found[i].unit]
        top_unit = max(set(units), key=units.count) if units else None
        for i, sig in zip(g, sigs):
            f = found[i]
            odd_unit = (len(g) >= 3 and f.own_unit and top_unit and f.unit != top_unit
                        and units.count(top_unit) == len(units) - 1)
            if (sig != top or odd_unit) and "unit_mismatch" not in f.flags:
                f.flags.append("unit_mismatch")


def flag_total_mismatch(text: str, found: list[Found], groups: list[list[int]],
                        sent_of: list[int], sents: list[tuple[int, int]]) -> None:
    in_group = {i for g in groups for i in g}
    for t, total in enumerate(found):
        if t in in_group or total.kind == "duration":
            continue
        for g in groups:
            first = found[g[0]]
            if not -1 <= sent_of[g[0]] - sent_of[t] <= 2:
                continue
            if (first.kind, first.currency) != (total.kind, total.currency):
                continue
            if not _states_total(text, total, found, g, sents[sent_of[t]]):
                continue
            if _mismatch(total, [found[i] for i in g]):
                total.flags.append("total_mismatch")
            break


def _states_total(text: str, total: Found, found: list[Found], g: list[int],
                  sent: tuple[int, int]) -> bool:
    window = text[max(sent[0], total.start - 40):min(sent[1], total.end + 25)]
    if TOTAL_CUE.search(window):
        return True
    gn = _GROUP_NOUN.search(text, max(sent[0], total.start - 60), total.start)
    if gn:
        word = gn.group(1).lower()
        n = WORD_NUMBERS.get(word) or (int(word) if word.isdigit() else None)
        if n == len(g):
            return True
    owners = {found[i].entity for i in g} - {None}
    before = text[sent[0]:total.start]
    return sum(1 for o in owners if o in before) >= 2


def _mismatch(total: Found, parts: list[Found]) -> bool:
    lo = sum(p.value for p in parts)
    hi = sum(p.value_max or p.value for p in parts)
    slack = sum(_slack(p) for p in parts)
    t_slack = _slack(total)
    if total.qualifier == "lower_bound":
        return hi + slack < total.value
    if total.qualifier == "upper_bound":
        return lo - slack > (total.value_max or total.value)
    return hi + slack < total.value - t_slack or lo - slack > (total.value_max
                                                                or total.value) + t_slack


def _slack(f: Found) -> float:
    """How far the true value may be from the written one: half the place of its last written
    digit when written with a scale word ("16 million" -> 0.5 million, "$13.5m" -> 50,000), 10%
    if approximate, none for "1,500"."""
    half = f.step / 2
    return max(half, 0.1 * abs(f.value)) if f.qualifier == "approximate" else half
