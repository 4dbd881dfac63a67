"""The newsdesk app: wiring only. It opens on the stories, pushes a story and an article screen,
and owns the one archive connection the screens' workers share (the archive serialises its own
use with a lock, so thread workers can read while the UI stays free).

Screens live in ``stories_screen``, ``story_screen`` and ``article_screen``; what reaches the
terminal from a feed is built in ``safe``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from newsdesk.config import Config
from newsdesk.models import Article
from newsdesk.store import open_archive
from newsdesk.store.archive import Archive
from newsdesk.tui.article_screen import ArticleScreen
from newsdesk.tui.stories_screen import StoriesScreen
from newsdesk.tui.story_screen import StoryScreen

__all__ = ["ArticleScreen", "NewsdeskApp", "StoriesScreen", "StoryScreen"]


class NewsdeskApp(App):
    TITLE = "newsdesk"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "toggle_help", "Help"),
        Binding("d", "add_defaults", "Add curated feeds", show=False),
    ]

    def __init__(self, db_path: Path, config: Config | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.config = config or Config()
        self._archive: Archive | None = None
        self._archive_lock = threading.Lock()

    def archive(self) -> Archive:
        """The shared archive, opened on first use (from a worker thread, not the UI)."""
        with self._archive_lock:
            if self._archive is None:
                self._archive = open_archive(self.db_path, create=False)
            return self._archive

    def on_mount(self) -> None:
        self.push_screen(StoriesScreen())
        self._check_feeds()

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

    def open_story(self, story_id: int) -> None:
        self.push_screen(StoryScreen(story_id))

    def open_article(self, article: Article) -> None:
        self.push_screen(ArticleScreen(article))

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
