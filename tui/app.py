"""The newsdesk app: wiring only. It opens on the stories, pushes a story and an article screen,
and owns the one archive connection the screens' workers share (the archive serialises its own
use with a lock, so thread workers can read while the UI stays free).

Screens live in ``stories_screen``, ``story_screen`` and ``article_screen``; what reaches the
terminal from a feed is built in ``safe``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from newsdesk.config import Config
from newsdesk.models import Article
from newsdesk.store import open_archive
from newsdesk.store.archive import Archive
from newsdesk.tui.article_screen import ArticleScreen
from newsdesk.tui.feeds_screen import FeedsScreen
from newsdesk.tui.messages import PollFinished, PollProgressed, StoryView
from newsdesk.tui.search_screen import SearchScreen
from newsdesk.tui.stories_screen import StoriesScreen
from newsdesk.tui.story_screen import StoryScreen

__all__ = ["ArticleScreen", "FeedsScreen", "NewsdeskApp", "SearchScreen", "StoriesScreen",
           "StoryScreen"]


class NewsdeskApp(App):
    TITLE = "newsdesk"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("r", "poll", "Refresh", id="app.poll"),
        Binding("f", "feeds", "Feeds", id="app.feeds"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("question_mark", "toggle_help", "Help", id="app.help"),
        Binding("d", "add_defaults", "Add curated feeds", show=False, id="app.add_defaults"),
    ]
    POLL_CHECK_SECONDS = 60.0      # how often to look for feeds whose own interval has passed

    def __init__(self, db_path: Path, config: Config | None = None, *,
                 background_polls: bool = True) -> None:
        super().__init__()
        self.db_path = db_path
        self.config = config or Config()
        self.background_polls = background_polls
        self.polling = False
        self._archive: Archive | None = None
        self._archive_lock = threading.Lock()
        self.prefetched: dict[int, StoryView] = {}   # the story under the list's cursor, read ahead
        self._mark_lock = threading.Lock()           # article read marks, one at a time
        self._mark_requests = 0

    def archive(self) -> Archive:
        """The shared archive, opened on first use (from a worker thread, not the UI). Without
        ``PRAGMA quick_check``: it reads the whole file (0.45 s on 100,000 articles) before the
        first screen; polls and the CLI still check, and a damaged page fails its own read."""
        with self._archive_lock:
            if self._archive is None:
                self._archive = open_archive(self.db_path, create=False, quick_check=False)
            return self._archive

    def on_mount(self) -> None:
        self._apply_keymap()
        self.push_screen(StoriesScreen())
        self._check_feeds()
        if self.background_polls:
            self.set_interval(self.POLL_CHECK_SECONDS, lambda: self.poll_feeds((), manual=False))

    def _apply_keymap(self) -> None:
        """The config's [app.keys]: binding id -> keys. An unknown id is reported, not fatal."""
        keys = dict(self.config.app.keys)
        unknown = sorted(set(keys) - binding_ids())
        if unknown:
            self.notify(f"config [app.keys]: no binding named {', '.join(unknown)}",
                        severity="warning", markup=False)
        self.set_keymap({k: v for k, v in keys.items() if k not in unknown})

    # -- polling ------------------------------------------------------------------------------
    def action_poll(self) -> None:
        """Poll the feeds that are due (each keeps its own minimum interval), in the background.
        One poll at a time: a poll is never cancelled midway, so a second request waits for the
        next check instead."""
        self.poll_feeds(())

    def poll_feeds(self, urls: tuple[str, ...] | list[str], *, manual: bool = True) -> None:
        """Poll ``urls`` now, due or not (the feeds screen's "poll now"); none: the due feeds.
        ``manual``: asked for by a key, so a poll that cannot start says why."""
        if self.polling:
            if urls:
                self.notify("A poll is running; try again when it ends.", markup=False)
            return
        self.polling = True
        self._poll(tuple(urls), manual)

    @work(thread=True, group="poll", exit_on_error=False)
    def _poll(self, urls: tuple[str, ...], manual: bool) -> None:
        from newsdesk.lock import PollLock
        from newsdesk.paths import lock_path
        from newsdesk.pipeline import run_poll

        # The same lock as `newsdesk poll` and `prune`: a cron poll and the app never place the
        # same articles in stories at once, and a prune never runs under an app poll.
        try:
            with PollLock(lock_path(self.db_path)) as lock:
                if not lock.acquire():
                    self.post_message(PollFinished(None, busy=True, manual=manual))
                    return
                report = run_poll(self.archive(), self.config, feed_urls=urls,
                                  on_progress=lambda p: self.post_message(PollProgressed(p)))
        except Exception as exc:  # the archive or its lock file is broken: say so, keep the app
            self.post_message(PollFinished(None, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(PollFinished(report))

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Workers run with exit_on_error=False: a failure is told, never silent."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{event.worker.group}: {type(error).__name__}: {error}",
                        severity="error", markup=False)
            for screen in self._stories_screens():
                screen.loading_failed()

    def _stories_screens(self) -> list[StoriesScreen]:
        return [s for s in self.screen_stack if isinstance(s, StoriesScreen)]

    @on(PollProgressed)
    def _poll_progressed(self, message: PollProgressed) -> None:
        p = message.progress
        for screen in self._stories_screens():
            screen.show_poll(f"polling {p.feeds_done}/{p.feeds_total} feeds, "
                             f"{p.new_articles} new")

    @on(PollFinished)
    def _poll_finished(self, message: PollFinished) -> None:
        self.polling = False
        for screen in self._stories_screens():
            screen.show_poll("")
        report = message.report
        if message.busy:
            if message.manual:
                self.notify("Another poll (cron, or a prune) holds this archive; the app will "
                            "look again in a minute.", markup=False)
            return
        if report is None:
            self.notify(f"Poll failed: {message.error}", severity="error", markup=False)
            return
        if not report.feeds:
            return                                   # nothing was due: nothing to say
        failed = len(report.failed)
        text = (f"Polled {len(report.feeds)} feeds: {report.new_articles} new articles, "
                f"{report.stories_changed} stories changed"
                + (f", {failed} feeds failed" if failed else ""))
        self.notify(text, severity="warning" if failed else "information", markup=False)
        if report.stories_error:
            self.notify(report.stories_error, severity="error", markup=False)
        self.prefetched.clear()                      # stories may have changed
        for screen in self.screen_stack:
            if isinstance(screen, (StoriesScreen, FeedsScreen)):
                screen.reload()

    def on_unmount(self) -> None:
        with self._archive_lock:
            if self._archive is not None:
                self._archive.close()
                self._archive = None

    @work(thread=True, group="startup", exit_on_error=False)
    def _check_feeds(self) -> None:
        if not self.archive().list_feeds():
            self.call_from_thread(
                self.notify, "No feeds yet. Press d to add the curated list of AI-industry feeds "
                "(nothing is polled until you poll).", timeout=30, markup=False)

    def prefetch_story(self, story_id: int) -> None:
        """Read the story under the cursor ahead, so opening it waits for no query."""
        if story_id not in self.prefetched:
            self._prefetch(story_id)

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def _prefetch(self, story_id: int) -> None:
        archive = self.archive()
        story = archive.get_story(story_id)
        if story is not None:
            view = StoryView(story, archive.story_article_list(story.id))
            self.call_from_thread(self._remember, story_id, view)

    def _remember(self, story_id: int, view: StoryView) -> None:
        if len(self.prefetched) > 32:
            self.prefetched.clear()
        self.prefetched[story_id] = view

    def _bring_up(self, name: str, make: type[Screen]) -> Screen:
        """The one kept screen called ``name`` on top: pushed, or, when it is already in the
        stack below others (search opened over a story), popped back down to."""
        if not self.is_screen_installed(name):
            self.install_screen(make(), name=name)
        screen = self.get_screen(name)
        if screen in self.screen_stack:
            while self.screen is not screen:
                self.pop_screen()
        else:
            self.push_screen(screen)
        return screen

    def open_story(self, story_id: int) -> None:
        screen = self._bring_up("story", StoryScreen)
        screen.show(story_id, self.prefetched.pop(story_id, None))  # type: ignore[attr-defined]

    def open_article(self, article: Article) -> None:
        """Open an article; opening it marks it (and its copies elsewhere) read."""
        self.push_screen(ArticleScreen(article))
        if not article.read and article.id is not None:
            self.mark_article(article.id, True)

    def mark_article(self, article_id: int, read: bool) -> None:
        """Record an article's read state, then show it on the story screen's table. Requests
        are numbered: of two quick toggles, the later one is what the archive keeps."""
        self._mark_requests += 1
        self._mark(article_id, read, self._mark_requests)

    @work(thread=True, group="marks", exit_on_error=False)
    def _mark(self, article_id: int, read: bool, request: int) -> None:
        from datetime import UTC, datetime

        with self._mark_lock:
            if request != self._mark_requests:
                return                               # a later request writes instead
            self.archive().mark_read(article_id, read, datetime.now(UTC))
        self.call_from_thread(self._article_marked, article_id, read)

    def _article_marked(self, article_id: int, read: bool) -> None:
        if self.is_screen_installed("story"):
            self.get_screen("story").article_marked(article_id, read)  # type: ignore[attr-defined]

    def action_feeds(self) -> None:
        if not isinstance(self.screen, FeedsScreen):
            self.push_screen(FeedsScreen())

    def action_search(self) -> None:
        """The search screen, kept between visits: its query and results are still there."""
        self._bring_up("search", SearchScreen)

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_add_defaults(self) -> None:
        self._add_defaults()

    @work(thread=True, group="feeds", exit_on_error=False)
    def _add_defaults(self) -> None:
        from newsdesk.pipeline import add_curated_feeds

        added = add_curated_feeds(self.archive())
        self.call_from_thread(self.notify, f"Added {added} curated feeds. Run `newsdesk poll` to "
                              "fetch them.", markup=False)


def binding_ids() -> set[str]:
    """Every re-mappable binding of the app and its screens."""
    from newsdesk.tui.feeds_screen import FeedsScreen as _Feeds

    classes = (NewsdeskApp, StoriesScreen, StoryScreen, ArticleScreen, _Feeds, SearchScreen)
    return {b.id for cls in classes for b in cls.BINDINGS
            if isinstance(b, Binding) and b.id is not None}
