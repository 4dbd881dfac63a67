"""Times on the command line: `--since` values read (a duration such as 90m, 24h, 7d, 2w, an ISO
date or datetime, or `all`), `--older-than` cutoffs (the same, minus `all`, and never in the
future), and times written into JSON output (``iso``)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from newsdesk.errors import UsageError

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$", re.I)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(value: str, now: datetime) -> datetime | None:
    if value.strip().lower() == "all":
        return None
    match = _DURATION.match(value)
    if match:
        return now - timedelta(**{_UNITS[match.group(2).lower()]: int(match.group(1))})
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--since: {value!r} is not a duration (24h, 7d), a date or `all`") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def parse_older_than(value: str, now: datetime) -> datetime:
    """The cutoff for `prune --older-than`: ``now`` minus a duration (365d, 52w), or an ISO date.

    A zero duration or a date after ``now`` is refused: either would remove articles from this very
    moment, which is never what "older than" means and cannot be undone.
    """
    match = _DURATION.match(value)
    if match:
        amount = int(match.group(1))
        if amount <= 0:
            raise UsageError(f"--older-than: {value!r} must be longer than zero")
        return now - timedelta(**{_UNITS[match.group(2).lower()]: amount})
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--older-than: {value!r} is not a duration (365d, 52w) or an ISO date") from None
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    if parsed > now:
        raise UsageError(f"--older-than: {value!r} is in the future")
    return parsed


def iso(value: datetime | None) -> str | None:
    """A time as ISO 8601 text for JSON output; None stays None."""
    return value.isoformat() if value else None


def utcnow() -> datetime:
    """The wall clock, UTC. Commands read it once and pass it on: everything below takes ``now``."""
    return datetime.now(timezone.utc)
