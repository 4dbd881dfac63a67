"""The app's search screen (/): as-you-type search with the CLI's language, on a real archive."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from newsdesk.config import Config
from newsdesk.models import Article
from newsdesk.search import run_search
from newsdesk.store import open_archive
from newsdesk.storydesk import update_stories
from newsdesk.tui.app import ArticleScreen, NewsdeskApp, SearchScreen, StoriesScreen, StoryScreen
from newsdesk.tui.search_screen import PAGE

NOW = datetime(2026, 11, 28, 12, tzinfo=timezone.utc)


async def _settle(app, pilot) -> None:
    await pilot.pause(0.3)            # the typing timer
    await app.workers.wait_for_complete()
    await pilot.pause()


def _run(db, drive, size=(120, 40)) -> None:
    app = NewsdeskApp(db_path=db, background_polls=False)

    async def main():
        async with app.run_test(size=size) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await drive(app, pilot)
    asyncio.run(main())


async def _type(pilot, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


def _options(screen) -> list[str]:
    results = screen.query_one("#results")
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


def test_typing_searches_and_enter_opens_the_story_then_back_keeps_results(archive_copy):
    with open_archive(archive_copy) as archive:
        expected = run_search(archive, 'entity:"Moonshot AI" distill*', NOW, limit=PAGE).hits
    assert expected

    async def drive(app, pilot):
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await _type(pilot, 'entity:"Moonshot AI" distill*')
        await _settle(app, pilot)
        screen = app.screen
        assert [h.article_id for h in screen.hits] == [h.article_id for h in expected]
        options = _options(screen)
        assert all(h.title in o for h, o in zip(expected, options))
        assert f"{len(expected)} articles" in str(screen.query_one("#search-status").render())
        await pilot.press("down", "j")               # into the results, then the second hit
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, StoryScreen)
        assert app.screen.story_id == expected[1].story_id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and len(screen.hits) == len(expected)
        await pilot.press("escape", "escape")        # results -> query -> away
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)

    _run(archive_copy, drive)


def test_invalid_query_says_why_and_keeps_the_last_results(archive_copy):
    async def drive(app, pilot):
        await pilot.press("slash")
        await _type(pilot, "openai")
        await _settle(app, pilot)
        screen = app.screen
        before = [h.article_id for h in screen.hits]
        assert before
        await pilot.press("ctrl+a")                  # typing replaces the query
        screen.query_one("#query").value = "since:soon openai"
        await _settle(app, pilot)
        status = str(screen.query_one("#search-status").render())
        assert "invalid query" in status and "since:soon" in status
        assert [h.article_id for h in screen.hits] == before
        assert app.is_running

    _run(archive_copy, drive)


def test_order_key_and_article_key(archive_copy):
    async def drive(app, pilot):
        await pilot.press("slash")
        await _type(pilot, "openai")
        await _settle(app, pilot)
        screen = app.screen
        await pilot.press("ctrl+o")
        await _settle(app, pilot)
        assert screen.order == "recent"
        times = [h.published for h in screen.hits]
        assert times == sorted(times, reverse=True) and "newest" in str(
            screen.query_one("#search-status").render())
        await pilot.press("down", "a")
        await _settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.id == screen.hits[0].article_id

    _run(archive_copy, drive)


HOSTILE = ["[@click=app.quit]zebra quit[/]", "[b zebra", "zebra [/bold] \x1b[31mred",
           "[$accent]zebra \u202eevil"]


def test_hostile_titles_and_snippets_render_literally_and_clicks_do_nothing(tmp_path,
                                                                           monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "a.db"
    with open_archive(db) as archive:
        archive.save_articles([
            Article(url=f"https://example.org/{i}", title=title, source="[red]src",
                    text=f"Body with zebra and [@click=app.quit]x[/] {i}",
                    published=NOW - timedelta(days=7 * i), fetched=NOW - timedelta(days=7 * i))
            for i, title in enumerate(HOSTILE)])
        update_stories(archive, Config(), NOW)

    async def drive(app, pilot):
        await pilot.press("slash")
        await _type(pilot, "zebra")
        await _settle(app, pilot)
        screen = app.screen
        assert len(screen.hits) == len(HOSTILE)
        shown = "\n".join(_options(screen))
        assert "[@click=app.quit]" in shown and "[/bold]" in shown and "[$accent]" in shown
        assert "\x1b" not in shown and "\u202e" not in shown
        for row in range(len(HOSTILE)):
            await pilot.click("#results", offset=(10, 1 + 3 * row))
            await _settle(app, pilot)
            assert app.is_running
            if not isinstance(app.screen, SearchScreen):
                await pilot.press("escape")
                await pilot.pause()
        assert app.is_running

    _run(db, drive)


def test_a_hit_opened_from_search_over_a_story_shows_the_hit_s_story(archive_copy):
    with open_archive(archive_copy) as archive:
        stories = archive.stories_since()
        hits = run_search(archive, "distill*", NOW, limit=PAGE).hits
    target = hits[0].story_id
    first = next(s.id for s in stories if s.id != target)

    async def drive(app, pilot):
        app.open_story(first)                          # reading one story, then searching
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen) and app.screen.story_id == first
        await pilot.press("slash")
        await _type(pilot, "distill*")
        await _settle(app, pilot)
        await pilot.press("down", "enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, StoryScreen) and app.screen.story_id == target
        assert str(app.screen.view.story.id) in app.screen.sub_title

    _run(archive_copy, drive)
