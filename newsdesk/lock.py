"""One poll at a time per archive: an ``fcntl.flock`` on a file beside it.

The kernel releases a flock when its holder dies, even by ``kill -9``, so a crashed poll never
leaves a stale lock that blocks the next cron run.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from newsdesk.errors import ArchiveError


class PollLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True if taken; False at once if another process holds it."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ArchiveError(f"cannot create lock file {self.path}: {exc.strerror}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def wait(self, timeout: float, step: float = 0.25) -> bool:
        """Take the lock, waiting up to ``timeout`` seconds for its holder to finish."""
        deadline = time.monotonic() + timeout
        while not self.acquire():
            if time.monotonic() >= deadline:
                return False
            time.sleep(step)
        return True

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> PollLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
