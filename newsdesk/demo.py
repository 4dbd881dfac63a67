"""`newsdesk demo`: the whole pipeline on the bundled sample site, offline.

The sample site is served on 127.0.0.1 at a free port and polled through the same `run_poll` cron
uses, into a fresh archive in a new temporary folder (the user's own archive is never touched).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import click

from newsdesk.config import Config
from newsdesk.digest import disputed_text, text
from newsdesk.durations import utcnow
from newsdesk.pipeline import run_poll
from newsdesk.progress import poll_progress
from newsdesk.store import open_archive


def run_demo(config: Config, *, open_app: bool, open_app_fn: Callable[[Path], None],
             folder: Path | None = None) -> Path:
    from newsdesk.sample_site import SampleSite

    folder = folder or Path(tempfile.mkdtemp(prefix="newsdesk-demo-"))
    db_path = folder / "demo.db"
    with SampleSite() as site:
        now = utcnow()
        with open_archive(db_path) as archive:
            for url in site.feed_urls:
                archive.add_feed(url, now=now)
            with poll_progress(sys.stderr.isatty()) as on_progress:
                report = run_poll(archive, config, now=now, on_progress=on_progress)
            articles = archive.list_articles()
            feeds = archive.list_feeds()
            stories = archive.stories_since(None)
        if open_app:
            open_app_fn(db_path)
            return db_path
    extraction = Counter(a.extraction for a in articles)
    click.echo(f"newsdesk demo: served the sample site at {site.base_url} (loopback only)")
    click.echo(f"  {len(feeds)} feeds polled, {report.new_articles} new articles, "
               f"{len(report.failed)} feeds failed")
    click.echo(f"  extraction: {extraction.get('ok', 0)} from the page, "
               f"{extraction.get('feed', 0)} from the feed's own text, "
               f"{extraction.get('failed', 0)} without text")
    for outcome in report.failed:
        click.echo(f"  failed: {outcome.feed_url}: {outcome.error}")
    if report.stories_error:
        click.echo(f"  {report.stories_error}")
    multi = [s for s in stories if len(s.sources) > 1]
    click.echo(f"  {len(articles)} articles in {len(stories)} stories, "
               f"{len(multi)} covered by more than one outlet; the largest:")
    for story in sorted(multi, key=lambda s: (-len(s.sources), s.id))[:6]:
        first = story.coverage.first.source if story.coverage and story.coverage.first else "?"
        click.echo(f"    [{len(story.sources)} outlets, first: {first[:20]}] {story.headline[:64]}")
        for d in story.disagreements:  # worded as in the digest and `newsdesk stories`
            click.echo(f"      ! Outlets disagree on {text(d.subject)}: {disputed_text(d)}"[:150])
    click.echo(f"  archive: {db_path}")
    click.echo(f"  open it: newsdesk --db {db_path}")
    return db_path
