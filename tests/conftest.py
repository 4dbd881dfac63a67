"""Shared pytest fixtures. Stage-specific fixtures live in their own modules (faultserver.py, ...)."""

from __future__ import annotations

import pytest


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "archive.db"
