"""The sample site's content and ground-truth labels, loaded from ``content/*.json``.

Everything here is fictional news about the AI industry in late November 2026, written so that later
stages can be tested against known answers: boilerplate removal (the article text is exactly
``paragraphs``), near-copy detection (``copy_of``), entity tagging (``entities``), figure tagging
(``figures_disputed``) and story clustering (``event``).

Schema
------
``content/outlets.json`` -- a list of outlets:
    slug               URL prefix, ``/<slug>/``
    name               display name
    kind               "wire service", "big tech daily", ...
    feed_format        "rss" (RSS 2.0, ``/<slug>/feed.xml``), "atom" (``/<slug>/atom.xml``) or
                       "jsonfeed" (JSON Feed 1.1, ``/<slug>/feed.json``)
    language, tagline, description
    full_page_in_feed  true when the feed's content:encoded / content_html carries the whole page,
                       navigation and teaser blocks included
    editors            names used in the wire's "Reporting by ...; Editing by ..." line
    authors            [{name, bio}]
    boilerplate_cases  labels of the hard boilerplate cases this outlet's pages contain

``content/events.json`` -- a list of news events (clusters):
    id, date (first day, ISO), title, summary
    disputed           [{figure, description}]: figures the outlets report differently
    near_misses        [{event, why}]: other events easy to confuse with this one
    outlets, articles  the outlets covering it and its article ids (derived, for convenience)

``content/articles.json`` -- a list of articles, oldest first:
    id                 "<outlet>/<slug>"
    outlet, slug       the page is ``/<outlet>/<yyyy>/<mm>/<slug>.html``
    title              the headline as the feed carries it (one JSON Feed title holds markup
                       brackets and an OSC escape sequence on purpose; see ``display_title``)
    author             byline
    published          ISO 8601 UTC, "2026-11-20T14:12:00Z"
    event              event id, or null for a single-outlet unrelated story
    copy_of            id of the wire article this one reproduces word for word, or null
    copy_edit          for copies: {intro_added, paragraphs_dropped, headline_changed}
    paragraphs         the article body: ground-truth clean text, one string per paragraph
    figures_disputed   [{figure, value}]: this article's value for a disputed figure of its event,
                       quoted exactly as it appears in the text
    entities           canonical names (see entities.json) that appear in the title or paragraphs

``content/entities.json`` -- [{name, type, aliases}] with type one of lab, company, model, product,
person, place, agency, organization.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources

FEED_PATHS = {"rss": "feed.xml", "atom": "atom.xml", "jsonfeed": "feed.json"}
_ESCAPES = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Author:
    name: str
    bio: str


@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str
    kind: str
    feed_format: str
    language: str
    tagline: str
    description: str
    full_page_in_feed: bool
    editors: tuple[str, ...]
    authors: tuple[Author, ...]
    boilerplate_cases: tuple[str, ...]

    @property
    def home_path(self) -> str:
        return f"/{self.slug}/"

    @property
    def feed_path(self) -> str:
        return f"/{self.slug}/{FEED_PATHS[self.feed_format]}"

    def bio(self, name: str) -> str:
        return next((a.bio for a in self.authors if a.name == name), "")


@dataclass(frozen=True)
class DisputedFigure:
    figure: str
    description: str = ""
    value: str = ""


@dataclass(frozen=True)
class Event:
    id: str
    date: str
    title: str
    summary: str
    disputed: tuple[DisputedFigure, ...] = ()
    near_misses: tuple[tuple[str, str], ...] = ()     # (event id, why)
    outlets: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class SampleArticle:
    id: str
    outlet: str
    slug: str
    title: str
    author: str
    published: datetime
    event: str | None
    copy_of: str | None
    paragraphs: tuple[str, ...]
    figures_disputed: tuple[DisputedFigure, ...] = ()
    entities: tuple[str, ...] = ()
    copy_edit: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def path(self) -> str:
        return f"/{self.outlet}/{self.published:%Y/%m}/{self.slug}.html"

    @property
    def display_title(self) -> str:
        """The title without control characters or escape sequences, as a CMS would print it."""
        return _ESCAPES.sub("", self.title)

    @property
    def summary(self) -> str:
        return self.paragraphs[0]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SampleContent:
    outlets: tuple[Outlet, ...]
    articles: tuple[SampleArticle, ...]
    events: tuple[Event, ...]
    entities: tuple[Entity, ...] = ()

    def outlet(self, slug: str) -> Outlet:
        return next(o for o in self.outlets if o.slug == slug)

    def article(self, article_id: str) -> SampleArticle:
        return next(a for a in self.articles if a.id == article_id)

    def event(self, event_id: str) -> Event:
        return next(e for e in self.events if e.id == event_id)

    def by_outlet(self, slug: str) -> tuple[SampleArticle, ...]:
        """An outlet's articles, newest first (the order its homepage and feed list them)."""
        return tuple(sorted((a for a in self.articles if a.outlet == slug),
                            key=lambda a: (a.published, a.id), reverse=True))

    def by_event(self, event_id: str) -> tuple[SampleArticle, ...]:
        return tuple(a for a in self.articles if a.event == event_id)


def _read(name: str):
    return json.loads(resources.files(__package__).joinpath("content", name).read_text("utf-8"))


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@lru_cache(maxsize=1)
def load_content() -> SampleContent:
    """Read the bundled JSON once; the result is immutable and shared."""
    outlets = tuple(
        Outlet(slug=o["slug"], name=o["name"], kind=o["kind"], feed_format=o["feed_format"],
               language=o["language"], tagline=o["tagline"], description=o["description"],
               full_page_in_feed=o["full_page_in_feed"], editors=tuple(o.get("editors", ())),
               authors=tuple(Author(a["name"], a["bio"]) for a in o["authors"]),
               boilerplate_cases=tuple(o.get("boilerplate_cases", ())))
        for o in _read("outlets.json"))
    events = tuple(
        Event(id=e["id"], date=e["date"], title=e["title"], summary=e["summary"],
              disputed=tuple(DisputedFigure(d["figure"], d.get("description", ""))
                             for d in e.get("disputed", ())),
              near_misses=tuple((n["event"], n["why"]) for n in e.get("near_misses", ())),
              outlets=tuple(e.get("outlets", ())), articles=tuple(e.get("articles", ())))
        for e in _read("events.json"))
    articles = tuple(
        SampleArticle(id=a["id"], outlet=a["outlet"], slug=a["slug"], title=a["title"],
                      author=a["author"], published=_when(a["published"]), event=a.get("event"),
                      copy_of=a.get("copy_of"), paragraphs=tuple(a["paragraphs"]),
                      figures_disputed=tuple(DisputedFigure(f["figure"], value=f["value"])
                                             for f in a.get("figures_disputed", ())),
                      entities=tuple(a.get("entities", ())), copy_edit=dict(a.get("copy_edit") or {}))
        for a in _read("articles.json"))
    entities = tuple(Entity(e["name"], e["type"], tuple(e.get("aliases", ())))
                     for e in _read("entities.json"))
    return SampleContent(outlets=outlets, articles=articles, events=events, entities=entities)
