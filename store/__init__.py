"""The newsdesk archive: one SQLite file (WAL) holding feeds, articles and their full-text index.

Everything outside ``store`` reaches the database through ``Archive``; no other package imports
sqlite3 or sqlite_utils. Open it with ``open_archive(path)``; errors arrive as ``ArchiveError``
(exit 74) or ``BusyError`` (exit 75) from ``newsdesk.errors``.
"""

from __future__ import annotations

from .archive import Archive, open_archive

__all__ = ["Archive", "open_archive"]
