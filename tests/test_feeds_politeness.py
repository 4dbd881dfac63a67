"""The polling schedule: success interval with jitter, backoff, Retry-After parsing and clamping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsdesk.feeds.politeness import (
    next_poll_after_failure, next_poll_after_success, parse_retry_after,
)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def test_success_waits_the_interval_plus_bounded_deterministic_jitter() -> None:
    times = [next_poll_after_success(NOW, 60, key=f"https://feed{i}.example/") for i in range(50)]
    assert all(NOW + timedelta(minutes=60) <= t <= NOW + timedelta(minutes=66) for t in times)
    assert len(set(times)) > 10                                   # feeds are spread out
    assert times[0] == next_poll_after_success(NOW, 60, key="https://feed0.example/")
    assert next_poll_after_success(NOW, 60) == NOW + timedelta(minutes=60)


@pytest.mark.parametrize("errors, hours", [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 24),
                                            (50, 24), (10**9, 24), (0, 1)])
def test_exponential_backoff_capped(errors: int, hours: float) -> None:
    assert next_poll_after_failure(NOW, errors, 60, None, 24) == NOW + timedelta(hours=hours)


@pytest.mark.parametrize("retry_after, expected", [
    (NOW + timedelta(seconds=120), NOW + timedelta(minutes=60)),      # too soon: interval floor
    (NOW + timedelta(hours=2), NOW + timedelta(hours=2)),             # honoured as given
    (NOW + timedelta(seconds=999999999), NOW + timedelta(hours=24)),  # absurd: 24 h ceiling
    (NOW - timedelta(hours=5), NOW + timedelta(minutes=60)),          # in the past
])
def test_retry_after_is_clamped(retry_after: datetime, expected: datetime) -> None:
    assert next_poll_after_failure(NOW, 3, 60, retry_after, 24) == expected


def test_retry_after_replaces_backoff_and_long_intervals_win() -> None:
    assert next_poll_after_failure(NOW, 9, 60, NOW + timedelta(hours=3), 24) == NOW + timedelta(hours=3)
    assert next_poll_after_failure(NOW, 1, 48 * 60, NOW, 24) == NOW + timedelta(hours=48)


@pytest.mark.parametrize("value, expected", [
    ("120", NOW + timedelta(seconds=120)),
    (" 60 ", NOW + timedelta(seconds=60)),
    ("0", NOW),
    ("999999999", NOW + timedelta(seconds=999999999)),
    ("Sun, 01 Jun 2025 14:00:00 GMT", NOW + timedelta(hours=2)),
    ("Sunday, 01-Jun-25 14:00:00 GMT", NOW + timedelta(hours=2)),
    ("garbage", None), ("", None), (None, None), ("-5", None), ("1.5", None),
    ("9" * 40, None), ("Sun, 01 Jun 99999 14:00:00 GMT", None), ("\u0661\u0662", None),
])
def test_parse_retry_after(value: str | None, expected: datetime | None) -> None:
    parsed = parse_retry_after(value, NOW)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None


def test_naive_and_offset_now_are_treated_as_utc() -> None:
    naive = NOW.replace(tzinfo=None)
    assert parse_retry_after("60", naive) == NOW + timedelta(seconds=60)
    cest = NOW.astimezone(timezone(timedelta(hours=2)))
    assert next_poll_after_failure(cest, 1, 60, None, 24) == NOW + timedelta(hours=1)
