"""The archive-upkeep commands: `newsdesk export`, `newsdesk prune` and `newsdesk backup`.

`export` keeps the contract's JSON Lines output and adds `--format csv`; `prune` runs under the
poll lock, so it never races a cron poll; `backup` needs no lock (it only reads). All three are for
scripts and cron: output files are written atomically, errors are one line on stderr with the
contract's exit codes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _pass_ctx(f):
    from newsdesk.cli import pass_ctx

    return pass_ctx(f)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True, help="JSON Lines (the contract's fields) or CSV for spreadsheets.")
@click.option("--since", default="all", help="Duration (24h, 7d), ISO date, or `all`.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE atomically.")
@_pass_ctx
def export(ctx, fmt: str, since: str, output: Path | None) -> None:
    """Export every article, newest first, as JSON Lines or CSV."""
    from newsdesk.durations import parse_since, utcnow
    from newsdesk.output import atomic_file

    start = parse_since(since, utcnow())
    with ctx.open(create=False) as archive:
        if output:
            with atomic_file(output) as handle:
                _write_export(archive, start, fmt, handle)
        else:
            _write_export(archive, start, fmt, sys.stdout)


def _write_export(archive, start, fmt: str, handle) -> None:
    """The export streamed a page of articles at a time (tags and story ids read per page), so
    a year of archive never sits in memory at once. Pages are separate reads: an article that
    arrives during the export may or may not be in it."""
    from newsdesk.export_csv import csv_writer, write_rows
    from newsdesk.records import export_lines

    writer = csv_writer(handle) if fmt == "csv" else None
    for page in archive.article_pages(since=start):
        articles = archive.with_tags(page)
        story_of = archive.stories_for_articles(a.id for a in articles if a.id is not None)
        if writer is not None:
            write_rows(writer, articles, story_of)
        else:
            handle.writelines(export_lines(articles, story_of))


@click.command()
@click.option("--older-than", "older_than", required=True,
              help="Age in days or longer (365d, 52w, 6mo, 1y) or an ISO date: articles seen "
                   "before it are removed. s/m/h are refused (6m is not six months).")
@click.option("--dry-run", is_flag=True, help="Count what would be removed; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@_pass_ctx
def prune(ctx, older_than: str, dry_run: bool, as_json: bool) -> None:
    """Remove old articles with their tags and index rows; rebuild the stories they were in.

    An article's age is its published time, else when it was fetched. Exits 75 while a poll holds
    the archive's lock.
    """
    from newsdesk.durations import parse_older_than, utcnow
    from newsdesk.errors import ArchiveError, BusyError
    from newsdesk.lock import PollLock
    from newsdesk.paths import lock_path
    from newsdesk.retention import prune as run_prune, report_dict, report_line

    now = utcnow().replace(microsecond=0)
    cutoff = parse_older_than(older_than, now)  # a usage error before any lock or file is touched
    config = ctx.config
    if not ctx.db_path.exists():  # before the lock, which would leave a stray <db>.lock behind
        raise ArchiveError(f"no archive at {ctx.db_path}")
    with PollLock(lock_path(ctx.db_path)) as lock:
        if not lock.acquire():
            raise BusyError("a poll is running on this archive; prune again when it is done")
        with ctx.open(create=False) as archive:
            counts = run_prune(archive, config, cutoff, now, dry_run=dry_run)
    if as_json:
        click.echo(json.dumps(report_dict(counts, dry_run=dry_run), indent=2))
    else:
        click.echo(report_line(counts, dry_run=dry_run))


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@_pass_ctx
def backup(ctx, file: Path, force: bool) -> None:
    """Write a consistent copy of the archive to FILE (safe while newsdesk runs)."""
    from newsdesk.backup import backup_archive

    result = backup_archive(ctx.db_path, file, force=force)
    click.echo(f"backed up {result.articles} articles, {result.stories} stories and "
               f"{result.feeds} feeds to {result.path} ({_size(result.size)})")


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    value = float(n)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024:
            break
    return f"{value:.1f} {unit}"
