"""Feed text as the terminal may show it: never markup, never control or escape sequences.

Everything a feed or a page wrote reaches the screen through ``plain`` (a ``rich.text.Text``,
which Textual renders literally: "[@click=app.quit]x[/]" is shown, not run) after
``newsdesk.text.clean_text`` has dropped escape, control and bidi characters the store may have
kept from before it cleaned them. Styles are applied to whole spans, never parsed from the text.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from newsdesk.text import clean_text


def plain(value: str | None, style: str = "", *, single_line: bool = True,
          limit: int | None = None) -> Text:
    text = clean_text(value or "", single_line=single_line)
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)] + "…"
    return Text(text, style=style)


def when(value: datetime | None, fmt: str = "%m-%d %H:%M") -> str:
    return value.strftime(fmt) if value else ""
