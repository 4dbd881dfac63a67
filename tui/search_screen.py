"""Search (/): the archive searched as you type, with the language of `newsdesk search`.

Each keystroke restarts a short timer; when typing rests, a thread worker runs
``newsdesk.search.run_search`` and posts the page back with its request number, so a slow answer
to an older query never replaces a newer one. An invalid query shows its reason under the input
and keeps the last results. Results are an ``OptionList`` (three lines a hit: title, where and
when, the snippet), more loaded when the cursor reaches the end. Enter opens the hit's story
(or the article when it has none), ``a`` the article itself.

Titles and snippets are ``rich.text.Text`` assembled from cleaned pieces with the matched words
styled by their spans: feed text is never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from newsdesk.durations import utcnow
from newsdesk.models import SEARCH_ORDERS, SearchHit
from newsdesk.search import run_search
from newsdesk.search_query import InvalidQuery
from newsdesk.text import blank_controls, clean_text
from newsdesk.tui.messages import SearchDone
from newsdesk.tui.safe import when

PAGE = 50
_TYPING_REST = 0.2                 # seconds without a keystroke before the search runs
_ORDERS = SEARCH_ORDERS
_ORDER_NAMES = {"rank": "best match", "recent": "newest", "mixed": "best match, fresh first"}
HINT = ('words  "a phrase"  prefix*  OR  NOT  -word  (groups)  entity:"Moonshot AI"  '
        "source:wire  title:word  since:7d  until:2026-03-01  story:42")


def marked(text: str, marks: tuple[tuple[int, int], ...], style: str) -> Text:
    """``text`` as Text with each (start, end) span styled. Control characters become spaces
    (the archive's text is cleaned already; this is the display's own guard), so the spans stay
    where the search put them."""
    out = Text(blank_controls(text).replace("\n", " "))
    for start, end in marks:
        out.stylize(style, start, end)
    return out


def hit_prompt(hit: SearchHit) -> Text:
    where = " · ".join(x for x in (hit.source, when(hit.published) if hit.published else "",
                                   f"story {hit.story_id}" if hit.story_id else "") if x)
    out = marked(hit.title or "(untitled)", hit.title_marks, "bold reverse")
    out.stylize("bold")
    out.append("\n")
    out.append(clean_text(where, single_line=True), style="dim")
    out.append("\n")
    out.append_text(marked(hit.snippet, hit.marks, "bold reverse"))
    return out


class SearchScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="search.back"),
        Binding("ctrl+o", "next_order", "Order", id="search.order"),
        Binding("a", "open_article", "Article", id="search.article"),
        Binding("down", "focus_results", "Results", show=False, id="search.results"),
        Binding("j", "results('cursor_down')", "Down", show=False, id="search.down"),
        Binding("k", "results('cursor_up')", "Up", show=False, id="search.up"),
        Binding("g", "results('first')", "Top", show=False, id="search.top"),
        Binding("G", "results('last')", "Bottom", show=False, id="search.bottom"),
        Binding("slash", "focus_query", "Edit query", show=False, id="search.edit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.order = "rank"
        self.generation = 0
        self.text = ""
        self.hits: list[SearchHit] = []
        self.more = False
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="search the archive", id="query")
        yield Static(HINT, id="search-status", markup=False)
        yield OptionList(id="results")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Each visit (/ again, or back from a story) starts in the query, ready to type."""
        self.query_one("#query", Input).focus()

    # -- typing ---------------------------------------------------------------------------------
    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(_TYPING_REST, lambda: self.run_query(event.value))

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        if event.value != self.text:
            self.run_query(event.value)
        self.action_focus_results()

    def run_query(self, text: str, offset: int = 0) -> None:
        self.generation += 1
        self.text = text
        if offset == 0 and not text.strip():
            self.hits, self.more = [], False
            self.query_one(OptionList).clear_options()
            self._status(HINT)
            return
        self._search(self.generation, text, self.order, offset)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, generation: int, text: str, order: str, offset: int) -> None:
        app = self.app
        try:
            result = run_search(app.archive(), text, utcnow(), order=order,  # type: ignore[attr-defined]
                                limit=PAGE, offset=offset,
                                extra_files=app.config.entities.extra_files)  # type: ignore[attr-defined]
        except InvalidQuery as exc:
            self.post_message(SearchDone(generation, offset, [], error=exc.reason))
            return
        self.post_message(SearchDone(generation, offset, result.hits,
                                     unknown=result.unknown_entities))

    @on(SearchDone)
    def _done(self, message: SearchDone) -> None:
        if message.generation != self.generation:
            return                                  # typing moved on
        if message.error:
            self._status(f"invalid query: {message.error}")
            return
        results = self.query_one(OptionList)
        if message.offset == 0:
            self.hits = []
            results.clear_options()
        start = len(self.hits)
        self.hits += message.hits
        results.add_options(Option(hit_prompt(h), id=str(start + i))
                            for i, h in enumerate(message.hits))
        self.more = len(message.hits) == PAGE
        if message.unknown:
            self._status("no entity called " + ", ".join(message.unknown) + " in the archive")
        else:
            count = f"{len(self.hits)}{'+' if self.more else ''}"
            self._status(f"{count} articles · {_ORDER_NAMES[self.order]} (ctrl+o) · "
                         "enter: story, a: article")

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Text(text))

    # -- results ---------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#results")
    def _near_end(self, event: OptionList.OptionHighlighted) -> None:
        if self.more and event.option_index >= len(self.hits) - 5:
            self.more = False
            self._search(self.generation, self.text, self.order, len(self.hits))

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[event.option_index]
        if hit.story_id is not None:
            self.app.open_story(hit.story_id)  # type: ignore[attr-defined]
        else:
            self._load_article(hit.article_id)

    def action_open_article(self) -> None:
        results = self.query_one(OptionList)
        if results.has_focus and results.highlighted is not None:
            self._load_article(self.hits[results.highlighted].article_id)

    @work(thread=True, group="search-article", exit_on_error=False)
    def _load_article(self, article_id: int) -> None:
        archive = self.app.archive()  # type: ignore[attr-defined]
        article = archive.get_article(article_id)
        if article is not None:
            article = archive.with_tags([article])[0]
            self.app.call_from_thread(self.app.open_article, article)  # type: ignore[attr-defined]

    def action_focus_results(self) -> None:
        results = self.query_one(OptionList)
        if self.hits:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    def action_results(self, action: str) -> None:
        """j/k/g/G on the results (typing in the input never reaches here: it takes letters)."""
        results = self.query_one(OptionList)
        if results.has_focus:
            getattr(results, f"action_{action}")()

    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_next_order(self) -> None:
        self.order = _ORDERS[(_ORDERS.index(self.order) + 1) % len(_ORDERS)]
        self.run_query(self.text)

    def action_back(self) -> None:
        results = self.query_one(OptionList)
        if results.has_focus:
            self.query_one("#query", Input).focus()
        else:
            self.app.pop_screen()
