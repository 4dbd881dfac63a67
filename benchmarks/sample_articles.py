"""The sample site's articles as the pipeline stores them: numbered and tagged by the real tagger.

One builder for the benchmarks that read the sample site (``cluster_bench``, ``summary_bench``,
``disagreement_bench``), so they all measure the same articles the same way. Not a test fixture:
tagging every article takes a moment.
"""

from __future__ import annotations

from collections.abc import Mapping

from newsdesk.extract.tagging import tag_article
from newsdesk.models import Article
from newsdesk.sample_site.content import SampleArticle


def tagged_article(sample: SampleArticle, ids: Mapping[str, int], *, source: str,
                   title: str | None = None) -> Article:
    """``sample`` as a stored ``Article``: its id and ``copy_of`` numbered by ``ids`` (sample id ->
    article id), entities and figures from ``tag_article`` on its text and display title.
    ``title`` is the display title unless given (the feed's raw title, say)."""
    ents, figs = tag_article(sample.text, sample.display_title)
    return Article(url=sample.path, title=sample.display_title if title is None else title,
                   source=source, id=ids[sample.id], published=sample.published, text=sample.text,
                   copy_of=ids.get(sample.copy_of) if sample.copy_of else None,
                   entities=ents, figures=figs)
