"""`newsdesk stories` (the story list, or the contract's JSON) and `newsdesk recluster`."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping

import click

from newsdesk.models import Article, Story


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
        articles = archive.articles_by_id(i for s in found for i in s.article_ids)
    if as_json:
        records = [story_record(s, articles) for s in found]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for story in found:
        click.echo(_story_lines(story, articles))


def _story_lines(story: Story, articles: Mapping[int, Article]) -> str:
    """The digest's plain-text block for the story (``digest_render.story_lines_txt``), labelled
    with its id: the same wording, figures and disagreement lines as `newsdesk digest --format
    txt`. Feed text is cleaned again and printed as text, never interpreted."""
    from newsdesk.digest import DigestStory
    from newsdesk.digest_render import story_lines_txt

    own = tuple(articles[i] for i in story.article_ids if i in articles)
    return "\n".join(story_lines_txt(f"[{story.id}]", DigestStory(story, own, ()))) + "\n"


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
