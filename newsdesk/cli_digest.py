"""`newsdesk digest`: the stories of a window as Markdown, HTML, JSON or text, for cron.

Reads the archive (never creates one: a missing archive is exit 74), builds the digest with
``newsdesk.digest`` and renders it. With ``-o FILE`` the file is written atomically and nothing
goes to stdout, so a crontab line stays silent unless something fails; a failure is one line on
stderr with the contract's exit code, and the previous file is left as it was.
"""

from __future__ import annotations

from pathlib import Path

import click

from newsdesk.digest_render import FORMATS


def _pass_ctx(f):
    from newsdesk.cli import pass_ctx

    return pass_ctx(f)


@click.command("digest")
@click.option("--since", default="24h", show_default=True,
              help="Duration (90m, 24h, 7d), ISO date or time, or `all`.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to FILE atomically (nothing on stdout).")
@click.option("--watch", "watch", multiple=True, metavar="ENTITY",
              help="Put stories naming ENTITY first (repeatable; default: [app] watchlist).")
@click.option("--min-sources", type=click.IntRange(min=1), default=1, show_default=True,
              help="Leave out stories carried by fewer distinct outlets.")
@_pass_ctx
def digest(ctx, since: str, fmt: str, output: Path | None, watch: tuple[str, ...],
           min_sources: int) -> None:
    """A digest of the stories with activity in the window, then the feeds that need a look."""
    from newsdesk.digest import build_digest
    from newsdesk.digest_render import render_digest
    from newsdesk.durations import parse_since, utcnow
    from newsdesk.output import write_atomic
    from newsdesk.subscriptions import QUIET_DAYS

    start = parse_since(since, utcnow())
    names = watch or ctx.config.app.watchlist
    with ctx.open(create=False) as archive:
        stories = archive.stories_since(start)
        articles = archive.articles_by_id(i for s in stories for i in s.article_ids)
        watched = archive.entities_named(names, [s.id for s in stories])
        feeds = archive.list_feeds()
        newest = archive.newest_fetch_per_feed()
    result = build_digest(stories, articles, feeds, newest, watched, since=start, watch=names,
                          min_sources=min_sources, quiet_days=QUIET_DAYS)
    rendered = render_digest(result, fmt)
    if output is not None:
        write_atomic(output, rendered)
        return
    click.echo(rendered, nl=False)
