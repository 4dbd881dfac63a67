"""HTML rendering shared by every outlet: escaping, teasers, ``<head>`` metadata, homepages.

Each outlet's article template lives in ``skins_news`` (wire, techdaily, ledger, buzz) or
``skins_views`` (policy, gradient, euro, asia); ``render_article`` picks it by slug. Pages are a
pure function of the content and the server's base URL, so the same request always yields the same
bytes (stable ETags). Relative times ("22 minutes ago") are computed against ``site_clock``, a fixed
instant just after the newest article, never against the wall clock.
"""

from __future__ import annotations

import html
import json
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsdesk.sample_site.content import Outlet, SampleArticle, SampleContent

FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml",
              "jsonfeed": "application/feed+json"}


def esc(value: str) -> str:
    """Escape text for an HTML text node."""
    return html.escape(value, quote=False)


def attr(value: str) -> str:
    """Escape text for a double-quoted HTML attribute."""
    return html.escape(value, quote=True)


def paragraphs_html(paragraphs) -> list[str]:
    """The ground-truth paragraphs, one ``<p>`` each, byte for byte."""
    return [f"<p>{esc(p)}</p>" for p in paragraphs]


def site_clock(content: SampleContent) -> datetime:
    return max(a.published for a in content.articles) + timedelta(minutes=22)


def ago(when: datetime, now: datetime) -> str:
    minutes = max(1, int((now - when).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    days = hours // 24
    return f"{days} day{'s' if days != 1 else ''} ago"


def snippet(text: str, limit: int = 96) -> str:
    """A teaser's cut-off first line: whole words up to ``limit`` characters, then an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "\u2026"


@dataclass(frozen=True)
class Teaser:
    title: str
    url: str
    snippet: str
    ago: str
    author: str


@dataclass(frozen=True)
class Page:
    """Everything an outlet template needs to render one article page."""

    content: SampleContent
    outlet: Outlet
    article: SampleArticle
    base: str                      # "http://127.0.0.1:PORT"

    @property
    def url(self) -> str:
        return self.base + self.article.path

    @property
    def feed_url(self) -> str:
        return self.base + self.outlet.feed_path

    @property
    def now(self) -> datetime:
        return site_clock(self.content)

    @property
    def others(self) -> tuple[SampleArticle, ...]:
        return tuple(a for a in self.content.by_outlet(self.outlet.slug) if a.id != self.article.id)

    def teaser(self, article: SampleArticle) -> Teaser:
        return Teaser(article.display_title, article.path, snippet(article.summary),
                      ago(article.published, self.now), article.author)

    def latest(self, count: int) -> list[Teaser]:
        """The outlet's newest other articles: the same block on nearly every page."""
        return [self.teaser(a) for a in self.others[:count]]

    def picked(self, count: int, salt: str = "") -> list[Teaser]:
        """A per-page but deterministic choice of other articles ("Related", "Trending")."""
        ranked = sorted(self.others, key=lambda a: zlib.crc32(f"{salt}{self.article.id}{a.id}".encode()))
        return [self.teaser(a) for a in ranked[:count]]

    def editor(self) -> str:
        eds = self.outlet.editors or ("the desk",)
        return eds[zlib.crc32(self.article.id.encode()) % len(eds)]

    def pull_quote(self) -> str | None:
        """A quoted sentence from the body, for templates that repeat one as a pull quote."""
        for p in self.article.paragraphs[1:]:
            start = p.find('"')
            end = p.find('"', start + 1)
            if start >= 0 and end - start > 40:
                return p[start + 1:end].rstrip(",")
        return None


def head(page: Page, *, metadata: str, css: str, extra: str = "") -> str:
    """``<head>``: title, description, canonical, feed discovery, Open Graph, then the outlet's
    own author/date metadata (``meta_tags`` or ``json_ld``)."""
    a, o = page.article, page.outlet
    desc = snippet(a.summary, 155)
    return "\n".join([
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(a.display_title)} | {esc(o.name)}</title>",
        f'<meta name="description" content="{attr(desc)}">',
        f'<link rel="canonical" href="{attr(page.url)}">',
        f'<link rel="alternate" type="{FEED_TYPES[o.feed_format]}" title="{attr(o.name)}" '
        f'href="{attr(page.feed_url)}">',
        f'<link rel="stylesheet" href="/static/{o.slug}.css">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{attr(o.name)}">',
        f'<meta property="og:title" content="{attr(a.display_title)}">',
        f'<meta property="og:description" content="{attr(desc)}">',
        f'<meta property="og:url" content="{attr(page.url)}">',
        f'<meta property="og:image" content="{attr(page.base)}/static/og-{o.slug}.svg">',
        '<meta name="twitter:card" content="summary_large_image">',
        metadata,
        f"<style>{css}</style>",
        extra,
        "</head>",
    ])


def meta_tags(page: Page) -> str:
    a = page.article
    stamp = a.published.strftime("%Y-%m-%dT%H:%M:%SZ")
    return "\n".join([
        f'<meta name="author" content="{attr(a.author)}">',
        f'<meta property="article:author" content="{attr(a.author)}">',
        f'<meta property="article:published_time" content="{stamp}">',
        f'<meta property="article:modified_time" content="{stamp}">',
    ])


def json_ld(page: Page, kind: str = "NewsArticle") -> str:
    a, o = page.article, page.outlet
    data = {
        "@context": "https://schema.org", "@type": kind, "headline": a.display_title,
        "description": snippet(a.summary, 155), "url": page.url, "mainEntityOfPage": page.url,
        "datePublished": a.published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "dateModified": a.published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "author": [{"@type": "Person", "name": a.author}],
        "publisher": {"@type": "Organization", "name": o.name,
                      "logo": {"@type": "ImageObject", "url": f"{page.base}/static/og-{o.slug}.svg"}},
        "inLanguage": o.language, "wordCount": a.word_count,
    }
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def document(lang: str, head_html: str, body_html: str, body_class: str = "") -> str:
    cls = f' class="{attr(body_class)}"' if body_class else ""
    return (f'<!DOCTYPE html>\n<html lang="{attr(lang)}">\n{head_html}\n<body{cls}>\n'
            f"{body_html}\n</body>\n</html>\n")


def render_article(content: SampleContent, article: SampleArticle, base: str) -> str:
    from newsdesk.sample_site import skins_news, skins_views

    skins = {**skins_news.SKINS, **skins_views.SKINS}
    page = Page(content, content.outlet(article.outlet), article, base)
    return skins[article.outlet](page)


def render_homepage(content: SampleContent, outlet: Outlet, base: str) -> str:
    """An outlet's front page: every article, newest first, with feed discovery in ``<head>``."""
    now = site_clock(content)
    feed = base + outlet.feed_path
    items = []
    for a in content.by_outlet(outlet.slug):
        items.append(
            f'<li class="story"><h2><a href="{attr(a.path)}">{esc(a.display_title)}</a></h2>'
            f'<p class="summary">{esc(snippet(a.summary, 180))}</p>'
            f'<p class="meta">By {esc(a.author)} &middot; <time datetime="'
            f'{a.published:%Y-%m-%dT%H:%M:%SZ}">{esc(ago(a.published, now))}</time></p></li>')
    head_html = "\n".join([
        "<head>", '<meta charset="utf-8">',
        f"<title>{esc(outlet.name)} | {esc(outlet.tagline)}</title>",
        f'<meta name="description" content="{attr(outlet.description)}">',
        f'<link rel="canonical" href="{attr(base + outlet.home_path)}">',
        f'<link rel="alternate" type="{FEED_TYPES[outlet.feed_format]}" title="{attr(outlet.name)}" '
        f'href="{attr(feed)}">',
        f'<meta property="og:site_name" content="{attr(outlet.name)}">',
        '<meta property="og:type" content="website">', "</head>"])
    body = (f'<header><h1><a href="{attr(outlet.home_path)}">{esc(outlet.name)}</a></h1>'
            f"<p>{esc(outlet.tagline)}</p></header>\n<main><ul class=\"river\">\n"
            + "\n".join(items)
            + f'\n</ul></main>\n<footer><p><a href="{attr(outlet.feed_path)}">Subscribe to our feed</a>'
            f"</p><p>&copy; 2026 {esc(outlet.name)}</p></footer>")
    return document(outlet.language, head_html, body, "home")


def render_index(content: SampleContent, base: str) -> str:
    """``/``: the list of sample outlets, for people browsing the demo by hand."""
    rows = "\n".join(
        f'<li><a href="{attr(o.home_path)}">{esc(o.name)}</a> ({esc(o.kind)}) &middot; '
        f'<a href="{attr(o.feed_path)}">{esc(o.feed_format)} feed</a></li>' for o in content.outlets)
    head_html = ('<head><meta charset="utf-8"><title>newsdesk sample news site</title></head>')
    body = ("<h1>newsdesk sample news site</h1><p>Fictional outlets and stories for the offline "
            f"demo.</p>\n<ul>\n{rows}\n</ul>")
    return document("en", head_html, body)
