"""When to ask a feed again: the schedule half of being a polite fetcher.

Pure functions of the clock the caller passes in, so the pipeline, the TUI and the tests agree on
every date. Publishers ask for at most one poll an hour, for exponential backoff when they fail,
and for their ``Retry-After`` to be honoured; a hostile ``Retry-After`` must not park a feed for
decades either, so it is clamped. This module never sleeps and never touches the network.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# Spread polls of feeds that share an interval: up to this fraction of the interval is added.
JITTER_FRACTION = 0.1
RETRY_AFTER_CEILING = timedelta(hours=24)
_MAX_EXPONENT = 30          # 2**30 intervals is far past any cap; keeps the float finite


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _jitter(key: str, span: timedelta) -> timedelta:
    """A deterministic share of ``span`` picked by ``key``: stable for a feed, spread over feeds."""
    if not key or span <= timedelta(0):
        return timedelta(0)
    fraction = int.from_bytes(hashlib.sha1(key.encode("utf-8", "replace")).digest()[:4]) / 2**32
    return span * fraction


def next_poll_after_success(now: datetime, interval_minutes: float, *, key: str = "") -> datetime:
    """``now`` + the interval, plus up to 10% jitter chosen by ``key`` (the feed URL, say).

    Jitter is only ever added, so a feed is never polled sooner than its interval.
    """
    interval = timedelta(minutes=max(0.0, interval_minutes))
    return _utc(now) + interval + _jitter(key, interval * JITTER_FRACTION)


def next_poll_after_failure(
    now: datetime,
    consecutive_errors: int,
    interval_minutes: float,
    retry_after: datetime | None,
    max_backoff_hours: float,
) -> datetime:
    """When to retry a feed whose latest poll failed.

    ``consecutive_errors`` counts this failure too (1 after the first). Without a usable
    ``retry_after`` the wait is ``interval * 2**(n-1)``, capped at ``max_backoff_hours``. A server's
    ``retry_after`` replaces the backoff but is clamped to [now + interval, now + 24 h] (or
    now + interval when the interval itself is longer than a day).
    """
    now = _utc(now)
    interval = timedelta(minutes=max(0.0, interval_minutes))
    if retry_after is not None:
        floor = now + interval
        ceiling = max(now + RETRY_AFTER_CEILING, floor)
        return min(max(_utc(retry_after), floor), ceiling)
    exponent = min(max(1, consecutive_errors) - 1, _MAX_EXPONENT)
    minutes = min(max(0.0, interval_minutes) * 2.0**exponent, max(0.0, max_backoff_hours) * 60)
    return now + timedelta(minutes=minutes)


def parse_retry_after(value: str | None, now: datetime) -> datetime | None:
    """The moment a ``Retry-After`` header names: delta seconds or an HTTP-date. Not clamped.

    Anything else (garbage, negative numbers, dates past the calendar) gives None.
    """
    if not value:
        return None
    value = value.strip()
    now = _utc(now)
    if value.isascii() and value.isdigit():
        try:
            return now + timedelta(seconds=int(value))
        except OverflowError:
            return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None:
        return None
    return _utc(moment)
