"""Where newsdesk keeps its files by default (platformdirs), overridable by flags and env."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "newsdesk"


def default_db_path() -> Path:
    env = os.environ.get("NEWSDESK_DB")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP)) / "newsdesk.db"


def default_config_path() -> Path:
    env = os.environ.get("NEWSDESK_CONFIG")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def lock_path(db_path: Path) -> Path:
    """The poll lock lives beside the archive, so two archives never share one."""
    return db_path.with_name(db_path.name + ".lock")
