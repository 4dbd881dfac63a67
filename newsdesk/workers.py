"""A small pool of worker processes that run untrusted-input parsers under a time and memory limit.

feedparser and trafilatura both have open CPU and memory denial-of-service reports, so the pipeline
never runs them in its own process. ``concurrent.futures.ProcessPoolExecutor`` cannot stop one task
that hangs, so this pool keeps its own workers: each task gets a wall-clock deadline, and a worker
that overruns it is killed and replaced. Each worker caps its address space with ``RLIMIT_AS``, so a
page that explodes in memory fails with MemoryError (or the worker dies) instead of taking the
machine down. The pool knows nothing of feeds or pages: it runs picklable top-level functions.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import resource
import signal
import sys
import threading
from multiprocessing import forkserver, resource_tracker
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any


class TaskError(Exception):
    """The task raised, overran its deadline, or killed its worker. The message is one line."""


class TaskTimeout(TaskError):
    pass


def _worker_main(conn: Connection, memory_bytes: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory_bytes > 0:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        except (ValueError, OSError):
            pass
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        fn, args = message
        try:
            reply: tuple[str, Any] = ("ok", fn(*args))
        except MemoryError:
            reply = ("err", "out of memory (worker limit)")
        except BaseException as exc:  # noqa: BLE001 - any failure of hostile input is a result
            reply = ("err", f"{type(exc).__name__}: {exc}".splitlines()[0][:300])
        try:
            conn.send(reply)
        except Exception as exc:  # an unpicklable result must not kill the worker silently
            conn.send(("err", f"result not transferable: {exc}"[:300]))


class _Worker:
    def __init__(self, ctx: Any, memory_bytes: int) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(child, memory_bytes), daemon=True)
        self.process.start()
        child.close()

    def call(self, fn: Callable[..., Any], args: Sequence[Any], timeout: float) -> Any:
        try:
            self.conn.send((fn, tuple(args)))
            if not self.conn.poll(timeout):
                raise TaskTimeout(f"took longer than {timeout:g} s")
            status, value = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            raise TaskError(f"worker died ({self.exit_reason() or exc})") from None
        if status == "err":
            raise TaskError(value)
        return value

    def exit_reason(self) -> str:
        self.process.join(timeout=0.5)
        code = self.process.exitcode
        if code is None:
            return ""
        if code < 0:
            return f"killed by signal {-code}"
        return f"exit code {code}"

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(timeout=5)
        finally:
            self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=2)
        self.conn.close()


_HELPERS_LOCK = threading.Lock()
_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


@functools.cache
def _devnull() -> Any:
    return open(os.devnull, "w")  # noqa: SIM115 - one for the process, never closed


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker now, while stderr is the real one: a full-screen
    app calls this before it takes the terminal (the fork server starts later, with the pool's
    preload, and needs no stderr)."""
    start_helpers(None, fork_server=False)


def start_helpers(ctx: Any | None = None, *, fork_server: bool = True) -> None:
    """Start multiprocessing's resource tracker (and the fork server) once, from here, with a
    real stderr. Under a full-screen app (Textual) ``sys.stderr`` is a capture object whose
    ``fileno()`` is -1, and handing that to the helper process fails ("bad value(s) in
    fds_to_keep"); the helpers only need stderr for their own error messages."""
    ctx = ctx or multiprocessing.get_context(_METHOD)
    with _HELPERS_LOCK:
        saved = sys.stderr
        try:
            if saved is None or saved.fileno() < 0:
                raise ValueError
        except (ValueError, OSError, AttributeError):
            sys.stderr = sys.__stderr__ or _devnull()
        try:
            resource_tracker.ensure_running()
            if fork_server and ctx.get_start_method() == "forkserver":
                forkserver.ensure_running()
        finally:
            sys.stderr = saved


class WorkerPool:
    """``await pool.run(fn, *args, timeout=s)`` in one of ``size`` limited worker processes."""

    def __init__(self, size: int = 2, *, memory_mb: int = 1024, preload: Sequence[str] = ()) -> None:
        self.size = max(1, size)
        self.memory_bytes = memory_mb * 1024 * 1024 if memory_mb else 0
        self._ctx = multiprocessing.get_context(_METHOD)
        if _METHOD == "forkserver" and preload:
            # Workers fork from a server that already imported the parsers: a replaced worker
            # starts in milliseconds instead of re-importing trafilatura.
            self._ctx.set_forkserver_preload(list(preload))
        self._threads = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="newsdesk-pool")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []

    async def __aenter__(self) -> WorkerPool:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        start_helpers(self._ctx)
        loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(
            *(loop.run_in_executor(self._threads, self._spawn) for _ in range(self.size))
        )
        for worker in workers:
            self._idle.put_nowait(worker)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self.memory_bytes)
        self._all.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        if worker in self._all:
            self._all.remove(worker)
        return self._spawn()

    def _call(self, worker: _Worker, fn: Callable[..., Any], args: Sequence[Any],
              timeout: float) -> tuple[_Worker, Any, BaseException | None]:
        try:
            return worker, worker.call(fn, args, timeout), None
        except TaskError as exc:
            if isinstance(exc, TaskTimeout) or not worker.process.is_alive():
                worker = self._replace(worker)
            return worker, None, exc

    async def run(self, fn: Callable[..., Any], *args: Any, timeout: float) -> Any:
        if self._idle is None:
            raise RuntimeError("WorkerPool used before start()")
        worker = await self._idle.get()
        loop = asyncio.get_running_loop()
        try:
            worker, value, error = await loop.run_in_executor(
                self._threads, self._call, worker, fn, args, timeout
            )
        except BaseException:
            # Cancelled while the worker was busy: its reply would be read by the next task.
            worker = await loop.run_in_executor(self._threads, self._replace, worker)
            self._idle.put_nowait(worker)
            raise
        self._idle.put_nowait(worker)
        if error is not None:
            raise error
        return value

    async def close(self) -> None:
        workers, self._all = list(self._all), []
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._threads, w.stop) for w in workers))
        self._threads.shutdown(wait=False)
        self._idle = None
