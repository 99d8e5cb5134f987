"""Validators are pure: many inputs, each either a value or a friendly refusal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conversations.validators import (
    parse_money,
    parse_person_name,
    parse_whole_number,
    short_text,
    text,
)
from storage.errors import InvalidInput


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("35", 35),
        ("35 người", 35),
        (" 1.200 ", 1200),
        ("1 200", 1200),
        ("1.200.000 ĐVTN", 1200000),
    ],
)
def test_whole_numbers_as_people_type_them(typed: str, value: int) -> None:
    assert parse_whole_number(typed) == value


@pytest.mark.parametrize(
    "typed", ["", "0", "-3", "3,5", "3.5", "ba mươi", "35 40", "1.20", "abc 35"]
)
def test_not_a_positive_whole_number(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_whole_number(typed)


@given(st.integers(min_value=1, max_value=10_000_000))
def test_any_positive_number_with_or_without_grouping(number: int) -> None:
    grouped = f"{number:,}".replace(",", ".")
    assert parse_whole_number(str(number)) == number
    assert parse_whole_number(f" {grouped} người ") == number


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("600.000.000", 600_000_000),
        ("600 triệu", 600_000_000),
        ("3,6 tỷ", 3_600_000_000),
        ("3.6 tỉ", 3_600_000_000),
        ("500k", 500_000),
        ("2.000.000 đ", 2_000_000),
        ("2.000.000đồng", 2_000_000),
        ("1,5 triệu VND", 1_500_000),
        ("0", 0),
    ],
)
def test_money_as_people_type_it(typed: str, value: int) -> None:
    assert parse_money(typed) == value


@pytest.mark.parametrize("typed", ["", "nhiều", "1,5", "1,2345 đ", "12.34.56", "-5 triệu", "0,5 đ"])
def test_not_an_amount(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_money(typed)


@given(st.text(min_size=1, max_size=200).filter(lambda s: s.strip()))
def test_text_is_kept_exactly_apart_from_outer_spaces(typed: str) -> None:
    assert short_text(typed) == typed.strip()


def test_empty_and_too_long_text_are_refused_with_the_limit() -> None:
    with pytest.raises(InvalidInput):
        short_text("   ")
    with pytest.raises(InvalidInput) as caught:
        text(10)("x" * 11)
    assert caught.value.params == {"limit": 10, "length": 11}


def test_emoji_and_vietnamese_survive() -> None:
    typed = "Đường hoa 🌸 Thanh niên ấp Ông Yểng — “xanh, sạch, đẹp”"
    assert short_text(typed) == typed


@pytest.mark.parametrize("typed", ["A", "123", "  "])
def test_not_a_name(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_person_name(typed)
