"""The connection every archive query goes through: write transactions, fully-fetched reads, errors.

Two rules make an SQLite archive safe to share between the app and a cron poll, and they live here
so no query can forget them:

* every write runs in ``write()``, which starts with ``BEGIN IMMEDIATE`` (a deferred ``BEGIN``, as
  in sqlite-utils' ``atomic()``, gets ``SQLITE_BUSY`` at once when it upgrades to a writer, whatever
  the timeout), commits on success and rolls back on any exception;
* every read is fetched completely before it returns, so no read transaction stays open to starve
  WAL checkpoints.

A lock serialises use of the one connection between threads (the app runs queries in worker
threads). This module holds no SQL of its own beyond transaction control.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlite_utils import Database

from newsdesk.errors import ArchiveError

from .db import error_for, is_mappable

Params = Sequence[Any] | dict[str, Any]


CHUNK = 500  # bound parameters per IN (...) query, well under SQLite's limit


def chunks(items: Sequence[Any]) -> Iterator[tuple[list[Any], str]]:
    """``items`` in slices of ``CHUNK``, each with its "?, ?, ..." placeholders for ``IN (...)``."""
    for i in range(0, len(items), CHUNK):
        chunk = list(items[i:i + CHUNK])
        yield chunk, ", ".join("?" * len(chunk))


class ArchiveBase:
    """Owns the connection; the query mixins (feeds, articles) build on it."""

    def __init__(self, path: Path, db: Database, *, busy_timeout_ms: int) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._db: Database | None = db
        self._lock = threading.RLock()
        self._depth = 0

    # -- lifecycle ---------------------------------------------------------------------------
    @property
    def db(self) -> Database:
        """The underlying ``sqlite_utils.Database``; raises once the archive is closed."""
        if self._db is None:
            raise ArchiveError(f"{self.path}: archive is closed")
        return self._db

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                db, self._db = self._db, None
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                db.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT``, ``ROLLBACK`` on any exception.

        Nested use becomes a savepoint inside the outer transaction. SQLite errors leave as
        ``BusyError`` (busy past the timeout) or ``ArchiveError``; others propagate unchanged.
        """
        with self._lock:
            db = self.db
            if self._depth:
                with self._savepoint(db):
                    yield db
                return
            try:
                db.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._mapped(exc) from exc
            self._depth = 1
            try:
                yield db
                db.conn.execute("COMMIT")
            except BaseException as exc:
                self._rollback(db)
                if is_mappable(exc):
                    raise self._mapped(exc) from exc  # type: ignore[arg-type]
                raise
            finally:
                self._depth = 0

    @contextmanager
    def _savepoint(self, db: Database) -> Iterator[None]:
        name = f"newsdesk_{self._depth}"
        db.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute(f"ROLLBACK TO {name}")
                db.conn.execute(f"RELEASE {name}")
            raise
        else:
            db.conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    @staticmethod
    def _rollback(db: Database) -> None:
        # After SQLITE_FULL or an I/O error SQLite may already have rolled back by itself.
        try:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def _mapped(self, exc: sqlite3.Error) -> Exception:
        return error_for(self.path, exc, self.busy_timeout_ms)

    # -- reads -------------------------------------------------------------------------------
    def _read(self, sql: str, params: Params | None = None) -> list[dict[str, Any]]:
        """Run a query and fetch every row, so no read transaction is left open."""
        with self._lock:
            db = self.db
            try:
                return list(db.query(sql, params))
            except sqlite3.Error as exc:
                if is_mappable(exc):
                    raise self._mapped(exc) from exc
                raise

    def _scalar(self, sql: str, params: Params | None = None) -> Any:
        rows = self._read(sql, params)
        return next(iter(rows[0].values())) if rows else None
