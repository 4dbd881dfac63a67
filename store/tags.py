"""Entity tags and figures: written with their article, read back for exports and views.

Tags are replaced as a whole when an article is rewritten (an updated entry), so an article's
tags always describe its current text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlite_utils import Database

from newsdesk.models import Article, EntityTag, Figure

from .base import ArchiveBase, chunks



def _entity_id(db: Database, tag: EntityTag) -> int:
    db.execute("INSERT INTO entities (canonical, type, known) VALUES (?, ?, ?) "
               "ON CONFLICT(canonical, type) DO UPDATE SET known = max(known, excluded.known)",
               [tag.canonical, tag.type, int(tag.known)])
    row = db.execute("SELECT id FROM entities WHERE canonical = ? AND type = ?",
                     [tag.canonical, tag.type]).fetchone()
    return int(row[0])


def write_tags(db: Database, article_id: int, article: Article) -> None:
    """Replace the article's entity links and figures (inside the caller's transaction)."""
    db.execute("DELETE FROM article_entities WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM figures WHERE article_id = ?", [article_id])
    for tag in article.entities:
        db.execute(
            "INSERT INTO article_entities (article_id, entity_id, name, count, first_offset, "
            "confidence) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "count = count + excluded.count",
            [article_id, _entity_id(db, tag), tag.name, tag.count, tag.first_offset,
             tag.confidence])
    for f in article.figures:
        db.execute(
            "INSERT INTO figures (article_id, text, value, value_max, unit, currency, qualifier, "
            "kind, entity, sentence, char_offset, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, f.text, f.value, f.value_max, f.unit, f.currency, f.qualifier, f.kind,
             f.entity, f.sentence, f.offset, json.dumps(list(f.flags))])


class TagQueries(ArchiveBase):
    def tags_for(self, article_ids: Iterable[int],
                 ) -> dict[int, tuple[tuple[EntityTag, ...], tuple[Figure, ...]]]:
        """article id -> (entity tags, figures), for exports and the article view."""
        ids = list(dict.fromkeys(article_ids))
        entities: dict[int, list[EntityTag]] = {i: [] for i in ids}
        figures: dict[int, list[Figure]] = {i: [] for i in ids}
        for chunk, marks in chunks(ids):
            for r in self._read(
                "SELECT ae.article_id, e.canonical, e.type, e.known, ae.name, ae.count, "
                "ae.first_offset, ae.confidence FROM article_entities ae JOIN entities e "
                f"ON e.id = ae.entity_id WHERE ae.article_id IN ({marks}) "
                "ORDER BY ae.article_id, ae.first_offset", chunk):
                entities[r["article_id"]].append(EntityTag(
                    r["canonical"], r["type"], r["name"], r["count"], r["first_offset"],
                    r["confidence"], bool(r["known"])))
            for r in self._read(f"SELECT * FROM figures WHERE article_id IN ({marks}) "
                                "ORDER BY article_id, char_offset", chunk):
                figures[r["article_id"]].append(Figure(
                    r["text"], r["value"], r["unit"], r["currency"], r["qualifier"], r["value_max"],
                    r["kind"], r["entity"], r["sentence"], r["char_offset"],
                    tuple(json.loads(r["flags"] or "[]"))))
        return {i: (tuple(entities[i]), tuple(figures[i])) for i in ids}

    def with_tags(self, articles: Sequence[Article]) -> list[Article]:
        from dataclasses import replace

        tags = self.tags_for(a.id for a in articles if a.id is not None)
        return [replace(a, entities=tags[a.id][0], figures=tags[a.id][1])
                if a.id in tags else a for a in articles]
