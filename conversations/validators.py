"""Pure validators: from what a person typed to a value, or an ``InvalidInput`` saying why not.

They never touch the database, so they can be tested by the hundred.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Final

from conversations.text import fold
from locales import N_
from storage.errors import InvalidInput

MAX_SHORT_TEXT: Final = 200
MAX_LONG_TEXT: Final = 2000
MAX_WHOLE_NUMBER: Final = 10_000_000
MAX_MONEY: Final = 10**13  # ten thousand billion đồng

# 35 · 1.200 · 1 200 · 1200 — dots or spaces only as thousands separators
_WHOLE: Final = re.compile(r"^\s*(\d{1,3}(?:[.\s]\d{3})+|\d+)\s*([^\d\s.,].*)?$", re.DOTALL)
_MONEY: Final = re.compile(
    r"^\s*(\d+(?:[.,\s]\d+)*)\s*(nghin|ngan|k|trieu|tr|ty|ti)?\s*(d|dong|vnd|vnđ)?\s*$"
)
_MULTIPLIERS: Final = {
    "nghin": 10**3,
    "ngan": 10**3,
    "k": 10**3,
    "trieu": 10**6,
    "tr": 10**6,
    "ty": 10**9,
    "ti": 10**9,
}


def text(limit: int = MAX_SHORT_TEXT) -> Callable[[str], str]:
    """A parser for a non-empty text of at most ``limit`` characters, kept exactly as typed."""

    def parse(raw: str) -> str:
        value = raw.strip()
        if not value:
            raise InvalidInput(N_("This answer cannot be empty. Please type it."))
        if len(value) > limit:
            raise InvalidInput(
                N_("That is too long: at most {limit} characters, and you sent {length}."),
                limit=limit,
                length=len(value),
            )
        return value

    return parse


short_text = text(MAX_SHORT_TEXT)
long_text = text(MAX_LONG_TEXT)


def parse_person_name(raw: str) -> str:
    """A person's full name: 2 to 100 characters with at least one letter."""
    value = text(100)(raw)
    if len(value) < 2 or not any(ch.isalpha() for ch in value):
        raise InvalidInput(N_("Please type a full name, for example Nguyễn Thị Lan."))
    return value


def parse_whole_number(raw: str) -> int:
    """A positive whole number, maybe with thousands dots and a word after it: ``1.200 người``."""
    match = _WHOLE.match(raw)
    if match is None:
        raise InvalidInput(N_("Please type a positive whole number, for example 35."))
    value = int(re.sub(r"[.\s]", "", match.group(1)))
    if value <= 0:
        raise InvalidInput(N_("The number must be greater than 0, for example 35."))
    if value > MAX_WHOLE_NUMBER:
        raise InvalidInput(N_("That number is too large. Please check it."))
    return value


def parse_count(raw: str) -> int:
    """A whole number that may be 0 (beneficiaries, things built)."""
    if fold(raw) in {"0", "khong"}:
        return 0
    return parse_whole_number(raw)


def parse_money(raw: str) -> int:
    """An amount in đồng: ``600.000.000``, ``600 triệu``, ``3,6 tỷ``, ``500k``, ``2.000.000 đ``."""
    match = _MONEY.match(fold(raw).replace("đ", "d"))
    if match is None:
        raise InvalidInput(
            N_("Please type an amount in đồng, for example 600.000.000 or 600 triệu or 3,6 tỷ.")
        )
    number, unit, _currency = match.groups()
    multiplier = _MULTIPLIERS.get(unit or "", 1)
    groups = re.split(r"[.,\s]", number)
    try:
        if (
            len(groups) > 1
            and all(len(g) == 3 for g in groups[1:])
            and (multiplier == 1 or len(groups) > 2)
        ):
            amount = Decimal("".join(groups))
        elif len(groups) == 2 and multiplier > 1:
            amount = Decimal(f"{groups[0]}.{groups[1]}")
        elif len(groups) == 1:
            amount = Decimal(groups[0])
        else:
            raise InvalidOperation
    except InvalidOperation:
        raise InvalidInput(
            N_("Please type an amount in đồng, for example 600.000.000 or 600 triệu or 3,6 tỷ.")
        ) from None
    value = amount * multiplier
    if value != value.to_integral_value() or value < 0:
        raise InvalidInput(N_("Please type a whole number of đồng."))
    if value > MAX_MONEY:
        raise InvalidInput(N_("That amount is too large. Please check it."))
    return int(value)


VISIT_DAYS_BACK: Final = 31
_DATE: Final = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2}|\d{4}))?\s*$")
_MONTH: Final = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
TODAY_WORDS: Final = {"hom nay", "today", "nay"}
YESTERDAY_WORDS: Final = {"hom qua", "yesterday", "qua"}


def parse_visit_date(raw: str, today: dt.date) -> dt.date:
    """A visit's date: dd/mm or dd/mm/yyyy (or "hôm nay", "hôm qua"); not in the future and at
    most 31 days back."""
    word = fold(raw)
    if word in TODAY_WORDS:
        return today
    if word in YESTERDAY_WORDS:
        return today - dt.timedelta(days=1)
    match = _DATE.match(raw)
    if match is None:
        raise InvalidInput(N_("Please type the date as dd/mm or dd/mm/yyyy, for example 05/11."))
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    full_year = today.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
    try:
        value = dt.date(full_year, month, day)
    except ValueError:
        raise InvalidInput(
            N_("{date} is not a date. Please type dd/mm or dd/mm/yyyy."), date=raw.strip()
        ) from None
    if value > today:
        raise InvalidInput(N_("The visit cannot be in the future."))
    if (today - value).days > VISIT_DAYS_BACK:
        raise InvalidInput(
            N_("A visit more than {days} days ago cannot be logged any more."),
            days=VISIT_DAYS_BACK,
        )
    return value


def parse_month(raw: str) -> str:
    """A month as mm/yyyy → ``"2026-11"``."""
    match = _MONTH.match(raw)
    if match is None or not 1 <= int(match.group(1)) <= 12:
        raise InvalidInput(N_("Please type the month as mm/yyyy, for example 11/2026."))
    return f"{int(match.group(2)):04d}-{int(match.group(1)):02d}"
