"""A story's headline: the title, among its articles', that best stands for the story.

Not simply the first title: the first outlet often writes a terse wire headline or a teaser. Each
original article's title (copies count once, so a wire story reprinted ten times does not outvote
the outlets that wrote their own) is scored by its mean TF-IDF cosine to the other titles plus its
cosine to the story's text; a title that reads as a teaser (a question, or a "Opinion:" /
"Hands-on:" label) is marked down. Ties go to the earliest article.

What it will not do: rewrite, trim or clean a title -- the chosen article's title is shown as its
outlet wrote it, and escaping is the renderer's job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsdesk.models import Article
from newsdesk.stories.summary import sources_of

TEXT_WEIGHT = 0.5                         # cosine to the story's text, beside title agreement
TEASER_PENALTY = 0.15
_TEASER = re.compile(r"\?\s*$|^\W*[A-Z][\w'’-]*(?:\s[\w'’-]+)?\s?:\s|^\W*(?:watch|video|photos?|"
                     r"live|opinion|analysis|review|explainer)\b", re.IGNORECASE)


def choose_headline(articles: Sequence[Article]) -> Article:
    """The most representative title among the story's articles; ties to the earliest."""
    if not articles:
        raise ValueError("a story has at least one article")
    sources = sources_of(articles)
    cands = [a for a in sources if a.title.strip()] or sources
    if len(cands) == 1:
        return cands[0]
    titles = [a.title for a in cands]
    body = " ".join(a.text[:2000] for a in cands)
    try:
        m = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(titles + [body])
    except ValueError:                    # titles of stop words only: keep the earliest
        return cands[0]
    v = np.asarray(m.todense())
    t, story = v[:-1], v[-1]
    sims = t @ t.T
    agree = (sims.sum(axis=1) - np.diag(sims)) / (len(cands) - 1)
    score = agree + TEXT_WEIGHT * (t @ story)
    score -= TEASER_PENALTY * np.array([bool(_TEASER.search(x)) for x in titles])
    best = max(range(len(cands)), key=lambda i: (round(float(score[i]), 9), -i))
    return cands[best]
