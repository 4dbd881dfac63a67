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


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory):
    """The sample site polled on loopback into a real archive, stories and all (read-only: copy it
    with ``archive_copy`` before changing it)."""
    from datetime import datetime, timezone

    from newsdesk.config import Config, PollConfig
    from newsdesk.pipeline import run_poll

    db = tmp_path_factory.mktemp("sample_archive") / "sample.db"
    now = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
    config = Config(poll=PollConfig(connect_timeout=2, read_timeout=2, deadline=5))
    with SampleSite() as sample, open_archive(db) as archive:
        for url in sample.feed_urls:
            archive.add_feed(url, now=now)
        run_poll(archive, config, now=now)
    return db


@pytest.fixture
def archive_copy(sample_archive, tmp_path):
    """A private copy of ``sample_archive`` a test may change."""
    copy = tmp_path / "copy.db"
    with open_archive(sample_archive) as archive:
        archive.db.execute("VACUUM INTO ?", [str(copy)])
    return copy
