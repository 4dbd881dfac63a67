"""The archive on real SQLite files: schema, feeds, polls, articles, search, transactions.

Faults (corrupt files, permissions, contention, crashes, disk full) are in test_store_faults.py.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsdesk.errors import ArchiveError
from newsdesk.models import Article
from newsdesk.store import Archive, open_archive
from newsdesk.store.migrations import APPLICATION_ID, LATEST

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def art(n: int, **kw) -> Article:
    fields = {"url": f"https://example.com/a/{n}", "title": f"Title {n}", "source": "Example",
              "guid": f"guid-{n}", "text": f"body of article {n}", "published": NOW - n * HOUR,
              "fetched": NOW}
    fields.update(kw)
    return Article(**fields)


def poll(archive: Archive, feed, articles, **kw) -> list[int]:
    args = {"etag": None, "last_modified": None, "body_hash": None, "polled_at": NOW,
            "next_poll": NOW + HOUR}
    args.update(kw)
    return archive.save_poll(feed, articles, **args)


def raw(db_path) -> sqlite3.Connection:
    return sqlite3.connect(db_path, isolation_level=None)


# -- opening and schema ---------------------------------------------------------------------------

def test_fresh_archive_records_migrations_and_reopen_is_idempotent(db_path):
    with open_archive(db_path) as a:
        assert a.schema_version == LATEST
        assert a.path == db_path
        first = list(a.db.query("SELECT * FROM schema_migrations ORDER BY version"))
    assert [r["version"] for r in first] == list(range(1, LATEST + 1))
    assert all(r["name"] and r["applied_at"].endswith("+00:00") for r in first)
    with open_archive(db_path) as a:
        again = list(a.db.query("SELECT * FROM schema_migrations ORDER BY version"))
        assert {"feeds", "articles", "articles_fts"} <= set(a.db.table_names())
    assert again == first
    conn = raw(db_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_connection_pragmas(archive):
    conn = archive.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_busy_timeout_is_configurable(db_path):
    with open_archive(db_path, busy_timeout_ms=123) as a:
        assert a.db.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 123


def test_create_false_on_missing_file(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(ArchiveError, match="no archive at"):
        open_archive(path, create=False)
    assert not path.exists()


def test_create_makes_missing_parent_directories(tmp_path):
    path = tmp_path / "deep" / "er" / "a.db"
    with open_archive(path) as a:
        assert a.count_articles() == 0
    assert path.exists()


def test_existing_archive_opens_with_create_false(db_path):
    open_archive(db_path).close()
    with open_archive(db_path, create=False) as a:
        assert a.schema_version == LATEST


def test_close_is_idempotent_and_closed_archive_refuses_work(db_path):
    a = open_archive(db_path)
    a.close()
    a.close()
    with pytest.raises(ArchiveError, match="closed"):
        a.count_articles()


# -- feeds ----------------------------------------------------------------------------------------

def test_add_feed_and_readd(archive):
    feed, created = archive.add_feed("https://a.example/feed", category="labs", now=NOW)
    assert created and feed.id and feed.status == "new" and feed.category == "labs"
    assert feed.title is None and feed.article_count == 0 and feed.next_poll is None
    again, created = archive.add_feed("https://a.example/feed", title="A", category="other",
                                      now=NOW)
    assert not created and again.id == feed.id
    assert again.title == "A"            # was empty: filled
    assert again.category == "labs"      # was set: kept
    third, _ = archive.add_feed("https://a.example/feed", title="B", now=NOW)
    assert third.title == "A"


def test_list_feeds_ordered_with_counts(archive):
    b, _ = archive.add_feed("https://b.example/feed", title="beta", now=NOW)
    archive.add_feed("https://a.example/feed", title="Alpha", now=NOW)
    archive.add_feed("https://c.example/feed", now=NOW)   # no title: sorted by url
    poll(archive, b, [art(1), art(2)])
    feeds = archive.list_feeds()
    assert [f.title for f in feeds] == ["Alpha", "beta", None]
    assert [f.article_count for f in feeds] == [0, 2, 0]
    assert archive.get_feed("https://b.example/feed").article_count == 2
    assert archive.get_feed_by_id(b.id).url == b.url
    assert archive.get_feed("https://nope.example/") is None
    assert archive.get_feed_by_id(999) is None


def test_remove_feed_keeps_its_articles(archive):
    feed, _ = archive.add_feed("https://a.example/feed", now=NOW)
    ids = poll(archive, feed, [art(1), art(2)])
    assert archive.remove_feed(feed.url) is True
    assert archive.remove_feed(feed.url) is False
    assert archive.get_feed(feed.url) is None
    assert archive.count_articles() == 2
    assert all(archive.get_article(i).feed_id is None for i in ids)


def test_due_feeds(archive):
    never, _ = archive.add_feed("https://never.example/", now=NOW)
    later, _ = archive.add_feed("https://later.example/", now=NOW)
    past, _ = archive.add_feed("https://past.example/", now=NOW)
    exact, _ = archive.add_feed("https://exact.example/", now=NOW)
    gone, _ = archive.add_feed("https://gone.example/", now=NOW)
    archive.record_not_modified(later, polled_at=NOW, next_poll=NOW + HOUR)
    archive.record_failure(past, error="x", polled_at=NOW - 2 * HOUR, next_poll=NOW - HOUR)
    archive.record_not_modified(exact, polled_at=NOW - HOUR, next_poll=NOW)
    archive.record_failure(gone, error="410", polled_at=NOW - 2 * HOUR, next_poll=NOW - HOUR,
                           gone=True)
    due = archive.due_feeds(NOW)
    assert [f.url for f in due] == [never.url, past.url, exact.url]
    # A non-UTC "now" is the same instant.
    assert [f.url for f in archive.due_feeds(NOW.astimezone(timezone(timedelta(hours=-5))))] == \
        [never.url, past.url, exact.url]
    assert later.url in [f.url for f in archive.due_feeds(NOW + 2 * HOUR)]
    assert gone.url not in [f.url for f in archive.due_feeds(NOW + 48 * HOUR)]


# -- polls ----------------------------------------------------------------------------------------

def test_save_poll_stores_articles_and_validators_together(archive):
    feed, _ = archive.add_feed("https://a.example/feed", now=NOW)
    ids = poll(archive, feed, [art(1), art(2)], etag='W/"abc"', last_modified="Sat, 28 Nov 2026",
               body_hash="h1", title="A feed", site_url="https://a.example/")
    assert len(ids) == 2
    stored = archive.get_feed(feed.url)
    assert (stored.etag, stored.last_modified, stored.body_hash) == \
        ('W/"abc"', "Sat, 28 Nov 2026", "h1")
    assert stored.title == "A feed" and stored.site_url == "https://a.example/"
    assert stored.status == "ok" and stored.consecutive_errors == 0 and stored.last_error is None
    assert stored.last_polled == NOW and stored.last_success == NOW
    assert stored.next_poll == NOW + HOUR and stored.article_count == 2
    got = archive.get_article(ids[0])
    assert got.feed_id == feed.id and got.url == art(1).url and got.published == art(1).published
    assert got.published.tzinfo is not None


def test_save_poll_skips_urls_already_stored(archive):
    a, _ = archive.add_feed("https://a.example/feed", now=NOW)
    b, _ = archive.add_feed("https://b.example/feed", now=NOW)
    first = poll(archive, a, [art(1), art(2)])
    # art(2) is already stored (by feed a); art(3) appears twice in one batch.
    second = poll(archive, b, [art(2, title="dup"), art(3), art(3, title="dup too")], etag="e2")
    assert len(first) == 2 and len(second) == 1
    assert archive.count_articles() == 3
    assert archive.get_article(second[0]).url == art(3).url
    assert archive.get_article(first[1]).title == "Title 2"
    assert archive.get_feed(b.url).etag == "e2"


def test_save_poll_keeps_given_title_and_adopts_permanent_redirect(archive):
    feed, _ = archive.add_feed("https://old.example/feed", title="Mine", now=NOW)
    poll(archive, feed, [], title="Theirs", new_url="https://new.example/feed")
    moved = archive.get_feed_by_id(feed.id)
    assert moved.url == "https://new.example/feed" and moved.title == "Mine"
    assert archive.get_feed("https://old.example/feed") is None


def test_save_poll_redirect_to_a_url_another_feed_has_keeps_old_url(archive):
    feed, _ = archive.add_feed("https://old.example/feed", now=NOW)
    other, _ = archive.add_feed("https://new.example/feed", now=NOW)
    ids = poll(archive, feed, [art(1)], etag="e", new_url=other.url)
    assert len(ids) == 1
    kept = archive.get_feed_by_id(feed.id)
    assert kept.url == "https://old.example/feed" and kept.etag == "e" and kept.status == "ok"


def test_save_poll_for_a_removed_feed_stores_nothing(archive):
    feed, _ = archive.add_feed("https://a.example/feed", now=NOW)
    archive.remove_feed(feed.url)
    assert poll(archive, feed, [art(1)], etag="e") == []
    assert archive.count_articles() == 0


def test_save_poll_error_rolls_back_articles_and_validators(archive):
    feed, _ = archive.add_feed("https://a.example/feed", now=NOW)
    poll(archive, feed, [art(1)], etag="v1", body_hash="h1")
    bad = art(3, url=None)  # NOT NULL violation after one good insert
    with pytest.raises(ArchiveError):
        poll(archive, feed, [art(2), bad], etag="v2", body_hash="h2")
    stored = archive.get_feed(feed.url)
    assert (stored.etag, stored.body_hash) == ("v1", "h1")
    assert archive.count_articles() == 1
    assert not archive.db.conn.in_transaction


def test_known_entries(archive):
    a, _ = archive.add_feed("https://a.example/feed", now=NOW)
    b, _ = archive.add_feed("https://b.example/feed", now=NOW)
    poll(archive, a, [art(1), art(2)])
    poll(archive, b, [art(3)])
    guids = ["guid-1", "guid-3", "guid-9"]
    urls = [art(2).url, art(3).url, "https://x.example/"]
    known = archive.entry_states(a.id, guids, urls)
    assert set(known) & set(guids) == {"guid-1"}                # guid-3 belongs to feed b
    assert set(known) & set(urls) == {art(2).url, art(3).url}  # urls count across feeds
    assert archive.entry_states(a.id, [], []) == {}
    many = [f"guid-{n}" for n in range(1200)]       # more than one IN (...) chunk
    assert set(archive.entry_states(a.id, iter(many), iter([]))) == {"guid-1", "guid-2"}


def test_record_not_modified(archive):
    feed, _ = archive.add_feed("https://a.example/feed", now=NOW)
    poll(archive, feed, [], etag="v1", last_modified="lm1", body_hash="h1")
    archive.record_failure(feed, error="boom", polled_at=NOW, next_poll=NOW + HOUR)
    archive.record_not_modified(feed, polled_at=NOW + HOUR, next_poll=NOW + 2 * HOUR)
    f = archive.get_feed(feed.url)
    assert (f.status, f.consecutive_errors, f.last_error) == ("ok", 0, None)
    assert f.last_success == NOW + HOUR and f.next_poll == NOW + 2 * HOUR
    assert (f.etag, f.last_modified, f.body_hash) == ("v1", "lm1", "h1")


def test_record_failure_leaves_validators(archive):
    feed, _ = archive.add_feed("https://a.example/feed", now=NOW)
    poll(archive, feed, [art(1)], etag="v1", last_modified="lm1", body_hash="h1")
    for n in range(1, 4):
        archive.record_failure(feed, error=f"timeout {n}", polled_at=NOW + n * HOUR,
                               next_poll=NOW + (n + 1) * HOUR)
    f = archive.get_feed(feed.url)
    assert (f.status, f.consecutive_errors, f.last_error) == ("error", 3, "timeout 3")
    assert (f.etag, f.last_modified, f.body_hash) == ("v1", "lm1", "h1")
    assert f.last_success == NOW and f.last_polled == NOW + 3 * HOUR
    archive.record_failure(feed, error="410 Gone", polled_at=NOW, next_poll=NOW, gone=True)
    assert archive.get_feed(feed.url).status == "gone"


# -- articles -------------------------------------------------------------------------------------

def test_save_articles_for_import(archive):
    ids = archive.save_articles([art(1, guid=None), art(2), art(1, title="again")])
    assert len(ids) == 2
    assert archive.save_articles([art(2)]) == []
    a1 = archive.get_article(ids[0])
    assert a1.feed_id is None and a1.title == "Title 1" and a1.guid is None
    assert archive.get_article(12345) is None


def test_article_fields_round_trip(archive):
    eastern = timezone(timedelta(hours=-5))
    original = Article(
        url="https://example.com/x", title="T", source="S", guid="g", author="Ann",
        published=datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=eastern), fetched=NOW,
        language="en", feed_summary="sum", text="body", content_hash="ch",
        extraction="feed", extraction_error="no article text found",
    )
    [new_id] = archive.save_articles([original])
    back = archive.get_article(new_id)
    assert back.published == original.published and back.published.utcoffset() == timedelta(0)
    stored = archive.db.conn.execute("SELECT published FROM articles").fetchone()[0]
    assert stored == "2026-01-02T08:04:05.000678+00:00"
    for name in ("url", "title", "source", "guid", "author", "fetched", "language",
                 "feed_summary", "text", "content_hash", "extraction", "extraction_error"):
        assert getattr(back, name) == getattr(original, name), name
    assert back.id == new_id


def test_list_and_count_articles(archive):
    archive.save_articles([art(3), art(1), art(2, published=None, fetched=NOW - 10 * HOUR)])
    assert archive.count_articles() == 3
    assert [a.url for a in archive.list_articles()] == [art(1).url, art(3).url, art(2).url]
    assert [a.url for a in archive.list_articles(limit=1)] == [art(1).url]
    assert [a.url for a in archive.list_articles(since=NOW - 3 * HOUR)] == \
        [art(1).url, art(3).url]
    assert archive.list_articles(limit=0) == []


def test_reads_leave_no_transaction_open(archive):
    feed, _ = archive.add_feed("https://a.example/feed", now=NOW)
    poll(archive, feed, [art(n) for n in range(50)])
    archive.list_articles()
    archive.list_feeds()
    archive.search("article")
    archive.entry_states(feed.id, ["guid-1"], [art(1).url])
    assert not archive.db.conn.in_transaction
    # in_transaction stays False while a half-read cursor still pins a WAL snapshot; a checkpoint
    # from another connection can only truncate the log when no read is left open
    other = sqlite3.connect(archive.path)
    try:
        busy, _, _ = other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        other.close()
    assert busy == 0


# -- full-text search -----------------------------------------------------------------------------

def fts_consistent(archive: Archive, word: str) -> bool:
    conn = archive.db.conn
    match = conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [f'"{word}"']
    ).fetchone()[0]
    like = conn.execute(
        "SELECT count(*) FROM articles WHERE title LIKE ? OR text LIKE ?",
        [f"%{word}%", f"%{word}%"],
    ).fetchone()[0]
    return match == like


def test_search_finds_title_and_text_with_stemming(archive):
    archive.save_articles([
        art(1, title="OpenAI raises funding", text="The round values the company highly."),
        art(2, title="Chip news", text="Nvidia is running new fabs; café opens."),
        art(3, title="Unrelated", text="Nothing to see."),
    ])
    assert [a.url for a in archive.search("openai")] == [art(1).url]
    assert [a.url for a in archive.search("run")] == [art(2).url]       # porter: running
    assert [a.url for a in archive.search("cafe")] == [art(2).url]      # diacritics folded
    assert [a.url for a in archive.search("nvidia fabs")] == [art(2).url]
    assert archive.search("nvidia openai") == []                        # every word must match
    assert len(archive.search("the", limit=1)) == 1


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(", "a AND", "-x", "*", "^", "(", "x:y",
                                   '"', "", "   ", "OR NOT"])
def test_search_never_passes_syntax_to_match(archive, query):
    archive.save_articles([art(1)])
    assert isinstance(archive.search(query), list)


def test_search_ranks_better_matches_first(archive):
    archive.save_articles([
        art(1, title="Other", text="model " + "filler " * 200),
        art(2, title="Model model", text="model release model"),
    ])
    assert [a.url for a in archive.search("model")] == [art(2).url, art(1).url]


def test_fts_stays_consistent_after_inserts_updates_and_deletes(archive):
    feed, _ = archive.add_feed("https://a.example/feed", now=NOW)
    poll(archive, feed, [art(n, text=f"zebra item {n}" if n % 2 else f"plain {n}")
                         for n in range(40)])
    assert fts_consistent(archive, "zebra") and len(archive.search("zebra", limit=100)) == 20
    with archive.write() as db:
        db.execute("DELETE FROM articles WHERE id % 3 = 0")
        db.execute("UPDATE articles SET text = 'zebra now' WHERE id % 4 = 0")
    assert fts_consistent(archive, "zebra") and fts_consistent(archive, "plain")
    expected = archive.db.conn.execute(
        "SELECT count(*) FROM articles WHERE text LIKE '%zebra%'").fetchone()[0]
    assert len(archive.search("zebra", limit=100)) == expected
    assert archive.integrity_ok()


def test_integrity_ok_detects_an_fts_index_out_of_step(archive):
    archive.save_articles([art(1)])
    assert archive.integrity_ok()
    conn = archive.db.conn
    conn.execute("DROP TRIGGER articles_au")
    conn.execute("UPDATE articles SET text = 'changed behind the index'")
    assert archive.integrity_ok() is False


# -- transactions ---------------------------------------------------------------------------------

def test_exception_inside_write_rolls_back_everything(archive):
    feed, _ = archive.add_feed("https://a.example/feed", now=NOW)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), archive.write() as db:
        db.execute("UPDATE feeds SET etag = 'half'")
        db.execute("INSERT INTO articles (url, title) VALUES ('https://x.example/', 'x')")
        raise Boom
    assert archive.get_feed(feed.url).etag is None
    assert archive.count_articles() == 0 and archive.search("x") == []
    assert not archive.db.conn.in_transaction


def test_nested_write_is_a_savepoint(archive):
    with archive.write() as db:
        db.execute("INSERT INTO articles (url, title) VALUES ('https://1.example/', 'one')")
        with pytest.raises(KeyError), archive.write() as inner:
            inner.execute("INSERT INTO articles (url, title) VALUES ('https://2.example/', '')")
            raise KeyError
    assert [a.url for a in archive.list_articles()] == ["https://1.example/"]


def test_write_uses_begin_immediate(db_path, archive):
    """Inside write() the write lock is already held: another writer cannot start."""
    other = sqlite3.connect(db_path, isolation_level=None, timeout=0)
    with archive.write(), pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def test_sql_errors_inside_write_become_archive_errors(archive):
    with pytest.raises(ArchiveError, match="archive error"), archive.write() as db:
        db.execute("INSERT INTO no_such_table VALUES (1)")
    assert not archive.db.conn.in_transaction


def test_threads_share_one_archive_safely(archive):
    """The app runs queries in worker threads: one connection, serialised by the archive."""
    errors: list[Exception] = []

    def work(worker: int) -> None:
        try:
            for n in range(25):
                archive.save_articles([art(worker * 1000 + n)])
                archive.list_articles(limit=5)
                archive.search("article")
        except Exception as exc:  # noqa: BLE001 - reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert archive.count_articles() == 100 and archive.integrity_ok()
