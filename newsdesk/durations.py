"""Times on the command line: `--since` values read (a duration such as 90m, 24h, 7d, 2w, an ISO
date or datetime, or `all`), and times written into JSON output (``iso``)."""

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


def iso(value: datetime | None) -> str | None:
    """A time as ISO 8601 text for JSON output; None stays None."""
    return value.isoformat() if value else None


def utcnow() -> datetime:
    """The wall clock, UTC. Commands read it once and pass it on: everything below takes ``now``."""
    return datetime.now(timezone.utc)
