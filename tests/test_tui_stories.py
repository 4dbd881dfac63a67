"""The app on the polled sample site: the story list, a story, read state, sorting, paging.

Driven through ``App.run_test`` and ``Pilot`` against a real archive (a private copy per test),
with the workers awaited before each check.
"""

from __future__ import annotations

import asyncio

import pytest

from newsdesk.store import open_archive
from newsdesk.tui import stories_screen
from newsdesk.tui.app import NewsdeskApp, StoriesScreen, StoryScreen


async def _settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def _run(app, drive) -> None:
    async def main():
        async with app.run_test(size=(120, 40)) as pilot:
            await _settle(app, pilot)
            await drive(app, pilot)
    asyncio.run(main())


def test_opens_on_stories_newest_activity_first_and_a_story_shows_its_parts(archive_copy):
    with open_archive(archive_copy) as archive:
        expected = archive.stories_since()
    disputed = next(s for s in expected if s.disagreements)

    async def drive(app, pilot):
        screen = app.screen
        assert isinstance(screen, StoriesScreen)
        table = screen.query_one("#stories")
        assert table.row_count == len(expected)
        assert [s.id for s in screen.lines] == [s.id for s in expected]
        shown = str(table.get_cell_at((0, 3)))          # cut to the terminal's width
        assert len(shown) > 20 and expected[0].headline.startswith(shown.rstrip("…"))
        row = next(i for i, s in enumerate(screen.lines) if s.id == disputed.id)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await _settle(app, pilot)
        story = app.screen
        assert isinstance(story, StoryScreen) and story.story_id == disputed.id
        content = str(story.query_one("#content").render())
        summary = content[content.index("Summary"):content.index("Figures")]
        assert all(s.sentence[:40] in summary and s.source in summary for s in disputed.summary)
        figures = content[content.index("Figures"):content.index("Who")]
        assert "outlets disagree" in figures
        coverage = content[content.index("Coverage"):]
        assert disputed.coverage.first.source in coverage
        assert story.query_one("#articles").row_count >= 2
        await pilot.press("escape")
        await _settle(app, pilot)
        assert isinstance(app.screen, StoriesScreen)
        line = next(s for s in app.screen.lines if s.id == disputed.id)
        assert line.read and not line.updated                # opening it marked it read

    _run(NewsdeskApp(db_path=archive_copy), drive)


def test_unread_only_sort_and_mark_read_keys(archive_copy):
    async def drive(app, pilot):
        screen = app.screen
        total = len(screen.lines)
        await pilot.press("m")                               # mark the first story read
        await _settle(app, pilot)
        assert screen.lines[0].read
        await pilot.press("u")                               # unread only hides it
        await _settle(app, pilot)
        assert len(screen.lines) == total - 1 and "unread only" in screen.sub_title
        await pilot.press("u")
        await _settle(app, pilot)
        await pilot.press("s")                               # by size
        await _settle(app, pilot)
        sizes = [s.articles for s in screen.lines]
        assert screen.order == "size" and sizes == sorted(sizes, reverse=True)
        await pilot.press("G")
        assert screen.query_one("#stories").cursor_row == total - 1
        await pilot.press("g")
        assert screen.query_one("#stories").cursor_row == 0

    _run(NewsdeskApp(db_path=archive_copy), drive)


def test_the_list_loads_a_page_at_a_time(archive_copy, monkeypatch):
    monkeypatch.setattr(stories_screen, "PAGE", 5)
    monkeypatch.setattr(stories_screen, "_MORE_AT", 2)

    async def drive(app, pilot):
        screen = app.screen
        assert len(screen.lines) == 5 and screen.total > 10
        for _ in range(4):
            await pilot.press("j")
        await _settle(app, pilot)
        assert len(screen.lines) == 10                       # the next page, near the end
        assert len({s.id for s in screen.lines}) == 10

    _run(NewsdeskApp(db_path=archive_copy), drive)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_fits_small_and_wide_terminals(archive_copy, size):
    async def main():
        app = NewsdeskApp(db_path=archive_copy)
        async with app.run_test(size=size) as pilot:
            await _settle(app, pilot)
            assert app.screen.query_one("#stories").row_count > 0
            await pilot.press("enter")
            await _settle(app, pilot)
            assert isinstance(app.screen, StoryScreen)
    asyncio.run(main())


def test_a_story_read_ahead_under_the_cursor_opens_without_a_query(archive_copy):
    async def drive(app, pilot):
        table = app.screen.query_one("#stories")
        table.move_cursor(row=2)
        await pilot.pause(stories_screen._REST * 2)          # the cursor rests on the row
        await _settle(app, pilot)
        story_id = app.screen.lines[2].id
        assert story_id in app.prefetched                    # read while the cursor rested
        reads = []
        archive = app.archive()
        real_get = archive.get_story
        archive.get_story = lambda sid: reads.append(sid) or real_get(sid)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, StoryScreen) and app.screen.view.story.id == story_id
        assert story_id not in app.prefetched and reads == []   # no query on opening it
        await pilot.press("escape")
        await _settle(app, pilot)
        table.move_cursor(row=3)                             # the same screen serves the next
        await pilot.pause(stories_screen._REST * 2)
        await _settle(app, pilot)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert app.screen.story_id == app.screen_stack[-2].lines[3].id

    _run(NewsdeskApp(db_path=archive_copy), drive)


def test_entity_filter_watchlist_stars_and_remapped_keys(archive_copy):
    from newsdesk.config import AppConfig, Config

    config = Config(app=AppConfig(watchlist=("Anthropic",),
                                  keys=(("stories.mark_read", "x"), ("no.such", "z"))))
    with open_archive(archive_copy) as archive:
        naming_meta = {s.id for s in archive.story_lines(entity="Meta", limit=1000)}
        naming_anthropic = {s.id for s in archive.story_lines(entity="Anthropic", limit=1000)}
    assert naming_meta and naming_anthropic

    async def drive(app, pilot):
        screen = app.screen
        assert any("no binding named no.such" in n.message for n in app._notifications)
        assert screen.watched == naming_anthropic & {s.id for s in screen.lines}
        starred = {s.id for i, s in enumerate(screen.lines)
                   if str(screen.query_one("#stories").get_cell_at((i, 0))).startswith("★")}
        assert starred == screen.watched
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"Meta", "enter")
        await _settle(app, pilot)
        assert {s.id for s in screen.lines} == naming_meta and "naming Meta" in screen.sub_title
        await pilot.press("w")                               # the watchlist as the filter
        await _settle(app, pilot)
        assert {s.id for s in screen.lines} == naming_anthropic
        await pilot.press("c")
        await _settle(app, pilot)
        chosen = screen._selected_id()
        assert not next(s for s in screen.lines if s.id == chosen).read
        await pilot.press("x")                               # m, re-mapped to x
        await _settle(app, pilot)
        assert next(s for s in screen.lines if s.id == chosen).read

    _run(NewsdeskApp(db_path=archive_copy, config=config, background_polls=False), drive)


def test_t_narrows_the_list_to_recent_activity(archive_copy, monkeypatch):
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 11, 28, 12, tzinfo=UTC)            # the sample site's week
    monkeypatch.setattr(stories_screen, "utcnow", lambda: now)

    async def drive(app, pilot):
        screen = app.screen
        everything = len(screen.lines)
        for window, span in (("24h", timedelta(hours=24)), ("7d", timedelta(days=7))):
            await pilot.press("t")
            await _settle(app, pilot)
            assert f"last {window}" in screen.sub_title
            assert 0 < len(screen.lines) <= everything
            assert all(s.last_seen >= now - span for s in screen.lines)
        assert len(screen.lines) > 1
        await pilot.press("c")
        await _settle(app, pilot)
        assert len(screen.lines) == everything

    _run(NewsdeskApp(db_path=archive_copy, background_polls=False), drive)


def test_escape_in_a_filter_prompt_changes_nothing_and_a_repeated_row_is_skipped(archive_copy):
    from newsdesk.tui.messages import StoriesLoaded

    async def drive(app, pilot):
        screen = app.screen
        before = [s.id for s in screen.lines]
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await _settle(app, pilot)
        assert screen.entity is None and [s.id for s in screen.lines] == before
        # a later page that a concurrent poll shifted repeats a row already shown
        screen.post_message(StoriesLoaded(screen._generation, [screen.lines[0]], screen.total,
                                          len(screen.lines)))
        await _settle(app, pilot)
        assert [s.id for s in screen.lines] == before
        assert screen.query_one("#stories").row_count == len(before)

    _run(NewsdeskApp(db_path=archive_copy, background_polls=False), drive)
