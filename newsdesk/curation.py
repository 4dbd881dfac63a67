"""What happens to a batch of new articles between extraction and the archive: the per-host
boilerplate memory and near-copy detection.

Both need state beyond one page (counts of blocks per host, the recent articles to compare with),
so they run in the poller's process, between the worker's extraction and the feed's transaction.
The rules themselves are pure and live in ``extract.boilerplate`` and ``extract.copies``; this
module feeds them from the archive and hands back what the store must write.

The copy index covers a recent window (config ``copies.window_days``): it is rebuilt from stored
signatures when a poll starts, so the cost per new article depends on the window, not the archive.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from newsdesk.config import Config
from newsdesk.extract.article import content_hash
from newsdesk.extract.boilerplate import apply_host_memory, block_fingerprint, fingerprints_of
from newsdesk.extract.boilerplate_lines import protected
from newsdesk.extract.copies import CopyIndex, text_signature
from newsdesk.extract.tagging import check_knowledge, tag_article
from newsdesk.models import Article
from newsdesk.store import Archive
from newsdesk.urls import host_of

_GUID_MIN_LENGTH = 16  # short or numeric guids ("1234") collide across unrelated feeds


@dataclass
class CuratedBatch:
    articles: list[Article]
    sightings: list[tuple[str, str, str]] = field(default_factory=list)
    crossed: list[tuple[str, str]] = field(default_factory=list)   # (host, block) now boilerplate
    relinks: list[tuple[str, int]] = field(default_factory=list)   # (new url, later original id)


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _counted_blocks(text: str) -> dict[str, str]:
    """fingerprint -> block, for the blocks of one article the host memory counts."""
    paragraphs = _paragraphs(text)
    counted = set(fingerprints_of(paragraphs))
    return {fp: p for p in paragraphs if (fp := block_fingerprint(p)) in counted}


class Curator:
    """One per poll or import: holds the copy index for the recent window."""

    def __init__(self, archive: Archive, config: Config, now: datetime) -> None:
        self.archive, self.config, self.now = archive, config, now
        check_knowledge(config.entities.extra_files)
        self.index = CopyIndex(config.copies)
        since = now - timedelta(days=config.copies.window_days)
        for c in archive.copy_candidates(since):
            self.index.add(c.id, c.text, c.published, signature=c.signature or None,
                           content_hash=c.content_hash, copy_of=c.copy_of)

    # -- boilerplate a host repeats ---------------------------------------------------------
    def _host_memory(self, batch: CuratedBatch) -> None:
        threshold = self.config.boilerplate.host_min_articles
        by_host: dict[str, list[int]] = {}
        for i, article in enumerate(batch.articles):
            by_host.setdefault(host_of(article.url), []).append(i)
        for host, indexes in by_host.items():
            prints = {i: _counted_blocks(batch.articles[i].text) for i in indexes}
            in_batch = Counter(fp for fps in prints.values() for fp in fps)
            stored = self.archive.host_block_counts(host, in_batch)
            titles = self.archive.recent_titles(host)
            titles += [(batch.articles[i].url, batch.articles[i].title) for i in indexes]
            for i in indexes:
                article = batch.articles[i]
                seen = {fp: stored.get(fp, 0) + in_batch[fp] - 1 for fp in prints[i]}
                others = [t for url, t in titles if url != article.url]
                kept, removed = apply_host_memory(_paragraphs(article.text), seen, others,
                                                  self.config.boilerplate)
                if removed and kept:
                    text = "\n".join(kept)
                    batch.articles[i] = replace(article, text=text, content_hash=content_hash(text),
                                                removed=article.removed + tuple(removed))
                batch.sightings += [(host, fp, p) for fp, p in prints[i].items()]
            for fp, count in in_batch.items():
                if stored.get(fp, 0) < threshold <= stored.get(fp, 0) + count:
                    sample = next(p[fp] for p in prints.values() if fp in p)
                    if not protected(sample):  # quotes are never cut as site chrome
                        batch.crossed.append((host, sample))

    # -- copies -----------------------------------------------------------------------------
    def _copies(self, batch: CuratedBatch, feed_id: int | None) -> None:
        guids = [a.guid for a in batch.articles
                 if a.guid and len(a.guid) >= _GUID_MIN_LENGTH and not a.guid.isdigit()]
        same_guid = self.archive.originals_for_guids(guids, feed_id) if guids else {}
        for i, article in enumerate(batch.articles):
            signature = text_signature(article.text, self.config.copies) if article.text else b""
            copy_of, kind = same_guid.get(article.guid or ""), "guid"
            if copy_of is None and article.text:
                published = article.published or article.fetched or self.now
                match = self.index.find_original(article.text, published,
                                                 content_hash=article.content_hash,
                                                 signature=signature)
                if match is not None:
                    copy_of, kind = match.original_id, match.kind
                    original = self.archive.get_article(match.original_id)
                    first = original.published or original.fetched if original else None
                    if first is not None and first > published:  # the new one is the earliest
                        batch.relinks.append((article.url, match.original_id))
                        copy_of = None
            batch.articles[i] = replace(article, signature=signature, copy_of=copy_of,
                                        copy_kind=kind if copy_of is not None else None)

    def _tags(self, batch: CuratedBatch, tagged_texts: dict[str, str]) -> None:
        """Tag what the worker did not (feed fallbacks, imports) or what host memory changed."""
        cfg = self.config.entities
        for i, article in enumerate(batch.articles):
            if article.text and tagged_texts.get(article.url) != article.text:
                entities, figures = tag_article(article.text, article.title, cfg.extra_files,
                                                cfg.discover)
                batch.articles[i] = replace(article, entities=entities, figures=figures)

    def curate(self, articles: Sequence[Article], feed_id: int | None) -> CuratedBatch:
        batch = CuratedBatch(sorted(articles, key=lambda a: (a.published or self.now, a.url)))
        tagged = {a.url: a.text for a in batch.articles if a.entities or a.figures}
        self._host_memory(batch)
        self._copies(batch, feed_id)
        self._tags(batch, tagged)
        return batch

    def after_save(self, batch: CuratedBatch) -> None:
        """Index what was stored, apply relinks and cut blocks that just became boilerplate."""
        ids = self.archive.ids_for_urls(a.url for a in batch.articles)
        for article in batch.articles:
            if article.url in ids and article.text:
                self.index.add(ids[article.url], article.text,
                               article.published or article.fetched or self.now,
                               signature=article.signature or None,
                               content_hash=article.content_hash, copy_of=article.copy_of)
        for url, later_original in batch.relinks:
            if url in ids:
                self.archive.relink_copies(later_original, ids[url], "near")
        reason = (f"repeated on {self.config.boilerplate.host_min_articles} or more articles "
                  "of this site")
        for host, block in batch.crossed:
            self.archive.strip_host_block(host, block, reason, content_hash)


