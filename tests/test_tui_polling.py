"""Polling from the app: in the background, each feed's own interval respected, lists refreshed
when it ends, a notification for the outcome; against the sample site on loopback."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from newsdesk.config import Config, PollConfig
from newsdesk.store import open_archive
from newsdesk.tui.app import NewsdeskApp, StoriesScreen

CONFIG = Config(poll=PollConfig(connect_timeout=2, read_timeout=2, deadline=10))


def _subscribed(site, tmp_path) -> NewsdeskApp:
    """An app on a fresh archive subscribed to every sample-site feed, none polled yet."""
    db = tmp_path / "a.db"
    with open_archive(db) as archive:
        for url in site.feed_urls:
            archive.add_feed(url, now=datetime(2026, 1, 1, tzinfo=timezone.utc))
    return NewsdeskApp(db_path=db, config=CONFIG, background_polls=False)


def test_r_polls_due_feeds_in_the_background_then_the_list_fills(site, tmp_path):
    app = _subscribed(site, tmp_path)

    async def main():
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, StoriesScreen) and not screen.lines
            assert "r polls the feeds" in screen.sub_title
            await pilot.press("r")
            assert app.polling                               # the UI is free meanwhile
            await pilot.press("j")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not app.polling and len(screen.lines) > 10
            messages = [n.message for n in app._notifications]
            assert any(m.startswith(f"Polled {len(site.feed_urls)} feeds") for m in messages)
            before = len(messages)
            await pilot.press("r")                           # nothing is due yet: no poll
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert len(list(app._notifications)) == before

    asyncio.run(main())


def test_quitting_mid_poll_keeps_the_archive_whole(site, tmp_path):
    app = _subscribed(site, tmp_path)
    db = app.db_path

    async def main():
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("r")
            assert app.polling
            await pilot.pause(0.3)                          # some feeds in, some not
            await pilot.press("q")

    asyncio.run(main())
    with open_archive(db) as archive:
        assert archive.integrity_ok()
        stored = archive.list_articles()
        polled = [f for f in archive.list_feeds() if f.last_polled is not None]
        # every article belongs to a feed whose poll was recorded: nothing half-written
        assert {a.feed_id for a in stored} <= {f.id for f in polled}


def test_a_poll_held_by_cron_or_prune_is_not_doubled(site, tmp_path):
    from newsdesk.lock import PollLock
    from newsdesk.paths import lock_path

    app = _subscribed(site, tmp_path)

    async def main():
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            with PollLock(lock_path(app.db_path)) as held:     # as `newsdesk poll` would
                assert held.acquire()
                await pilot.press("r")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert not app.polling
                messages = [n.message for n in app._notifications]
                assert any(m.startswith("Another poll") for m in messages)
                with open_archive(app.db_path) as archive:
                    assert archive.count_articles() == 0
            await pilot.press("r")                             # free again: it polls
            await app.workers.wait_for_complete()
            await pilot.pause()
            with open_archive(app.db_path) as archive:
                assert archive.count_articles() > 10

    asyncio.run(main())


def test_a_lock_file_that_cannot_be_made_fails_the_poll_aloud_and_frees_the_next(site, tmp_path):
    from newsdesk.paths import lock_path

    app = _subscribed(site, tmp_path)
    lock_path(app.db_path).mkdir()                      # a folder where the lock file goes

    async def main():
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not app.polling                       # the next r may try again
            messages = [n.message for n in app._notifications]
            assert any(m.startswith("Poll failed") and "lock" in m for m in messages)

    asyncio.run(main())
