"""Open an archive file safely and turn SQLite's failures into newsdesk's two archive errors.

An archive is the user's data: this module checks a file *before* SQLite touches it (a foreign or
damaged file is reported, never deleted, renamed, rewritten or "repaired"), sets the connection up
for one writer and many readers (WAL, ``synchronous=NORMAL``, a ``busy_timeout``) and maps every
``sqlite3`` error to ``BusyError`` (exit 75: try again later) or ``ArchiveError`` (exit 74) with a
one-line message that names the file and the cause. It knows nothing about the schema.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from newsdesk.errors import ArchiveError, BusyError, NewsdeskError

SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT_MS = 5000

# Primary result codes (the low byte of sqlite_errorcode): https://sqlite.org/rescode.html
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def not_a_database(path: Path) -> ArchiveError:
    return ArchiveError(f"{path}: not a newsdesk archive (file is not a database)")


def corrupt(path: Path, detail: str) -> ArchiveError:
    return ArchiveError(
        f"{path}: archive is corrupt ({detail}); the file was left untouched: "
        "restore it from a backup or move it aside"
    )


def error_for(path: Path, exc: sqlite3.Error, busy_timeout_ms: int) -> NewsdeskError:
    """The newsdesk error for an ``sqlite3`` error raised while using the archive at ``path``."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    msg = str(exc).strip() or type(exc).__name__
    low = msg.lower()
    if primary in (_BUSY, _LOCKED) or "database is locked" in low or "database is busy" in low:
        return BusyError(
            f"{path}: database busy: another process held it for more than {busy_timeout_ms} ms"
        )
    if primary == _NOTADB or "file is not a database" in low:
        return not_a_database(path)
    if primary == _CORRUPT or "malformed" in low:
        return corrupt(path, msg)
    if primary == _FULL or "disk is full" in low:
        return ArchiveError(f"{path}: cannot write the archive: disk full ({msg})")
    if primary == _READONLY:
        return ArchiveError(f"{path}: cannot write the archive: it is read-only ({msg})")
    if primary == _CANTOPEN:
        return ArchiveError(
            f"{path}: cannot open the archive ({msg}): the file and its directory must be "
            "readable and writable (SQLite creates -wal and -shm files beside it)"
        )
    if primary == _IOERR:
        name = getattr(exc, "sqlite_errorname", None) or "SQLITE_IOERR"
        return ArchiveError(
            f"{path}: cannot read or write the archive: I/O error ({msg}, {name}); "
            "is the disk full or failing?"
        )
    return ArchiveError(f"{path}: archive error: {msg}")


def is_mappable(exc: BaseException) -> bool:
    """SQLite errors that describe the database, not a bug in our SQL or our parameters."""
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.ProgrammingError)


def _writable(path: Path) -> bool:
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK | os.R_OK, effective_ids=True)
    return os.access(path, os.W_OK | os.R_OK)


def _dir_writable(path: Path) -> bool:
    mode = os.W_OK | os.X_OK
    if os.access in os.supports_effective_ids:
        return os.access(path, mode, effective_ids=True)
    return os.access(path, mode)


def _has_journal(path: Path) -> bool:
    """A WAL or rollback journal beside the file means SQLite will replay it: trust SQLite then."""
    for suffix in ("-wal", "-journal"):
        side = path.with_name(path.name + suffix)
        try:
            if side.stat().st_size > 0:
                return True
        except OSError:
            continue
    return False


def check_header(path: Path, size: int) -> None:
    """Refuse a file that is not an SQLite database, or whose header promises more than it holds.

    Reads only the first 100 bytes; never writes.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot read the archive: {exc.strerror or exc}") from exc
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise not_a_database(path)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise not_a_database(path)
    pages = int.from_bytes(head[28:32], "big")
    header_count_valid = head[24:28] == head[92:96]   # see "in-header database size", fileformat2
    if header_count_valid and pages and not _has_journal(path) and size < pages * page_size:
        raise corrupt(path, f"file is truncated: {size} bytes of {pages * page_size}")


def preflight(path: Path, *, create: bool) -> bool:
    """Check ``path`` before SQLite opens it. True if it holds an existing database to verify."""
    if path.is_dir():
        raise ArchiveError(f"{path}: is a directory, not an archive file")
    directory = path.parent if str(path.parent) else Path(".")
    if not path.exists():
        if not create:
            raise ArchiveError(f"no archive at {path}")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArchiveError(
                f"{path}: cannot create directory {directory}: {exc.strerror or exc}"
            ) from exc
        if not _dir_writable(directory):
            raise ArchiveError(
                f"{path}: cannot create the archive: directory {directory} is not writable"
            )
        return False
    size = path.stat().st_size
    if size:
        check_header(path, size)
    if not _writable(path):
        raise ArchiveError(f"{path}: cannot write the archive: the file is not writable")
    if not _dir_writable(directory):
        raise ArchiveError(
            f"{path}: cannot write the archive: directory {directory} is not writable "
            f"(SQLite must create {path.name}-wal and {path.name}-shm there)"
        )
    return size > 0


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    problems = [str(r[0]) for r in rows]
    if problems != ["ok"]:
        raise corrupt(path, "; ".join(problems)[:300])


def connect(path: Path, *, create: bool = True, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
            quick_check: bool = True) -> Database:
    """Open ``path`` as an ``sqlite_utils.Database``, verified but not yet written to.

    Nothing here writes: the caller checks the schema is ours, then calls ``configure`` (switching
    to WAL rewrites the header), so a damaged or foreign file stays byte-identical.
    """
    try:
        existing = preflight(path, create=create)
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot access the archive: {exc.strerror or exc}") from exc
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    except sqlite3.Error as exc:
        raise error_for(path, exc, busy_timeout_ms) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if existing and quick_check:
            _quick_check(conn, path)
        return Database(conn, execute_plugins=False)
    except sqlite3.Error as exc:
        conn.close()
        if not is_mappable(exc):
            raise
        raise error_for(path, exc, busy_timeout_ms) from exc
    except BaseException:
        conn.close()
        raise


def configure(db: Database) -> None:
    """One writer, many readers: WAL, ``synchronous=NORMAL`` (durable at checkpoints, never
    corrupt), and foreign keys enforced (``ON DELETE SET NULL`` keeps a removed feed's articles)."""
    db.conn.execute("PRAGMA journal_mode = WAL").fetchall()
    db.conn.execute("PRAGMA synchronous = NORMAL")
    db.conn.execute("PRAGMA foreign_keys = ON")
