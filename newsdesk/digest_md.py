"""A ``Digest`` as Markdown, for a wiki, a mail that renders Markdown, or a terminal pager.

Feed text is data, never Markdown: ``md_text`` backslash-escapes every character that starts
emphasis, code, links, images, HTML, tables, strikethrough, maths or entities, breaks the bare
``scheme://`` and ``www.`` that GitHub-flavoured Markdown would turn into links by itself and the
dot of a bare domain (``evil\\.com``) that a linkify renderer would, and a leading "1." that would
open a list. Only the digest's own links are links, and only to http(s) URLs, percent-encoded so
a ``)`` or ``>`` in a URL cannot end the link early.
"""

from __future__ import annotations

import re
from urllib.parse import quote

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

# CommonMark lets any ASCII punctuation be escaped; these are the ones that can start markup in
# CommonMark or GFM (emphasis, code, links, images, HTML, tables, ~~, $maths$, entities, autolinks).
_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-!<>|~&$@]")
_SCHEME = re.compile(r":(?=/)")           # "javascript://", "http://": no bare autolink
_WWW = re.compile(r"(?i)\b(www)\.")
# A dot between a word character and a letter: "evil.com/login" or an outlet named "Example.org"
# would be a link to a linkify renderer (markdown-it's linkify, many chat and wiki engines), which
# finds bare domains with no scheme or www. "3.5" stays as it is: no top-level domain is numeric.
_DOMAIN_DOT = re.compile(r"(?<=\w)\.(?=[^\W\d_])")
_LIST_START = re.compile(r"^(\d+)([.)])")
# Characters a link destination may keep as they are; everything else (spaces, quotes, brackets
# that would close the link, backslashes) is percent-encoded.
_URL_SAFE = "/:?#@!$&'*+,;=%~-._[]"


def md_text(value: object) -> str:
    """Feed text escaped so Markdown shows it as written."""
    s = _SPECIAL.sub(lambda m: "\\" + m.group(0), text(value))
    s = _SCHEME.sub(r"\\:", s)
    s = _WWW.sub(r"\1\\.", s)
    s = _DOMAIN_DOT.sub(r"\\.", s)
    return _LIST_START.sub(r"\1\\\2", s)


def md_link(label: object, url: str | None) -> str:
    """``[label](url)`` for an http(s) URL; otherwise the label alone, as text."""
    shown = md_text(label)
    if not url or not is_http_url(url):
        return shown
    return f"[{shown}]({quote(text(url), safe=_URL_SAFE)})"


def story_md(number: int, item: DigestStory) -> list[str]:
    story = item.story
    outlets = item.outlets()
    star = "★ " if item.watched else ""
    lines = [f"## {number}. {star}{md_link(story.headline, item.url)}", "",
             f"**{plural(len(outlets), 'outlet')}:** "
             + ", ".join(md_link(name, url) for name, url in outlets), "",
             (f"**First seen** {when(story.first_seen)} · last {when(story.last_seen)} · "
              f"{plural(len(story.article_ids), 'article')}"), ""]
    if item.watched:
        lines += [f"**Watched:** {', '.join(md_text(w) for w in item.watched)}", ""]
    if story.summary:
        lines += ["**Summary**", ""]
        lines += [f"- {md_text(s.sentence)} — *{md_text(s.source)}*" for s in story.summary]
        lines.append("")
    figures = key_figures(story)
    if figures:
        lines += ["**Key figures**", ""]
        for f in figures:
            detail = figure_detail(f)
            lines.append(f"- **{md_text(f.text)}**{f' ({md_text(detail)})' if detail else ''}, "
                         f"reported by {', '.join(md_text(o) for o in figure_outlets(f))}")
        lines.append("")
    if story.disagreements:
        lines += ["**Outlets disagree**", ""]
        for d in story.disagreements:
            lines.append(f"- on {md_text(d.subject)}: {disputed_text(d, md_text)}")
        lines.append("")
    return lines


def feed_md(note: FeedNote) -> str:
    return f"- **{md_link(feed_name(note.feed), note.feed.url)}**: {md_text(feed_problem(note))}"


def render_md(digest: Digest) -> str:
    lines = ["# newsdesk digest", "", " · ".join(digest_facts(digest, md_text)), ""]
    if not digest.stories:
        lines += [f"No stories {window(digest)}.", ""]
    for i, item in enumerate(digest.stories, 1):
        lines += story_md(i, item)
    lines += ["## Feeds to check", ""]
    lines += [feed_md(note) for note in digest.feeds] or ["No feed failed or went quiet."]
    return "\n".join(lines) + "\n"
