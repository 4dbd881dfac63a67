"""One story: headline, the cited summary, figures and disagreements, entities by type, coverage
over time, and its articles with copies folded under their original.

The story and its articles are read in a thread worker, which also marks the story read (the list
then shows it as read, and as updated again when new articles arrive). All feed text goes through
``safe.plain``; styles are whole spans.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Sparkline, Static

from newsdesk.digest import disputed_values
from newsdesk.models import Article, Story
from newsdesk.tui.messages import StoryLoaded, StoryView
from newsdesk.tui.safe import plain, when

_TYPE_NAMES = {"lab": "Labs", "company": "Companies", "model": "Models and products",
               "person": "People", "agency": "Government", "place": "Places", "other": "Other"}


class StoryScreen(Screen):
    BINDINGS = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="story.back"),
        Binding("j", "scroll(1)", "Down", show=False, id="story.down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="story.up"),
        Binding("m", "mark_unread", "Mark unread", id="story.mark_unread"),
    ]

    def __init__(self, story_id: int | None = None) -> None:
        super().__init__()
        self.story_id = story_id
        self.view: StoryView | None = None
        self.drawn_at = 0.0                          # when the last story's content was drawn
        self._ready: StoryView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="story"):
            yield Static(id="content")               # one widget: fewer to restyle on entry
            yield Sparkline([], id="per-hour")
            yield DataTable(id="articles", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#articles", DataTable)
        table.add_columns(" ", "published", "outlet", "title", "also at")
        if self.story_id is not None:
            self._start()

    def show(self, story_id: int, ready: StoryView | None = None) -> None:
        """Show another story on this (reused) screen: the app keeps one, since building a
        screen costs more than filling it. ``ready``: the story already read (prefetched)."""
        self.story_id = story_id
        self.view = None
        self._ready = ready
        if not self.is_mounted:
            return                                   # on_mount shows it
        self.query_one("#story", VerticalScroll).scroll_home(animate=False)
        self._start()

    def _start(self) -> None:
        assert self.story_id is not None
        if self._ready is not None and self._ready.story.id == self.story_id:
            view, self._ready = self._ready, None
            self._loaded(StoryLoaded(self.story_id, view))
            self._mark_read(view.story.id)
        else:
            self._clear(Text("…"))                   # not the story shown before
            self._load(self.story_id)

    def _clear(self, note: Text) -> None:
        self.sub_title = ""
        self.query_one("#content", Static).update(note)
        self.query_one("#per-hour", Sparkline).data = [0]
        self.query_one("#articles", DataTable).clear()

    @work(thread=True, group="marks", exit_on_error=False)
    def _mark_read(self, story_id: int) -> None:
        self.app.archive().mark_story_read(  # type: ignore[attr-defined]
            story_id, datetime.now(UTC))

    @work(thread=True, exclusive=True, group="story", exit_on_error=False)
    def _load(self, story_id: int) -> None:
        archive = self.app.archive()  # type: ignore[attr-defined]
        story = archive.get_story(story_id)
        view = StoryView(story, archive.story_article_list(story.id)) if story else None
        self.post_message(StoryLoaded(story_id, view))
        if story is not None:                        # after: the reader need not wait for it
            archive.mark_story_read(story.id, datetime.now(UTC))

    @on(StoryLoaded)
    def _loaded(self, message: StoryLoaded) -> None:
        if message.story_id != self.story_id:
            return                                   # a story this screen showed before
        self.view = message.view
        if message.view is None:
            self._clear(Text("This story is gone."))
            return
        story, articles = message.view.story, message.view.articles
        self.sub_title = f"story {story.id}"
        self.query_one("#content", Static).update(story_text(story))
        per_hour = [n for _, n in story.coverage.per_hour] if story.coverage else []
        self.query_one("#per-hour", Sparkline).data = per_hour or [0]
        _fill_articles(self.query_one("#articles", DataTable), articles)
        self.call_after_refresh(self._drawn)

    def _drawn(self) -> None:
        self.drawn_at = time.perf_counter()

    @on(DataTable.RowSelected, "#articles")
    def _open_article(self, event: DataTable.RowSelected) -> None:
        if self.view is None or event.row_key.value is None:
            return
        article = next((a for a in self.view.articles if str(a.id) == event.row_key.value), None)
        if article is not None:
            self.app.open_article(article)  # type: ignore[attr-defined]

    def action_scroll(self, lines: int) -> None:
        self.query_one("#story", VerticalScroll).scroll_relative(y=lines)

    def article_marked(self, article_id: int, read: bool) -> None:
        """An article of the story (or a copy of one) was marked read or unread: show it."""
        if self.view is None:
            return
        # as the store marks it: the original and every copy of it
        root = next((a.copy_of for a in self.view.articles if a.id == article_id and a.copy_of),
                    article_id)
        group = {a.id for a in self.view.articles if root in (a.id, a.copy_of)} | {article_id}
        self.view.articles = [replace(a, read=read) if a.id in group else a
                              for a in self.view.articles]
        table = self.query_one("#articles", DataTable)
        for a in self.view.articles:
            if a.id in group and str(a.id) in table.rows:
                table.update_cell(str(a.id), table.ordered_columns[0].key, _read_mark(read))

    def action_mark_unread(self) -> None:
        if self.story_id is not None:
            self._unmark(self.story_id)

    @work(thread=True, group="marks", exit_on_error=False)
    def _unmark(self, story_id: int) -> None:
        self.app.archive().mark_story_read(  # type: ignore[attr-defined]
            story_id, datetime.now(UTC), read=False)
        self.app.call_from_thread(self.notify, "Marked unread.")


def story_text(story: Story) -> Text:
    """Everything but the sparkline and the article table, as one text."""
    out = Text("\n")
    out.append_text(plain(story.headline, "bold"))
    out.append("\n")
    for part in (_meta(story), _summary(story), _figures(story), _entities(story),
                 _coverage(story)):
        out.append_text(part)
    return out


def _meta(story: Story) -> Text:
    first = story.coverage.first if story.coverage else None
    out = Text(f"{len(story.sources)} outlets, {len(story.article_ids)} articles; first seen ")
    out.append(when(story.first_seen, "%Y-%m-%d %H:%M"))
    if first is not None:
        out.append(" by ")
        out.append_text(plain(first.source, "bold"))
    return out


def _section(title: str) -> Text:
    return Text(f"\n{title}\n", style="bold underline")


def _summary(story: Story) -> Text:
    out = _section("Summary")
    for s in story.summary:
        out.append("• ")
        out.append_text(plain(s.sentence))
        out.append(" (")
        out.append_text(plain(s.source, "italic"))
        out.append(")\n")
    return out


def _figures(story: Story) -> Text:
    out = _section("Figures")
    if not story.figures and not story.disagreements:
        out.append("none reported\n", style="dim")
    for d in story.disagreements:
        out.append("⚠ outlets disagree on ", style="bold red")
        out.append_text(plain(d.subject, "bold"))
        out.append(": ")
        for i, (value, outlets) in enumerate(disputed_values(d)):  # a value once, as the digest
            out.append("; " if i else "")
            out.append_text(plain(value))
            out.append(" (")
            out.append_text(plain(", ".join(outlets), "italic"))
            out.append(")")
        out.append("\n")
    for f in story.figures[:12]:
        out.append_text(plain(f.text, "bold"))
        if f.entity:
            out.append(" — ")
            out.append_text(plain(f.entity))
        outlets = sorted({s.source for s in f.sources})
        out.append(" · ")
        out.append_text(plain(", ".join(outlets), "italic"))
        if any(s.flags for s in f.sources):
            out.append(" ⚑ " + ", ".join(sorted({fl for s in f.sources for fl in s.flags})),
                       style="yellow")
        out.append("\n")
    return out


def _entities(story: Story) -> Text:
    out = _section("Who")
    groups: dict[str, list[str]] = defaultdict(list)
    for e in story.entities:
        groups[e.type].append(e.canonical)
    for type_, names in groups.items():
        out.append(f"{_TYPE_NAMES.get(type_, type_.title())}: ", style="bold")
        out.append_text(plain(", ".join(names[:12])))
        out.append("\n")
    return out


def _coverage(story: Story) -> Text:
    out = _section("Coverage")
    cov = story.coverage
    if cov is None or cov.first is None:
        return out
    out.append(when(cov.first.published) + "  first  ")
    out.append_text(plain(cov.first.source, "bold"))
    out.append("\n")
    for item in cov.followers:
        out.append(when(item.published) + "  then   ")
        out.append_text(plain(item.source))
        out.append("\n")
    out.append("articles per hour:", style="dim")
    return out


def _fill_articles(table: DataTable, articles: list[Article]) -> None:
    """One row per original; its copies folded into "also at"."""
    table.clear()
    ids = {a.id for a in articles}
    copies: dict[int, list[str]] = defaultdict(list)
    for a in articles:
        if a.copy_of is not None and a.copy_of in ids:
            copies[a.copy_of].append(a.source)
    for a in articles:
        if a.copy_of is not None and a.copy_of in ids:
            continue
        table.add_row(_read_mark(a.read), Text(when(a.published)), plain(a.source),
                      plain(a.title, limit=90), plain(", ".join(copies.get(a.id or -1, ()))),
                      key=str(a.id))


def _read_mark(read: bool) -> Text:
    return Text(" " if read else "●", style="bold")
