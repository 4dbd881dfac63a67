"""The first app: hostile titles render literally and trigger nothing (reliability rows 15-17)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from newsdesk.models import Article
from newsdesk.store import open_archive
from newsdesk.tui.app import ArticleScreen, NewsdeskApp

HOSTILE = [
    "[@click=app.quit]quit[/]", "[@click=app.screenshot('p.svg','.')]shot[/]", "[/bold]", "[b",
    "[$accent]x", "[link=\"http://e\"]x[/link]", "trailing \\", "[/]", "[reverse]x",
]


def test_hostile_titles_render_literally_and_clicks_do_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "a.db"
    now = datetime(2026, 11, 28, tzinfo=timezone.utc)
    with open_archive(db) as archive:
        archive.save_articles([
            Article(url=f"https://example.org/{i}", title=title, source="[red]src",
                    text=f"Body {title}", published=now, fetched=now)
            for i, title in enumerate(HOSTILE)
        ])
    app = NewsdeskApp(db_path=db)
    asyncio.run(_drive(app))
    assert not (tmp_path / "p.svg").exists()


async def _drive(app: NewsdeskApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one("DataTable")
        assert table.row_count == len(HOSTILE)
        for row in range(len(HOSTILE)):
            await pilot.click("DataTable", offset=(40, row + 1))
            await pilot.pause()
            assert app.is_running
        rendered = {str(table.get_cell_at((r, 3))) for r in range(len(HOSTILE))}
        assert rendered == set(HOSTILE)
        table.move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.click("#title")
        await pilot.pause()
        assert app.is_running
