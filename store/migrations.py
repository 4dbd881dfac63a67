"""Numbered schema migrations, recorded in the archive and applied when it is opened.

Each migration runs once, in order, inside the opener's ``BEGIN IMMEDIATE`` transaction together
with its row in ``schema_migrations``: a crash or error mid-way leaves the previous schema intact,
and two processes opening a fresh archive at once cannot both migrate it. An archive newer than
this code is refused rather than guessed at. Migrations only ever add: to change a shipped one,
append a new one.

It will not adopt a database that belongs to another application: a file with tables but no
``schema_migrations`` (or with a foreign ``application_id``) is reported, not converted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from newsdesk.errors import ArchiveError

APPLICATION_ID = 0x4E44534B  # "NDSK" in the header's application_id field


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Database], None]


def _feeds_articles_fts(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    # status: new | ok | error | gone; extraction: ok | feed | failed. Not CHECK constraints, so a
    # later state needs no table rebuild; the code that writes them owns the vocabulary.
    db.execute("""
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            site_url TEXT,
            category TEXT,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            added_at TEXT,
            last_polled TEXT,
            last_success TEXT,
            status TEXT NOT NULL DEFAULT 'new',
            consecutive_errors INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_poll TEXT
        )""")
    db.execute("""
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
            guid TEXT,
            source TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            author TEXT,
            published TEXT,
            fetched TEXT,
            language TEXT,
            feed_summary TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL DEFAULT '',
            extraction TEXT NOT NULL DEFAULT 'ok',
            extraction_error TEXT
        )""")
    db.execute("CREATE INDEX idx_feeds_next_poll ON feeds(next_poll)")
    db.execute("CREATE INDEX idx_articles_feed_guid ON articles(feed_id, guid)")
    db.execute("CREATE INDEX idx_articles_content_hash ON articles(content_hash)")
    db.execute("CREATE INDEX idx_articles_published ON articles(published)")
    # list_articles orders by this expression; an index on it serves "newest N" without a sort.
    db.execute("CREATE INDEX idx_articles_seen ON articles(coalesce(published, fetched))")
    # Porter stemming over unicode61 with diacritics folded: "running" finds "run", "cafe" "café".
    db.table("articles").enable_fts(
        ["title", "text"], create_triggers=True,
        tokenize="porter unicode61 remove_diacritics 2",
    )


def _copies_boilerplate_read_state(db: Database) -> None:
    # host: the article URL's host, for the per-host boilerplate memory and teaser titles.
    # copy_of/copy_kind: the earliest article this one copies (url | guid | hash | near | contained).
    # removed: JSON list of [text, reason] cut as boilerplate. signature: serialized MinHash.
    # entry_hash: what the feed said of the entry, so a retitled entry updates its article.
    for column, kind in (("host", "TEXT"), ("copy_of", "INTEGER"), ("copy_kind", "TEXT"),
                         ("removed", "TEXT NOT NULL DEFAULT '[]'"), ("read_at", "TEXT"),
                         ("signature", "BLOB"), ("entry_hash", "TEXT"), ("updated", "TEXT")):
        db.execute(f"ALTER TABLE articles ADD COLUMN {column} {kind}")
    rows = list(db.query("SELECT id, url FROM articles"))
    from urllib.parse import urlsplit
    for row in rows:
        host = (urlsplit(row["url"]).hostname or "").lower()
        db.execute("UPDATE articles SET host = ? WHERE id = ?", [host, row["id"]])
    db.execute("CREATE INDEX idx_articles_host_seen ON articles(host, coalesce(published, fetched))")
    db.execute("CREATE INDEX idx_articles_copy_of ON articles(copy_of)")
    db.execute("CREATE INDEX idx_articles_guid ON articles(guid)")
    # How many distinct articles of a host carried each block: the cross-page boilerplate memory.
    db.execute("""
        CREATE TABLE host_blocks (
            host TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            articles INTEGER NOT NULL DEFAULT 0,
            sample TEXT NOT NULL DEFAULT '',
            first_seen TEXT,
            last_seen TEXT,
            PRIMARY KEY (host, fingerprint)
        ) WITHOUT ROWID""")


def _entities_figures(db: Database) -> None:
    # One row per entity the archive has seen (known from the knowledge file, or discovered),
    # the links to the articles that mention it, and each article's figures with their flags.
    db.execute("""
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            canonical TEXT NOT NULL,
            type TEXT NOT NULL,
            known INTEGER NOT NULL DEFAULT 1,
            UNIQUE (canonical, type)
        )""")
    db.execute("""
        CREATE TABLE article_entities (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 1,
            first_offset INTEGER NOT NULL DEFAULT 0,
            confidence REAL NOT NULL DEFAULT 1.0,
            PRIMARY KEY (article_id, entity_id)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX idx_article_entities_entity ON article_entities(entity_id)")
    db.execute("""
        CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            value REAL NOT NULL,
            value_max REAL,
            unit TEXT,
            currency TEXT,
            qualifier TEXT,
            kind TEXT NOT NULL DEFAULT 'count',
            entity TEXT,
            sentence TEXT NOT NULL DEFAULT '',
            char_offset INTEGER NOT NULL DEFAULT 0,
            flags TEXT NOT NULL DEFAULT '[]'
        )""")
    db.execute("CREATE INDEX idx_figures_article ON figures(article_id)")
    db.execute("CREATE INDEX idx_figures_entity ON figures(entity)")


def _stories(db: Database) -> None:
    # A story's id is the id of the article that opened it. The nested content (summary, coverage,
    # entities, figures, disagreements) is JSON text read and written whole; which articles a story
    # holds lives only in articles.story_id. updated: when its articles or content last changed;
    # read_at: when the user last opened it (NULL: never), so "updated since you looked" is
    # updated > read_at. No foreign keys: an article is assigned before its story row is written.
    db.execute("""
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            headline TEXT NOT NULL DEFAULT '',
            headline_article_id INTEGER,
            first_seen TEXT,
            last_seen TEXT,
            article_count INTEGER NOT NULL DEFAULT 0,
            source_count INTEGER NOT NULL DEFAULT 0,
            sources TEXT NOT NULL DEFAULT '[]',
            summary TEXT NOT NULL DEFAULT '[]',
            coverage TEXT,
            entities TEXT NOT NULL DEFAULT '[]',
            figures TEXT NOT NULL DEFAULT '[]',
            disagreements TEXT NOT NULL DEFAULT '[]',
            merged_from TEXT NOT NULL DEFAULT '[]',
            updated TEXT,
            read_at TEXT
        )""")
    db.execute("CREATE INDEX idx_stories_last_seen ON stories(last_seen, id)")
    db.execute("CREATE INDEX idx_stories_updated ON stories(updated)")
    db.execute("ALTER TABLE articles ADD COLUMN story_id INTEGER")
    db.execute("CREATE INDEX idx_articles_story ON articles(story_id)")
    # The FTS update trigger re-indexed an article on ANY update; assigning stories (and
    # recluster, which reassigns every article) changes only story_id. Re-index only when the
    # indexed title or text changes.
    db.execute("DROP TRIGGER IF EXISTS articles_au")
    db.execute("""
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
          INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END""")
    # A story absorbed by another (later articles bridged them): get_story follows from -> into.
    db.execute("""
        CREATE TABLE story_merges (
            from_id INTEGER PRIMARY KEY,
            into_id INTEGER NOT NULL,
            at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX idx_story_merges_into ON story_merges(into_id)")


def _story_list_orders(db: Database) -> None:
    # The app lists stories by activity (idx_stories_last_seen), by size and by first seen.
    db.execute("CREATE INDEX idx_stories_size ON stories(article_count, id)")
    db.execute("CREATE INDEX idx_stories_first_seen ON stories(first_seen, id)")


def _search_rank(db: Database) -> None:
    # A word in the title says more than one in the body: FTS5's "rank" (what ORDER BY rank uses)
    # weighs title matches 4x. Stored in the index's config, so the bare MATCH query and search
    # rank alike.
    db.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "feeds, articles and articles_fts", _feeds_articles_fts),
    Migration(2, "copies, boilerplate memory and read state", _copies_boilerplate_read_state),
    Migration(3, "entities, article links and figures", _entities_figures),
    Migration(4, "stories, article story ids and story merges", _stories),
    Migration(5, "indexes for the story list's orders", _story_list_orders),
    Migration(6, "search ranks title matches above body matches", _search_rank),
)
LATEST = MIGRATIONS[-1].version


def _table_exists(db: Database, name: str) -> bool:
    rows = list(db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]))
    return bool(rows)


def current_version(db: Database) -> int:
    """The highest migration recorded in the file (0 for a new, empty file)."""
    if not _table_exists(db, "schema_migrations"):
        return 0
    rows = list(db.query("SELECT max(version) AS v FROM schema_migrations"))
    return int(rows[0]["v"] or 0)


def check_ours(db: Database, path: Path) -> int:
    """Refuse a database newsdesk did not create, or one newer than this code; its version."""
    app_id = next(iter(db.query("PRAGMA application_id")))["application_id"]
    if app_id not in (0, APPLICATION_ID):
        raise ArchiveError(f"{path}: not a newsdesk archive (a database of another application)")
    version = current_version(db)
    if version == 0:
        tables = list(db.query(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        ))
        if tables:
            raise ArchiveError(
                f"{path}: not a newsdesk archive (a database of another application)"
            )
    if version > LATEST:
        raise ArchiveError(
            f"{path}: archive schema version {version} is newer than this newsdesk supports "
            f"({LATEST}); upgrade newsdesk to open it"
        )
    return version


def apply_pending(db: Database, *, applied_at: str) -> list[int]:
    """Apply what the file lacks; call inside a write transaction. Returns the versions applied."""
    db.execute("""
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )""")
    version = current_version(db)  # re-read: another process may have migrated meanwhile
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        migration.apply(db)
        db.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            [migration.version, migration.name, applied_at],
        )
        applied.append(migration.version)
    return applied
