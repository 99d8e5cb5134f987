"""Validators are pure: many inputs, each either a value or a friendly refusal."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conversations.validators import (
    MAX_MONEY,
    MAX_WHOLE_NUMBER,
    clean_text,
    long_text,
    parse_count,
    parse_document_date,
    parse_document_number,
    parse_money,
    parse_person_name,
    parse_whole_number,
    short_text,
    text,
)
from domain.errors import InvalidInput
from locales import use_locale, user_message
from storage.units import normalize_code


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("35", 35),
        ("35 người", 35),
        (" 1.200 ", 1200),
        ("1 200", 1200),
        ("120.000 ĐVTN", 120000),
        ("1.000.000", 1_000_000),
        ("35 đoàn viên", 35),
        ("35\u00a0người", 35),
        ("3\u200b5", 35),
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


@pytest.mark.parametrize(
    "typed",
    ["1e9", "1E9", "12abc", "3-5", "½", "3 ½", "٣", "３５", "35người", "35 người.", "1.000.001"],
)
def test_anything_but_a_plain_amount_is_refused_with_the_range(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_whole_number(typed)
    with use_locale("vi"):
        assert "từ 1 đến 1.000.000" in user_message(caught.value)
    with use_locale("en"):
        assert "from 1 to 1,000,000" in user_message(caught.value)


def test_a_count_may_be_zero_but_is_refused_like_a_number() -> None:
    assert parse_count("0") == parse_count("không") == parse_count("0 người") == 0
    assert parse_count("1.000.000") == MAX_WHOLE_NUMBER
    for typed in ("1e9", "12abc", "3-5", "½", "1000001", "-1"):
        with pytest.raises(InvalidInput) as caught, use_locale("vi"):
            parse_count(typed)
        with use_locale("vi"):
            assert "từ 0 đến 1.000.000" in user_message(caught.value)


@given(st.integers(min_value=1, max_value=MAX_WHOLE_NUMBER))
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
        ("1.000 tỷ", 10**12),  # dots group thousands, before a unit too
        ("1.500 triệu", 1_500_000_000),
        ("1,500 tỷ", 1_500_000_000),  # a comma before a unit is the decimal one
    ],
)
def test_money_as_people_type_it(typed: str, value: int) -> None:
    assert parse_money(typed) == value


@pytest.mark.parametrize(
    "typed",
    ["", "nhiều", "1,5", "1,2345 đ", "12.34.56", "-5 triệu", "0,5 đ", "1e9", "12abc", "3-5", "½"],
)
def test_not_an_amount(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_money(typed)


def test_money_up_to_a_thousand_billion_and_the_refusal_says_so() -> None:
    assert parse_money("1000 tỷ") == parse_money("1.000.000.000.000") == MAX_MONEY
    for typed in ("1001 tỷ", "1.000.000.000.001 đ", "٣", "1e9"):
        with pytest.raises(InvalidInput) as caught:
            parse_money(typed)
        with use_locale("vi"):
            assert "từ 0 đến 1.000.000.000.000 đồng" in user_message(caught.value)


_PLAIN = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn")), min_size=1, max_size=200
).filter(lambda s: sum(ch.isalpha() for ch in s) >= 2)


@given(_PLAIN)
def test_text_is_kept_as_typed_in_nfc_apart_from_outer_spaces(typed: str) -> None:
    assert short_text(typed) == unicodedata.normalize("NFC", typed).strip()


_HIDDEN = st.sampled_from("\u200b\u200c\ufeff\u2060\u200e\u202e\u00ad\x00\x07\x1b")


@given(_PLAIN, st.lists(st.tuples(st.integers(0, 200), _HIDDEN), max_size=10))
def test_invisible_characters_are_stripped_wherever_they_hide(
    typed: str, hidden: list[tuple[int, str]]
) -> None:
    spliced = typed
    for position, ch in hidden:
        spliced = spliced[:position] + ch + spliced[position:]
    assert short_text(spliced) == short_text(typed)
    assert clean_text(spliced) == clean_text(typed)


def test_vietnamese_typed_in_nfd_is_kept_in_nfc() -> None:
    typed = unicodedata.normalize("NFD", "Đường hoa thanh niên ấp Ông Yểng")
    assert typed != "Đường hoa thanh niên ấp Ông Yểng"
    assert short_text(typed) == "Đường hoa thanh niên ấp Ông Yểng"
    assert parse_person_name(unicodedata.normalize("NFD", "Nguyễn Thị Lan")) == "Nguyễn Thị Lan"


def test_zero_width_characters_go_but_emoji_sequences_stay_byte_exact() -> None:
    family = "👨\u200d👩\u200d👧"
    heart = "❤️\u200d🔥"
    flag = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    keycap = "1\ufe0f\u20e3"
    typed = f"\ufeffĐội\u200b hình {family} tình\u200cnguyện {heart} {flag} {keycap}\u200d\u200b"
    assert short_text(typed) == f"Đội hình {family} tìnhnguyện {heart} {flag} {keycap}"
    assert short_text("Nhà\u200dvăn hóa") == "Nhàvăn hóa"  # a joiner between letters is no emoji


@pytest.mark.parametrize(
    "typed",
    ["🌸🌸🌸", "...", "!!! ???", "\u200b\u200b\u200b", "\u200d\ufeff a", "🏠 1", "— – -", "x 🌸"],
)
def test_a_text_of_nothing_is_refused(typed: str) -> None:
    for parse in (short_text, long_text, text(500), parse_person_name):
        with pytest.raises(InvalidInput):
            parse(typed)


def test_a_short_real_name_with_emoji_passes() -> None:
    assert short_text("Ấp 🌸") == "Ấp 🌸"
    assert long_text("OK 👍") == "OK 👍"


@pytest.mark.parametrize(
    "typed", ["bp-dp-tl", " bp - dp - tl ", "BP-DP-TL", "Bp\u200b-Dp-Tl", "bp–dp—tl", "bp-\tdp-tl"]
)
def test_unit_codes_are_matched_without_case_or_spaces(typed: str) -> None:
    assert normalize_code(typed) == "BP-DP-TL"


@given(st.text(alphabet="abcdefghABCDEFGH0123456789-", min_size=1, max_size=20))
def test_normalising_a_code_twice_changes_nothing(code: str) -> None:
    assert normalize_code(normalize_code(code)) == normalize_code(code) == code.upper()


def test_empty_and_too_long_text_are_refused_with_the_limit() -> None:
    with pytest.raises(InvalidInput):
        short_text("   ")
    with pytest.raises(InvalidInput) as caught:
        text(10)("x" * 11)
    assert caught.value.params == {"limit": 10, "length": 11}


def test_emoji_and_vietnamese_survive() -> None:
    typed = "Đường hoa 🌸 Thanh niên ấp Ông Yểng — “xanh, sạch, đẹp”"
    assert short_text(typed) == typed


@pytest.mark.parametrize("typed", ["A", "123", "  ", "Ạ 🌸", "\u200bA\u200b"])
def test_not_a_name(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_person_name(typed)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("Số: 12-QĐ/HĐ", "12-QĐ/HĐ"), ("số 12-QĐ/HĐ", "12-QĐ/HĐ"), ("SỐ:45/KH-ĐTN", "45/KH-ĐTN"),
     ("No. 7-CV/ĐTN", "7-CV/ĐTN"), ("  128-QĐ/TU ", "128-QĐ/TU")],
)  # fmt: skip
def test_a_document_number_is_kept_without_the_word_for_number(typed: str, kept: str) -> None:
    assert parse_document_number(typed) == kept


@pytest.mark.parametrize("typed", ["Số:", "không có số", "", "1" * 65])
def test_a_document_number_needs_a_digit_and_fits_64_characters(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_document_number(typed)


def test_a_document_date_is_a_whole_past_date() -> None:
    today = dt.date(2026, 11, 23)
    assert parse_document_date("05/11/2026", today) == dt.date(2026, 11, 5)
    assert parse_document_date("5-3-2019", today) == dt.date(2019, 3, 5)
    assert parse_document_date("23/11/2026", today) == today
    for typed, says in [
        ("24/11/2026", "The document's date cannot be in the future."),
        ("31/02/2026", "{date} is not a date. Please type dd/mm/yyyy."),
        ("05/11", "Please type the date as dd/mm/yyyy, for example 05/11/2026."),
        ("hôm nay", "Please type the date as dd/mm/yyyy, for example 05/11/2026."),
    ]:
        with pytest.raises(InvalidInput) as refused:
            parse_document_date(typed, today)
        assert refused.value.message == says


@given(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_any_date_typed_dd_mm_yyyy_reads_back_unless_it_is_after_today(day: dt.date) -> None:
    today = dt.date(2026, 11, 23)
    typed = day.strftime("%d/%m/%Y")
    if day > today:
        with pytest.raises(InvalidInput):
            parse_document_date(typed, today)
    else:
        assert parse_document_date(typed, today) == day
