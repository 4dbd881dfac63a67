"""A one-line question (a feed URL, an OPML path, an entity): the answer, or None on escape.

What the user types is returned as a string for the caller to use as data; it is never shown as
markup (``Input`` edits plain text).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class Ask(ModalScreen[str | None]):
    """One line of input (a feed URL, an OPML path); escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, prompt: str) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Label(self.prompt, markup=False)
            yield Input(id="answer")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())               # "" for an empty line; None: escape

    def action_cancel(self) -> None:
        self.dismiss(None)
