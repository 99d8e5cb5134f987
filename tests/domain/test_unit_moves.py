"""Which tree a year's figures follow, and the move dates an import reads."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.unit_moves import parse_day, period_year, tree_day


def test_a_year_and_its_periods_follow_the_tree_of_its_last_day() -> None:
    assert tree_day(2025) == dt.date(2025, 12, 31)
    assert period_year("2025-h1") == period_year("2025-annual") == period_year("2025") == 2025
    assert tree_day(period_year("2026-h1")) == dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("01/07/2025", dt.date(2025, 7, 1)),
        ("1/7/2025", dt.date(2025, 7, 1)),
        (" 01.07.2025 ", dt.date(2025, 7, 1)),
        ("2025-07-01", dt.date(2025, 7, 1)),
        ("2025-07-01 00:00:00", dt.date(2025, 7, 1)),  # a spreadsheet's date cell
        ("29/02/2024", dt.date(2024, 2, 29)),
    ],
)
def test_a_move_date_is_day_first_or_iso(typed: str, day: dt.date) -> None:
    assert parse_day(typed) == day


@pytest.mark.parametrize(
    "typed", ["", "hôm nay", "07/2025", "29/02/2025", "13/13/2025", "2025-07-01 08:30", "01/07/25"]
)
def test_anything_else_is_not_a_date(typed: str) -> None:
    assert parse_day(typed) is None
