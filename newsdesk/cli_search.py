"""`newsdesk search`: ranked full-text search of the archive, for a person or a script."""

from __future__ import annotations

import json
import os
import re
import sys

import click

from newsdesk.models import SEARCH_ORDERS

_FIELD_ARG = re.compile(r"^(-?[A-Za-z]+):(.*\s.*)$", re.S)


def _pass_ctx(f):
    from newsdesk.cli import pass_ctx

    return pass_ctx(f)


def query_from_args(args: tuple[str, ...]) -> str:
    """The query the user meant. One argument is the whole query (``search 'openai OR x'``). With
    several, the shell has already eaten the quotes, so an argument with spaces was quoted:
    ``search entity:"Moonshot AI" funding`` arrives as ``entity:Moonshot AI`` + ``funding``."""
    if len(args) == 1:
        return args[0]
    out = []
    for arg in args:
        if not any(c.isspace() for c in arg) or '"' in arg:
            out.append(arg)
        elif field := _FIELD_ARG.match(arg):
            out.append(f'{field.group(1)}:"{field.group(2)}"')
        else:
            out.append(f'"{arg}"')
    return " ".join(out)


def _marked(text: str, marks, style: bool) -> str:
    """``text`` with its matched spans bold on a terminal, between « » in a pipe."""
    out, last = [], 0
    for start, end in marks:
        out.append(text[last:start])
        word = text[start:end]
        out.append(click.style(word, bold=True) if style else f"«{word}»")
        last = end
    out.append(text[last:])
    return "".join(out)


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON array, as in the CLI contract.")
@click.option("--limit", type=click.IntRange(min=1, max=1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip the first N hits.")
@click.option("--sort", "order", type=click.Choice(SEARCH_ORDERS), default="rank",
              show_default=True, help="bm25 rank, newest first, or rank fading with age.")
@click.option("--copies", is_flag=True, help="Also list syndicated copies of an article.")
@click.option("--deep", is_flag=True,
              help="Rank every match (slower); by default a query matching thousands of "
                   "articles is ranked among its newest matches.")
@_pass_ctx
def search(ctx, query: tuple[str, ...], as_json: bool, limit: int, offset: int, order: str,
           copies: bool, deep: bool) -> None:
    """Search the archive: words, "phrases", prefix*, AND/OR/NOT, -word, (groups), and
    entity:"Moonshot AI", source:techcrunch, title:word, since:7d, until:2026-03-01, story:ID.

    Quote the whole query for the shell: newsdesk search 'entity:"Moonshot AI" kimi'.
    A query that starts with "-" needs "--" first: newsdesk search -- '-microsoft openai'
    """
    from newsdesk.durations import utcnow
    from newsdesk.search import hit_record, run_search
    from newsdesk.search_query import InvalidQuery

    text = query_from_args(query)
    with ctx.open(create=False) as archive:
        result = run_search(archive, text, utcnow(), order=order, limit=limit, offset=offset,
                            copies=copies, extra_files=ctx.config.entities.extra_files,
                            deep=deep)
    if result.query.empty:
        raise InvalidQuery("nothing to search for")
    for name in result.unknown_entities:
        click.echo(f"newsdesk: no entity called {name!r} in the archive", err=True)
    if as_json:
        click.echo(json.dumps([hit_record(h) for h in result.hits], ensure_ascii=False, indent=2))
        return
    style = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    for hit in result.hits:
        when = f"{hit.published:%Y-%m-%d}" if hit.published else "undated"
        story = f"story {hit.story_id}" if hit.story_id is not None else "no story"
        click.echo(f"[{hit.article_id}] {_marked(hit.title, hit.title_marks, style)}")
        click.echo(f"    {hit.source}, {when}, {story}, {hit.url}")
        click.echo(f"    {_marked(hit.snippet, hit.marks, style)}")
    if not result.hits and sys.stdout.isatty():
        click.echo("no matches", err=True)
