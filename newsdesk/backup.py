"""`newsdesk backup FILE`: a compact, consistent copy of the archive, written so that a failed backup
never costs the previous one.

SQLite's ``VACUUM INTO`` writes a snapshot of one committed state into a temp file in FILE's own
folder (so the final ``os.replace`` is a rename on one file system, hence atomic); the copy is then
opened as an archive (header, schema, ``quick_check``) before it replaces FILE. It needs only a
read transaction, so a poll or the app may keep writing meanwhile (WAL). An existing FILE is
replaced only when asked (``force``), and never when it is the archive itself.

It will not rotate or prune old backups: cron and the file system do that better.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import OutputError, UsageError
from newsdesk.store import open_archive


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int          # bytes
    articles: int
    stories: int
    feeds: int


def _check_target(archive_path: Path, target: Path, force: bool) -> Path:
    """The folder the backup goes to; refuses a target that must not be overwritten."""
    if target.is_dir():
        raise UsageError(f"{target} is a directory; give a file name for the backup")
    if target.exists():
        if archive_path.exists() and os.path.samefile(target, archive_path):
            raise UsageError(f"{target} is the archive itself; back it up to another file")
        if not force:
            raise UsageError(f"{target} already exists; add --force to replace it")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: folder {folder} does not exist")
    return folder


def _remove_quietly(path: Path) -> None:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            name.unlink()
        except OSError:
            pass


def _fsync(path: Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_archive(archive_path: Path, target: Path, *, force: bool = False) -> BackupResult:
    """Copy the archive at ``archive_path`` to ``target`` (see the module docstring)."""
    folder = _check_target(archive_path, target, force)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    os.close(fd)  # VACUUM INTO writes into an empty existing file
    tmp = Path(tmp_name)
    try:
        with open_archive(archive_path, create=False) as archive:
            archive.vacuum_into(tmp)
        with open_archive(tmp, create=False) as copy:  # it must open as an archive, or no replace
            counts = (copy.count_articles(), copy.story_line_count(), len(copy.list_feeds()))
        try:
            _fsync(tmp)
            os.replace(tmp, target)
            _fsync(folder)
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        _remove_quietly(tmp)  # gone already after a successful replace
    return BackupResult(target, target.stat().st_size, *counts)
