"""The entity knowledge file: read, check and merge the shipped TOML files and the user's own.

Each file holds an array ``entity``, one table per entity: an inline table a line (TOML keeps an
inline table on one line), or ``[[entity]]`` tables; both parse the same::

    entity = [
      { name = "Anthropic", type = "lab", aliases = ["Anthropic PBC"] },
      { name = "Apple", type = "company", ambiguous = ["Apple"], anti_context = ["fruit", "pie"] },
    ]

    [[entity]]                      # in a file of its own: a file uses one form or the other
    name = "Acme Robotics"
    type = "company"
    aliases = ["Acme"]

Keys: ``name`` (canonical, unique) and ``type`` are required; ``aliases``, ``parent`` (canonical
name of the owner), ``ticker``, ``homepage`` and ``family`` (for a model, the canonical name of its
family: "Claude Opus 4" -> "Claude") are optional. Three keys steer disambiguation of an alias that
names two things, or a word that is sometimes not an entity at all: ``context`` (lowercase words
that support this entity when they appear in the article, most of all near the mention),
``anti_context`` (words that count against it), and ``ambiguous`` (the aliases to check; an alias
shared by two entities is always checked). ``require_context = true`` drops an ambiguous mention
that no context word supports.

Types are the ENTITY_TYPES of ``newsdesk.models``; a few plain synonyms are accepted (product ->
model, regulator -> agency, country/region/city -> place, organization -> other).

A user file passed as an extra file uses the same format; an entry with a canonical name the
shipped files already hold replaces that entry wholesale, and an alias the user gives to one of
their entities is taken from any shipped entity that had it. What this module does not do: match
text (``entities_index`` compiles the aliases, ``entities`` tags).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError
from newsdesk.models import ENTITY_TYPES

TYPE_SYNONYMS = {
    "product": "model", "regulator": "agency", "government": "agency", "country": "place",
    "region": "place", "city": "place", "organization": "other", "organisation": "other",
}
_LIST_KEYS = ("aliases", "context", "anti_context", "ambiguous")
_STR_KEYS = ("parent", "ticker", "homepage", "family")
_KEYS = frozenset(("name", "type", "require_context") + _LIST_KEYS + _STR_KEYS)


@dataclass(frozen=True)
class Entity:
    """One entry of the knowledge file."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    ticker: str | None = None
    homepage: str | None = None
    family: str | None = None
    context: frozenset[str] = frozenset()
    anti_context: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()
    require_context: bool = False
    source: str = field(default="", compare=False)    # the file it came from, for messages

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The name and its aliases, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    @property
    def disambiguated(self) -> bool:
        return bool(self.context or self.anti_context)


@dataclass(frozen=True)
class Knowledge:
    """Entities by canonical name; the compiled matcher is built on first use and kept."""

    entities: Mapping[str, Entity]
    user_names: frozenset[str] = frozenset()           # canonical names a user file gave
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.entities)

    def __contains__(self, name: object) -> bool:
        return name in self.entities

    def get(self, name: str) -> Entity | None:
        return self.entities.get(name)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(ENTITY_TYPES, 0)
        for entity in self.entities.values():
            out[entity.type] += 1
        return out

    def family_of(self, canonical: str) -> str | None:
        """The family a model belongs to, listed or not ("Llama 4.5" -> "Llama")."""
        entity = self.entities.get(canonical)
        if entity is not None and entity.family:
            return entity.family
        return self.index.family_of(canonical)

    @property
    def index(self):  # -> entities_index.AliasIndex (imported lazily: it imports this module)
        idx = self._cache.get("index")
        if idx is None:
            from newsdesk.extract.entities_index import AliasIndex
            idx = self._cache["index"] = AliasIndex(self)
        return idx


def _where(source: str, i: int, raw: Any) -> str:
    name = raw.get("name") if isinstance(raw, dict) else None
    return f"{source}: entity #{i + 1}" + (f" ({name!r})" if isinstance(name, str) else "")


def parse_entities(data: Mapping[str, Any], source: str) -> list[Entity]:
    """Check one parsed file; every problem is a ConfigError that names the file and the entry."""
    unknown = set(data) - {"entity"}
    if unknown:
        raise ConfigError(f"{source}: unknown top-level key {min(unknown)!r} "
                          "(entities go in an array named 'entity')")
    rows = data.get("entity", [])
    if not isinstance(rows, list):
        raise ConfigError(f"{source}: 'entity' must be an array of tables")
    out: list[Entity] = []
    seen: set[str] = set()
    for i, raw in enumerate(rows):
        where = _where(source, i, raw)
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: must be a table")
        bad = set(raw) - _KEYS
        if bad:
            raise ConfigError(f"{where}: unknown key {min(bad)!r}")
        name, type_ = raw.get("name"), raw.get("type")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{where}: 'name' must be a non-empty string")
        name = " ".join(name.split())
        if not isinstance(type_, str):
            raise ConfigError(f"{where}: 'type' must be a string")
        type_ = TYPE_SYNONYMS.get(type_.strip().lower(), type_.strip().lower())
        if type_ not in ENTITY_TYPES:
            raise ConfigError(f"{where}: type {raw['type']!r} is not one of "
                              f"{', '.join(ENTITY_TYPES)}")
        if name in seen:
            raise ConfigError(f"{where}: {name!r} is listed twice in this file")
        seen.add(name)
        values: dict[str, Any] = {}
        for key in _LIST_KEYS:
            value = raw.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                      for v in value):
                raise ConfigError(f"{where}: {key!r} must be a list of non-empty strings")
            values[key] = [" ".join(v.split()) for v in value]
        for key in _STR_KEYS:
            value = raw.get(key)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ConfigError(f"{where}: {key!r} must be a non-empty string")
            values[key] = value.strip() if value else None
        require = raw.get("require_context", False)
        if not isinstance(require, bool):
            raise ConfigError(f"{where}: 'require_context' must be true or false")
        forms = {name, *values["aliases"]}
        stray = [a for a in values["ambiguous"] if a not in forms]
        if stray:
            raise ConfigError(f"{where}: ambiguous alias {stray[0]!r} is not one of its names")
        if (values["ambiguous"] or require) and not (values["context"] or values["anti_context"]):
            raise ConfigError(f"{where}: 'ambiguous' and 'require_context' need 'context' or "
                              "'anti_context' words")
        out.append(Entity(
            name=name, type=type_, aliases=tuple(dict.fromkeys(values["aliases"])),
            parent=values["parent"], ticker=values["ticker"], homepage=values["homepage"],
            family=values["family"],
            context=frozenset(w.lower() for w in values["context"]),
            anti_context=frozenset(w.lower() for w in values["anti_context"]),
            ambiguous=frozenset(values["ambiguous"]), require_context=require, source=source))
    return out


def read_file(path: Path) -> list[Entity]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"entities: cannot read {path}: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"entities: {path} is not valid TOML: {exc}") from exc
    return parse_entities(data, str(path))


def shipped_files() -> list[tuple[str, str]]:
    """(name, text) of each shipped ``data/entities_*.toml``, in name order."""
    folder = resources.files("newsdesk.extract").joinpath("data")
    return sorted((f.name, f.read_text("utf-8")) for f in folder.iterdir()
                  if f.name.startswith("entities") and f.name.endswith(".toml"))


def read_shipped() -> list[Entity]:
    out: list[Entity] = []
    seen: dict[str, str] = {}
    for name, text in shipped_files():
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:       # a packaging bug, but say where
            raise ConfigError(f"entities: shipped {name} is not valid TOML: {exc}") from exc
        for entity in parse_entities(data, name):
            if entity.name in seen:
                raise ConfigError(f"entities: {entity.name!r} is in both {seen[entity.name]} "
                                  f"and {name}")
            seen[entity.name] = name
            out.append(entity)
    return out


def merge(base: Iterable[Entity], user_files: Sequence[Sequence[Entity]]) -> Knowledge:
    """Shipped entries, then each user file in order: same canonical name replaces; an alias a user
    entity claims is removed from every other entity that is not the user's."""
    entities: dict[str, Entity] = {e.name: e for e in base}
    user_names: set[str] = set()
    for batch in user_files:
        for entity in batch:
            entities[entity.name] = entity
            user_names.add(entity.name)
    claimed = {form.casefold() for n in user_names for form in entities[n].surface_forms}
    if claimed:
        for name, entity in list(entities.items()):
            if name in user_names:
                continue
            kept = tuple(a for a in entity.aliases if a.casefold() not in claimed)
            if kept != entity.aliases:
                entities[name] = replace(entity, aliases=kept,
                                         ambiguous=entity.ambiguous & set(kept) | (
                                             entity.ambiguous & {entity.name}))
    return Knowledge(entities=entities, user_names=frozenset(user_names))
