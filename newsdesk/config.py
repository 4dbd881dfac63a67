"""The user's TOML config, read once into frozen dataclasses with the measured defaults.

A missing file means all defaults; an unreadable or invalid one is a ConfigError (exit 78), never
silently ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError


@dataclass(frozen=True)
class PollConfig:
    interval_minutes: int = 60            # at least an hour between polls of one feed, by default
    concurrency: int = 16                 # requests in flight over all hosts
    per_host: int = 2                     # requests in flight to one host (feeds and pages alike)
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 30.0                # total per request: httpx's read timeout is per chunk
    max_bytes: int = 10 * 1024 * 1024     # decoded body cap
    max_items_per_feed: int = 200
    max_redirects: int = 5
    max_backoff_hours: float = 24.0
    user_agent: str = "newsdesk/0.1 (+https://github.com/newsdesk/newsdesk; feed reader)"
    allow_private_hosts: tuple[str, ...] = ()   # hosts (or host:port) feed links may point to
    fetch_pages: bool = True


@dataclass(frozen=True)
class ExtractConfig:
    workers: int = 2                      # worker processes for feedparser and trafilatura
    timeout: float = 20.0                 # seconds per page or feed parse
    memory_mb: int = 1024                 # RLIMIT_AS per worker process


@dataclass(frozen=True)
class BoilerplateConfig:
    """Removal of what a site repeats around its articles (defaults measured by
    benchmarks/boilerplate_bench.py)."""

    host_min_articles: int = 3            # a block seen on this many articles of a host is chrome
    teaser_title_similarity: float = 90.0  # rapidfuzz ratio of a line to another article's title


@dataclass(frozen=True)
class CopiesConfig:
    """Near-copy detection (defaults measured by benchmarks/copies_bench.py)."""

    window_days: int = 14                 # candidates come from articles this recent
    shingle_words: int = 5
    num_perm: int = 128
    lsh_threshold: float = 0.4            # candidate bar (32 x 4 bands), below confirmation's
    near_similarity: float = 0.55         # confirms a copy: rapidfuzz Indel ratio over words
    containment: float = 0.55             # or: share of the shorter's shingles in the longer
    containment_sample: int = 32          # 1 in N shingles of originals indexed (quoted whole)
    min_words: int = 50                   # shorter texts match by exact hash only
    max_words: int = 5000                 # words kept and compared per article


@dataclass(frozen=True)
class EntitiesConfig:
    """Entity tagging. The shipped knowledge file covers the AI industry; a user's own files (same
    TOML format, see newsdesk/extract/entities_knowledge.py) add entities or replace shipped ones
    by canonical name."""

    extra_files: tuple[str, ...] = ()     # paths to user knowledge files, read in order
    discover: bool = True                 # also report unknown names found by cues (known=False)


@dataclass(frozen=True)
class StoriesConfig:
    """Story clustering. Defaults are the ones benchmarks/cluster_bench.py measured: tuned on the
    sample site, the generated dev set (seed 7) and the two real headline sets; the README lists
    what each set gives. Headline-length texts get their own, lower join bar."""

    quiet_hours: float = 72.0             # a story with no new article for this long is closed
    join_threshold: float = 0.35          # similarity a full article needs to join an open story
    short_join_threshold: float = 0.11    # ... a headline or snippet (cosine of few words is low)
    short_terms: int = 24                 # at most this many distinct words: short_join_threshold;
    long_terms: int = 48                  # at least this many: join_threshold; between: log-linear
    merge_threshold: float = 0.6          # an article this similar to two open stories merges them
    entity_weight: float = 0.25           # +/- for rare entities shared / not shared with the story
    figure_weight: float = 0.4            # bonus for sharing the story's own figures (2 or more)
    time_weight: float = 1.0              # penalty per quiet period between article and story
    max_candidates: int = 24              # open stories scored exactly per article, from the index
    query_terms: int = 12                 # an article's heaviest terms looked up in the index


@dataclass(frozen=True)
class AppConfig:
    """The app. ``keys`` re-maps bindings by id ("stories.mark_read" = "x", several keys comma
    separated); ``?`` in the app lists every binding and its id is in the README."""

    watchlist: tuple[str, ...] = ()       # entities whose stories are starred and can be the filter
    keys: tuple[tuple[str, str], ...] = ()  # [app.keys] as (binding id, keys) pairs: hashable


@dataclass(frozen=True)
class Config:
    poll: PollConfig = field(default_factory=PollConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    boilerplate: BoilerplateConfig = field(default_factory=BoilerplateConfig)
    copies: CopiesConfig = field(default_factory=CopiesConfig)
    entities: EntitiesConfig = field(default_factory=EntitiesConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
    app: AppConfig = field(default_factory=AppConfig)


def _section(cls: type, raw: Any, name: str) -> Any:
    if raw is None:
        return cls()
    if not isinstance(raw, dict):
        raise ConfigError(f"config: [{name}] must be a table")
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(f"config: unknown key {name}.{key}")
        default = getattr(cls(), key)
        if isinstance(value, dict) and key == "keys":
            if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                raise ConfigError(f"config: [{name}.{key}] must map names to strings")
            value = tuple(sorted(value.items()))
        elif isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"config: {name}.{key} must be a list of strings")
            value = tuple(value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"config: {name}.{key} must be true or false")
        elif isinstance(default, (int, float)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(f"config: {name}.{key} must be a non-negative number")
            value = type(default)(value)
        elif isinstance(default, str) and not isinstance(value, str):
            raise ConfigError(f"config: {name}.{key} must be a string")
        values[key] = value
    return replace(cls(), **values)


def load_config(path: Path | None) -> Config:
    if path is None or not path.exists():
        return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config: cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config: {path} is not valid TOML: {exc}") from exc
    sections = {f.name: f.default_factory for f in fields(Config)}  # type: ignore[misc]
    unknown = set(raw) - set(sections)
    if unknown:
        raise ConfigError(f"config: unknown section [{sorted(unknown)[0]}]")
    return Config(**{name: _section(factory, raw.get(name), name)
                     for name, factory in sections.items()})
