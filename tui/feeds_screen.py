"""Feed health and subscriptions: every feed's status, last success, errors, articles a day and
whether it went quiet; add (a), remove (x), import OPML (i), poll the highlighted feed now (p).

Reads and writes happen in thread workers; a URL or path typed by the user goes to the archive and
the pipeline as data, never to a shell. Feed titles and errors are shown literally.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from newsdesk.subscriptions import FeedHealth, feed_health, import_opml
from newsdesk.tui.ask import Ask
from newsdesk.tui.tables import TableKeys
from newsdesk.tui.safe import plain, when

_STATUS = {"ok": ("ok", ""), "new": ("new", "dim"), "error": ("error", "bold red"),
           "gone": ("gone", "red")}


class FeedsScreen(TableKeys, Screen):
    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="feeds.back"),
        Binding("a", "add", "Add", id="feeds.add"),
        Binding("x", "remove", "Remove", id="feeds.remove"),
        Binding("i", "import_opml", "Import OPML", id="feeds.import"),
        Binding("p", "poll_one", "Poll now", id="feeds.poll"),
        Binding("j", "cursor(1)", "Down", show=False, id="feeds.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="feeds.up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.health: list[FeedHealth] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="feeds", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("status", "feed", "last success", "per day", "errors", "last error")
        table.focus()
        self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def _load(self) -> None:
        health = feed_health(self.app.archive(), datetime.now(UTC))  # type: ignore[attr-defined]
        self.app.call_from_thread(self._show, health)

    def _show(self, health: list[FeedHealth]) -> None:
        self.health = health
        table = self.query_one(DataTable)
        table.clear()
        for h in health:
            f = h.feed
            label, style = _STATUS.get(f.status, (f.status, ""))
            if h.quiet:
                label, style = "quiet", "yellow"
            table.add_row(Text(label, style=style), plain(f.title or f.url, limit=50),
                          Text(when(f.last_success)), Text(f"{h.per_day:.1f}", justify="right"),
                          Text(str(f.consecutive_errors or ""), justify="right"),
                          plain(f.last_error, "red", limit=60), key=f.url)
        failing = sum(1 for h in health if h.feed.status in ("error", "gone"))
        quiet = sum(1 for h in health if h.quiet)
        self.sub_title = f"{len(health)} feeds, {failing} failing, {quiet} quiet"

    def action_add(self) -> None:
        self.app.push_screen(Ask("Feed URL (http or https):"), self._add)

    def _add(self, url: str | None) -> None:
        if url:
            self._write("add", url)

    def action_remove(self) -> None:
        url = self.selected_key()
        if url:
            self._write("remove", url)

    def action_import_opml(self) -> None:
        self.app.push_screen(Ask("OPML file to import:"), self._import)

    def _import(self, path: str | None) -> None:
        if path:
            self._write("import", path)

    @work(thread=True, group="feed-writes", exit_on_error=False)
    def _write(self, what: str, value: str) -> None:
        archive = self.app.archive()  # type: ignore[attr-defined]
        now = datetime.now(UTC)
        try:
            if what == "add":
                if not value.lower().startswith(("http://", "https://")):
                    raise ValueError("only http and https feeds")
                added = archive.add_feed(value, now=now)[1]
                text = "Feed added." if added else "Already subscribed."
            elif what == "remove":
                text = "Feed removed." if archive.remove_feed(value) else "No such feed."
            else:
                added, known = import_opml(archive, Path(value).expanduser(), now)
                text = f"{added} feeds added, {known} already subscribed."
        except (OSError, ValueError) as exc:
            self.app.call_from_thread(self.notify, f"{what}: {exc}", severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self.notify, text, markup=False)
        self.app.call_from_thread(self.reload)

    def action_poll_one(self) -> None:
        url = self.selected_key()
        if url:
            self.app.poll_feeds([url])  # type: ignore[attr-defined]
