"""Entities and figures of one article in one call: what the pipeline runs on each clean text.

Tagging runs in the worker process right after extraction (it is pure CPU and parallelises with
the pages), and again in the poller only when the per-host boilerplate memory changed the text.
The knowledge file (and the user's extra files) is loaded once per process and read again when a
user file changes (``load_knowledge`` caches by path, size and modification time).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsdesk.models import EntityTag, Figure


def _knowledge(extra_files: Sequence[str]):
    from newsdesk.extract.entities import load_knowledge

    return load_knowledge([Path(p) for p in extra_files])   # its own cache: a stat per user file


def tag_article(text: str, title: str = "", extra_files: Sequence[str] = (),
                discover: bool = True) -> tuple[tuple[EntityTag, ...], tuple[Figure, ...]]:
    from newsdesk.extract.entities import tag_entities
    from newsdesk.extract.figures import tag_figures

    if not text and not title:
        return (), ()
    entities = tag_entities(text, title, _knowledge(extra_files), discover=discover)
    figures = tag_figures(text, entities)
    return tuple(entities), tuple(figures)


def knowledge_parents(extra_files: Sequence[str] = ()) -> dict[str, str]:
    """Person -> organisation and model -> maker, from the knowledge files' ``parent``: stories
    use it to compare a figure one outlet credits to "Mark Zuckerberg" with another's "Meta"."""
    knowledge = _knowledge(extra_files)
    return {name: e.parent for name, e in knowledge.entities.items()
            if e.parent and e.type in ("person", "model")}


def check_knowledge(extra_files: Sequence[str] = ()) -> None:
    """Load the knowledge files now, so a bad user file is a config error (exit 78) before a poll
    starts, not a failed extraction on every page."""
    _knowledge(extra_files)
