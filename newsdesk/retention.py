"""`newsdesk prune`: drop the articles older than a cutoff and keep the stories true to what is left.

The store removes the rows and mends the references in one transaction (``store/retention.py``);
this module supplies what the store must not decide: each story that lost articles is rebuilt by
the pipeline's own ``build_story``, with the same knowledge-file parents ``StoryDesk`` uses, so a
pruned story reads exactly as if its old articles had never arrived (its summary cites only
articles that are still there). The CLI takes the poll lock around it.

It will not choose the cutoff (``durations.parse_older_than`` reads it) or print anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsdesk.config import Config
from newsdesk.extract.tagging import knowledge_parents
from newsdesk.models import Story
from newsdesk.stories.story import build_story
from newsdesk.store import Archive
from newsdesk.store.retention import PruneCounts


def prune(archive: Archive, config: Config, cutoff: datetime, now: datetime, *,
          dry_run: bool = False) -> PruneCounts:
    """Remove every article seen before ``cutoff`` (published, else fetched); with ``dry_run``,
    only count what would go."""
    parents = knowledge_parents(config.entities.extra_files)

    def rebuild(story_ids: Sequence[int]) -> list[Story]:
        absorbed = archive.merged_from_of(story_ids)
        built = []
        for story_id in story_ids:
            articles = archive.story_article_list(story_id)
            if articles:
                built.append(build_story(story_id, articles, now=now, parents=parents,
                                         merged_from=absorbed.get(story_id, ())))
        return built

    return archive.prune_articles(cutoff, now, rebuild, dry_run=dry_run)


def report_dict(counts: PruneCounts, *, dry_run: bool) -> dict[str, Any]:
    """The `prune --json` object."""
    return {
        "cutoff": counts.cutoff, "dry_run": dry_run, "articles": counts.articles,
        "stories_deleted": counts.stories_deleted, "stories_rebuilt": counts.stories_rebuilt,
        "stories_renamed": counts.stories_renamed, "figures": counts.figures,
        "entity_links": counts.entity_links, "entities": counts.entities,
        "copies_repointed": counts.copies_repointed,
    }


def report_line(counts: PruneCounts, *, dry_run: bool) -> str:
    """One line for a terminal or a cron mail."""
    verb = "would remove" if dry_run else "removed"
    return (f"{verb} {counts.articles} articles seen before {counts.cutoff}: "
            f"{counts.stories_deleted} stories deleted, {counts.stories_rebuilt} rebuilt, "
            f"{counts.figures} figures, {counts.entity_links} entity links, "
            f"{counts.entities} unused entities, {counts.copies_repointed} copies re-pointed")
