"""Shared pytest fixtures. Stage-specific fixtures live in their own modules (faultserver.py, ...)."""

from __future__ import annotations

import pytest

from newsdesk.sample_site import SampleSite
from newsdesk.store import open_archive


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "archive.db"


@pytest.fixture
def archive(db_path):
    """A fresh archive file, open for the test."""
    with open_archive(db_path) as a:
        yield a


@pytest.fixture(scope="module")
def site():
    """The sample site served on loopback, shared by a module's tests."""
    with SampleSite() as running:
        yield running
