"""``Archive``: the one object the pipeline, the CLI and the app use to reach the SQLite archive.

``open_archive`` checks the file, connects, and brings the schema up to date in a single
``BEGIN IMMEDIATE`` transaction; the query methods come from the feeds and articles mixins. This
module adds only what concerns the archive as a whole: its schema version and its integrity.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.errors import ArchiveError, OutputError

from .articles import ArticleQueries
from .copies import CopyQueries
from .search import SearchQueries
from .retention import RetentionQueries
from .stories import StoryQueries
from .story_list import StoryListQueries
from .tags import TagQueries
from .db import DEFAULT_BUSY_TIMEOUT_MS, configure, connect, is_mappable
from .feeds import FeedQueries
from .migrations import LATEST, apply_pending, check_ours, current_version
from .rows import to_text

_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT (incl. CORRUPT_VTAB), SQLITE_NOTADB


class Archive(FeedQueries, ArticleQueries, CopyQueries, RetentionQueries, StoryQueries,
              StoryListQueries, TagQueries, SearchQueries):
    """An open archive. Use as a context manager, or call ``close()``."""

    @property
    def schema_version(self) -> int:
        with self._lock:
            try:
                return current_version(self.db)
            except sqlite3.Error as exc:
                if is_mappable(exc):
                    raise self._mapped(exc) from exc
                raise

    def integrity_ok(self) -> bool:
        """``PRAGMA integrity_check`` is clean and the FTS index matches the articles table."""
        try:
            rows = self._read("PRAGMA integrity_check")
        except ArchiveError:  # "malformed", I/O errors; BusyError is not one and propagates
            return False
        if [next(iter(r.values())) for r in rows] != ["ok"]:
            return False
        with self.write() as db:
            try:
                # rank = 1 also compares the index with the external content table (articles)
                db.execute(
                    "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
                )
            except sqlite3.DatabaseError as exc:
                code = getattr(exc, "sqlite_errorcode", 0) or 0
                if code & 0xFF in _CORRUPT_CODES:
                    return False
                raise
        return True

    def vacuum_into(self, target: Path) -> None:
        """Write a compact, consistent copy of the archive to ``target`` (absent or empty).

        ``VACUUM INTO`` reads in one read transaction, so it sees one committed state and runs
        while other processes read and write the archive (WAL). A failure to write ``target`` is an
        ``OutputError``; the archive itself is only read.
        """
        with self._lock:
            try:
                self.db.execute("VACUUM INTO ?", [str(target)])
            except sqlite3.Error as exc:
                code = getattr(exc, "sqlite_errorcode", 0) or 0
                if code & 0xFF in _CORRUPT_CODES or code & 0xFF == 5:  # the archive's fault: busy
                    raise self._mapped(exc) from exc                  # or corrupt, not the target's
                raise OutputError(f"cannot write {target}: {str(exc).strip()}") from exc

    def _check_and_migrate(self) -> None:
        with self._lock:
            try:
                version = check_ours(self.db, self.path)
                configure(self.db)
            except sqlite3.Error as exc:
                if is_mappable(exc):
                    raise self._mapped(exc) from exc
                raise
        if version < LATEST:
            with self.write() as db:
                apply_pending(db, applied_at=to_text(datetime.now(UTC)) or "")


def open_archive(path: Path | str, *, create: bool = True,
                 busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
                 quick_check: bool = True) -> Archive:
    """Open (or create) the archive at ``path``, migrated to the current schema.

    Raises ``ArchiveError`` for a missing file (``create=False``), a file that is not an archive,
    a corrupt or newer-schema one, or an unwritable file or directory; ``BusyError`` if another
    writer holds it past ``busy_timeout_ms``. A bad file is never modified, moved or deleted.
    ``quick_check=False`` skips ``PRAGMA quick_check`` (linear in the file's size) at open.
    """
    path = Path(path)
    db = connect(path, create=create, busy_timeout_ms=busy_timeout_ms, quick_check=quick_check)
    archive = Archive(path, db, busy_timeout_ms=busy_timeout_ms)
    try:
        archive._check_and_migrate()
    except BaseException:
        archive.close()
        raise
    return archive
