"""`newsdesk demo` under tmux, driven by key presses and read off the captured screen
(tests/tmux_demo.sh); skipped where tmux is not installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("tmux_demo.sh")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.timeout(180)
def test_demo_under_tmux_opens_a_story_and_quits():
    done = subprocess.run(["bash", str(SCRIPT), sys.executable], capture_output=True, text=True,
                          timeout=170)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")
