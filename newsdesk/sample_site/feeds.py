"""The outlets' feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1, newest item first.

Every link is absolute, built from the server's base URL. The summary is the first paragraph.
Outlets with ``full_page_in_feed`` put the whole rendered page, navigation and teaser blocks
included, in ``content:encoded`` (RSS) or ``content_html`` (JSON Feed). XML output drops the few
characters XML 1.0 cannot hold; the JSON Feed keeps titles as written, escape sequences included,
because a real JSON feed can carry them and the reader has to cope.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from newsdesk.sample_site.content import Outlet, SampleArticle, SampleContent
from newsdesk.sample_site.render import render_article

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NS = uuid.UUID("6f1d3c52-8a0e-4c1b-9a55-2f6c1e0b7d41")   # namespace for Atom ids


def _x(value: str) -> str:
    return escape(_XML_INVALID.sub("", value))


def _iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _tags(content: SampleContent, a: SampleArticle) -> list[str]:
    return ["Artificial Intelligence", "Technology"] if a.event else ["Technology"]


def guid(outlet: Outlet, a: SampleArticle, base: str) -> str:
    """The item's id: the wire uses opaque ids, Atom outlets urn:uuid, the others the permalink."""
    if outlet.slug == "wire":
        return f"meridian-wire:{uuid.uuid5(uuid.NAMESPACE_URL, a.id).hex[:20]}"
    if outlet.feed_format == "atom":
        return uuid.uuid5(_NS, a.id).urn
    return base + a.path


def last_modified(content: SampleContent, outlet: Outlet) -> datetime:
    return content.by_outlet(outlet.slug)[0].published


def rss(content: SampleContent, outlet: Outlet, base: str) -> str:
    items = []
    for a in content.by_outlet(outlet.slug):
        permalink = outlet.slug != "wire"
        parts = [
            f"<title>{_x(a.title)}</title>",
            f"<link>{_x(base + a.path)}</link>",
            f'<guid isPermaLink="{"true" if permalink else "false"}">{_x(guid(outlet, a, base))}</guid>',
            f"<dc:creator>{_x(a.author)}</dc:creator>",
            f"<pubDate>{format_datetime(a.published, usegmt=True)}</pubDate>",
            *(f"<category>{_x(t)}</category>" for t in _tags(content, a)),
            f"<description>{_x(a.summary)}</description>",
        ]
        if outlet.full_page_in_feed:
            parts.append(f"<content:encoded>{_x(render_article(content, a, base))}</content:encoded>")
        items.append("<item>\n" + "\n".join(parts) + "\n</item>")
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        "<channel>",
        f"<title>{_x(outlet.name)}</title>",
        f"<link>{_x(base + outlet.home_path)}</link>",
        f"<description>{_x(outlet.description)}</description>",
        f"<language>{_x(outlet.language.lower())}</language>",
        f"<copyright>&#169; 2026 {_x(outlet.name)}</copyright>",
        f"<lastBuildDate>{format_datetime(last_modified(content, outlet), usegmt=True)}</lastBuildDate>",
        "<ttl>60</ttl>",
        f'<atom:link href={quoteattr(base + outlet.feed_path)} rel="self" type="application/rss+xml"/>',
        *items,
        "</channel>",
        "</rss>",
        "",
    ])


def atom(content: SampleContent, outlet: Outlet, base: str) -> str:
    entries = []
    for a in content.by_outlet(outlet.slug):
        entries.append("\n".join([
            "<entry>",
            f'<title type="text">{_x(a.title)}</title>',
            f'<link rel="alternate" type="text/html" href={quoteattr(base + a.path)}/>',
            f"<id>{_x(guid(outlet, a, base))}</id>",
            f"<published>{_iso(a.published)}</published>",
            f"<updated>{_iso(a.published)}</updated>",
            f"<author><name>{_x(a.author)}</name></author>",
            *(f"<category term={quoteattr(t)}/>" for t in _tags(content, a)),
            f'<summary type="text">{_x(a.summary)}</summary>',
            "</entry>",
        ]))
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(outlet.language)}>',
        f"<title>{_x(outlet.name)}</title>",
        f"<subtitle>{_x(outlet.tagline)}</subtitle>",
        f"<id>{uuid.uuid5(_NS, outlet.slug).urn}</id>",
        f"<updated>{_iso(last_modified(content, outlet))}</updated>",
        f'<link rel="alternate" type="text/html" href={quoteattr(base + outlet.home_path)}/>',
        f'<link rel="self" type="application/atom+xml" href={quoteattr(base + outlet.feed_path)}/>',
        f"<rights>&#169; 2026 {_x(outlet.name)}</rights>",
        '<generator>newsdesk sample site</generator>',
        *entries,
        "</feed>",
        "",
    ])


def json_feed(content: SampleContent, outlet: Outlet, base: str) -> str:
    items = []
    for a in content.by_outlet(outlet.slug):
        item = {
            "id": guid(outlet, a, base),
            "url": base + a.path,
            "title": a.title,
            "summary": a.summary,
            "date_published": _iso(a.published),
            "authors": [{"name": a.author}],
            "tags": _tags(content, a),
            "language": outlet.language,
        }
        if outlet.full_page_in_feed:
            item["content_html"] = render_article(content, a, base)
        else:
            item["content_text"] = a.summary
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": outlet.name,
        "home_page_url": base + outlet.home_path,
        "feed_url": base + outlet.feed_path,
        "description": outlet.description,
        "language": outlet.language,
        "authors": [{"name": outlet.name}],
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


RENDERERS = {"rss": rss, "atom": atom, "jsonfeed": json_feed}
CONTENT_TYPES = {"rss": "application/rss+xml; charset=utf-8",
                 "atom": "application/atom+xml; charset=utf-8",
                 "jsonfeed": "application/feed+json; charset=utf-8"}


def render_feed(content: SampleContent, outlet: Outlet, base: str) -> str:
    return RENDERERS[outlet.feed_format](content, outlet, base)
