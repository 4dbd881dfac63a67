"""The poll progress bar on a terminal (rich), or nothing at all for cron."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from newsdesk.models import PollProgress


@contextmanager
def poll_progress(visible: bool) -> Iterator:
    if not visible:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("polling"), BarColumn(), MofNCompleteColumn(), TextColumn("feeds"),
        TextColumn("{task.fields[new]} new, {task.fields[errors]} errors"), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    )
    task = progress.add_task("poll", total=None, new=0, errors=0)

    def update(event: PollProgress) -> None:
        progress.update(task, completed=event.feeds_done, total=event.feeds_total,
                        new=event.new_articles, errors=event.errors)

    with progress:
        yield update
