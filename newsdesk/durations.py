"""Times on the command line: `--since` values read (a duration such as 90m, 24h, 7d, 2w, an ISO
date or datetime, or `all`), `--older-than` cutoffs, and times written into JSON output (``iso``).

`--older-than` is stricter than `--since` because a prune cannot be undone: it takes days and
longer (365d, 52w, 6mo, 1y; a month is 30 days, a year 365), never s/m/h (``6m`` reads as six
minutes to a machine and six months to a person), never `all`, and no cutoff less than a day in
the past. A duration or date too large for a datetime is a usage error, never a traceback.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from newsdesk.errors import UsageError

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$", re.I)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
# --older-than: a number and a unit of any case ("6M" included, so it can be refused by name).
_AGE = re.compile(r"^\s*(-?\d+)\s*([a-z]+)\s*$", re.I)
_AGE_DAYS = {"d": 1, "w": 7, "mo": 30, "y": 365}
_MIN_AGE = timedelta(days=1)


def _minus(now: datetime, option: str, value: str, **amount: int) -> datetime:
    try:
        return now - timedelta(**amount)
    except OverflowError:  # beyond year 1 (or timedelta's own limit)
        raise UsageError(f"{option}: {value!r} is too far back") from None


def _iso(option: str, value: str, expected: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not {expected}") from None
    if not parsed.tzinfo:
        return parsed.replace(tzinfo=timezone.utc)
    try:  # 0001-01-01T00:00+01:00 is a valid date whose UTC time is not
        parsed.astimezone(timezone.utc)
    except OverflowError:
        raise UsageError(f"{option}: {value!r} is out of range") from None
    return parsed


def _unit_problem(amount: int, unit: str) -> str:
    """Why an --older-than unit is refused, with the `d` form that says what was likely meant."""
    ages = "ages are in days or longer (365d, 52w, 6mo, 1y)"
    if unit.lower() == "m":  # 6m, 6M: minutes to a machine, months to most people
        n = abs(amount) or 1
        return f"that would be {amount} minutes; {ages}: for {n} months write {30 * n}d or {n}mo"
    if unit.lower() in _UNITS:
        return f"that would be {amount} {_UNITS[unit.lower()]}; {ages}"
    return f"unknown unit {unit!r}; {ages}"


def parse_since(value: str, now: datetime) -> datetime | None:
    if value.strip().lower() == "all":
        return None
    match = _DURATION.match(value)
    if match:
        return _minus(now, "--since", value,
                      **{_UNITS[match.group(2).lower()]: int(match.group(1))})
    return _iso("--since", value, "a duration (24h, 7d), a date or `all`")


def parse_older_than(value: str, now: datetime) -> datetime:
    """The cutoff for `prune --older-than`: ``now`` minus an age in days or longer (365d, 52w,
    6mo, 1y), or an ISO date.

    Refused: s/m/h units (``6m`` would be six minutes: a prune of nearly everything), a zero age,
    and any cutoff less than a day before ``now`` (a date in the future included): each would
    remove articles from this very day, which is never what "older than" means and cannot be
    undone.
    """
    match = _AGE.match(value)
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        days = _AGE_DAYS.get(unit.lower())
        if days is None:
            raise UsageError(f"--older-than: {value!r}: {_unit_problem(amount, unit)}")
        if amount <= 0:
            raise UsageError(f"--older-than: {value!r} must be longer than zero")
        cutoff = _minus(now, "--older-than", value, days=amount * days)
    else:
        cutoff = _iso("--older-than", value, "an age (365d, 52w, 6mo, 1y) or an ISO date")
    if cutoff > now:
        raise UsageError(f"--older-than: {value!r} is in the future")
    if now - cutoff < _MIN_AGE:
        raise UsageError(f"--older-than: {value!r} is less than a day ago; a prune keeps at "
                         "least the last day (1d)")
    return cutoff


def iso(value: datetime | None) -> str | None:
    """A time as ISO 8601 text for JSON output; None stays None."""
    return value.isoformat() if value else None


def utcnow() -> datetime:
    """The wall clock, UTC. Commands read it once and pass it on: everything below takes ``now``."""
    return datetime.now(timezone.utc)
