"""Stories for the pipeline: put every article no story holds yet into one, and rewrite each
story that changed.

``update_stories`` runs after a poll and after an import. It restores the clusterer from the open
stories in the archive, clusters the unassigned articles oldest first, builds the content
of every story that gained an article or absorbed another, and records assignments and content in
ONE transaction per batch. A crash between batches loses nothing: the articles of an unrecorded
batch are still unassigned, and the next run picks them up. ``recluster`` rebuilds every story from
the archive, replaying the articles on their own clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsdesk.config import Config
from newsdesk.extract.tagging import knowledge_parents
from newsdesk.models import Article, Assignment, article_time
from newsdesk.stories.cluster import StoryClusterer
from newsdesk.stories.story import build_story
from newsdesk.store import Archive

BATCH = 2000              # articles clustered and recorded per transaction


@dataclass
class StoryUpdate:
    articles: int = 0     # articles placed in a story
    opened: int = 0       # new stories
    merged: int = 0       # stories absorbed by another
    changed: int = 0      # stories whose stored record changed


class StoryDesk:
    """One clusterer over the open stories, and the writing of what it decides."""

    def __init__(self, archive: Archive, config: Config, now: datetime) -> None:
        self.archive, self.config, self.now = archive, config, now
        self.parents = knowledge_parents(config.entities.extra_files)
        self.clusterer = StoryClusterer(config.stories)
        self.report = StoryUpdate()
        self.members: dict[int, list[int]] = {}      # story id -> article ids, open stories
        self.latest = datetime.min.replace(tzinfo=now.tzinfo)

    def restore(self) -> None:
        since = self.now - timedelta(hours=self.config.stories.quiet_hours)
        open_stories = self.archive.open_story_articles(since)
        self.clusterer.restore(open_stories, self.now)
        for story_id, articles in open_stories:
            self.members[story_id] = [a.id for a in articles if a.id is not None]
            for a in articles:
                self.clock(a)

    def clock(self, article: Article) -> datetime:
        """The clusterer's "now" for an article: the latest article time seen so far, never past
        the real now. Stories close on the articles' own clock, so a first poll that brings a
        week of backlog still groups it, and a recluster replays history as it happened."""
        self.latest = max(self.latest, min(article_time(article) or self.now, self.now))
        return self.latest

    def place_unassigned(self, on_batch: Callable[[int], None] | None = None) -> None:
        """Place every unassigned article, a batch (one transaction) at a time."""
        batch = self.archive.unassigned_articles(BATCH)
        while batch:
            self.place(batch)
            if on_batch:
                on_batch(self.report.articles)
            batch = self.archive.unassigned_articles(BATCH)

    def place(self, batch: Sequence[Article]) -> None:
        """Cluster ``batch`` (oldest first) and record it with the content of every story it
        touched, in one transaction. ``members`` follows the clusterer's assignments because the
        clusterer forgets a story once it closes, which can happen within a long batch."""
        assignments: list[Assignment] = [self.clusterer.add(a, self.clock(a)) for a in batch]
        for a in assignments:
            joined = self.members.setdefault(a.story_id, [])
            for gone in a.merged:
                joined.extend(self.members.pop(gone, ()))
            joined.append(a.article_id)
        gone = {m for a in assignments for m in a.merged}
        touched = sorted({a.story_id for a in assignments} - gone)
        known = {a.id: a for a in batch if a.id is not None}
        members = {s: sorted(set(self.members[s])) for s in touched}
        missing = {i for ids in members.values() for i in ids if i not in known}
        known.update(self.archive.articles_by_id(missing))
        absorbed = self.archive.merged_from_of(touched)
        for a in assignments:
            if a.merged:
                absorbed[a.story_id] = tuple(sorted({*absorbed.get(a.story_id, ()), *a.merged}))
        stories = [build_story(s, [known[i] for i in members[s] if i in known], now=self.now,
                               merged_from=absorbed.get(s, ()), parents=self.parents)
                   for s in touched]
        changed = self.archive.record_stories(assignments, stories, self.now)
        self.report.articles += len(assignments)
        self.report.opened += sum(a.story_id == a.article_id for a in assignments)
        self.report.merged += len(gone)
        self.report.changed += len(changed)


def update_stories(archive: Archive, config: Config, now: datetime) -> StoryUpdate:
    """Place every unassigned article in a story (after a poll or an import)."""
    desk = StoryDesk(archive, config, now)
    if archive.unassigned_articles(1):             # most runs after a quiet poll stop here
        desk.restore()
        desk.place_unassigned()
    return desk.report


def recluster(archive: Archive, config: Config, now: datetime,
              on_batch: Callable[[int], None] | None = None) -> tuple[StoryUpdate, int]:
    """Rebuild every story from the archive (after a threshold change); returns the update and
    how many articles now sit in a different story than before. Articles replay oldest first on
    their own clock (published, else fetched), so stories close as they would have."""
    before = archive.story_assignments()
    archive.clear_stories()
    desk = StoryDesk(archive, config, now)
    desk.place_unassigned(on_batch)
    after = archive.story_assignments()
    moved = sum(before.get(i) != s for i, s in after.items())
    return desk.report, moved
