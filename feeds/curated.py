"""The curated AI-industry feeds that ``newsdesk feeds add --defaults`` subscribes to.

The list is data (``curated.toml``, shipped inside the package and read with importlib.resources)
so it can change without code review of Python. Loading validates it: https only, unique URLs, a
known category; a broken list is a bug in the package, so it raises rather than limping on.
Nothing here fetches the feeds.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from newsdesk.urls import is_http_url

CATEGORIES = frozenset({"lab", "press", "research", "policy", "newsletter"})


@dataclass(frozen=True)
class CuratedFeed:
    url: str
    title: str
    category: str


def load_curated() -> list[CuratedFeed]:
    """The curated feeds in file order; ValueError if the shipped list is malformed."""
    text = resources.files("newsdesk.feeds").joinpath("curated.toml").read_text(encoding="utf-8")
    feeds: list[CuratedFeed] = []
    seen: set[str] = set()
    for i, raw in enumerate(tomllib.loads(text).get("feed", []), start=1):
        url, title, category = raw.get("url"), raw.get("title"), raw.get("category")
        if not (isinstance(url, str) and url.startswith("https://") and is_http_url(url)):
            raise ValueError(f"curated.toml feed {i}: url must be https: {url!r}")
        if not isinstance(title, str) or not title.strip():
            raise ValueError(f"curated.toml feed {i}: missing title")
        if category not in CATEGORIES:
            raise ValueError(f"curated.toml feed {i}: unknown category {category!r}")
        if url in seen:
            raise ValueError(f"curated.toml feed {i}: duplicate url {url}")
        seen.add(url)
        feeds.append(CuratedFeed(url=url, title=title.strip(), category=category))
    return feeds
