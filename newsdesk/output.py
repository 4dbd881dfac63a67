"""Writing output files for cron: atomically, so a failed write leaves the old file intact.

Temp file in the same folder, fsync, ``os.replace``, fsync the folder. Any OS error (disk full,
permissions, file size limit) becomes an OutputError (exit 74) and the temp file is removed.

``mkstemp`` creates its file 0600; renamed over the target, that would quietly make a 0644
digest.html private. So the temp file takes the mode the target has (``target_mode``), or for a
new file what ``open()`` would give it: 0666 less the umask. Ownership is not carried over.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from newsdesk.errors import OutputError


def _umask() -> int:
    """The process umask, read without changing it where Linux allows (``/proc``); elsewhere it
    is set and put back at once (the CLI is single-threaded when it writes files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def target_mode(path: Path) -> int:
    """The permission bits a file written to ``path`` should have: the existing file's, else
    0666 & ~umask (what a plain ``open(path, "w")`` would have created)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode) & 0o777  # never set-id bits onto new content
    except OSError:
        return 0o666 & ~_umask()


@contextmanager
def atomic_file(path: Path) -> Iterator[TextIO]:
    """A text file to write ``path`` through: it replaces ``path`` only when the ``with`` block
    ends without an error, so a long export streams into it and a failure leaves the old file."""
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    try:
        mode = target_mode(path)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            os.fchmod(handle.fileno(), mode)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def write_atomic(path: Path, text: str) -> None:
    with atomic_file(path) as handle:
        handle.write(text)
