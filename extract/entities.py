"""Who an article is about: every entity it names, folded into one tag each, offline.

``tag_entities(text, title)`` finds the labs, companies, models, people, government bodies and
places of the knowledge file (``data/entities_*.toml`` plus the user's ``[entities] extra_files``)
by their aliases, and entities the file does not know by the cues around them (they come back with
``known=False`` and a confidence below 1.0, for the user to promote). It is pure and deterministic;
the index is built once per process on first use (worker processes build their own).

Rules, in the order they apply:

* aliases match whole tokens, longest first, case-sensitively unless distinctive
  (``entities_index`` says which); possessives ("OpenAI's") and hyphenated compounds
  ("Anthropic-backed") match their entity;
* a listed model version is itself ("GPT-4o", not "GPT-4"); an unlisted version of a known family
  ("Llama 4.7") is a model named as its family spells it, ``known=False``, confidence 0.9;
* an alias that names two entities, or is marked ambiguous ("Gemini" the model or the exchange,
  "Mistral" or the wind, "Amazon" the company or the rainforest), is decided by the entities'
  context words in the article, counted twice within 25 tokens of the mention; on a tie the
  entity without context words (the usual reading) wins; an entity with ``require_context`` needs
  at least one supporting word;
* a known person's bare surname, after the full name, counts as another mention.

Offsets are character offsets into ``text``. Title mentions count; an entity named only in the
title has ``first_offset == -1``. Tags are sorted by first offset, then name. What it will not do:
resolve pronouns or descriptions ("the chipmaker"), or read demonyms as places ("Chinese").
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from newsdesk.errors import ConfigError
from newsdesk.extract.entities_discover import Discoverer
from newsdesk.extract.entities_index import AliasIndex, Group, Tokens, tokenize
from newsdesk.extract.entities_knowledge import Entity, Knowledge, merge, read_file, read_shipped
from newsdesk.extract.entities_words import COMMON, MODEL_VARIANTS, PRODUCT_WORDS
from newsdesk.models import EntityTag

__all__ = ["Entity", "Knowledge", "load_knowledge", "tag_entities"]

WINDOW = 25                 # tokens either side of a mention that count double as context
UNLISTED_VERSION = 0.9      # confidence of a model version the file does not list
PRODUCT_CONFIDENCE = 0.8    # a known model family and a product word: "Gemini Agent"


@lru_cache(maxsize=1)
def _shipped() -> tuple[Entity, ...]:
    return tuple(read_shipped())


@lru_cache(maxsize=8)
def _load(keys: tuple[tuple[str, int, int], ...]) -> Knowledge:
    return merge(_shipped(), [read_file(Path(path)) for path, _, _ in keys])


def load_knowledge(extra_files: Sequence[Path | str] = ()) -> Knowledge:
    """The shipped knowledge plus the user's files, later files overriding earlier entries.

    Cached per process by path, size and modification time, so calling it for every article is
    cheap and an edited user file is read again. A missing or bad user file is a ConfigError that
    names the file and the entry.
    """
    keys = []
    for raw in extra_files:
        path = Path(raw).expanduser()
        try:
            st = os.stat(path)
        except OSError as exc:
            raise ConfigError(f"entities: cannot read {path}: {exc.strerror or exc}") from exc
        keys.append((str(path), st.st_size, st.st_mtime_ns))
    knowledge = _load(tuple(keys))
    knowledge.index  # noqa: B018 -- build now, so alias collisions surface as a ConfigError here
    return knowledge


class _Context:
    """The article's words, for deciding ambiguous aliases; computed only when one turns up."""

    def __init__(self, *parts: Tokens) -> None:
        self.parts = parts
        self._words: set[str] | None = None

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._words = {w for part in self.parts for w in part.folded}
        return self._words


def _choose(idx: AliasIndex, group: Group, tk: Tokens, i: int, ctx: _Context) -> str | None:
    entities = idx.knowledge.entities
    near = set(tk.folded[max(0, i - WINDOW):i + len(group.folded) + WINDOW])
    words = ctx.words
    best: tuple | None = None
    for order, name in enumerate(group.names):
        entity = entities[name]
        pos = sum((w in words) + (w in near) for w in entity.context)
        neg = sum((w in words) + (w in near) for w in entity.anti_context)
        score = pos - neg
        if score < 0 or (score == 0 and entity.require_context):
            continue
        key = (score, not entity.require_context, not entity.disambiguated, -order)
        if best is None or key > best[0]:
            best = (key, name)
    return best[1] if best else None


_PLACE_QUALIFIERS = frozenset("north south east west northern southern eastern western central "
                              "upper lower greater new old mainland coastal rural urban".split())


def _ends_other_name(idx: AliasIndex, tk: Tokens, i: int) -> bool:
    """A one-word place right after a capitalised word that is no known alias, mid-sentence, is
    the end of some other name ("Fermi America"), unless that word only qualifies the place
    ("Northern California")."""
    k = i - 1
    toks, folded = tk.toks, tk.folded
    if not (k >= 0 and toks[k][:1].isupper() and toks[k].isalpha() and not toks[k].isupper()
            and tk.gap_ok(i) and folded[k] not in _PLACE_QUALIFIERS
            and folded[k] not in idx.first and folded[k] not in COMMON):
        return False
    if k == 0 or toks[k - 1] in '.!?"“(' or not tk.gap_ok(k):     # a sentence's first word:
        return not folded[k].endswith(("ing", "ed", "ly", "s"))    # "Visiting America" is not
    return True


def _inside_name(idx: AliasIndex, tk: Tokens, i: int) -> bool:
    """An ambiguous one-word alias next to another capitalised word that is no known alias is
    part of some other name: a first name before a surname, or a surname after a first name."""
    toks, folded = tk.toks, tk.folded
    j = i + 1
    if (j < len(toks) and toks[j][:1].isupper() and toks[j].isalpha() and not toks[j].isupper()
            and tk.gap_ok(j)
            and folded[j] not in idx.first and toks[j] not in PRODUCT_WORDS
            and toks[j] not in MODEL_VARIANTS):
        return True
    k = i - 1
    return (k >= 0 and toks[k][:1].isupper() and toks[k].isalpha() and not toks[k].isupper()
            and tk.gap_ok(i)
            and folded[k] not in idx.first and folded[k] not in COMMON
            and k > 0 and toks[k - 1] not in '.!?"“(' and tk.gap_ok(k))


# a mention: (canonical, type, start offset, end offset, surface, known, confidence)
Mention = tuple[str, str, int, int, str, bool, float]


def _scan(idx: AliasIndex, tk: Tokens, ctx: _Context, covered: bytearray | None,
          places: dict[int, int] | None = None) -> list[Mention]:
    entities = idx.knowledge.entities
    first = idx.first
    toks, folded, starts, ends, joined = tk.toks, tk.folded, tk.starts, tk.ends, tk.joined
    text = tk.text
    n = len(toks)
    out: list[Mention] = []
    end = 0
    # only tokens that start an alias, or may be a glued version ("Qwen4"), need a look
    for i in [k for k, f in enumerate(folded) if f in first or f[-1].isdigit()]:
        if i < end:
            continue
        entry = first.get(folded[i])
        end = i
        if entry is None:
            glued = idx.glued_stem(folded[i]) if folded[i][-1:].isdigit() else None
            if glued is not None:
                stem, version = glued
                end = idx.variant_tail(tk, i + 1)
                tail = toks[i][len(toks[i]) - len(version):] + text[ends[i]:ends[end - 1]]
                name, listed = idx.derived(stem, tail)
                out.append((name, "model", starts[i], ends[end - 1],
                            text[starts[i]:ends[end - 1]], listed,
                            1.0 if listed else UNLISTED_VERSION))
        else:
            by_second, alone = entry
            groups = by_second.get(folded[i + 1], alone) if i + 1 < n else alone
            for group in groups:
                size = len(group.folded)
                if size > 2 and folded[i:i + size] != group.folded:
                    continue
                if not group.case_ok(toks, i):
                    continue
                j = i + size
                if group.short and ((j < n and joined[j]) or joined[i]):
                    continue
                if text[ends[j - 1]:ends[j - 1] + 1] == "$":
                    continue                 # "US$74 million", "HK$3bn": a currency, no place
                if group.stem is not None:
                    tail = idx.version_tail(tk, j)
                    if tail > j:
                        name, listed = idx.derived(group.stem, text[starts[j]:ends[tail - 1]])
                        out.append((name, "model", starts[i], ends[tail - 1],
                                    text[starts[i]:ends[tail - 1]], listed,
                                    1.0 if listed else UNLISTED_VERSION))
                        end = tail
                        break
                if not group.names:
                    continue
                if group.check:
                    if size == 1 and _inside_name(idx, tk, i):
                        continue             # "Grace Leung", "Lloyd Austin": a person's name
                    name = _choose(idx, group, tk, i, ctx)
                    if name is None:
                        continue             # not this entity here: a shorter alias may be
                else:
                    name = group.names[0]
                entity = entities[name]
                if entity.type == "place" and size == 1 and _ends_other_name(idx, tk, i):
                    continue                 # "Fermi America", "Air France": another name
                end = j
                known, conf = True, 1.0
                if (entity.type == "model" and not group.versioned and j < n
                        and toks[j] in PRODUCT_WORDS and tk.gap_ok(j)):
                    product = f"{name} {toks[j]}"          # "Gemini Agent", "Copilot Studio"
                    listed = idx.listed_model(product)
                    name, known = (listed, True) if listed else (product, False)
                    conf = 1.0 if listed else PRODUCT_CONFIDENCE
                    end = j + 1
                if group.versioned:
                    end = idx.variant_tail(tk, j)
                    if end > j:
                        variant = f"{name} {' '.join(text[starts[j]:ends[end - 1]].split())}"
                        listed = idx.listed_model(variant)
                        name, known = (listed, True) if listed else (variant, False)
                        conf = 1.0 if listed else UNLISTED_VERSION
                        entity = entities.get(name, entity)
                out.append((name, entity.type, starts[i], ends[end - 1],
                            text[starts[i]:ends[end - 1]], known, conf))
                break
        if end > i and covered is not None:
            covered[i:end] = b"\x01" * (end - i)
            if places is not None and out[-1][1] == "place":
                places[i] = end
    return out


def _analyse(text: str, title: str, knowledge: Knowledge | None,
             discover: bool) -> dict[str, list]:
    """Tags by canonical name: [type, name, count, offset, confidence, known]."""
    knowledge = knowledge if knowledge is not None else load_knowledge()
    idx = knowledge.index
    tk = tokenize(text or "")
    tt = tokenize(title or "")
    ctx = _Context(tk, tt)
    covered = bytearray(len(tk.toks))
    places: dict[int, int] = {}
    mentions = _scan(idx, tk, ctx, covered, places)

    tags: dict[str, list] = {}
    for name, type_, start, _end, surface, known, conf in mentions:
        tag = tags.get(name)
        if tag is None:
            tags[name] = [type_, surface, 1, start, conf, known]
        else:
            tag[2] += 1

    surnames: dict[str, str | None] = {}
    for name, tag in tags.items():
        if tag[0] == "person" and tag[5] and " " in name:
            last = name.split()[-1]
            surnames[last] = name if surnames.get(last, name) == name else None
    found, extra = (Discoverer(tk, covered, places).run({k: v for k, v in surnames.items() if v})
                    if discover else ([], {}))
    for f in found:
        tag = tags.get(f.canonical)
        if tag is None:
            tags[f.canonical] = [f.type, f.canonical, 1, f.start, f.confidence, False]
        elif tag[5]:
            continue
        else:
            tag[2] += 1
            if f.confidence > tag[4]:
                tag[0], tag[4] = f.type, f.confidence
    for name, offsets in extra.items():
        tag = tags.get(name)
        if tag is not None:
            tag[2] += len(offsets)
            tag[3] = min(tag[3], *(start for start, _ in offsets))

    for name, type_, _start, _end, surface, known, conf in _scan(idx, tt, ctx, None):
        tag = tags.get(name)
        if tag is None:
            tags[name] = [type_, surface, 1, -1, conf, known]
        else:
            tag[2] += 1
    discovered = [f.canonical for f in found if not tags[f.canonical][5]]
    if discovered and tt.toks:
        title_words = f" {' '.join(tt.folded)} "
        for name in dict.fromkeys(discovered):
            tags[name][2] += title_words.count(f" {' '.join(tokenize(name).folded)} ")
    return tags


def tag_entities(text: str, title: str = "", knowledge: Knowledge | None = None, *,
                 discover: bool = True) -> list[EntityTag]:
    """All entities of an article, one tag each, sorted by first offset in ``text``.

    ``discover=False`` reports only entities the knowledge file names (and versions of its model
    families), nothing found by cues alone.
    """
    tags = _analyse(text, title, knowledge, discover)
    out = [EntityTag(canonical=name, type=t[0], name=t[1], count=t[2], first_offset=t[3],
                     confidence=t[4], known=t[5]) for name, t in tags.items()]
    out.sort(key=lambda tag: (tag.first_offset, tag.canonical))
    return out
