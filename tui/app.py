"""The newsdesk app. For now a list of archived articles and a reader; the stories desk comes with
the app issue. Feed text is never parsed as markup: table cells are ``rich.text.Text`` and the
reader uses ``Content`` objects.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from newsdesk.config import Config
from newsdesk.models import Article
from newsdesk.store import open_archive


class ArticleScreen(Screen):
    BINDINGS = [
        Binding("escape,backspace,q", "app.pop_screen", "Back"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        a = self.article
        meta = " · ".join(x for x in (a.source, a.author or "",
                                       a.published.strftime("%Y-%m-%d %H:%M") if a.published else "",
                                       a.url) if x)
        yield Header()
        with VerticalScroll(id="reader"):
            yield Static(Content(a.title), id="title")
            yield Static(Content(meta), id="meta")
            body = (a.text or a.feed_summary or "(no text)").replace("\n", "\n\n")
            yield Static(Content(body), id="body")
        yield Footer()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#reader", VerticalScroll).scroll_relative(y=lines)


class NewsdeskApp(App):
    TITLE = "newsdesk"
    CSS = """
    #title { text-style: bold; padding: 1 2 0 2; }
    #meta { color: $text-muted; padding: 0 2 1 2; }
    #body { padding: 0 2 1 2; }
    """
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
        Binding("g", "top", "Top", show=False),
        Binding("G", "bottom", "Bottom", show=False),
        Binding("d", "add_defaults", "Add curated feeds", show=False),
        Binding("m", "mark_read", "Read/unread"),
    ]

    def __init__(self, db_path: Path, config: Config | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.config = config or Config()
        self.articles: list[Article] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        with open_archive(self.db_path, create=False) as archive:
            self.articles = archive.list_articles(limit=5000)
            has_feeds = bool(archive.list_feeds())
        if not has_feeds and not self.articles:
            self.notify("No feeds yet. Press d to add the curated list of AI-industry feeds "
                        "(nothing is polled until you poll).", timeout=30, markup=False)
        table = self.query_one(DataTable)
        table.add_columns("", "published", "source", "title", "also at")
        self._fill()
        table.focus()

    def _fill(self) -> None:
        """One row per original; its copies are folded into "also at"."""
        table = self.query_one(DataTable)
        table.clear()
        copies: dict[int, list[Article]] = {}
        for a in self.articles:
            if a.copy_of is not None:
                copies.setdefault(a.copy_of, []).append(a)
        ids = {a.id for a in self.articles}
        shown = [a for a in self.articles if a.copy_of not in ids]  # originals, orphaned copies
        for a in shown:
            when = a.published.strftime("%m-%d %H:%M") if a.published else ""
            also = ", ".join(c.source for c in copies.get(a.id, []))
            title = a.title if len(a.title) <= 72 else a.title[:71] + "…"
            table.add_row(Text("" if a.read else "●"), Text(when), Text(a.source), Text(title),
                          Text(also), key=str(a.id))
        self.sub_title = f"{len(shown)} articles ({len(self.articles) - len(shown)} copies folded)"

    def _selected(self) -> Article | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((a for a in self.articles if str(a.id) == key), None)

    def action_mark_read(self) -> None:
        """Mark the article and all its copies read (or unread again)."""
        from datetime import datetime, timezone

        article = self._selected()
        if article is None or article.id is None:
            return
        with open_archive(self.db_path) as archive:
            archive.mark_read(article.id, not article.read, datetime.now(timezone.utc))
            self.articles = archive.list_articles(limit=5000)
        row = self.query_one(DataTable).cursor_row
        self._fill()
        self.query_one(DataTable).move_cursor(row=row)

    def action_add_defaults(self) -> None:
        from newsdesk.pipeline import add_curated_feeds

        with open_archive(self.db_path) as archive:
            added = add_curated_feeds(archive)
        self.notify(f"Added {added} curated feeds. Run `newsdesk poll` to fetch them.", markup=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        article = next((a for a in self.articles if str(a.id) == event.row_key.value), None)
        if article:
            self.push_screen(ArticleScreen(article))

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_top(self) -> None:
        self.query_one(DataTable).move_cursor(row=0)

    def action_bottom(self) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.row_count - 1)
