"""Poll benchmark: the whole pipeline vs bare ``trafilatura.extract`` on the same pages, one run.

    python benchmarks/poll_bench.py [--feeds 500] [--items 20] [--hosts 50] [--runs 3]

Serves FEEDS feeds of ITEMS items (pages ~100 KB) from a loopback server process, polls them with
`run_poll` into a fresh archive, and extracts the same pages with bare trafilatura in this process.
Prints feeds/s, articles/s, peak memory of newsdesk's processes (poller + worker pool, not the test
server) and the ratio of pipeline time per article to bare extraction time per article; medians
over RUNS. A two-process CPU probe is printed too: two processes do not always get two cores here.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(root: int, exclude: set[int]) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = set(), [root]
    while stack:
        pid = stack.pop()
        for child in children.get(pid, []):
            if child not in exclude and child not in found:
                found.add(child)
                stack.append(child)
    return found


class PeakMemory(threading.Thread):
    """Samples the summed RSS of this process and its descendants (minus the server) every 0.2 s."""

    def __init__(self, exclude: set[int]) -> None:
        super().__init__(daemon=True)
        self.exclude, self.peak_kb, self._halt = exclude, 0, threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self._halt.wait(0.2):
            pids = {me} | _descendants(me, self.exclude)
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in pids))

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak_kb


def _busy(n: int) -> None:
    x = 0
    for i in range(n):
        x += i * i


def cpu_probe() -> float:
    """Speed-up of two busy processes over one: 2.0 means two real cores right now."""
    import multiprocessing as mp

    n = 6_000_000
    start = time.perf_counter()
    _busy(n)
    one = time.perf_counter() - start
    procs = [mp.get_context("fork").Process(target=_busy, args=(n,)) for _ in range(2)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return 2 * one / (time.perf_counter() - start)


def run_pipeline(feed_urls: list[str], server_pid: int) -> tuple[float, int, int, int]:
    from newsdesk.config import Config
    from newsdesk.durations import utcnow
    from newsdesk.pipeline import run_poll
    from newsdesk.store import open_archive

    with tempfile.TemporaryDirectory() as folder:
        archive = open_archive(Path(folder) / "bench.db")
        now = utcnow()
        for url in feed_urls:
            archive.add_feed(url, now=now)
        memory = PeakMemory({server_pid})
        memory.start()
        start = time.perf_counter()
        report = run_poll(archive, Config(), now=now)
        elapsed = time.perf_counter() - start
        peak = memory.stop()
        count = archive.count_articles()
        archive.close()
    return elapsed, count, len(report.failed), peak


def run_bare(feeds: int, items: int) -> float:
    import trafilatura

    from bench_site import page_for

    spent = 0.0
    for f in range(feeds):  # pages are made one feed at a time; only extraction is timed
        pages = [page_for(f, i) for i in range(items)]
        start = time.perf_counter()
        for page in pages:
            trafilatura.extract(page)
        spent += time.perf_counter() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, str(HERE / "bench_site.py"), str(args.feeds), str(args.items), str(args.hosts)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        info = json.loads(server.stdout.readline())
        articles = args.feeds * args.items
        print(f"{args.feeds} feeds x {args.items} items = {articles} articles on {args.hosts} "
              f"loopback hosts; pages {info['page_bytes'] / 1024:.0f} KB each")
        print(f"two-process CPU probe: speed-up {cpu_probe():.2f}x (2.0 = two real cores)")
        rows = []
        for run in range(1, args.runs + 1):
            elapsed, stored, failed, peak_kb = run_pipeline(info["feeds"], server.pid)
            bare = run_bare(args.feeds, args.items)
            ratio = (elapsed / stored) / (bare / articles)
            rows.append((elapsed, bare, ratio, peak_kb))
            print(f"run {run}: pipeline {elapsed:.1f} s ({stored} stored, {failed} feeds failed), "
                  f"bare trafilatura {bare:.1f} s, ratio {ratio:.2f}, peak {peak_kb / 1024:.0f} MB")
        elapsed = statistics.median(r[0] for r in rows)
        bare = statistics.median(r[1] for r in rows)
        print(f"median: {args.feeds / elapsed:.1f} feeds/s, {articles / elapsed:.1f} articles/s, "
              f"{1000 * elapsed / articles:.1f} ms/article vs bare trafilatura "
              f"{1000 * bare / articles:.1f} ms/page; ratio {statistics.median(r[2] for r in rows):.2f} "
              f"(target <= 1.3); peak memory {max(r[3] for r in rows) / 1024:.0f} MB (target < 500)")
    finally:
        server.stdin.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
