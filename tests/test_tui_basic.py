"""The app's safety with hostile text: titles render literally and trigger nothing (reliability
rows 15-17), in the story list, the story screen and the article screen."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from newsdesk.config import Config
from newsdesk.models import Article
from newsdesk.store import open_archive
from newsdesk.storydesk import update_stories
from newsdesk.tui.app import ArticleScreen, NewsdeskApp, StoryScreen

HOSTILE = [
    "[@click=app.quit]quit[/]", "[@click=app.screenshot('p.svg','.')]shot[/]", "[/bold]", "[b",
    "[$accent]x", "[link=\"http://e\"]x[/link]", "trailing \\", "[/]", "[reverse]x",
]
NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)


def test_hostile_titles_render_literally_and_clicks_do_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "a.db"
    with open_archive(db) as archive:
        # a week apart, so each title opens (and heads) a story of its own
        archive.save_articles([
            Article(url=f"https://example.org/{i}", title=title, source="[red]src",
                    text=f"Body {title}", published=NOW - timedelta(days=7 * i),
                    fetched=NOW - timedelta(days=7 * i))
            for i, title in enumerate(HOSTILE)
        ])
        update_stories(archive, Config(), NOW)
    app = NewsdeskApp(db_path=db)
    asyncio.run(_drive(app))
    assert not (tmp_path / "p.svg").exists()


async def _drive(app: NewsdeskApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        assert table.row_count == len(HOSTILE)
        rendered = {str(table.get_cell_at((r, 3))) for r in range(len(HOSTILE))}
        assert rendered == set(HOSTILE)
        for row in range(len(HOSTILE)):            # clicking a row opens its story, nothing else
            await pilot.click("#stories", offset=(40, row + 1))
            await pilot.pause()
            assert app.is_running
            if isinstance(app.screen, StoryScreen):
                await app.workers.wait_for_complete()
                await pilot.pause()
                await pilot.click("#content")
                await pilot.pause()
                assert app.is_running
                await pilot.press("escape")
                await pilot.pause()
        table = app.screen.query_one("DataTable")
        table.move_cursor(row=0)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        articles = app.screen.query_one("#articles")
        articles.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.click("#title")
        await pilot.pause()
        assert app.is_running
