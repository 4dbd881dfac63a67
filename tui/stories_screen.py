"""The first screen: one row per story, newest activity first, loaded a page at a time.

Rows come from ``Archive.story_lines`` in a thread worker, 200 at a time, the next page when the
cursor nears the end of what is loaded; a request number drops pages that a newer request (another
order, the unread filter, a refresh) made stale. Every cell is built by ``safe.plain``: a headline
like "[@click=app.quit]x[/]" is shown as written and clicking it opens the story, nothing else.
"""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header

from newsdesk.durations import utcnow
from newsdesk.models import StoryLine
from newsdesk.store.story_list import ORDERS
from newsdesk.tui.ask import Ask
from newsdesk.tui.messages import StoriesLoaded
from newsdesk.tui.safe import plain, when
from newsdesk.tui.tables import TableKeys

PAGE = 200
_MORE_AT = 20                      # rows from the end of the loaded ones: fetch the next page
_WINDOWS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30)}
_WHO, _FIGURE = 26, 16
_REST = 0.15                       # seconds the cursor rests on a row before its story is read
_FIXED = 2 + 11 + 7 + _WHO + _FIGURE + 2 * 6 + 2   # other columns, cell padding, scrollbar
_ORDER_NAMES = {"activity": "newest activity", "size": "most articles", "first": "first seen"}


class StoriesScreen(TableKeys, Screen):
    BINDINGS = [
        Binding("enter", "open", "Open", show=False, id="stories.open"),
        Binding("j", "cursor(1)", "Down", show=False, id="stories.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="stories.up"),
        Binding("g", "top", "Top", show=False, id="stories.top"),
        Binding("G", "bottom", "Bottom", show=False, id="stories.bottom"),
        Binding("m", "toggle_read", "Read/unread", id="stories.mark_read"),
        Binding("u", "unread_only", "Unread only", id="stories.unread_only"),
        Binding("s", "next_order", "Sort", id="stories.sort"),
        Binding("e", "filter_entity", "Entity", id="stories.entity"),
        Binding("n", "filter_outlet", "Outlet", show=False, id="stories.outlet"),
        Binding("y", "filter_category", "Category", show=False, id="stories.category"),
        Binding("w", "watchlist", "Watchlist", id="stories.watchlist"),
        Binding("t", "next_window", "Time", show=False, id="stories.time"),
        Binding("c", "clear_filters", "Clear filters", show=False, id="stories.clear"),
        Binding("R", "refresh", "Reload list", show=False, id="stories.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.order = "activity"
        self.unread_only = False
        self.lines: list[StoryLine] = []
        self.total = 0
        self._generation = 0
        self._loading = False
        self._poll_status = ""
        self._away = False                           # a story was opened from here
        self._prefetch_timer: Timer | None = None
        self.entity: str | None = None               # filters
        self.outlet: str | None = None
        self.category: str | None = None
        self.watch_only = False
        self.window = ""                             # "", "24h", "7d", "30d": activity since
        self.watched: set[int] = set()               # stories on screen naming a watched entity

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="stories", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("", key="mark", width=2)
        table.add_column("updated", key="last", width=11)
        table.add_column("outlets", key="outlets", width=7)
        table.add_column("headline", key="headline", width=self._headline_width())
        table.add_column("who", key="who", width=_WHO)
        table.add_column("figure", key="figure", width=_FIGURE)
        table.focus()
        self.reload()

    def _headline_width(self) -> int:
        """What the terminal leaves for the headline once the other columns have theirs."""
        return max(24, self.app.size.width - _FIXED)

    def on_resize(self) -> None:
        table = self.query_one(DataTable)
        width = self._headline_width()
        column = table.columns.get("headline")  # type: ignore[call-overload]
        if column is None or column.width == width:
            return
        column.width = width                         # refit the rows already loaded, no query
        row = table.cursor_row
        table.clear()
        for line in self.lines:
            table.add_row(*_cells(line, width, line.id in self.watched), key=str(line.id))
        if self.lines:
            table.move_cursor(row=min(row, len(self.lines) - 1))

    def on_screen_resume(self) -> None:
        if self._away:                               # back from a story: it may be read now
            self._away = False
            self.reload()

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Start over from the first page, as many rows as are loaded now (keeps the cursor on
        the same story when it can)."""
        self._generation += 1
        self._loading = False
        self._load(self._generation, 0, self._query(), max(PAGE, len(self.lines)))

    def _watchlist(self) -> tuple[str, ...]:
        return self.app.config.app.watchlist  # type: ignore[attr-defined]

    def _query(self) -> dict:
        entity = self._watchlist() if self.watch_only else self.entity
        since = utcnow() - _WINDOWS[self.window] if self.window else None
        return {"order": self.order, "unread_only": self.unread_only,
                "entity": entity or None, "source": self.outlet, "since": since,
                "category": self.category}

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def _load(self, generation: int, offset: int, query: dict, limit: int = 0) -> None:
        archive = self.app.archive()  # type: ignore[attr-defined]
        lines = archive.story_lines(limit=limit or PAGE, offset=offset, **query)
        counted = {k: v for k, v in query.items() if k != "order"}
        total = archive.story_line_count(**counted) if offset == 0 else self.total
        watched = archive.stories_naming(self._watchlist(), [s.id for s in lines])
        self.post_message(StoriesLoaded(generation, lines, total, offset, watched))

    @on(StoriesLoaded)
    def _loaded(self, message: StoriesLoaded) -> None:
        if message.generation != self._generation:
            return                                   # an older order or filter: stale
        table = self.query_one(DataTable)
        keep = self._selected_id() if message.offset == 0 else None
        if message.offset == 0:
            table.clear()
            self.lines = []
            self.watched = set()
        shown = {s.id for s in self.lines}
        fresh = [line for line in message.lines if line.id not in shown]  # a page that moved
        self.lines.extend(fresh)                     # under a concurrent poll repeats rows
        self.watched |= message.watched
        self.total = message.total
        for line in fresh:
            table.add_row(*_cells(line, self._headline_width(), line.id in message.watched),
                          key=str(line.id))
        if keep is not None:
            row = next((i for i, s in enumerate(self.lines) if s.id == keep), None)
            if row is not None:
                table.move_cursor(row=row)
        self._loading = False
        self._describe()

    def _describe(self) -> None:
        filters = [*(["unread only"] if self.unread_only else []),
                   *(["watchlist"] if self.watch_only else []),
                   *([f"naming {self.entity}"] if self.entity and not self.watch_only else []),
                   *([f"from {self.outlet}"] if self.outlet else []),
                   *([f"in {self.category}"] if self.category else []),
                   *([f"last {self.window}"] if self.window else [])]
        filtered = bool(filters)
        shown = ", ".join([f"{self.total} stories", _ORDER_NAMES[self.order], *filters])
        self.sub_title = (shown if self.total or filtered
                          else "no stories yet: r polls the feeds")
        if self._poll_status:
            self.sub_title += f" · {self._poll_status}"

    def loading_failed(self) -> None:
        """A page did not load: let the next cursor move try again."""
        self._loading = False

    def show_poll(self, status: str) -> None:
        """The background poll's progress in the title line ("" when it is over)."""
        self._poll_status = status
        self._describe()

    def _maybe_more(self) -> None:
        table = self.query_one(DataTable)
        if (not self._loading and len(self.lines) < self.total
                and table.cursor_row >= len(self.lines) - _MORE_AT):
            self._loading = True
            self._load(self._generation, len(self.lines), self._query())

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._maybe_more()
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        if event.row_key.value is not None:          # read ahead once the cursor rests
            story_id = int(event.row_key.value)
            self._prefetch_timer = self.set_timer(
                _REST, lambda: self.app.prefetch_story(story_id))  # type: ignore[attr-defined]

    # -- actions ------------------------------------------------------------------------------
    def _selected_id(self) -> int | None:
        key = self.selected_key()
        return int(key) if key is not None else None

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._open(int(event.row_key.value))

    def action_open(self) -> None:
        story_id = self._selected_id()
        if story_id is not None:
            self._open(story_id)

    def _open(self, story_id: int) -> None:
        self._away = True
        self.app.open_story(story_id)  # type: ignore[attr-defined]

    def action_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self.reload()

    def action_next_order(self) -> None:
        names = list(ORDERS)
        self.order = names[(names.index(self.order) + 1) % len(names)]
        self.reload()

    def action_refresh(self) -> None:
        self.reload()

    def action_filter_entity(self) -> None:
        line = next((s for s in self.lines if s.id == self._selected_id()), None)
        hint = line.top_entities[0] if line and line.top_entities else ""
        self.app.push_screen(Ask(f"Stories naming (enter: {hint or 'any'}):"),
                             lambda name: self._set_filter("entity", name, hint))

    def action_filter_outlet(self) -> None:
        self.app.push_screen(Ask("Stories from outlet (enter: any):"),
                             lambda name: self._set_filter("outlet", name))

    def action_filter_category(self) -> None:
        self.app.push_screen(Ask("Stories in feed category (enter: any):"),
                             lambda name: self._set_filter("category", name))

    def _set_filter(self, which: str, value: str | None, default: str = "") -> None:
        if value is None:
            return                                   # escape: nothing changes
        setattr(self, which, value or default or None)
        self.watch_only = False
        self.reload()

    def action_watchlist(self) -> None:
        if not self._watchlist():
            self.notify("No watchlist yet: add [app] watchlist = [...] to the config file.",
                        markup=False)
            return
        self.watch_only = not self.watch_only
        self.reload()

    def action_next_window(self) -> None:
        names = ["", *_WINDOWS]
        self.window = names[(names.index(self.window) + 1) % len(names)]
        self.reload()

    def action_clear_filters(self) -> None:
        self.window = ""
        self.entity = self.outlet = self.category = None
        self.watch_only = self.unread_only = False
        self.reload()

    def action_toggle_read(self) -> None:
        story_id = self._selected_id()
        line = next((s for s in self.lines if s.id == story_id), None)
        if line is not None:
            self._mark(line.id, not line.read or line.updated)

    @work(thread=True, group="marks", exit_on_error=False)
    def _mark(self, story_id: int, read: bool) -> None:
        self.app.archive().mark_story_read(  # type: ignore[attr-defined]
            story_id, utcnow(), read=read)
        self.app.call_from_thread(self.reload)


def _cells(line: StoryLine, headline_width: int, watched: bool = False) -> tuple[Text, ...]:
    mark = Text("★" if watched else " ", style="bold yellow")
    mark.append_text(Text("◆", style="bold") if line.updated else Text("●") if not line.read
                     else Text(" "))
    return (mark, Text(when(line.last_seen)), Text(str(line.sources), justify="right"),
            plain(line.headline, "" if line.read and not line.updated else "bold",
                  limit=headline_width),
            plain(", ".join(line.top_entities), "italic", limit=_WHO),
            plain(line.figure, "bold red" if line.disputed else "", limit=_FIGURE))
