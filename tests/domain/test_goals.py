"""Goals as people type them, progress in per cent, the order of report periods."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.errors import InvalidInput
from domain.goals import (
    Goal,
    latest_up_to,
    parse_achieved,
    parse_goals,
    per_cent,
    period_rank,
    pilot_limit_reached,
    quantity_text,
    read_number,
)


@pytest.mark.parametrize(
    ("typed", "goals"),
    [
        ("3.000 trẻ em; 90 căn nhà", [("3000", "trẻ em"), ("90", "căn nhà")]),
        ("3,000 children", [("3000", "children")]),
        ("3 000 trẻ em", [("3000", "trẻ em")]),
        ("600 triệu đồng", [("600", "triệu đồng")]),
        ("3,6 tỷ đồng\n09 tuyến đường", [("3.6", "tỷ đồng"), ("9", "tuyến đường")]),
        ("  1.200,5  km đường ;; ", [("1200.5", "km đường")]),
        ("2.5 km", [("2.5", "km")]),
        ("1 trụ sở", [("1", "trụ sở")]),
        ("80 % thanh niên", None),  # a unit must begin with a letter: refused below
    ],
)
def test_goals_as_people_type_them(typed: str, goals: list[tuple[str, str]] | None) -> None:
    if goals is None:
        with pytest.raises(InvalidInput):
            parse_goals(typed)
        return
    parsed = parse_goals(typed)
    assert [g.as_json() for g in parsed] == [list(g) for g in goals]
    assert [Goal.from_json(g.as_json()) for g in parsed] == list(parsed)


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("", "at least one goal"),
        (" ; ", "at least one goal"),
        ("trẻ em 3.000", "«trẻ em 3.000» does not start with a number"),
        ("3000", "«3000» does not say what it counts"),
        ("3.000 🎉", "does not say what it counts"),
        ("1.2345 cây", "«1.2345» in «1.2345 cây» is not a number"),
        ("1.234.5 cây", "is not a number"),
        ("12345.000 cây", "is not a number"),
        ("1.000,000 cây", "is not a number"),
        ("0 căn nhà", "«0 căn nhà» must be more than zero"),
        ("1.000.000.000.000.000 đồng", "too large"),
        ("3 trẻ em; 4 Trẻ em", "«Trẻ em» is in two goals"),
        ("1 " + "a" * 61, "too long"),
        (";".join(f"{n} loại {chr(97 + n)}" for n in range(1, 12)), "At most 10 goals"),
    ],
)
def test_a_wrong_goal_is_refused_naming_what_is_wrong(typed: str, names: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_goals(typed)
    assert names in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1.200", Decimal(1200)), ("0", Decimal(0)), ("1.200 trẻ em", Decimal(1200)),
     ("2,5", Decimal("2.5")), (" 45 ", Decimal(45))],
)  # fmt: skip
def test_the_amount_achieved(typed: str, value: Decimal) -> None:
    assert parse_achieved(typed) == value


@pytest.mark.parametrize("typed", ["", "nhiều", "-5", "1e9", "12abc", "3-5", "1/2"])
def test_an_amount_that_is_no_number_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput, match="as a number"):
        parse_achieved(typed)


def test_numbers_and_per_cents() -> None:
    assert read_number("09") == Decimal(9) and read_number("3.6") == Decimal("3.6")
    assert read_number("1,200.50") == Decimal("1200.50") and read_number("1.2.3") is None
    assert quantity_text(Decimal("3000.00")) == "3000" and quantity_text(Decimal("3.60")) == "3.6"
    assert per_cent(Decimal(1200), Decimal(3000)) == 40
    assert per_cent(Decimal(1), Decimal(8)) == 13  # 12.5 rounds half up
    assert per_cent(Decimal(120), Decimal(90)) == 133
    assert per_cent(Decimal("2.4"), Decimal("3.6")) == 67


def test_the_latest_value_up_to_a_period() -> None:
    assert period_rank("2026-h1") < period_rank("2026-annual") < period_rank("2027-h1")
    values = [("2026-annual", Decimal(20)), ("2026-h1", Decimal(10))]
    assert latest_up_to(values, "2026-h1") == Decimal(10)
    assert latest_up_to(values, "2026-annual") == Decimal(20)
    assert latest_up_to(values, None) == Decimal(20)
    assert latest_up_to(values, "2025-annual") is None
    assert latest_up_to([], None) is None


def test_the_pilot_limit() -> None:
    assert not pilot_limit_reached(1, 2) and pilot_limit_reached(2, 2)
