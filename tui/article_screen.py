"""One article: its clean text with the entities and figures it names highlighted, its metadata,
what was cut as boilerplate (b), and its link opened in the browser (o, http/https only).

Text reaches the screen as ``rich.text.Text`` built from ``clean_text``: nothing is parsed as
markup. Highlights are styles on spans found in that text, never markup inserted into it. It will
not fetch anything: the archive holds the text.
"""

from __future__ import annotations

import re
import webbrowser
from urllib.parse import urlsplit

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from newsdesk.models import Article
from newsdesk.text import clean_text
from newsdesk.tui.safe import plain


class ArticleScreen(Screen):
    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="article.back"),
        Binding("o", "open_link", "Open in browser", id="article.open_link"),
        Binding("b", "toggle_cuts", "Boilerplate", id="article.boilerplate"),
        Binding("m", "toggle_read", "Mark unread", id="article.mark_read"),
        Binding("j", "scroll(1)", "Down", show=False, id="article.down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="article.up"),
    ]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.show_cuts = False
        self.unread = False                         # opening it marked it read

    def compose(self) -> ComposeResult:
        a = self.article
        published = a.published.strftime("%Y-%m-%d %H:%M") if a.published else ""
        meta = " · ".join(x for x in (a.source, a.author or "", published, a.url) if x)
        yield Header()
        with VerticalScroll(id="reader"):
            yield Static(plain(a.title), id="title")
            yield Static(plain(meta), id="meta")
            yield Static(highlighted(a), id="body")
            yield Static(id="cuts")
        yield Footer()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#reader", VerticalScroll).scroll_relative(y=lines)

    def action_open_link(self) -> None:
        url = self.article.url
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            self.notify("Only http and https links are opened.", severity="warning",
                        markup=False)
            return
        webbrowser.open(url)                        # a list of arguments, never a shell

    def action_toggle_read(self) -> None:
        """Opening an article marked it read; m marks it unread again (and read once more)."""
        if self.article.id is None:
            return
        self.unread = not self.unread
        self.app.mark_article(self.article.id, not self.unread)  # type: ignore[attr-defined]
        self.notify("Marked unread." if self.unread else "Marked read.", markup=False)

    def action_toggle_cuts(self) -> None:
        self.show_cuts = not self.show_cuts
        self.query_one("#cuts", Static).update(_cuts(self.article) if self.show_cuts else "")


def highlighted(article: Article) -> Text:
    """The body with the article's entities in bold and its figures underlined."""
    body = clean_text(article.text or article.feed_summary or "(no text)").replace("\n", "\n\n")
    out = Text(body)
    for tag in article.entities:
        for name in {tag.name, tag.canonical}:
            if name and len(name) > 1:
                out.highlight_regex(rf"(?<!\w){re.escape(name)}(?!\w)", style="bold")
    for figure in article.figures:
        if figure.text:
            out.highlight_regex(re.escape(figure.text), style="underline")
    return out


def _cuts(article: Article) -> Text:
    out = Text("\nCut as boilerplate\n", style="bold underline")
    if not article.removed:
        out.append("nothing\n", style="dim")
    for block in article.removed:
        out.append(f"[{block.reason}] ", style="italic")
        out.append_text(plain(block.text, single_line=True, limit=200))
        out.append("\n")
    return out
