"""OPML in and out, so subscriptions move between newsdesk and other feed readers.

Reading takes what Feedly, Inoreader, NetNewsWire, newsboat and friends actually write: any outline
with an ``xmlUrl`` (whatever its ``type``, attribute names in any case), folders as nested outlines
whose title becomes the category, or an OPML 2.0 ``category`` attribute. The parser is expat with
every DTD and entity declaration refused, so a hostile file cannot expand or fetch anything.
Writing produces OPML 2.0 with the attributes other readers look for. Neither side touches the
network; URLs are checked (http/https only), not visited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from xml.etree import ElementTree as ET
from xml.parsers import expat

from newsdesk.errors import BadInputError
from newsdesk.text import clean_text
from newsdesk.urls import is_http_url


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str | None = None
    site_url: str | None = None
    category: str | None = None


class _Refused(Exception):
    pass


def _line(value: str | None, limit: int = 500) -> str | None:
    return clean_text(value, single_line=True)[:limit] or None


def _category_attr(value: str | None) -> str | None:
    """OPML 2.0 ``category="/Tech/AI,/News"``: the last segment of the first path."""
    first = (value or "").split(",")[0].strip().strip("/")
    return _line(first.rsplit("/", 1)[-1]) if first else None


class _Reader:
    def __init__(self) -> None:
        self.feeds: list[OpmlFeed] = []
        self.seen: set[str] = set()
        self.stack: list[str] = []                 # element names, lower-cased
        self.folders: list[str | None] = []        # per open outline: its folder title or None
        self.root: str | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1].lower()
        if self.root is None:
            self.root = local
        self.stack.append(local)
        if local != "outline" or "body" not in self.stack:
            return
        values = {k.lower(): v for k, v in attrs.items()}
        label = _line(values.get("title")) or _line(values.get("text"))
        url = (values.get("xmlurl") or "").strip()
        if url:
            parent = next((f for f in reversed(self.folders) if f), None)
            if is_http_url(url) and url not in self.seen:
                self.seen.add(url)
                site = (values.get("htmlurl") or "").strip()
                self.feeds.append(OpmlFeed(
                    url=url,
                    title=label if label != url else None,   # text=url is how untitled is written
                    site_url=site if is_http_url(site) else None,
                    category=parent or _category_attr(values.get("category")),
                ))
            self.folders.append(None)
        else:
            self.folders.append(label)

    def end(self, name: str) -> None:
        if self.stack and self.stack.pop() == "outline" and self.folders:
            self.folders.pop()


def _refuse(*_: Any) -> None:
    raise _Refused("DTD and entity declarations are not accepted in OPML")


def read_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds an OPML file lists, in file order, first of each URL; BadInputError if not OPML."""
    if not data or not data.strip():
        raise BadInputError("OPML file is empty")
    reader = _Reader()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise BadInputError(f"OPML refused: {exc}") from None
    except expat.ExpatError as exc:
        raise BadInputError(f"not valid OPML (XML error: {exc})") from None
    if reader.root != "opml":
        raise BadInputError(f"not an OPML file (root element <{reader.root}>)")
    return reader.feeds


def _fields(feed: Any) -> tuple[str, str | None, str | None, str | None]:
    if isinstance(feed, tuple):
        url, title, site_url, category = (tuple(feed) + (None, None, None))[:4]
    else:
        url = feed.url
        title = getattr(feed, "title", None)
        site_url = getattr(feed, "site_url", None)
        category = getattr(feed, "category", None)
    return str(url), title, site_url, category


def _outline(parent: ET.Element, url: str, title: str | None, site_url: str | None) -> None:
    attrs = {"type": "rss", "text": _line(title) or url}
    if _line(title):
        attrs["title"] = _line(title) or ""
    attrs["xmlUrl"] = url
    if site_url and is_http_url(site_url):
        attrs["htmlUrl"] = site_url
    ET.SubElement(parent, "outline", attrs)


def write_opml(feeds: Iterable[Any], title: str = "newsdesk feeds") -> str:
    """OPML 2.0 text for ``feeds``: Feed/OpmlFeed/CuratedFeed objects or
    ``(url, title, site_url, category)`` tuples (trailing items optional). Feeds with a category
    go in a folder outline of that name, folders in order of first appearance."""
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _line(title) or "newsdesk feeds"
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for feed in feeds:
        url, name, site_url, category = _fields(feed)
        if not is_http_url(url):
            continue
        folder = _line(category)
        parent = body
        if folder:
            if folder not in folders:
                folders[folder] = ET.SubElement(body, "outline", {"text": folder, "title": folder})
            parent = folders[folder]
        _outline(parent, url, name, site_url)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
