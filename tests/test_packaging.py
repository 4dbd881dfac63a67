"""The package installs as one `newsdesk` namespace: wheel contents, editable install, the command."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    return next(out.glob("newsdesk-*.whl"))


def test_wheel_holds_only_the_newsdesk_namespace(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"newsdesk"}
    for sub in ("feeds", "extract", "stories", "store", "tui", "sample_site"):
        assert f"newsdesk/{sub}/__init__.py" in names
    assert "newsdesk/feeds/curated.toml" in names
    assert any(n.startswith("newsdesk/sample_site/content/") for n in names)
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)


def test_installed_wheel_imports_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    code = ("import newsdesk.feeds.curated as c, newsdesk.store, newsdesk.sample_site as s;"
            "print(newsdesk.store.__file__); print(len(c.load_curated()))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True)
    store_file, curated = out.stdout.split()
    assert store_file.startswith(str(target))
    assert int(curated) >= 25


def test_editable_install_maps_stage_folders(tmp_path: Path) -> None:
    code = "import newsdesk.feeds, newsdesk.store; print(newsdesk.feeds.__file__)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert Path(out.stdout.strip()).is_relative_to(ROOT)  # the repo's feeds/, not a copy
    bare = subprocess.run([sys.executable, "-c", "import feeds"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert bare.returncode != 0  # nothing generic lands in site-packages


def test_command_runs_from_any_directory(tmp_path: Path) -> None:
    out = subprocess.run([str(BIN / "newsdesk"), "--help"], cwd=tmp_path, capture_output=True,
                         text=True)
    assert out.returncode == 0
    for command in ("poll", "feeds", "import", "export", "demo"):
        assert command in out.stdout
