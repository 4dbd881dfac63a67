"""Screenshots of the app for the README: the stories list, one story and a search, as SVG.

    .venv/bin/python docs/make_screenshots.py

Serves the sample site on 127.0.0.1, polls it into a temporary archive, drives the app headless and
saves docs/stories.svg, docs/story.svg and docs/search.svg (Textual's own SVG export). Loopback
only.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.config import Config, PollConfig
from newsdesk.pipeline import run_poll
from newsdesk.sample_site import SampleSite
from newsdesk.store import open_archive
from newsdesk.tui.app import NewsdeskApp, StoryScreen

HERE = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


async def shoot(db: Path) -> None:
    app = NewsdeskApp(db_path=db, background_polls=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot("stories.svg", str(HERE))
        screen = app.screen
        row = next(i for i, s in enumerate(screen.lines) if s.disputed and s.sources >= 4)
        screen.query_one("#stories").move_cursor(row=row)
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StoryScreen)
        app.save_screenshot("story.svg", str(HERE))
        await pilot.press("slash")
        await pilot.press(*["space" if c == " " else c for c in 'entity:"Moonshot AI" distill*'])
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        app.save_screenshot("search.svg", str(HERE))


def main() -> None:
    config = Config(poll=PollConfig(connect_timeout=2, read_timeout=2, deadline=10))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "shots.db"
        with SampleSite() as site, open_archive(db) as archive:
            for url in site.feed_urls:
                archive.add_feed(url, now=NOW)
            run_poll(archive, config, now=NOW)
        asyncio.run(shoot(db))
    print(f"wrote {HERE / 'stories.svg'}, {HERE / 'story.svg'} and {HERE / 'search.svg'}")


if __name__ == "__main__":
    main()
