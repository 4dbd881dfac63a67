"""Entity tags and figures are stored with their article and read back whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from newsdesk.models import Article, EntityTag, Figure
from newsdesk.store import open_archive

NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)
TAGS = (EntityTag("Moonshot AI", "lab", "Moonshot", 3, 0),
        EntityTag("Kestrel Robotics", "company", "Kestrel Robotics", 1, 40, 0.6, False))
FIGS = (Figure("over 16 million interactions", 16e6, "interactions", None, "lower_bound",
               entity="Moonshot AI", sentence="It had over 16 million interactions.", offset=12,
               flags=("total_mismatch",)),
        Figure("$13 million", 13e6, None, "USD", None, kind="money", offset=60))


def test_tags_round_trip_and_are_replaced_on_update(db_path):
    article = Article(url="https://example.org/a", title="T", source="S", text="x" * 80,
                      published=NOW, fetched=NOW, entities=TAGS, figures=FIGS)
    with open_archive(db_path) as archive:
        [article_id] = archive.save_articles([article])
        entities, figures = archive.tags_for([article_id])[article_id]
        assert entities == TAGS and figures == FIGS
        stored = archive.with_tags([archive.get_article(article_id)])[0]
        assert stored.entities == TAGS and stored.figures == FIGS
        updated = replace(article, id=article_id, entities=TAGS[:1], figures=())
        with archive.write() as db:
            from newsdesk.store.copies import update_articles
            update_articles(db, [updated])
        entities, figures = archive.tags_for([article_id])[article_id]
        assert entities == TAGS[:1] and figures == ()


def test_the_same_entity_in_two_articles_is_one_row(db_path):
    a = Article(url="https://example.org/1", title="A", source="S", entities=TAGS[:1])
    b = Article(url="https://example.org/2", title="B", source="S", entities=TAGS[:1])
    with open_archive(db_path) as archive:
        archive.save_articles([a, b])
        rows = list(archive.db.query("SELECT count(*) AS n FROM entities"))
        links = list(archive.db.query("SELECT count(*) AS n FROM article_entities"))
    assert rows[0]["n"] == 1 and links[0]["n"] == 2
