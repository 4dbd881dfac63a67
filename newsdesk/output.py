"""Writing output files for cron: atomically, so a failed write leaves the old file intact.

Temp file in the same folder, fsync, ``os.replace``, fsync the folder. Any OS error (disk full,
permissions, file size limit) becomes an OutputError (exit 74) and the temp file is removed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from newsdesk.errors import OutputError


def write_atomic(path: Path, text: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
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
