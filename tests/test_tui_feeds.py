"""The feeds screen: health of each feed, add, remove, OPML import, poll one now; on loopback."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from newsdesk.config import Config, PollConfig
from newsdesk.store import open_archive
from newsdesk.tui.app import FeedsScreen, NewsdeskApp

CONFIG = Config(poll=PollConfig(connect_timeout=2, read_timeout=2, deadline=10))


async def _settle(app, pilot):
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def test_health_add_remove_import_and_poll_one(site, tmp_path):
    db = tmp_path / "a.db"
    broken = f"{site.url('/nope/feed.xml')}"
    with open_archive(db) as archive:
        archive.add_feed(site.feed_urls[0], now=datetime(2026, 1, 1, tzinfo=timezone.utc))
    opml = tmp_path / "subs.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body>'
                    f'<outline type="rss" text="[b]Two" xmlUrl="{site.feed_urls[1]}"/>'
                    f'<outline type="rss" text="Broken" xmlUrl="{broken}"/>'
                    "</body></opml>")
    app = NewsdeskApp(db_path=db, config=CONFIG, background_polls=False)

    async def main():
        async with app.run_test(size=(140, 40)) as pilot:
            await _settle(app, pilot)
            await pilot.press("f")
            await _settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, FeedsScreen) and len(screen.health) == 1
            await pilot.press("i")
            await pilot.pause()
            await pilot.press(*str(opml))
            await pilot.press("enter")
            await _settle(app, pilot)
            assert len(screen.health) == 3
            titles = {str(screen.query_one("#feeds").get_cell_at((r, 1))) for r in range(3)}
            assert "[b]Two" in titles                        # literal
            await pilot.press("a")
            await pilot.pause()
            await pilot.press(*"file:///etc/passwd", "enter")
            await _settle(app, pilot)
            assert len(screen.health) == 3                   # refused
            # poll the broken one now: it shows as failing, first in the list
            table = screen.query_one("#feeds")
            row = next(i for i, h in enumerate(screen.health) if h.feed.url == broken)
            table.move_cursor(row=row)
            await pilot.press("p")
            await _settle(app, pilot)
            await _settle(app, pilot)
            assert screen.health[0].feed.url == broken
            assert screen.health[0].feed.status == "error"
            assert "failing" in screen.sub_title and screen.sub_title.split(", ")[1] == "1 failing"
            table.move_cursor(row=0)
            await pilot.press("x")
            await _settle(app, pilot)
            assert broken not in {h.feed.url for h in screen.health}

    asyncio.run(main())
