"""Aliases compiled into a token dictionary, and the one pass over a text that finds them.

Why tokens and not one big regex: Python's ``re`` tries an alternation of two thousand aliases one
branch at a time, and a regex cannot say "case-sensitive for this alias, not that one". The text is
split once into tokens (a word, a dotted number such as "4.1" or "Qwen2.5", or one punctuation
mark); a hyphen between two words is dropped and remembered, so "Anthropic-backed" gives Anthropic,
backed and "GPT-4o-mini" matches the alias "GPT-4o mini"; an apostrophe is its own token, so
"Claude's" and "OpenAI’s" give Claude and OpenAI. Each token's lowercased form looks up the aliases
that start with it, longest first, so word boundaries come free ("Meta" is not in "metadata") and
"GPT-4o" never reads as "GPT-4" (the token "4o" is not "4").

Case: an alias is matched ignoring case only when it is distinctive (four characters or more, with
a digit or a capital inside: "DeepSeek", "GPT-4o", "iPhone"); every other alias is matched as
written or in capitals ("Claude", "CLAUDE", never "claude"; "Apple", never "apple").

Versions: each listed model name with a version ("Claude Opus 4", "Qwen3", "DeepSeek-R1") leaves
a stem ("Claude Opus", "Qwen", "DeepSeek") that, followed by a version the file does not list,
still gives a model: "Claude Opus 4.7" -> canonical "Claude Opus 4.7", spelt as the family spells
it, its family known. A listed versioned name followed by a variant word ("GPT-5 Pro") is that
variant. What this module does not do: decide between two entities sharing an alias (the caller's
context rule does), or find entities the file does not list (``entities_discover``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.errors import ConfigError
from newsdesk.extract.entities_words import MODEL_VARIANTS, UNIT_WORDS

if TYPE_CHECKING:
    from newsdesk.extract.entities_knowledge import Knowledge

# a word, a dotted number ("4.1", "Qwen2.5"), or one punctuation mark; a hyphen between a word and
# the next (no space after it) is no token: "Anthropic-backed" -> Anthropic, backed
TOKEN = re.compile(r"\w++(?:\.\d++)*+\w*+|[^\w\s-]|-(?!\w)|(?<!\S)-")
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-"})
VERSION = re.compile(r"(?:[A-Za-z]?\d{1,3}(?:\.\d{1,2})*[A-Za-z]{0,2}|\d+(?:\.\d+)?[BbMmKkTt]"
                     r"|\d+x\d+[Bb])\Z")
_GLUED = re.compile(r"([A-Za-z]{3,})(\d{1,3}(?:\.\d{1,2})*[a-z]{0,2})\Z")
_SPACED_VARIANTS = frozenset({"mini", "nano"})


@dataclass(slots=True)
class Tokens:
    """A text split once: tokens, their lowercased forms and offsets, and which follow a tight
    hyphen."""

    text: str
    toks: list[str]
    folded: list[str]
    starts: list[int]
    ends: list[int]
    joined: list[bool]

    def gap_ok(self, j: int) -> bool:
        """Token j follows token j-1 on the same line with only spaces or a hyphen between."""
        return "\n" not in self.text[self.ends[j - 1]:self.starts[j]]


def tokenize(text: str) -> Tokens:
    text = text.translate(_FOLD)
    matches = list(TOKEN.finditer(text))
    toks = [m.group() for m in matches]
    starts = [m.start() for m in matches]
    joined = [s > 1 and text[s - 1] == "-" and not text[s - 2].isspace() for s in starts]
    return Tokens(text, toks, [t.lower() for t in toks], starts, [m.end() for m in matches],
                  joined)


def alias_tokens(alias: str) -> list[str]:
    return tokenize(alias).toks


def distinctive(alias: str) -> bool:
    """Safe to match ignoring case: long enough, and a digit or an inner capital marks it."""
    if len(alias) < 4 or alias.isupper():
        return False
    return any(c.isdigit() for c in alias) or any(
        c.isupper() for word in alias.split() for c in word[1:])


@dataclass(frozen=True, slots=True)
class Stem:
    canonical: str        # the family's spelling of the stem: "Claude Opus"
    sep: str              # what the canonical puts before the version: " ", "-" or ""
    family: str | None


@dataclass(slots=True)
class Group:
    """Everything one alias key (its lowercased tokens) leads to."""

    folded: list[str]
    exacts: set[tuple[str, ...]] = field(default_factory=set)
    uppers: set[tuple[str, ...]] = field(default_factory=set)
    insensitive: bool = False
    names: list[str] = field(default_factory=list)   # canonical names, file order
    check: bool = False                              # context decides (shared or ambiguous)
    versioned: bool = False                          # a variant word may extend it
    stem: Stem | None = None
    short: bool = False                              # one character: never hyphen-joined

    def case_ok(self, toks: list[str], i: int) -> bool:
        if self.insensitive:
            return True
        span = tuple(toks[i:i + len(self.folded)])
        return span in self.exacts or (span in self.uppers and all(t.isupper() for t in span))


def _version_split(tokens: list[str]) -> int:
    """Index of the first version token after the first token, or 0."""
    for k in range(1, len(tokens)):
        if VERSION.match(tokens[k]) and any(c.isdigit() for c in tokens[k]):
            return k
    return 0


class AliasIndex:
    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.groups: dict[tuple[str, ...], Group] = {}
        self.glued: dict[str, Stem] = {}
        self.stem_families: dict[str, str] = {}      # folded stem canonical -> family
        for entity in knowledge.entities.values():
            for form in entity.surface_forms:
                self._add_alias(entity, form)
            if entity.type == "model":
                for form in entity.surface_forms:
                    self._add_stem(entity, form)
        self._check_collisions()
        # first token -> (second token -> groups to try, longest first; groups when no second
        # token fits): "the" starts a dozen aliases, and only the next word tells which to try
        by_first: dict[str, list[Group]] = {}
        for key, group in self.groups.items():
            by_first.setdefault(key[0], []).append(group)
        self.first: dict[str, tuple[dict[str, list[Group]], list[Group]]] = {}
        for word, groups in by_first.items():
            alone = [g for g in groups if len(g.folded) == 1]
            by_second: dict[str, list[Group]] = {}
            for g in groups:
                if len(g.folded) > 1:
                    by_second.setdefault(g.folded[1], []).append(g)
            for longer in by_second.values():
                longer.sort(key=lambda g: -len(g.folded))
                longer.extend(alone)
            self.first[word] = (by_second, alone)

    def _group(self, toks: list[str]) -> Group:
        key = tuple(t.lower() for t in toks)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = Group(folded=list(key))
        return group

    def _add_alias(self, entity, form: str) -> None:
        toks = alias_tokens(form)
        if not toks:
            return
        group = self._group(toks)
        group.exacts.add(tuple(toks))
        group.uppers.add(tuple(t.upper() for t in toks))
        group.insensitive = group.insensitive or distinctive(form)
        group.short = group.short or len(form) == 1
        if entity.name not in group.names:
            group.names.append(entity.name)
        if form in entity.ambiguous:
            group.check = True
        if entity.type == "model" and (_version_split(toks) or (
                len(toks) == 1 and VERSION.match(toks[0]))):
            group.versioned = True

    def _add_stem(self, entity, form: str) -> None:
        toks = alias_tokens(form)
        canon_toks = tokenize(entity.name)
        glued = _GLUED.match(toks[0]) if len(toks) == 1 else None
        k = _version_split(toks)
        ck = _version_split(canon_toks.toks)
        if ck:
            canon_stem = entity.name[:canon_toks.starts[ck]].rstrip(" -")
            sep = entity.name[len(canon_stem):canon_toks.starts[ck]]
        else:
            canon_glued = _GLUED.match(entity.name)
            if not canon_glued:
                return
            canon_stem, sep = canon_glued.group(1), ""
        alias_stem = toks[:k] if k else [glued.group(1)] if glued else []
        if [t.lower() for t in alias_stem] != [
                t.lower() for t in alias_tokens(canon_stem)][-len(alias_stem):]:
            return                     # "Sonnet 3.5" for "Claude 3.5 Sonnet": no stem to learn
        family = entity.family or (canon_stem if canon_stem in self.knowledge.entities else None)
        stem = Stem(canon_stem, sep, family)
        if family:
            self.stem_families.setdefault(canon_stem.lower(), family)
        if glued:
            self.glued.setdefault(glued.group(1).lower(), stem)
        elif k:
            stem_toks = toks[:k]
            stem_text = " ".join(stem_toks)
            group = self._group(stem_toks)
            if group.stem is None:
                group.stem = stem
            group.exacts.add(tuple(stem_toks))
            group.uppers.add(tuple(t.upper() for t in stem_toks))
            if not group.names:
                group.insensitive = distinctive(stem_text)

    def _check_collisions(self) -> None:
        entities = self.knowledge.entities
        for group in self.groups.values():
            if len(group.names) < 2:
                continue
            users = [n for n in group.names if n in self.knowledge.user_names]
            if users and len(users) < len(group.names):
                group.names = users
                if len(users) == 1:
                    continue
            bare = [n for n in group.names if not entities[n].disambiguated]
            if len(bare) > 1:
                where = ", ".join(f"{n!r} ({entities[n].source})" for n in group.names)
                raise ConfigError(f"entities: alias {' '.join(group.folded)!r} names {where}; give "
                                  "all but one of them 'context' words to tell them apart")
            group.check = True

    # -- matching helpers ---------------------------------------------------------------------

    def version_tail(self, tk: Tokens, j: int) -> int:
        """End (exclusive) of a version and its variant words starting at token j, or j."""
        toks = tk.toks
        n = len(toks)
        if j >= n or not tk.gap_ok(j):
            return j
        tok = toks[j]
        if not VERSION.match(tok) or not any(c.isdigit() for c in tok):
            return j
        if tok.isdigit() and j + 1 < n:
            nxt = tk.folded[j + 1]
            if nxt in UNIT_WORDS or nxt == "%" or (
                    nxt in {",", "."} and j + 2 < n and tk.starts[j + 1] == tk.ends[j]
                    and toks[j + 2].isdigit()):
                return j
        return self.variant_tail(tk, j + 1)

    @staticmethod
    def variant_tail(tk: Tokens, j: int) -> int:
        toks = tk.toks
        n = len(toks)
        while j < n and tk.gap_ok(j):
            tok = toks[j]
            if tok in MODEL_VARIANTS and (tok[0].isupper() or tk.joined[j]
                                          or tok in _SPACED_VARIANTS):
                j += 1
            elif tk.joined[j] and VERSION.match(tok) and tok[-1] in "bBmM" and tok[0].isdigit():
                j += 1                                   # a size: "-70B"
            else:
                break
        return j

    def listed_model(self, name: str) -> str | None:
        """The listed model a name spells, whatever its case and hyphens."""
        group = self.groups.get(tuple(t.lower() for t in alias_tokens(name)))
        if group is not None:
            for listed in group.names:
                if self.knowledge.entities[listed].type == "model":
                    return listed
        return None

    def derived(self, stem: Stem, tail: str) -> tuple[str, bool]:
        """Canonical name for a stem and the version after it; True when the file lists it."""
        name = f"{stem.canonical}{stem.sep}{' '.join(tail.split())}"
        listed = self.listed_model(name)
        return (listed, True) if listed else (name, False)

    def glued_stem(self, folded: str) -> tuple[Stem, str] | None:
        m = _GLUED.match(folded)
        if m is None:
            return None
        stem = self.glued.get(m.group(1))
        return (stem, m.group(2)) if stem is not None else None

    def family_of(self, canonical: str) -> str | None:
        toks = tokenize(canonical)
        k = _version_split(toks.toks)
        if k:
            return self.stem_families.get(canonical[:toks.starts[k]].rstrip(" -").lower())
        m = _GLUED.match(canonical)
        return self.stem_families.get(m.group(1).lower()) if m else None
