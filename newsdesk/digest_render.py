"""A ``Digest`` as a file: JSON and plain text here, Markdown in ``digest_md``, HTML in
``digest_html``; ``render_digest`` picks one.

Every renderer treats what came from a feed (titles, outlets, sentences, figures, error messages) as
data: cleaned of control and bidi characters again, and escaped for its format. None of them
writes the time it ran, so the same digest renders to the same bytes.

The JSON schema (documented in the README, section "Digest"):
``{"since", "watch", "min_sources", "stories": [...], "feeds": [...]}`` where each story is the
``stories --json`` record (``newsdesk.records.story_record``) plus ``watched``, and each feed is
``{url, title, problem, status, consecutive_errors, last_error, last_success, last_polled,
newest_article}``.
"""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

from newsdesk.digest import (
    Digest,
    DigestStory,
    FeedNote,
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
from newsdesk.durations import iso
from newsdesk.records import story_record
from newsdesk.text import clean_text

FORMATS = ("md", "html", "json", "txt")


def render_digest(digest: Digest, fmt: str) -> str:
    if fmt == "json":
        return render_json(digest)
    if fmt == "txt":
        return render_txt(digest)
    if fmt == "md":
        from newsdesk.digest_md import render_md

        return render_md(digest)
    if fmt == "html":
        from newsdesk.digest_html import render_html

        return render_html(digest)
    raise ValueError(f"unknown digest format {fmt!r}")


# -- JSON ----------------------------------------------------------------------------------------

def _cleaned(value: Any) -> Any:
    """Every string of a record cleaned again (json escapes C0 controls, not bidi overrides)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    return value


def story_json(item: DigestStory) -> dict[str, Any]:
    record = story_record(item.story, {a.id: a for a in item.articles if a.id is not None})
    record["watched"] = list(item.watched)
    return record


def feed_json(note: FeedNote) -> dict[str, Any]:
    f = note.feed
    return {"url": f.url, "title": f.title, "problem": note.problem, "status": f.status,
            "consecutive_errors": f.consecutive_errors, "last_error": f.last_error,
            "last_success": iso(f.last_success), "last_polled": iso(f.last_polled),
            "newest_article": iso(note.newest_article)}


def render_json(digest: Digest) -> str:
    document = {
        "since": iso(digest.since.astimezone(UTC) if digest.since else None),  # as documented
        "watch": list(digest.watch),
        "min_sources": digest.min_sources,
        "stories": [story_json(s) for s in digest.stories],
        "feeds": [feed_json(n) for n in digest.feeds],
    }
    return json.dumps(_cleaned(document), ensure_ascii=False, indent=2) + "\n"


# -- plain text ----------------------------------------------------------------------------------

def story_lines_txt(label: str, item: DigestStory) -> list[str]:
    """A story as plain lines: the digest's (``label`` "3.") and `newsdesk stories`' ("[42]", the
    story's id), so both word a story, its figures and its disagreements the same way."""
    story = item.story
    outlets = item.outlets()
    star = "* " if item.watched else ""
    lines = [f"{label} {star}{text(story.headline)}",
             f"   {plural(len(outlets), 'outlet')}: {', '.join(text(o) for o, _ in outlets)}",
             (f"   {plural(len(story.article_ids), 'article')}, first seen "
              f"{when(story.first_seen)}, last {when(story.last_seen)}")]
    if item.watched:
        lines.append(f"   Watched: {', '.join(text(w) for w in item.watched)}")
    if item.url:
        lines.append(f"   {text(item.url)}")
    if story.summary:
        lines.append("   Summary:")
        lines += [f"   - {text(s.sentence)} ({text(s.source)})" for s in story.summary]
    figures = key_figures(story)
    if figures:
        lines.append("   Key figures:")
        for f in figures:
            detail = figure_detail(f)
            lines.append(f"   - {text(f.text)}{f' ({detail})' if detail else ''}, reported by "
                         f"{', '.join(text(o) for o in figure_outlets(f))}")
    for d in story.disagreements:
        lines.append(f"   ! Outlets disagree on {text(d.subject)}: {disputed_text(d)}")
    return lines


def render_txt(digest: Digest) -> str:
    n = len(digest.stories)
    lines = [f"newsdesk digest: {plural(n, 'story', 'stories')} {window(digest)}"]
    if digest.watch:
        lines.append(f"Watching: {', '.join(text(w) for w in digest.watch)}")
    if digest.min_sources > 1:
        lines.append(f"Stories carried by at least {digest.min_sources} outlets.")
    lines.append("")
    if not digest.stories:
        lines += [f"No stories {window(digest)}.", ""]
    for i, item in enumerate(digest.stories, 1):
        lines += story_lines_txt(f"{i}.", item)
        lines.append("")
    lines.append("Feeds to check")
    if not digest.feeds:
        lines.append("No feed failed or went quiet.")
    for note in digest.feeds:
        lines.append(f"- {feed_name(note.feed)} <{text(note.feed.url)}>: {feed_problem(note)}")
    return "\n".join(lines) + "\n"
