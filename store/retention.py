"""Retention: remove the articles older than a cutoff, and mend everything that pointed at them.

An article is referenced from many places: its entity links and figures, the FTS index, copies
that name it as their original, the story that holds it (whose id may be its id), ``story_merges``
rows, and the JSON content of its story (summary, coverage, figures cite article ids). A prune
that only deleted rows would leave stories whose summaries cite nothing. So ``prune_articles`` does
everything in ONE write transaction: the deletion, the repairs, and the story content rebuilt by
the caller's ``rebuild`` (the pipeline's own builder; ``store`` does not decide story content). A
crash at any point leaves the archive as it was before the prune.

Choices a reader may wonder about:

* Links and figures are deleted explicitly, not left to ``ON DELETE CASCADE``: the cascade only
  runs with ``PRAGMA foreign_keys`` on, and the counts are reported. FTS rows go by the
  ``articles_ad`` trigger sqlite-utils created, inside the same transaction.
* A story keeps its id while its opening article survives. When that article is pruned, the story
  takes the id of its earliest remaining article, and ``story_merges`` maps the old id to it. A
  story's id is always one of its articles' ids, and SQLite hands a pruned top id to the next new
  article, which opens its story under that id: a story still using it would absorb that article.
* A rebuilt story keeps its ``updated`` time: removing old articles is not news, so a prune does
  not put stories back in a digest or mark them unread in the app.
* The per-site boilerplate memory (``host_blocks``) is kept: it is knowledge about a site, not data
  of the pruned articles.

It will not decide what is old (the caller passes the cutoff) or build a story's content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from newsdesk.models import Story

from .rows import to_text
from .stories import StoryQueries, _make_live, _refresh
from .story_rows import merged_from_json, merged_to_json

_SEEN = "coalesce(published, fetched)"
_PRUNED = "(SELECT id FROM temp.pruned)"

# Given the ids of the stories that lost some articles, their content rebuilt from what is left.
RebuildStories = Callable[[Sequence[int]], Sequence[Story]]


@dataclass(frozen=True)
class PruneCounts:
    """What a prune removed (or, in a dry run, would remove)."""

    cutoff: str
    articles: int = 0
    figures: int = 0
    entity_links: int = 0
    entities: int = 0               # entities no remaining article mentions
    copies_repointed: int = 0       # copies whose original was pruned
    stories_deleted: int = 0        # every article of the story was pruned
    stories_rebuilt: int = 0        # some were: counts and content rebuilt from the rest
    stories_renamed: int = 0        # of those, the ones whose opening article was pruned


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back, carrying its counts."""

    def __init__(self, counts: PruneCounts) -> None:
        super().__init__("dry run")
        self.counts = counts


def _count(db: Database, sql: str, params: Sequence[Any] = ()) -> int:
    return int(db.execute(sql, list(params)).fetchone()[0])


def _repoint_copies(db: Database) -> int:
    """Copies whose original is being pruned: the earliest surviving copy becomes the original
    (``copy_of`` NULL) and the others point to it. Returns how many surviving copies changed."""
    changed = 0
    originals = [r[0] for r in db.execute(
        f"SELECT DISTINCT copy_of FROM articles WHERE copy_of IN {_PRUNED} "
        f"AND id NOT IN {_PRUNED}")]
    for original in originals:
        survivors = [r[0] for r in db.execute(
            f"SELECT id FROM articles WHERE copy_of = ? AND id NOT IN {_PRUNED} "
            f"ORDER BY {_SEEN}, id", [original])]
        first, rest = survivors[0], survivors[1:]
        db.execute("UPDATE articles SET copy_of = NULL, copy_kind = NULL WHERE id = ?", [first])
        db.execute(f"UPDATE articles SET copy_of = ? WHERE copy_of = ? AND id NOT IN {_PRUNED}",
                   [first, original])
        changed += 1 + len(rest)
    return changed


def _rekey(db: Database, old: int, new: int, at: str) -> None:
    """Story ``old`` lost its opening article: it continues as ``new`` (one of its articles)."""
    db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [new, old])
    db.execute("UPDATE stories SET id = ? WHERE id = ?", [new, old])
    row = db.execute("SELECT merged_from FROM stories WHERE id = ?", [new]).fetchone()
    absorbed = (merged_from_json(row[0] if row else None) - {new}) | {old}
    db.execute("UPDATE stories SET merged_from = ? WHERE id = ?", [merged_to_json(absorbed), new])
    # ``new`` may once have opened a story this one absorbed: it is live again, not merged away.
    _make_live(db, [new])
    db.execute("UPDATE story_merges SET into_id = ? WHERE into_id = ?", [new, old])
    db.execute("INSERT OR REPLACE INTO story_merges (from_id, into_id, at) VALUES (?, ?, ?)",
               [old, new, at])


def _new_story_id(db: Database, story_id: int) -> int | None:
    """The id a story continues under: its own while its opener survives, else its earliest
    remaining article's (one no other story row uses). None when nothing of it is left."""
    remaining = [r[0] for r in db.execute(
        f"SELECT id FROM articles WHERE story_id = ? ORDER BY {_SEEN}, id", [story_id])]
    if not remaining:
        return None
    if story_id in remaining:
        return story_id
    taken = {r[0] for r in db.execute(
        f"SELECT id FROM stories WHERE id IN ({', '.join('?' * len(remaining))})", remaining)}
    return next((i for i in remaining if i not in taken), story_id)


def _drop_dangling_merges(db: Database) -> None:
    """``story_merges`` rows that no longer lead to a live story (their target was pruned)."""
    while db.execute(
        "DELETE FROM story_merges WHERE into_id NOT IN (SELECT id FROM stories) "
        "AND into_id NOT IN (SELECT from_id FROM story_merges)").rowcount:
        pass


def _remove(db: Database, cutoff: str, at: str) -> tuple[PruneCounts, list[int], dict[int, Any]]:
    """Delete the articles seen before ``cutoff`` and repair what referred to them. Returns the
    counts, the stories left to rebuild (by their id after the prune) and their ``updated``."""
    # The pruned ids, once: every step below joins on them, whatever their number.
    db.execute("CREATE TEMP TABLE pruned (id INTEGER PRIMARY KEY, story_id INTEGER)")
    db.execute(f"INSERT INTO temp.pruned SELECT id, story_id FROM articles WHERE {_SEEN} < ?",
               [cutoff])
    touched = sorted(r[0] for r in db.execute(
        "SELECT DISTINCT story_id FROM temp.pruned WHERE story_id IS NOT NULL"))
    updated = {r[0]: r[1] for r in db.execute(
        "SELECT id, updated FROM stories WHERE id IN (SELECT story_id FROM temp.pruned)")}
    repointed = _repoint_copies(db)
    figures = db.execute(f"DELETE FROM figures WHERE article_id IN {_PRUNED}").rowcount
    links = db.execute(f"DELETE FROM article_entities WHERE article_id IN {_PRUNED}").rowcount
    articles = db.execute(f"DELETE FROM articles WHERE id IN {_PRUNED}").rowcount
    entities = db.execute(
        "DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM article_entities ae "
        "WHERE ae.entity_id = entities.id)").rowcount
    db.execute("DROP TABLE temp.pruned")  # created in this transaction: a rollback drops it too
    deleted, renamed, kept, kept_updated = 0, 0, [], {}
    for story_id in touched:
        new_id = _new_story_id(db, story_id)
        if new_id is None:
            db.execute("DELETE FROM stories WHERE id = ?", [story_id])
            deleted += 1
            continue
        if new_id != story_id:
            _rekey(db, story_id, new_id, at)
            renamed += 1
        kept.append(new_id)
        kept_updated[new_id] = updated.get(story_id)
    _drop_dangling_merges(db)
    _refresh(db, kept, at, {})  # counts, first and last seen, sources: in step before the rebuild
    counts = PruneCounts(cutoff, articles, figures, links, entities, repointed, deleted,
                         len(kept), renamed)
    return counts, kept, kept_updated


class RetentionQueries(StoryQueries):
    def prune_articles(self, cutoff: datetime, now: datetime, rebuild: RebuildStories, *,
                       dry_run: bool = False) -> PruneCounts:
        """Remove every article whose time (published, else fetched) is before ``cutoff``, with
        its tags, index rows and story references, in one transaction (see the module docstring).
        ``dry_run`` does the same work and rolls it back, so its counts are exactly what a real
        run would report at this moment."""
        cutoff_text, at = to_text(cutoff) or "", to_text(now) or ""
        try:
            with self.write() as db:
                counts, kept, kept_updated = _remove(db, cutoff_text, at)
                if dry_run:
                    raise _DryRun(counts)
                if kept:
                    self.save_stories(rebuild(kept), now)
                    for story_id, was in kept_updated.items():  # not news: keep the old time
                        db.execute("UPDATE stories SET updated = ? WHERE id = ?",
                                   [was or at, story_id])
        except _DryRun as done:
            return done.counts
        return counts
