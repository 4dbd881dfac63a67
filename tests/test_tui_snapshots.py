"""Snapshots of the main screens (pytest-textual-snapshot): the story list and one story, drawn
from the sample site. Update with ``pytest tests/test_tui_snapshots.py --snapshot-update`` after a
deliberate change, and look at the SVGs it writes."""

from __future__ import annotations

from newsdesk.tui.app import NewsdeskApp


async def _settled(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_stories_screen(snap_compare, archive_copy):
    app = NewsdeskApp(db_path=archive_copy, background_polls=False)
    assert snap_compare(app, terminal_size=(120, 32), run_before=_settled)


def test_story_screen(snap_compare, archive_copy):
    async def open_one(pilot) -> None:
        await _settled(pilot)
        screen = pilot.app.screen
        row = next(i for i, s in enumerate(screen.lines) if s.disputed and s.sources >= 4)
        screen.query_one("#stories").move_cursor(row=row)
        await _settled(pilot)
        await pilot.press("enter")
        await _settled(pilot)

    app = NewsdeskApp(db_path=archive_copy, background_polls=False)
    assert snap_compare(app, terminal_size=(120, 40), run_before=open_one)
