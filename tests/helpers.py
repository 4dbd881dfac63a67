"""Helpers shared by the CLI and pipeline tests: run the real command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NEWSDESK = [sys.executable, "-m", "newsdesk"]


def run_cli(*args: str, db: Path, env: dict | None = None, input: str | None = None,
            timeout: float = 120, cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NEWSDESK_DB": str(db), "NEWSDESK_CONFIG": str(db.parent / "none.toml")}
    full_env.update(env or {})
    return subprocess.run([*NEWSDESK, *args], capture_output=True, text=True, env=full_env,
                          input=input, timeout=timeout, cwd=cwd or db.parent)
