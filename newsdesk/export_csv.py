"""`newsdesk export --format csv`: the export records as one spreadsheet-safe CSV table.

Each row is made from the same ``export_record`` the JSON Lines export prints, so the two formats
cannot drift apart; nested lists become one cell each (entities by canonical name, figures as
"text (owner)"), joined by "; ". The csv module does the RFC 4180 quoting (commas, quotes and line
breaks inside a field), rows end in CRLF, the text is UTF-8 without a byte-order mark.

Spreadsheets run a cell that starts with = + - @ (and, in some, tab or CR) as a formula, so a feed
could plant ``=HYPERLINK(...)`` in a title. Such a cell gets a leading apostrophe, which
spreadsheets show as text and do not display (OWASP's "CSV injection" advice). This changes the
data a little; the JSON Lines export is the faithful one.

It will not read the archive or write files: ``cli_archive`` does.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from newsdesk.models import Article
from newsdesk.records import export_record

COLUMNS: tuple[str, ...] = (
    "id", "url", "title", "source", "author", "published", "fetched", "story_id", "copy_of",
    "entities", "figures", "text",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(value: Any) -> Any:
    """A string a spreadsheet would run as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _figure_cell(figure: Mapping[str, Any]) -> str:
    owner = figure.get("entity")
    return f"{figure['text']} ({owner})" if owner else str(figure["text"])


def csv_row(article: Article, story_id: int | None) -> list[Any]:
    record = export_record(article, story_id)
    record["entities"] = "; ".join(dict.fromkeys(e["canonical"] for e in record["entities"]))
    record["figures"] = "; ".join(_figure_cell(f) for f in record["figures"])
    return [guard_cell("" if record[c] is None else record[c]) for c in COLUMNS]


def csv_writer(handle: TextIO) -> Any:
    """A csv writer on ``handle`` with the header row written: RFC 4180 quoting, CRLF rows."""
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    return writer


def write_rows(writer: Any, articles: Iterable[Article],
               story_of: Mapping[int, int] | None = None) -> None:
    for article in articles:
        writer.writerow(csv_row(article, (story_of or {}).get(article.id or 0)))
