"""The app on a large archive: time to the first screen, from a key press to a story's screen, and
memory. Targets (issue 6): first screen within 1 s, story screen within 100 ms, under 300 MB.

    .venv/bin/python benchmarks/app_bench.py                 # 100,000 articles, 5 runs
    .venv/bin/python benchmarks/app_bench.py --articles 20000 --runs 3

The archive is generated once (benchmarks/cluster_data.py's articles with their events as stories,
each story's content built by ``build_story`` as the pipeline would) and cached in
benchmarks/.cache/. Each run is a fresh process driving the app headless (``App.run_test``): the
first screen is timed from the process's launch (interpreter, imports, opening the archive, the
first page of stories drawn) and a story from the key press to the frame with its content, over
several stories: as an analyst opens one (the cursor rests on the row first, and the app reads the
story ahead) and with nothing read ahead. Memory is the process's peak RSS. Medians are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"


def build_archive(n: int) -> Path:
    path = CACHE / f"app_{n}.db"
    if path.exists():
        return path
    sys.path.insert(0, str(HERE))
    from cluster_data import generate

    from newsdesk.models import Assignment
    from newsdesk.store import open_archive
    from newsdesk.stories.story import build_story

    CACHE.mkdir(exist_ok=True)
    start = time.perf_counter()
    items = generate(n, seed=11, tag=True)
    articles = [i.article for i in items]
    now = max(a.published for a in articles)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with open_archive(tmp) as archive:
        for k in range(0, len(articles), 5000):
            archive.save_articles([a.__class__(**{**a.__dict__, "id": None})
                                   for a in articles[k:k + 5000]])
        stored = archive.list_articles(limit=n + 1)
        by_url = {a.url: a for a in stored}
        members: dict[int, list] = defaultdict(list)
        for item in items:
            members[item.story].append(by_url[item.article.url])
        assignments, stories = [], []
        for group in members.values():
            story_id = min(a.id for a in group)
            assignments += [Assignment(a.id, story_id, 1.0) for a in group]
            stories.append(build_story(story_id, group, now=now))
        for k in range(0, len(stories), 2000):
            chunk = stories[k:k + 2000]
            ids = {i for s in chunk for i in s.article_ids}
            archive.record_stories([x for x in assignments if x.article_id in ids], chunk, now)
    tmp.rename(path)
    print(f"built {path.name}: {n} articles, {len(members)} stories in "
          f"{time.perf_counter() - start:.0f} s", flush=True)
    return path


async def drive(db: Path, launched: float, stories: int) -> dict:
    from newsdesk.tui.app import NewsdeskApp, StoriesScreen, StoryScreen

    app = NewsdeskApp(db_path=db, background_polls=False)
    out: dict = {}
    async with app.run_test(size=(160, 50)) as pilot:
        while not (isinstance(app.screen, StoriesScreen) and app.screen.lines):
            await asyncio.sleep(0.002)
        await pilot.pause()
        out["first_screen"] = time.time() - launched
        out["stories_total"] = app.screen.total
        for label, prefetched in (("story_screen", True), ("story_cold", False)):
            timings = []
            for k in range(stories):
                app.screen.query_one("#stories").move_cursor(row=k * 7 + (0 if prefetched else 3))
                await app.workers.wait_for_complete()     # the analyst reads the row first
                if not prefetched:
                    app.prefetched.clear()                # as if enter came with no pause
                start = time.perf_counter()
                await pilot.press("enter")
                while not (isinstance(app.screen, StoryScreen) and app.screen.drawn_at > start):
                    await asyncio.sleep(0.001)
                timings.append(app.screen.drawn_at - start)   # the frame with its content
                await pilot.press("escape")
                await app.workers.wait_for_complete()
                await pilot.pause()
            out[label] = statistics.median(timings)
            out[label + "_max"] = max(timings)
    out["peak_rss_mb"] = _peak_rss_mb()
    return out


def _peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM): ru_maxrss would also count the parent's peak from
    before exec, which is large right after the archive was built."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stories", type=int, default=7, help="stories opened per run")
    parser.add_argument("--drive", help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        print(json.dumps(asyncio.run(drive(Path(args.drive), args.launched, args.stories))))
        return
    db = build_archive(args.articles)
    results = []
    for _ in range(args.runs):
        launched = time.time()
        done = subprocess.run([sys.executable, __file__, "--drive", str(db), "--launched",
                               str(launched), "--stories", str(args.stories)],
                              capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in results) for k in results[0]}
    print(f"archive: {args.articles} articles, {results[0]['stories_total']} stories "
          f"({db.stat().st_size / 1e6:.0f} MB); {args.runs} runs, medians")
    print(f"  first screen (launch to first page drawn)  {med['first_screen'] * 1000:7.0f} ms"
          "   target <= 1000 ms")
    print(f"  story screen (enter to content drawn)      {med['story_screen'] * 1000:7.1f} ms"
          f"   (worst {med['story_screen_max'] * 1000:.1f} ms)   target <= 100 ms")
    print(f"    ... enter at once, nothing read ahead    {med['story_cold'] * 1000:7.1f} ms"
          f"   (worst {med['story_cold_max'] * 1000:.1f} ms)")
    print(f"  peak memory (RSS)                          {med['peak_rss_mb']:7.0f} MB"
          "   target <= 300 MB")


if __name__ == "__main__":
    main()
