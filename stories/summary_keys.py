"""How much of a story's key facts a sentence carries: its central entities and its figures.

The entities are the story's (``StoryEntity``, ranked by centrality) when the caller has them,
otherwise those named by the most of the story's articles; each is found in a sentence by its
canonical name or any surface form an article used. A figure counts when its text as written
("about 24,000 accounts") is in the sentence, or when one of the article's own tagged figures
sits inside it.

What it will not do: resolve "the company" or "it" to an entity, or match a figure by value.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from newsdesk.models import Article, StoryEntity, StoryFigure

TOP_ENTITIES = 5
ENTITY_SHARE = 0.7                        # the rest of a sentence's key score is for figures


def key_scores(texts: Sequence[str], owners: Sequence[Article], sources: Sequence[Article],
               entities: Sequence[StoryEntity], figures: Sequence[StoryFigure]) -> np.ndarray:
    """A score in [0, 1] per sentence (``texts[i]`` comes from ``owners[i]``)."""
    weights = _entity_weights(sources, entities)
    patterns = _entity_patterns(sources, weights)
    total = sum(weights.values())
    figure_texts = _figure_texts(figures)
    out = np.zeros(len(texts))
    for i, (text, owner) in enumerate(zip(texts, owners)):
        ent = sum(weights[name] for name, pat in patterns.items() if pat.search(text))
        fig = any(t in text for t in figure_texts.get(owner.id, ())) or any(
            f.text and f.text in text for f in owner.figures)
        out[i] = ENTITY_SHARE * (ent / total if total else 0.0) + (1 - ENTITY_SHARE) * fig
    return out


def _entity_weights(sources: Sequence[Article], entities: Sequence[StoryEntity]) -> dict[str, float]:
    if entities:
        ranked = sorted(entities, key=lambda e: (-e.score, e.canonical))[:TOP_ENTITIES]
        top = max(e.score for e in ranked)
        return {e.canonical: (e.score / top if top > 0 else 1.0) for e in ranked}
    counts: dict[str, int] = defaultdict(int)
    for a in sources:
        for name in {t.canonical for t in a.entities}:
            counts[name] += 1
    ranked_names = sorted(counts, key=lambda n: (-counts[n], n))[:TOP_ENTITIES]
    return {n: counts[n] / len(sources) for n in ranked_names}


def _entity_patterns(sources: Sequence[Article], weights: dict[str, float]) -> dict[str, re.Pattern[str]]:
    forms: dict[str, set[str]] = {name: {name} for name in weights}
    for a in sources:
        for t in a.entities:
            if t.canonical in forms and t.name.strip():
                forms[t.canonical].add(t.name.strip())
    return {name: re.compile(r"(?<!\w)(?:" + "|".join(
        re.escape(f) for f in sorted(fs, key=lambda f: (-len(f), f))) + r")(?!\w)")
        for name, fs in forms.items()}


def _figure_texts(figures: Sequence[StoryFigure]) -> dict[int | None, tuple[str, ...]]:
    by_article: dict[int | None, list[str]] = defaultdict(list)
    for f in figures:
        for src in f.sources:
            if src.text:
                by_article[src.article_id].append(src.text)
    return {k: tuple(v) for k, v in by_article.items()}
