"""The digest cron writes every morning: which stories, in which order, and which feeds need a look.

``build_digest`` is pure: it takes what the archive holds (stories, their articles, feeds, each
feed's newest article, which watched entities each story names) and the window, and returns a
``Digest``. The same inputs always give the same digest, so the same archive and window give a
byte-identical file: nothing here reads the clock, and every order has a final tie-breaker.

Rules the issue left open, decided here (and in the README):

* a story is in the window when its ``last_seen`` is at or after the window's start (the same rule
  as ``newsdesk stories --since``); ``min_sources`` counts distinct outlets;
* order: stories naming a watched entity first, then more outlets first, then the latest activity,
  then the story id (ascending: the older story first);
* a feed is listed when it is failing (status ``error`` or ``gone``: the archive keeps a feed's
  current health, not a history of errors, so a feed that failed and recovered within the window is
  not listed) or **quiet**: it answered a poll within the window (``last_success`` in the window)
  yet had brought no new article for ``quiet_days`` days (``subscriptions.QUIET_DAYS``) by that
  poll. Counting from the feed's last good poll rather than the wall clock keeps the digest of an
  ISO ``--since`` reproducible, and requiring the poll in the window keeps a feed nobody polls
  any more from being reported as quiet for ever.

Rendering lives in ``digest_render`` (JSON, text), ``digest_md`` and ``digest_html``; the few
helpers they share (times, the key figures, cleaning feed text again on output) are here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newsdesk.models import Article, Disagreement, Feed, Story, StoryFigure
from newsdesk.text import clean_text
from newsdesk.urls import is_http_url

KEY_FIGURES = 5           # figures a story shows in md/html/txt (JSON carries them all)
FAILING = ("error", "gone")


@dataclass(frozen=True)
class DigestStory:
    story: Story
    articles: tuple[Article, ...]         # its articles (copies included), arrival order
    watched: tuple[str, ...]              # canonical names of the watched entities it names

    @property
    def url(self) -> str | None:
        """The headline article's link, when it is http(s) (renderers link nothing else)."""
        for a in self.articles:
            if a.id == self.story.headline_article_id:
                return a.url if is_http_url(a.url) else None
        return None

    def outlets(self) -> tuple[tuple[str, str | None], ...]:
        """Each distinct outlet (in the story's order: who reported first) with the http(s) link
        of its first article in the story, None when it has none."""
        first: dict[str, str | None] = {}
        for a in self.articles:
            if a.source not in first or first[a.source] is None:
                first[a.source] = a.url if is_http_url(a.url) else first.get(a.source)
        return tuple((s, first.get(s)) for s in self.story.sources)


@dataclass(frozen=True)
class FeedNote:
    feed: Feed
    problem: str                          # "error" | "gone" | "quiet"
    newest_article: datetime | None       # when its newest article was fetched; None: never


@dataclass(frozen=True)
class Digest:
    since: datetime | None                # the window's start; None for `--since all`
    watch: tuple[str, ...]                # the watched entities as given
    min_sources: int
    stories: tuple[DigestStory, ...]
    feeds: tuple[FeedNote, ...]


def _fold(name: str) -> str:
    """ASCII-only lower case, the same folding as SQLite's lower() the archive query used."""
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in name)


def _watched(names: Iterable[str], watch: Sequence[str]) -> tuple[str, ...]:
    rank = {}
    for i, w in enumerate(watch):
        rank.setdefault(_fold(w), i)
    return tuple(sorted(set(names), key=lambda n: (rank.get(_fold(n), len(watch)), n)))


def build_digest(stories: Iterable[Story], articles: Mapping[int, Article],
                 feeds: Iterable[Feed], newest_fetch: Mapping[int, datetime],
                 watched_by_story: Mapping[int, Iterable[str]], *, since: datetime | None,
                 watch: Sequence[str] = (), min_sources: int = 1,
                 quiet_days: int = 7) -> Digest:
    """The digest of the window starting at ``since``.

    ``articles`` holds (at least) the stories' articles; ``newest_fetch`` maps a feed id to when
    its newest article was fetched; ``watched_by_story`` maps a story id to the canonical names of
    the watched entities its articles name."""
    chosen = []
    for story in stories:
        if since is not None and story.last_seen < since:
            continue
        if len(set(story.sources)) < min_sources:
            continue
        own = tuple(articles[i] for i in story.article_ids if i in articles)
        chosen.append(DigestStory(story, own, _watched(watched_by_story.get(story.id, ()), watch)))
    chosen.sort(key=lambda d: (not d.watched, -len(set(d.story.sources)),
                               -d.story.last_seen.timestamp(), d.story.id))
    notes = [n for n in (_feed_note(f, newest_fetch.get(f.id), since, quiet_days) for f in feeds)
             if n is not None]
    notes.sort(key=lambda n: ({"error": 0, "gone": 1}.get(n.problem, 2),
                              (n.feed.title or n.feed.url).casefold(), n.feed.url))
    return Digest(since, tuple(watch), min_sources, tuple(chosen), tuple(notes))


def _feed_note(feed: Feed, newest: datetime | None, since: datetime | None,
               quiet_days: int) -> FeedNote | None:
    if feed.status in FAILING:
        return FeedNote(feed, feed.status, newest)
    polled = feed.last_success
    if feed.status != "ok" or polled is None or (since is not None and polled < since):
        return None
    if newest is None or newest <= polled - timedelta(days=quiet_days):
        return FeedNote(feed, "quiet", newest)
    return None


# -- shared by the renderers -------------------------------------------------------------------

def text(value: object) -> str:
    """Feed text for output on one line: cleaned at ingestion, cleaned again here (control, escape
    and bidi characters), because an archive may have been written by an older newsdesk or by
    another tool."""
    return clean_text(str(value) if value is not None else "", single_line=True)


def when(value: datetime | None) -> str:
    """A time as the digest shows it: minutes, always UTC."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if value else "never"


def window(digest: Digest) -> str:
    return f"since {when(digest.since)}" if digest.since else "all time"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else words or word + 's'}"


def key_figures(story: Story, limit: int = KEY_FIGURES) -> list[StoryFigure]:
    """The figures most outlets reported first (ties keep the story's own order)."""
    ranked = sorted(enumerate(story.figures),
                    key=lambda p: (-len({s.source for s in p[1].sources}), p[0]))
    return [f for _, f in ranked[:limit]]


def figure_outlets(figure: StoryFigure) -> list[str]:
    return list(dict.fromkeys(s.source for s in figure.sources))


def disputed_values(d: Disagreement) -> list[tuple[str, list[str]]]:
    """A disagreement's values as written, each with the outlets that gave it (one line per value,
    not per article: "$13 million (Capital Ledger, The Daily Stack)")."""
    grouped: dict[str, list[str]] = {}
    for v in d.values:
        outlets = grouped.setdefault(v.text, [])
        if v.source not in outlets:
            outlets.append(v.source)
    return list(grouped.items())


def disputed_text(d: Disagreement, escape: Callable[[object], str] = text) -> str:
    """The disputed values, one per value with its outlets, each piece through ``escape`` (the
    format's own: plain, Markdown or HTML):
    "$13 million (Capital Ledger, The Daily Stack); $15 million (Meridian Wire)"."""
    return "; ".join(f"{escape(value)} ({', '.join(escape(o) for o in outlets)})"
                     for value, outlets in disputed_values(d))


def digest_facts(digest: Digest, escape: Callable[[object], str] = text) -> list[str]:
    """The digest's header facts (window, how many stories, what is watched, the outlet bar), for
    the formats that print them on one line."""
    facts = [f"Stories {window(digest)}", plural(len(digest.stories), "story", "stories")]
    if digest.watch:
        facts.append("watching " + ", ".join(escape(w) for w in digest.watch))
    if digest.min_sources > 1:
        facts.append(f"at least {digest.min_sources} outlets each")
    return facts


def figure_detail(figure: StoryFigure) -> str:
    """What a figure is, after its text: "unit: accounts; owner: Anthropic" (plain, unescaped)."""
    parts = [f"{label}: {text(v)}" for label, v in (("unit", figure.unit),
                                                    ("owner", figure.entity)) if v]
    return "; ".join(parts)


def feed_name(feed: Feed) -> str:
    return text(feed.title) or text(feed.url)


def feed_problem(note: FeedNote) -> str:
    """The plain sentence that says what is wrong with a feed (renderers escape it whole)."""
    f = note.feed
    if note.problem == "quiet":
        last = (f"nothing new since {when(note.newest_article)}" if note.newest_article
                else "no article yet")
        return f"quiet: answered at {when(f.last_success)} but {last}"
    state = "gone (the server says it was removed)" if note.problem == "gone" else "failing"
    return (f"{state}: {plural(f.consecutive_errors, 'error')} in a row, last success "
            f"{when(f.last_success)}; last error: {text(f.last_error) or 'unknown'}")
