"""A ``Digest`` as ONE self-contained HTML file that reads well in a browser and in mail clients.

Mail clients drop ``<style>`` blocks and remote resources, so every style is an inline ``style``
attribute, the fonts are system fonts, and there are no images, scripts, forms or external links
other than the articles' own. Every field from a feed goes through ``html.escape(quote=True)``
(after ``clean_text`` strips control and bidi characters); an ``href`` is written only for an
http(s) URL, and anything else is shown as text.
"""

from __future__ import annotations

from html import escape

from newsdesk.digest import (
    Digest,
    DigestStory,
    FeedNote,
    digest_facts,
    disputed_text,
    feed_name,
    feed_problem,
    figure_detail,
    figure_outlets,
    key_figures,
    plural,
    text,
    when,
    window,
)
from newsdesk.urls import is_http_url

_FONT = ("-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
         "sans-serif")
STYLE = {
    "body": "margin:0;padding:0;background:#f5f5f2;",
    "page": f"max-width:720px;margin:0 auto;padding:24px 16px;font-family:{_FONT};"
            "font-size:16px;line-height:1.5;color:#1d1d1f;background:#ffffff;",
    "h1": "font-size:24px;margin:0 0 4px 0;",
    "intro": "margin:0 0 16px 0;color:#555555;font-size:14px;",
    "story": "border-top:1px solid #dddddd;padding:16px 0 8px 0;",
    "h2": "font-size:19px;line-height:1.3;margin:0 0 6px 0;",
    "link": "color:#1a4f8b;text-decoration:none;",
    "star": "color:#b7791f;",
    "meta": "margin:0 0 8px 0;color:#555555;font-size:14px;",
    "label": "margin:10px 0 4px 0;font-size:13px;font-weight:bold;text-transform:uppercase;"
             "letter-spacing:0.04em;color:#666666;",
    "list": "margin:0 0 8px 0;padding-left:20px;",
    "item": "margin:0 0 4px 0;",
    "outlet": "color:#666666;font-style:italic;",
    "dispute": "margin:8px 0;padding:6px 10px;border-left:3px solid #c53030;background:#fff5f5;"
               "font-size:15px;",
    "feeds": "border-top:2px solid #1d1d1f;margin-top:16px;padding-top:8px;",
}


def h(value: object) -> str:
    """Feed text for HTML: cleaned again, then escaped (quotes too, for attributes)."""
    return escape(text(value), quote=True)


def link(label: object, url: str | None) -> str:
    """An ``<a>`` for an http(s) URL; otherwise the escaped label alone."""
    if not url or not is_http_url(url):
        return h(label)
    return (f'<a href="{h(url)}" style="{STYLE["link"]}" rel="noopener noreferrer">'
            f"{h(label)}</a>")


def _tag(name: str, style: str, body: str) -> str:
    return f'<{name} style="{STYLE[style]}">{body}</{name}>'


def _items(rows: list[str]) -> str:
    return _tag("ul", "list", "".join(_tag("li", "item", r) for r in rows))


def story_html(item: DigestStory) -> str:
    story = item.story
    outlets = item.outlets()
    star = f' <span style="{STYLE["star"]}" title="watched">★</span>' if item.watched else ""
    parts = [
        _tag("h2", "h2", link(story.headline, item.url) + star),
        _tag("p", "meta", f"{plural(len(outlets), 'outlet')}: "
             + ", ".join(link(name, url) for name, url in outlets)
             + f" · first seen {when(story.first_seen)} · last {when(story.last_seen)} · "
             f"{plural(len(story.article_ids), 'article')}"),
    ]
    if item.watched:
        parts.append(_tag("p", "meta", "Watched: " + ", ".join(
            f"<strong>{h(w)}</strong>" for w in item.watched)))
    if story.summary:
        parts.append(_tag("p", "label", "Summary"))
        parts.append(_items([f"{h(s.sentence)} " + _tag("span", "outlet", f"— {h(s.source)}")
                             for s in story.summary]))
    figures = key_figures(story)
    if figures:
        parts.append(_tag("p", "label", "Key figures"))
        rows = []
        for f in figures:
            detail = figure_detail(f)
            rows.append(f"<strong>{h(f.text)}</strong>{f' ({h(detail)})' if detail else ''}, "
                        f"reported by {', '.join(h(o) for o in figure_outlets(f))}")
        parts.append(_items(rows))
    for d in story.disagreements:
        parts.append(_tag("p", "dispute", f"<strong>Outlets disagree on {h(d.subject)}:</strong> "
                          f"{disputed_text(d, h)}"))
    return _tag("div", "story", "\n".join(parts))


def feed_html(note: FeedNote) -> str:
    return f"<strong>{link(feed_name(note.feed), note.feed.url)}</strong>: {h(feed_problem(note))}"


def render_html(digest: Digest) -> str:
    body = [_tag("h1", "h1", "newsdesk digest"),
            _tag("p", "intro", " · ".join(digest_facts(digest, h)))]
    if not digest.stories:
        body.append(_tag("p", "meta", f"No stories {window(digest)}."))
    body += [story_html(item) for item in digest.stories]
    feeds = ([_items([feed_html(note) for note in digest.feeds])] if digest.feeds
             else [_tag("p", "meta", "No feed failed or went quiet.")])
    body.append(_tag("div", "feeds", _tag("h2", "h2", "Feeds to check") + "\n".join(feeds)))
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>newsdesk digest, {escape(window(digest))}</title>\n</head>\n"
            f'<body style="{STYLE["body"]}">\n<div style="{STYLE["page"]}">\n'
            + "\n".join(body) + "\n</div>\n</body>\n</html>\n")
