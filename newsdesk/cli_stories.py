"""`newsdesk stories` (the story list, or the contract's JSON) and `newsdesk recluster`."""

from __future__ import annotations

import json
import sys

import click

from newsdesk.models import Story


def _pass_ctx(f):
    from newsdesk.cli import pass_ctx

    return pass_ctx(f)


@click.command("stories")
@click.option("--since", default="7d", show_default=True,
              help="Duration (90m, 24h, 7d), ISO date, or `all`.")
@click.option("--limit", type=click.IntRange(min=1), help="At most N stories.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array, as in the CLI contract.")
@_pass_ctx
def stories(ctx, since: str, limit: int | None, as_json: bool) -> None:
    """Stories, newest activity first: headline, outlets, summary, disagreements."""
    from newsdesk.durations import parse_since
    from newsdesk.durations import utcnow
    from newsdesk.records import story_record

    start = parse_since(since, utcnow())
    with ctx.open(create=False) as archive:
        found = archive.stories_since(start, limit)
        if as_json:
            ids = [i for s in found for i in s.article_ids]
            articles = archive.articles_by_id(ids)
            records = [story_record(s, articles) for s in found]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for story in found:
        click.echo(_story_lines(story))


def _story_lines(story: Story) -> str:
    """Plain lines for a terminal or a pipe: feed text is cleaned at ingestion and printed as
    text, never interpreted."""
    outlets, articles = len(story.sources), len(story.article_ids)
    lines = [f"[{story.id}] {story.headline}",
             f"    {outlets} outlet{'s' * (outlets != 1)}, {articles} article{'s' * (articles != 1)}, "
             f"first seen {story.first_seen:%Y-%m-%d %H:%M} UTC"
             + (f" by {story.coverage.first.source}" if story.coverage and story.coverage.first
                else "")]
    for s in story.summary:
        lines.append(f"    - {s.sentence} ({s.source})")
    for d in story.disagreements:
        values = "; ".join(f"{v.text} ({v.source})" for v in d.values)
        lines.append(f"    ! outlets disagree on {d.subject}: {values}")
    return "\n".join(lines) + "\n"


@click.command("recluster")
@_pass_ctx
def recluster(ctx) -> None:
    """Rebuild every story from the archive (after changing [stories] thresholds)."""
    from newsdesk.durations import utcnow
    from newsdesk.storydesk import recluster as run

    with ctx.open(create=False) as archive:
        report, moved = run(archive, ctx.config, utcnow())
        total = archive.count_articles()
    click.echo(f"{report.articles} articles in {report.opened - report.merged} stories; "
               f"{moved} of {total} articles changed story", err=not sys.stdout.isatty())
