"""The frozen records the stages hand each other.

Stages never pass feedparser dicts, httpx responses or SQL rows across a boundary: only these.
Times are timezone-aware UTC datetimes; ``None`` where a source gave nothing usable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Feed:
    """A subscribed feed and its polling health, as the archive holds it."""

    id: int
    url: str
    title: str | None = None
    site_url: str | None = None
    category: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None          # hash of the last 200 body: an identical body is no work
    last_polled: datetime | None = None
    last_success: datetime | None = None
    status: str = "new"                   # new | ok | error | gone
    consecutive_errors: int = 0
    last_error: str | None = None
    next_poll: datetime | None = None
    article_count: int = 0


@dataclass(frozen=True)
class FetchResult:
    """What one polite HTTP fetch produced. ``error`` is set instead of raising."""

    url: str                              # the URL asked for
    final_url: str                        # after redirects
    status: int | None = None             # HTTP status, None when no response arrived
    body: bytes | None = None             # decoded (Content-Encoding undone), capped
    headers: dict[str, str] = field(default_factory=dict)   # lower-cased names
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False            # 304
    permanent_redirect: str | None = None  # target of a 301/308 chain, to adopt after it parses
    retry_after: datetime | None = None   # from 429/503 Retry-After, not yet clamped
    gone: bool = False                    # 410
    error: str | None = None              # one line, names the cause
    error_kind: str | None = None         # timeout | too_large | http | network | redirect | blocked | encoding

    @property
    def ok(self) -> bool:
        return self.error is None and not self.not_modified and self.body is not None


@dataclass(frozen=True)
class FeedEntry:
    """One item of a parsed feed, its link canonicalised and its text stripped of control chars."""

    guid: str                             # the feed's id, else a hash of link + title
    url: str                              # canonical, http/https only ("" when unsafe/missing)
    title: str
    author: str | None = None
    published: datetime | None = None
    summary: str = ""                     # plain text
    content_html: str | None = None       # full content the feed carried, if any
    unsafe_link: str | None = None        # the raw link when it was refused (javascript:, file:, ...)


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    site_url: str | None
    entries: tuple[FeedEntry, ...]
    warning: str | None = None            # feedparser's bozo exception, one line
    error: str | None = None              # not a feed at all


ENTITY_TYPES = ("lab", "company", "model", "person", "agency", "place", "other")


@dataclass(frozen=True)
class EntityTag:
    """One entity found in an article (all its mentions folded into one tag)."""

    canonical: str                        # "Moonshot AI"
    type: str                             # one of ENTITY_TYPES
    name: str                             # the surface form first seen ("Moonshot")
    count: int = 1
    first_offset: int = 0                 # character offset of the first mention in the text
    confidence: float = 1.0               # 1.0 for the knowledge file; lower when discovered
    known: bool = True                    # False: found by cues, not in the knowledge file


@dataclass(frozen=True)
class Figure:
    """A quantity with its meaning. ``value`` is normalised (3.4 million -> 3400000)."""

    text: str                             # as written: "over 16 million interactions"
    value: float
    unit: str | None = None               # counted noun or unit: "fake accounts", "GPUs", "%", "hours"
    currency: str | None = None           # ISO code: USD, EUR, GBP, CNY ...
    qualifier: str | None = None          # approximate | lower_bound | upper_bound | None (exact)
    value_max: float | None = None        # upper end of a range ("10 to 12 billion")
    kind: str = "count"                   # count | money | percent | duration | measure
    entity: str | None = None             # canonical name of the owner, when one is found
    sentence: str = ""
    offset: int = 0                       # character offset in the text
    flags: tuple[str, ...] = ()           # unit_mismatch, total_mismatch, ...


@dataclass(frozen=True)
class RemovedBlock:
    """A block cut from an article as boilerplate, and why (for `newsdesk article ID --why`)."""

    text: str
    reason: str                           # e.g. "teaser list (heading 'Recent Posts')"


@dataclass(frozen=True)
class ExtractedPage:
    """trafilatura's output for one page."""

    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    text_hash: str = ""                   # content hash of ``text``, computed in the worker
    removed: tuple[RemovedBlock, ...] = ()  # boilerplate cut within the page
    entities: tuple[EntityTag, ...] = ()  # tagged in the worker, on ``text``
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Article:
    """An article ready to store (``id`` is None) or read back from the archive."""

    url: str
    title: str
    source: str                           # outlet name
    id: int | None = None
    feed_id: int | None = None
    guid: str | None = None
    author: str | None = None
    published: datetime | None = None
    fetched: datetime | None = None
    language: str | None = None
    feed_summary: str = ""
    text: str = ""
    content_hash: str = ""
    extraction: str = "ok"                # ok | feed (fell back to feed content) | failed
    extraction_error: str | None = None
    removed: tuple[RemovedBlock, ...] = ()  # boilerplate cut from this article's text
    copy_of: int | None = None            # id of the earliest article this one copies
    copy_kind: str | None = None          # url | guid | hash | near | contained
    read: bool = False
    entry_hash: str = ""                  # what the feed said of it; a change means "update"
    entities: tuple[EntityTag, ...] = ()
    figures: tuple[Figure, ...] = ()
    signature: bytes = field(default=b"", repr=False, compare=False)  # MinHash, for copies


@dataclass(frozen=True)
class FeedOutcome:
    """How one feed's poll ended; what the store records as the feed's health."""

    feed_url: str
    new_articles: int = 0
    not_modified: bool = False
    error: str | None = None
    error_kind: str | None = None         # the fetch's kind (timeout, network, http, ...); None
                                          # when the feed was reached but did not parse

    @property
    def unreachable(self) -> bool:
        """Failed before any server answered: worth retrying later (exit 75 when all are)."""
        return self.error_kind in ("timeout", "network")


@dataclass(frozen=True)
class PollReport:
    feeds: tuple[FeedOutcome, ...] = ()
    stories_changed: int = 0              # stories created or rewritten by this poll
    stories_error: str | None = None      # clustering failed; articles are kept, unassigned

    @property
    def new_articles(self) -> int:
        return sum(f.new_articles for f in self.feeds)

    @property
    def failed(self) -> tuple[FeedOutcome, ...]:
        return tuple(f for f in self.feeds if f.error)


@dataclass(frozen=True)
class PollProgress:
    """Sent to the progress callback after each feed."""

    feeds_done: int
    feeds_total: int
    new_articles: int
    errors: int
    current: str = ""


# -- stories ------------------------------------------------------------------------------------
# A story's id is the id of the article that opened it, so clustering needs no id allocation and a
# merge keeps the older (smaller) id.


def article_time(article: Article) -> datetime | None:
    """When an article appeared: its published time, else when it was fetched."""
    return article.published or article.fetched


@dataclass(frozen=True)
class Assignment:
    """Where the clusterer put one article."""

    article_id: int
    story_id: int
    score: float = 0.0                    # similarity to the story it joined; 0.0 for a new story
    merged: tuple[int, ...] = ()          # story ids this article bridged into ``story_id``


@dataclass(frozen=True)
class SummarySentence:
    sentence: str
    article_id: int
    source: str


@dataclass(frozen=True)
class FigureSource:
    """One article's report of a story figure."""

    value: float
    text: str                             # as written: "about 24,000 accounts"
    source: str
    article_id: int
    qualifier: str | None = None
    value_max: float | None = None
    flags: tuple[str, ...] = ()           # the article's own checks: unit_mismatch, total_mismatch


@dataclass(frozen=True)
class StoryFigure:
    """Figures of a story's articles that are one figure: same owner, unit and close values."""

    entity: str | None
    unit: str | None
    kind: str
    currency: str | None
    value: float                          # the most reported value
    text: str                             # one report of it, as written
    sources: tuple[FigureSource, ...]


@dataclass(frozen=True)
class Disagreement:
    """Outlets report the same owner-and-unit figure with values beyond rounding and qualifiers."""

    entity: str | None
    unit: str | None
    values: tuple[FigureSource, ...]

    @property
    def subject(self) -> str:
        """What the outlets disagree on, for a line of text: "Kestrel Evals", "Meta jobs"."""
        return " ".join(w for w in (self.entity, self.unit) if w) or "a figure"


@dataclass(frozen=True)
class CoverageItem:
    article_id: int
    source: str
    published: datetime


@dataclass(frozen=True)
class Coverage:
    first: CoverageItem | None            # the earliest article
    followers: tuple[CoverageItem, ...]   # each other outlet's first article, in time order
    sources: tuple[str, ...]              # distinct outlets, in order of their first article
    per_hour: tuple[tuple[datetime, int], ...] = ()  # hour start -> articles (copies included)


@dataclass(frozen=True)
class StoryEntity:
    canonical: str
    type: str
    score: float                          # centrality: higher is more central to the story
    articles: int                         # articles that name it


@dataclass(frozen=True)
class Story:
    id: int
    headline: str
    headline_article_id: int
    first_seen: datetime
    last_seen: datetime
    article_ids: tuple[int, ...]          # arrival order, copies included
    sources: tuple[str, ...]
    summary: tuple[SummarySentence, ...] = ()
    coverage: Coverage | None = None
    entities: tuple[StoryEntity, ...] = ()
    figures: tuple[StoryFigure, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    merged_from: tuple[int, ...] = ()


@dataclass(frozen=True)
class StoryLine:
    """One row of the story list: what the list shows without loading the story's articles."""

    id: int
    headline: str
    first_seen: datetime | None
    last_seen: datetime | None
    articles: int
    sources: int
    top_entities: tuple[str, ...]         # the most central first
    figure: str | None                    # the story's most reported figure, as written
    disputed: bool                        # outlets disagree on a figure
    read: bool                            # opened at least once
    updated: bool                         # changed since it was last opened


SEARCH_ORDERS = ("rank", "recent", "mixed")   # bm25; newest first; bm25 fading with age


@dataclass(frozen=True)
class SearchHit:
    """One article a search found: where it is, and a snippet with the matched words' spans."""

    article_id: int
    story_id: int | None
    url: str
    title: str
    source: str
    published: datetime | None
    snippet: str                                     # plain text around the best match
    marks: tuple[tuple[int, int], ...] = ()          # (start, end) of matched words in snippet
    title_marks: tuple[tuple[int, int], ...] = ()    # the same in title
    score: float = 0.0                               # bm25, higher is better; 0 without words
