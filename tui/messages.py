"""Messages the app's workers post back to the UI thread (thread-safe ``post_message``).

Small records: the screens react to them; nothing here touches the archive or Textual state.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from newsdesk.models import Article, PollProgress, PollReport, SearchHit, Story, StoryLine


class StoriesLoaded(Message):
    """A page of the story list, for the request numbered ``generation`` (older ones are stale)."""

    def __init__(self, generation: int, lines: list[StoryLine], total: int, offset: int,
                 watched: set[int] | None = None) -> None:
        super().__init__()
        self.generation = generation
        self.lines = lines
        self.total = total
        self.offset = offset
        self.watched = watched or set()              # of ``lines``, those naming a watched entity


@dataclass
class StoryView:
    story: Story
    articles: list[Article]


class StoryLoaded(Message):
    """Story ``story_id`` as read (``view`` None: it is gone)."""

    def __init__(self, story_id: int, view: StoryView | None) -> None:
        super().__init__()
        self.story_id = story_id
        self.view = view


class PollProgressed(Message):
    """After each feed of a background poll; a newer one replaces one not yet handled."""

    def __init__(self, progress: PollProgress) -> None:
        super().__init__()
        self.progress = progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PollProgressed)


class PollFinished(Message):
    """A background poll ended: its report, or the error that stopped it, or ``busy``: another
    process (a cron poll, a prune) held the poll lock, so it did not start."""

    def __init__(self, report: PollReport | None, error: str | None = None, *,
                 busy: bool = False, manual: bool = True) -> None:
        super().__init__()
        self.report = report
        self.error = error
        self.busy = busy
        self.manual = manual


class SearchDone(Message):
    """A page of search hits for request ``generation`` at ``offset``; ``error``: the reason the
    query could not be searched; ``unknown``: entity names the archive does not hold."""

    def __init__(self, generation: int, offset: int, hits: list[SearchHit], *,
                 error: str | None = None, unknown: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.generation = generation
        self.offset = offset
        self.hits = hits
        self.error = error
        self.unknown = unknown
