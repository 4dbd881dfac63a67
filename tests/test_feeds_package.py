"""The feeds package as a whole: the curated list ships and is sound, modules are documented
(its import bounds are checked with the other stages' in test_import_rules)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import newsdesk.feeds
from newsdesk.feeds.curated import CATEGORIES, load_curated

FEEDS_DIR = Path(newsdesk.feeds.__file__).parent


def test_curated_list_loads_and_is_sound() -> None:
    feeds = load_curated()
    assert 25 <= len(feeds) <= 40
    urls = [f.url for f in feeds]
    assert len(set(urls)) == len(urls)
    assert all(url.startswith("https://") for url in urls)
    assert {f.category for f in feeds} == CATEGORIES          # every category is represented
    assert all(f.title for f in feeds)


def test_modules_are_documented_and_short() -> None:
    for path in sorted(FEEDS_DIR.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert ast.get_docstring(ast.parse(source)), f"{path.name} has no module docstring"
        assert len(source.splitlines()) <= 300, f"{path.name} is over 300 lines"


def test_importing_the_package_is_cheap() -> None:
    code = ("import sys, newsdesk.feeds; "
            "print(any(m in sys.modules for m in ('httpx', 'feedparser')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
