"""`newsdesk feeds ...`: add (with discovery), list with health, remove, OPML import and export."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsdesk.errors import BadInputError, FeedError
from newsdesk.models import Feed


def _pass_ctx(f):
    from newsdesk.cli import pass_ctx
    return pass_ctx(f)


@click.group()
def feeds() -> None:
    """Manage the feeds newsdesk polls."""


async def _discover(config, url: str):
    from newsdesk.feeds.discover import discover_feed
    from newsdesk.feeds.http import Fetcher

    async with Fetcher(config.poll) as fetcher:
        return await discover_feed(fetcher, url)


@feeds.command("add")
@click.argument("url", required=False)
@click.option("--title", help="Title to show instead of the feed's own.")
@click.option("--category", help="A category such as lab, press, research, policy.")
@click.option("--defaults", is_flag=True, help="Add the curated list of AI-industry feeds.")
@click.option("--no-check", is_flag=True, help="Add the URL as given, without fetching it.")
@_pass_ctx
def add(ctx, url: str | None, title: str | None, category: str | None, defaults: bool,
        no_check: bool) -> None:
    """Add a feed URL, or a site URL whose page links its feed."""
    from newsdesk.durations import utcnow
    from newsdesk.urls import canonical_url

    now = utcnow()
    if defaults:
        from newsdesk.pipeline import add_curated_feeds

        with ctx.open() as archive:
            added = add_curated_feeds(archive, now)
        click.echo(f"added {added} curated feeds (nothing is polled until you run `newsdesk poll`)")
        return
    if not url:
        raise click.UsageError("give a URL, or --defaults")
    if not canonical_url(url):
        raise BadInputError(f"{url!r} is not an http(s) URL")
    feed_url, feed_title, site_url = url, None, None
    if not no_check:
        try:
            import asyncio

            feed_url, parsed = asyncio.run(_discover(ctx.config, url))
            feed_title, site_url = parsed.title, parsed.site_url
        except FeedError as exc:
            raise FeedError(f"{url}: {exc}") from None
    with ctx.open() as archive:
        feed, created = archive.add_feed(feed_url, title=title or feed_title, site_url=site_url,
                                         category=category, now=now)
    verb = "added" if created else "already subscribed:"
    click.echo(f"{verb} {feed.title or ''} <{feed.url}>".replace("  ", " "))


def _feed_json(feed: Feed) -> dict:
    from newsdesk.durations import iso

    return {
        "url": feed.url, "title": feed.title, "site_url": feed.site_url, "category": feed.category,
        "status": feed.status, "last_polled": iso(feed.last_polled),
        "last_success": iso(feed.last_success), "consecutive_errors": feed.consecutive_errors,
        "last_error": feed.last_error, "next_poll": iso(feed.next_poll),
        "articles": feed.article_count,
    }


@feeds.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON array with each feed's health.")
@_pass_ctx
def list_(ctx, as_json: bool) -> None:
    """Feeds with their health."""
    with ctx.open() as archive:
        rows = archive.list_feeds()
    if as_json:
        click.echo(json.dumps([_feed_json(f) for f in rows], indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no feeds yet: `newsdesk feeds add URL` or `newsdesk feeds add --defaults`")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    for column in ("status", "articles", "last success", "errors", "feed"):
        table.add_column(column, no_wrap=column != "feed")
    for f in rows:
        last = f.last_success.strftime("%Y-%m-%d %H:%M") if f.last_success else "never"
        name = Text(f"{f.title or f.url}\n{f.url}")  # Text, never markup: titles come from feeds
        if f.last_error:
            name.append(f"\n{f.last_error}", style="red")
        table.add_row(f.status, str(f.article_count), last, str(f.consecutive_errors), name)
    Console(soft_wrap=not sys.stdout.isatty()).print(table)


@feeds.command("remove")
@click.argument("url")
@_pass_ctx
def remove(ctx, url: str) -> None:
    """Stop polling a feed (its articles stay in the archive)."""
    with ctx.open(create=False) as archive:
        if not archive.remove_feed(url):
            raise FeedError(f"no feed {url!r} (see `newsdesk feeds list`)")
    click.echo(f"removed {url}")


@feeds.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_pass_ctx
def import_opml(ctx, path: Path) -> None:
    """Import feeds from an OPML file (from any feed reader)."""
    from newsdesk.durations import utcnow
    from newsdesk.subscriptions import import_opml as subscribe_opml

    with ctx.open() as archive:
        added, known = subscribe_opml(archive, path, utcnow())
    click.echo(f"{added} feeds added, {known} already subscribed")


@feeds.command("export")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE atomically.")
@_pass_ctx
def export_opml(ctx, output: Path | None) -> None:
    """Export feeds as OPML 2.0."""
    from newsdesk.feeds.opml import write_opml
    from newsdesk.output import write_atomic

    with ctx.open() as archive:
        text = write_opml(archive.list_feeds())
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=not text.endswith("\n"))
