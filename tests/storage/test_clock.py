"""The clock port: the system clock tells aware UTC, a fixed clock stands still until moved."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.clock import FixedClock, SystemClock


def test_the_system_clock_is_aware_and_in_utc() -> None:
    now = SystemClock().now()
    assert now.tzinfo is not None and now.utcoffset() == dt.timedelta(0)


def test_a_fixed_clock_stands_still_until_moved() -> None:
    hanoi = dt.timezone(dt.timedelta(hours=7))
    clock = FixedClock(dt.datetime(2026, 11, 23, 16, 0, tzinfo=hanoi))
    assert clock.now() == dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    assert clock.now().tzinfo == dt.UTC
    clock.advance(dt.timedelta(days=1))
    assert clock.now() == dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
    clock.set(dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert clock.now().year == 2027
    with pytest.raises(ValueError, match="aware"):
        FixedClock(dt.datetime(2026, 11, 23))
