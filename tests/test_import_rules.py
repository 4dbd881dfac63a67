"""The stage boundaries from house-style.md, enforced over the source tree's import statements."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# folder -> top-level modules (or newsdesk subpackages) it must never import
FORBIDDEN = {
    "feeds": {"newsdesk.extract", "newsdesk.stories", "newsdesk.store", "newsdesk.tui",
              "newsdesk.pipeline", "textual", "sqlite_utils", "sqlite3", "trafilatura", "click"},
    "extract": {"newsdesk.feeds", "newsdesk.stories", "newsdesk.store", "newsdesk.tui",
                "newsdesk.pipeline", "textual", "sqlite_utils", "sqlite3", "feedparser", "click"},
    "stories": {"newsdesk.feeds", "newsdesk.store", "newsdesk.tui", "newsdesk.pipeline", "httpx",
                "sqlite_utils", "sqlite3", "textual", "click", "feedparser", "trafilatura"},
    "store": {"newsdesk.feeds", "newsdesk.extract", "newsdesk.stories", "newsdesk.tui",
              "newsdesk.pipeline", "httpx", "textual", "click", "feedparser", "trafilatura"},
    "tui": {"newsdesk.feeds", "newsdesk.extract", "click"},
}
# folder -> (third-party packages, core modules) it may import besides the stdlib and itself:
# the stages that talk to the outside (network, disk) are held to a list, not only a ban
ALLOWED = {
    "feeds": ({"httpx", "feedparser"},
              {"newsdesk.models", "newsdesk.config", "newsdesk.urls", "newsdesk.text",
               "newsdesk.errors"}),
    # core records that are pure data: the JSON shape of a story is shared with the CLI
    "store": ({"sqlite_utils"}, {"newsdesk.models", "newsdesk.errors", "newsdesk.records"}),
}
CORE_ALLOWED_STAGES = {  # core modules that are allowed to reach into stages
    "pipeline.py", "curation.py", "storydesk.py", "cli.py", "cli_feeds.py", "cli_stories.py",
    "demo.py", "importing.py", "subscriptions.py", "search.py", "cli_search.py", "cli_digest.py",
    "cli_archive.py", "retention.py", "backup.py",  # export, prune, backup: the archive's upkeep
}
STAGES = {"newsdesk.feeds", "newsdesk.extract", "newsdesk.stories", "newsdesk.store",
          "newsdesk.tui", "newsdesk.pipeline"}


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def violations(names: set[str], forbidden: set[str]) -> set[str]:
    return {n for n in names for f in forbidden if n == f or n.startswith(f + ".")}


@pytest.mark.parametrize("folder", sorted(ALLOWED))
def test_outside_facing_stages_import_only_their_allowed_list(folder: str) -> None:
    third_party, core = ALLOWED[folder]
    bad = {}
    for path in (ROOT / folder).rglob("*.py"):
        found = {n for n in imported_names(path)
                 if n.split(".")[0] not in sys.stdlib_module_names
                 and n.split(".")[0] not in third_party
                 and not violations({n}, core | {f"newsdesk.{folder}"})}
        if found:
            bad[str(path.relative_to(ROOT))] = sorted(found)
    assert not bad, f"imports outside the allowed list: {bad}"


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_stage_imports_stay_inside_their_boundary(folder: str) -> None:
    bad = {}
    for path in (ROOT / folder).rglob("*.py"):
        found = violations(imported_names(path), FORBIDDEN[folder])
        if found:
            bad[str(path.relative_to(ROOT))] = sorted(found)
    assert not bad, f"forbidden imports: {bad}"


def test_core_modules_import_no_stage_textual_or_click() -> None:
    bad = {}
    for path in (ROOT / "newsdesk").glob("*.py"):
        if path.name in CORE_ALLOWED_STAGES or path.name == "__main__.py":
            continue
        found = violations(imported_names(path), STAGES | {"textual", "click", "httpx"})
        if found:
            bad[path.name] = sorted(found)
    assert not bad, f"core modules reaching into stages: {bad}"


def test_only_tui_imports_textual() -> None:
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in {"tui", "tests", "benchmarks", ".venv", "build", "dist"}:
            continue
        if violations(imported_names(path), {"textual"}):
            offenders.append(str(rel))
    assert offenders == []


def test_pipeline_import_leaves_textual_unloaded() -> None:
    code = "import sys, newsdesk.pipeline; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_rule_checker_catches_a_violation(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from newsdesk.store import open_archive\nimport textual.app\n")
    assert violations(imported_names(sample), FORBIDDEN["feeds"]) == {
        "newsdesk.store", "newsdesk.store.open_archive", "textual.app"}
    assert violations(imported_names(sample), {"textual"}) == {"textual.app"}
