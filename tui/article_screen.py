"""One article: its clean text and metadata, shown literally (``Content`` never parses markup).

It will not fetch anything: the archive holds the text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from newsdesk.models import Article
from newsdesk.text import clean_text


class ArticleScreen(Screen):
    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", "Back"),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        a = self.article
        published = a.published.strftime("%Y-%m-%d %H:%M") if a.published else ""
        meta = " · ".join(x for x in (a.source, a.author or "", published, a.url) if x)
        yield Header()
        with VerticalScroll(id="reader"):
            yield Static(Content(clean_text(a.title, single_line=True)), id="title")
            yield Static(Content(clean_text(meta, single_line=True)), id="meta")
            body = clean_text(a.text or a.feed_summary or "(no text)").replace("\n", "\n\n")
            yield Static(Content(body), id="body")
        yield Footer()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#reader", VerticalScroll).scroll_relative(y=lines)
