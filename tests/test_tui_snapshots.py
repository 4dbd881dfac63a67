"""Snapshots of the main screens (pytest-textual-snapshot): the story list and one story, drawn
from the sample site. Update with ``pytest tests/test_tui_snapshots.py --snapshot-update`` after a
deliberate change, and look at the SVGs it writes."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsdesk.config import Config, ExtractConfig, PollConfig
from newsdesk.pipeline import run_poll
from newsdesk.sample_site import SampleSite
from newsdesk.store import open_archive
from newsdesk.tui.app import NewsdeskApp


@pytest.fixture(scope="module")
def steady_archive(tmp_path_factory):
    """The sample site polled one request at a time, so article (and story) ids come out in the
    same order every run: the screens show story ids."""
    db = tmp_path_factory.mktemp("snapshots") / "steady.db"
    config = Config(poll=PollConfig(concurrency=1, per_host=1, connect_timeout=2,
                                    read_timeout=2, deadline=10),
                    extract=ExtractConfig(workers=1))
    with SampleSite() as site, open_archive(db) as archive:
        for url in site.feed_urls:
            archive.add_feed(url, now=datetime(2026, 11, 28, 12, tzinfo=timezone.utc))
        run_poll(archive, config, now=datetime(2026, 11, 28, 12, tzinfo=timezone.utc))
    return db


async def _settled(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _until_screen_has(pilot, attribute: str) -> None:
    """Wait until the screen's ``attribute`` is set (its content drawn), however loaded the
    machine is, then let the workers and the frame settle."""
    for _ in range(500):
        if getattr(pilot.app.screen, attribute, None):
            break
        await pilot.pause(0.01)
    await _settled(pilot)


def test_stories_screen(snap_compare, steady_archive):
    async def listed(pilot) -> None:
        await _until_screen_has(pilot, "lines")

    app = NewsdeskApp(db_path=steady_archive, background_polls=False)
    assert snap_compare(app, terminal_size=(120, 32), run_before=listed)


def test_story_screen(snap_compare, steady_archive):
    async def open_one(pilot) -> None:
        await _settled(pilot)
        screen = pilot.app.screen
        row = next(i for i, s in enumerate(screen.lines) if s.disputed and s.sources >= 4)
        screen.query_one("#stories").move_cursor(row=row)
        await _settled(pilot)
        await pilot.press("enter")
        await _settled(pilot)
        await _until_screen_has(pilot, "drawn_at")

    app = NewsdeskApp(db_path=steady_archive, background_polls=False)
    assert snap_compare(app, terminal_size=(120, 40), run_before=open_one)


def test_search_screen(snap_compare, steady_archive):
    async def search(pilot) -> None:
        await _settled(pilot)
        await pilot.press("slash")
        await _settled(pilot)
        await pilot.press(*["space" if c == " " else c for c in 'entity:"Moonshot AI" distill*'])
        await _until_screen_has(pilot, "hits")
        await pilot.press("down", "j")          # into the results: no blinking input cursor
        await _settled(pilot)

    app = NewsdeskApp(db_path=steady_archive, background_polls=False)
    assert snap_compare(app, terminal_size=(120, 32), run_before=search)
