"""`newsdesk backup FILE`: a compact, consistent copy of the archive, written so that a failed backup
never costs the previous one.

SQLite's ``VACUUM INTO`` writes a snapshot of one committed state into a temp file in FILE's own
folder (so the final ``os.replace`` is a rename on one file system, hence atomic); the copy is then
opened as an archive (header, schema, ``quick_check``) and switched from WAL to the rollback
journal (``journal_mode=DELETE``), so FILE is one self-contained file that opens even from
read-only media, before it replaces FILE. (newsdesk switches it back to WAL when it opens it as
its archive, as it does every archive.) It needs only a read transaction, so a poll or the app may
keep writing meanwhile (WAL). FILE gets the mode the file it replaces had, or 0666 less the umask.
An existing FILE is replaced only when asked (``force``), and never when it is the archive itself
or one of the archive's own files (``-wal``, ``-shm``, ``-journal``, the poll lock). Errors name
FILE, never the temp file.

It will not rotate or prune old backups: cron and the file system do that better.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import ArchiveError, OutputError, UsageError
from newsdesk.output import target_mode
from newsdesk.paths import lock_path
from newsdesk.store import open_archive


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int          # bytes
    articles: int
    stories: int
    feeds: int


def _archive_files(archive_path: Path) -> list[Path]:
    """The archive and the files SQLite and newsdesk keep beside it."""
    return [archive_path, *(Path(f"{archive_path}{suffix}") for suffix in
                            ("-wal", "-shm", "-journal")), lock_path(archive_path)]


def _is_one_of(target: Path, files: list[Path]) -> Path | None:
    """The file of ``files`` that ``target`` names (by path, symlinks resolved, or as the same
    existing file: a hard link); None when it is none of them."""
    real = os.path.realpath(target)
    for name in files:
        if os.path.realpath(name) == real:
            return name
        try:
            if os.path.samefile(target, name):
                return name
        except OSError:  # either one does not exist
            pass
    return None


def _check_target(archive_path: Path, target: Path, force: bool) -> Path:
    """The folder the backup goes to; refuses a target that must not be overwritten."""
    if target.is_dir():
        raise UsageError(f"{target} is a directory; give a file name for the backup")
    own = _is_one_of(target, _archive_files(archive_path))
    if own is not None:
        what = "the archive itself" if own == archive_path else f"the archive's own {own.name} file"
        raise UsageError(f"{target} is {what}; back it up to another file")
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; add --force to replace it")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: folder {folder} does not exist")
    return folder


def _failed(target: Path, tmp: Path, exc: Exception, what: str = "") -> OutputError:
    """``exc``, raised about the temp file, as an error about FILE (the name the user gave)."""
    detail = str(exc)
    for prefix in (f"cannot write {tmp}: ", f"{tmp}: "):
        if detail.startswith(prefix):
            detail = detail[len(prefix):]
            break
    detail = detail.split("; the file was left untouched")[0].replace(str(tmp), "the copy")
    return OutputError(f"cannot write {target}: {what}{detail}")


def _single_file(tmp: Path) -> None:
    """Switch the copy to the rollback journal: no ``-wal`` or ``-shm`` belongs to it."""
    conn = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise sqlite3.OperationalError(f"journal mode stayed {mode}")


def _remove_quietly(path: Path) -> None:
    for name in (path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))):
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
        mode = target_mode(target)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        try:
            os.fchmod(fd, mode)  # mkstemp's 0600 would make a shared backup private
        finally:
            os.close(fd)  # VACUUM INTO writes into an empty existing file
        with open_archive(archive_path, create=False) as archive:
            try:
                archive.vacuum_into(tmp)  # errors about the archive itself pass as they are
            except OutputError as exc:
                raise _failed(target, tmp, exc) from exc
        try:  # it must open as an archive, or no replace
            with open_archive(tmp, create=False) as copy:
                counts = (copy.count_articles(), copy.story_line_count(), len(copy.list_feeds()))
            _single_file(tmp)
        except (ArchiveError, sqlite3.Error) as exc:
            raise _failed(target, tmp, exc, "the copy did not check out: ") from exc
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync(folder)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        _remove_quietly(tmp)  # gone already after a successful replace
    return BackupResult(target, target.stat().st_size, *counts)
