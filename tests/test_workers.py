"""The limited worker pool: a task that hangs, explodes in memory, raises or kills its worker
fails alone, with a one-line reason, and the pool goes on with a fresh worker."""

from __future__ import annotations

import asyncio
import time

import pytest

import pool_tasks
from newsdesk.workers import TaskError, TaskTimeout, WorkerPool


def run(coro):
    return asyncio.run(coro)


def test_results_come_back_and_work_spreads_over_workers():
    async def main():
        async with WorkerPool(2, memory_mb=1024) as pool:
            values = await asyncio.gather(*(pool.run(pool_tasks.echo, i, timeout=10)
                                            for i in range(20)))
            pids = await asyncio.gather(*(pool.run(pool_tasks.sleep_then_pid, 0.2, timeout=10)
                                          for _ in range(2)))
            return values, pids
    values, pids = run(main())
    assert values == list(range(20))
    assert len(set(pids)) == 2  # two tasks at once ran in two worker processes


def test_a_task_past_its_deadline_is_killed_and_its_worker_replaced():
    async def main():
        async with WorkerPool(1, memory_mb=1024) as pool:
            before = await pool.run(pool_tasks.pid, timeout=10)
            started = time.monotonic()
            with pytest.raises(TaskTimeout, match="longer than 0.5 s"):
                await pool.run(pool_tasks.sleep_then, 30, "late", timeout=0.5)
            elapsed = time.monotonic() - started
            after = await pool.run(pool_tasks.pid, timeout=10)
            return before, after, elapsed
    before, after, elapsed = run(main())
    assert elapsed < 10 and before != after


def test_memory_limit_stops_a_runaway_task():
    async def main():
        async with WorkerPool(1, memory_mb=512) as pool:
            with pytest.raises(TaskError, match="memory"):
                await pool.run(pool_tasks.allocate, 2048, timeout=20)
            return await pool.run(pool_tasks.allocate, 16, timeout=20)
    assert run(main()) == 16 * 1024 * 1024


@pytest.mark.parametrize("task,message", [(pool_tasks.fail, "ValueError: bad input"),
                                          (pool_tasks.die, "worker died (exit code 3)")])
def test_failures_are_one_line_and_the_pool_continues(task, message):
    async def main():
        async with WorkerPool(1, memory_mb=1024) as pool:
            with pytest.raises(TaskError) as info:
                await pool.run(task, timeout=10)
            return str(info.value), await pool.run(pool_tasks.echo, "still here", timeout=10)
    error, after = run(main())
    assert error == message and "\n" not in error
    assert after == "still here"


def test_the_pool_starts_under_a_captured_stderr_as_in_a_full_screen_app(tmp_path):
    """Textual swaps sys.stderr for an object whose fileno() is -1; the pool's helper processes
    must still start (they failed with "bad value(s) in fds_to_keep")."""
    import subprocess
    import sys

    script = tmp_path / "captured.py"
    script.write_text(
        "import asyncio, io, sys\n"
        "from newsdesk.workers import WorkerPool\n"
        "class Captured(io.StringIO):\n"
        "    def fileno(self):\n"
        "        return -1\n"
        "async def main():\n"
        "    async with WorkerPool(1, memory_mb=0) as pool:\n"
        "        return await pool.run(abs, -7, timeout=30)\n"
        "if __name__ == '__main__':\n"
        "    sys.stderr = Captured()\n"
        "    print(asyncio.run(main()))\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "7"
