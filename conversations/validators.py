"""Pure validators: from what a person typed to a value, or an ``InvalidInput`` saying why not.

They never touch the database, so they can be tested by the hundred.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Final

from conversations.text import fold
from domain.errors import InvalidInput
from locales import N_, format_number

MAX_SHORT_TEXT: Final = 200
MAX_LONG_TEXT: Final = 2000
MIN_LETTERS: Final = 2
MAX_WHOLE_NUMBER: Final = 1_000_000  # participants, beneficiaries
MAX_MONEY: Final = 10**12  # 1.000 tỷ đồng

# 35 · 1.200 · 1 200 · 1200 — ASCII digits, dots or spaces only as thousands separators, then
# maybe words of letters ("người", "đoàn viên") after a space. Nothing glued to the number.
_WHOLE: Final = re.compile(r"^([0-9]{1,3}(?:[.\s][0-9]{3})+|[0-9]+)(?:\s+(.+))?$", re.DOTALL)
_MONEY: Final = re.compile(
    r"^\s*([0-9]+(?:[.,\s][0-9]+)*)\s*(nghin|ngan|k|trieu|tr|ty|ti)?\s*(d|dong|vnd|vnđ)?\s*$"
)
_ZWJ: Final = "\u200d"
#: what may follow an emoji inside one emoji sequence (variation selectors, keycap)
_EMOJI_TRAIL: Final = frozenset({"\ufe0e", "\ufe0f", "\u20e3"})
_KEPT_CONTROLS: Final = frozenset({"\n", "\t"})
_MULTIPLIERS: Final = {
    "nghin": 10**3,
    "ngan": 10**3,
    "k": 10**3,
    "trieu": 10**6,
    "tr": 10**6,
    "ty": 10**9,
    "ti": 10**9,
}


class _Shown(int):
    """A number that reads with the reader's grouping (1.000.000) when a message is rendered."""

    def __format__(self, spec: str) -> str:
        return format_number(int(self))


def _pictographic(ch: str) -> bool:
    # Emoji are symbols (So); skin tones are modifier symbols (Sk) that only follow an emoji.
    return unicodedata.category(ch) == "So" or 0x1F3FB <= ord(ch) <= 0x1F3FF


def _emoji_tag(ch: str) -> bool:
    # The tag characters that spell a subdivision flag (🏴 + tags), format characters otherwise.
    return 0xE0020 <= ord(ch) <= 0xE007F


def clean_text(raw: str) -> str:
    """What a person typed as it is kept: Unicode NFC, without invisible characters, outer spaces
    stripped.

    Zero-width and other format characters (Cf: U+200B, U+200C, U+200D, U+FEFF, direction marks)
    and control characters other than line breaks and tabs are dropped: they hide in copied text
    and make two equal names differ. A zero-width joiner between two emoji and the tags of a flag
    belong to the emoji (👨‍👩‍👧, 🏴󠁧󠁢󠁳󠁣󠁴󠁿) and stay, so emoji are kept byte for byte.
    """
    value = raw.replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []
    for index, ch in enumerate(value):
        category = unicodedata.category(ch)
        if category == "Cc" and ch not in _KEPT_CONTROLS:
            continue
        if category == "Cf":
            before = next((c for c in reversed(kept) if c not in _EMOJI_TRAIL), "")
            if ch == _ZWJ:
                after = value[index + 1] if index + 1 < len(value) else ""
                if not (before and after and _pictographic(before) and _pictographic(after)):
                    continue
            elif not (_emoji_tag(ch) and before and (_pictographic(before) or _emoji_tag(before))):
                continue
        kept.append(ch)
    # NFC last: a hidden character between a letter and its accent must not keep them apart
    return unicodedata.normalize("NFC", "".join(kept)).strip()


def letters_in(value: str) -> int:
    """How many letters a text has (emoji, digits and punctuation are not letters)."""
    return sum(1 for ch in value if ch.isalpha())


def text(limit: int = MAX_SHORT_TEXT) -> Callable[[str], str]:
    """A parser for a text of at most ``limit`` characters with at least two letters, kept as
    typed apart from :func:`clean_text` (NFC, no invisible characters, no outer spaces)."""

    def parse(raw: str) -> str:
        value = clean_text(raw)
        if not value:
            raise InvalidInput(N_("This answer cannot be empty. Please type it."))
        if len(value) > limit:
            raise InvalidInput(
                N_("That is too long: at most {limit} characters, and you sent {length}."),
                limit=limit,
                length=len(value),
            )
        if letters_in(value) < MIN_LETTERS:
            raise InvalidInput(
                N_("Please write it in words: at least {count} letters, not only symbols."),
                count=MIN_LETTERS,
            )
        return value

    return parse


short_text = text(MAX_SHORT_TEXT)
long_text = text(MAX_LONG_TEXT)


def parse_person_name(raw: str) -> str:
    """A person's full name: 2 to 100 characters with at least two letters."""
    value = clean_text(raw)
    if letters_in(value) < MIN_LETTERS:
        raise InvalidInput(N_("Please type a full name, for example Nguyễn Thị Lan."))
    return text(100)(value)


def _whole_number(raw: str, minimum: int) -> int:
    """A whole number from ``minimum`` to :data:`MAX_WHOLE_NUMBER`, as people type it."""
    value = clean_text(raw)
    match = _WHOLE.match(value)
    words = match.group(2) if match else None
    number = int(re.sub(r"[.\s]", "", match.group(1))) if match else None
    # Only words of letters may follow: "35 người", never "1e9", "12abc", "3-5", "3 ½".
    if (
        number is None
        or (words is not None and not all(word.isalpha() for word in words.split()))
        or not minimum <= number <= MAX_WHOLE_NUMBER
    ):
        raise InvalidInput(
            N_("Please type a whole number from {low} to {high}, for example 35."),
            low=_Shown(minimum),
            high=_Shown(MAX_WHOLE_NUMBER),
        )
    return number


def parse_whole_number(raw: str) -> int:
    """A whole number from 1 to 1.000.000, maybe with thousands dots and words after it:
    ``1.200 người``."""
    return _whole_number(raw, 1)


def parse_count(raw: str) -> int:
    """A whole number that may be 0 (beneficiaries): 0 to 1.000.000, or "không"."""
    if fold(clean_text(raw)) in {"0", "khong"}:
        return 0
    return _whole_number(raw, 0)


def parse_money(raw: str) -> int:
    """An amount in đồng: ``600.000.000``, ``600 triệu``, ``3,6 tỷ``, ``500k``, ``2.000.000 đ``."""
    match = _MONEY.match(fold(clean_text(raw)).replace("đ", "d"))
    if match is None:
        raise _not_an_amount()
    number, unit, _currency = match.groups()
    multiplier = _MULTIPLIERS.get(unit or "", 1)
    groups = re.split(r"[.,\s]", number)
    # A dot (or space) before three digits groups thousands, also before a unit: "1.000 tỷ" is a
    # thousand tỷ, as Vietnamese write it; a comma before a unit is the decimal one: "3,6 tỷ".
    thousands = "," not in number or multiplier == 1 or len(groups) > 2
    try:
        if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and thousands:
            amount = Decimal("".join(groups))
        elif len(groups) == 2 and multiplier > 1:
            amount = Decimal(f"{groups[0]}.{groups[1]}")
        elif len(groups) == 1:
            amount = Decimal(groups[0])
        else:
            raise InvalidOperation
    except InvalidOperation:
        raise _not_an_amount() from None
    value = amount * multiplier
    if value != value.to_integral_value() or value < 0:
        raise InvalidInput(N_("Please type a whole number of đồng."))
    if value > MAX_MONEY:
        raise _not_an_amount()
    return int(value)


def _not_an_amount() -> InvalidInput:
    return InvalidInput(
        N_(
            "Please type an amount from {low} to {high} đồng, "
            "for example 600.000.000 or 600 triệu or 3,6 tỷ."
        ),
        low=_Shown(0),
        high=_Shown(MAX_MONEY),
    )


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


MAX_DOCUMENT_NUMBER: Final = 64
#: "Số: 12-QĐ/HĐ", "số 12-QĐ/HĐ", "No. 12": the word is not part of the number
_NUMBER_WORD: Final = re.compile(r"^(?:s[oố]|no)\s*[:.]?\s*", re.IGNORECASE)
_FULL_DATE: Final = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")


def parse_document_number(raw: str) -> str:
    """An official document's number as written on it (``12-QĐ/HĐ``), without the word "Số";
    it has a digit and at most 64 characters."""
    value = _NUMBER_WORD.sub("", clean_text(raw)).strip()
    if not any(ch.isdigit() for ch in value):
        raise InvalidInput(
            N_("Please type the number written on the document, for example 12-QD/HD.")
        )
    if len(value) > MAX_DOCUMENT_NUMBER:
        raise InvalidInput(
            N_("That is too long: at most {limit} characters, and you sent {length}."),
            limit=MAX_DOCUMENT_NUMBER,
            length=len(value),
        )
    return value


def parse_document_date(raw: str, today: dt.date) -> dt.date:
    """An official document's date, dd/mm/yyyy in full; not after ``today``."""
    match = _FULL_DATE.match(raw)
    if match is None:
        raise InvalidInput(N_("Please type the date as dd/mm/yyyy, for example 05/11/2026."))
    day, month, year = (int(part) for part in match.groups())
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise InvalidInput(
            N_("{date} is not a date. Please type dd/mm/yyyy."), date=raw.strip()
        ) from None
    if value > today:
        raise InvalidInput(N_("The document's date cannot be in the future."))
    return value
