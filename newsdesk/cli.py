"""The `newsdesk` command line (see ../shared/cli-contract.md for the stable surface).

Human output on stdout, errors on stderr as one line (a traceback only with --debug), exit codes
from newsdesk.errors. Heavy imports (Textual, the pipeline) happen inside the commands that need
them, so `newsdesk --help` and cron commands start quickly.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from newsdesk import __version__
from newsdesk.config import Config, load_config
from newsdesk.errors import ArchiveError, BadInputError, BusyError, NewsdeskError, UsageError
from newsdesk.paths import default_config_path, default_db_path, lock_path


@dataclass
class Context:
    db_path: Path
    config_path: Path
    debug: bool
    _config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def ensure_folder(self) -> None:
        try:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArchiveError(f"cannot create {self.db_path.parent}: {exc.strerror}") from exc

    def open(self, create: bool = True):
        from newsdesk.store import open_archive

        if create:
            self.ensure_folder()
        return open_archive(self.db_path, create=create)


pass_ctx = click.make_pass_decorator(Context)
IMPORT_WAIT_SECONDS = 600   # an import waits this long for a running poll (cron) to finish


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(path_type=Path), envvar="NEWSDESK_DB",
              help="The archive file (env NEWSDESK_DB).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), envvar="NEWSDESK_CONFIG",
              help="The TOML config file (env NEWSDESK_CONFIG).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(__version__, prog_name="newsdesk")
@click.pass_context
def cli(click_ctx: click.Context, db_path: Path | None, config_path: Path | None, debug: bool) -> None:
    """newsdesk: a terminal news desk for analysts who follow the AI industry.

    Run without a command to open the app on the archive.
    """
    click_ctx.obj = Context(db_path or default_db_path(), config_path or default_config_path(), debug)
    if click_ctx.invoked_subcommand is None:
        open_app(click_ctx.obj)


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def open_app(ctx: Context, db_path: Path | None = None) -> None:
    if not _has_terminal():
        raise UsageError("the app needs a terminal; for scripts see `newsdesk --help`")
    from newsdesk.tui.app import NewsdeskApp

    from newsdesk.workers import start_resource_tracker

    path = db_path or ctx.db_path
    ctx.open().close()  # a bad archive fails here with a clear message, not inside the app
    start_resource_tracker()  # while stderr is still the terminal's (the app's polls need it)
    NewsdeskApp(db_path=path, config=ctx.config).run()


@cli.command()
@click.option("--feed", "feed_urls", multiple=True, help="Poll only this feed (added if new).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
@click.option("--strict", is_flag=True, help="Exit 1 if any feed failed; 75 if another poll runs.")
@click.option("--json", "as_json", is_flag=True, help="Print the poll report as JSON.")
@pass_ctx
def poll(ctx: Context, feed_urls: tuple[str, ...], quiet: bool, strict: bool, as_json: bool) -> None:
    """Poll every due feed once (cron-friendly)."""
    from newsdesk.lock import PollLock
    from newsdesk.pipeline import run_poll
    from newsdesk.progress import poll_progress

    from newsdesk.urls import is_http_url

    for url in feed_urls:
        if not is_http_url(url):
            raise UsageError(f"--feed {url!r} is not an http(s) URL")
    config = ctx.config
    ctx.ensure_folder()
    # The lock comes first: an overlapping cron run must exit before touching the archive.
    with PollLock(lock_path(ctx.db_path)) as lock:
        if not lock.acquire():
            if strict:
                raise BusyError("another poll is running on this archive")
            return
        show_bar = sys.stderr.isatty() and not quiet and not as_json
        with ctx.open() as archive, poll_progress(show_bar) as on_progress:
            report = run_poll(archive, config, feed_urls=feed_urls, on_progress=on_progress)
    for outcome in report.failed:
        click.echo(f"newsdesk: {outcome.feed_url}: {outcome.error}", err=True)
    if report.stories_error:
        click.echo(f"newsdesk: {report.stories_error}", err=True)
    if as_json:
        click.echo(json.dumps({
            "feeds": len(report.feeds), "new_articles": report.new_articles,
            "stories_changed": report.stories_changed,
            "not_modified": sum(f.not_modified for f in report.feeds),
            "failed": [{"url": f.feed_url, "error": f.error} for f in report.failed],
        }, indent=2))
    elif show_bar:
        click.echo(f"{len(report.feeds)} feeds polled, {report.new_articles} new articles, "
                   f"{len(report.failed)} failed")
    if report.feeds and len(report.failed) == len(report.feeds) and all(
        f.unreachable for f in report.failed
    ):
        sys.exit(75)  # nothing reachable: temporarily unavailable, try again later
    if strict and report.failed:
        sys.exit(1)


@cli.command("import")
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"))
@pass_ctx
def import_(ctx: Context, source) -> None:
    """Import articles from a JSON Lines file (`-` for stdin)."""
    from newsdesk.durations import utcnow
    from newsdesk.importing import import_items, read_lines
    from newsdesk.lock import PollLock

    now = utcnow()
    items, problems = read_lines(source, now)
    ctx.ensure_folder()
    # Imported articles are placed in stories like polled ones: never by two processes at once.
    with PollLock(lock_path(ctx.db_path)) as lock:
        if not lock.acquire():
            if sys.stderr.isatty():
                click.echo("newsdesk: waiting for the poll running on this archive", err=True)
            if not lock.wait(IMPORT_WAIT_SECONDS):
                raise BusyError("another poll has held this archive for "
                                f"{IMPORT_WAIT_SECONDS // 60} minutes; try again later")
        with ctx.open() as archive:
            added, stories_error = import_items(archive, ctx.config, items, now)
    if stories_error:
        click.echo(f"newsdesk: {stories_error}", err=True)
    for problem in problems:
        click.echo(f"newsdesk: {problem}", err=True)
    if sys.stdout.isatty():
        click.echo(f"{added} new articles, {len(items) - added} already archived, "
                   f"{len(problems)} bad lines")
    if problems:
        raise SystemExit(BadInputError.exit_code)


@cli.command()
@click.argument("article_id", type=int)
@click.option("--why", is_flag=True, help="Also show what was cut as boilerplate, and why.")
@click.option("--json", "as_json", is_flag=True, help="The article as JSON (export fields).")
@pass_ctx
def article(ctx: Context, article_id: int, why: bool, as_json: bool) -> None:
    """Show one article: metadata, copies, clean text (and with --why, what was cut)."""
    from newsdesk.articleview import render_article

    with ctx.open(create=False) as archive:
        found = archive.get_article(article_id)
        if found is None:
            raise BadInputError(f"no article {article_id}")
        found = archive.with_tags([found])[0]
        copies = archive.copies_of(found.id)
        original = archive.get_article(found.copy_of) if found.copy_of else None
    click.echo(render_article(found, copies, original, why=why, as_json=as_json), nl=False)


@cli.command()
@click.option("--no-app", is_flag=True, help="Print a summary instead of opening the app.")
@pass_ctx
def demo(ctx: Context, no_app: bool) -> None:
    """Serve the bundled sample site on 127.0.0.1, poll it into a fresh demo archive, open the app."""
    from newsdesk.demo import run_demo

    if not no_app and not _has_terminal():
        raise UsageError("the app needs a terminal; use `newsdesk demo --no-app` for a summary")
    run_demo(ctx.config, open_app=not no_app, open_app_fn=lambda p: open_app(ctx, p))


from newsdesk.cli_feeds import feeds  # noqa: E402 - registers the `feeds` group

cli.add_command(feeds)

from newsdesk.cli_stories import recluster, stories  # noqa: E402

cli.add_command(stories)
cli.add_command(recluster)

from newsdesk.cli_archive import backup, export, prune  # noqa: E402

cli.add_command(export)
cli.add_command(prune)
cli.add_command(backup)

from newsdesk.cli_digest import digest  # noqa: E402

cli.add_command(digest)

from newsdesk.cli_search import search  # noqa: E402

cli.add_command(search)


def main() -> None:
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=False, prog_name="newsdesk")
    except click.exceptions.Abort:
        click.echo("newsdesk: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewsdeskError as exc:
        if debug:
            raise
        click.echo(f"newsdesk: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("newsdesk: interrupted", err=True)
        sys.exit(130)
