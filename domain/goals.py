"""Measurable goals of a model ("3.000 trẻ em", "90 căn nhà", "600 triệu đồng"), their progress,
and pilot models (mô hình điểm).

A goal is a quantity and the unit it counts in, kept as typed: "600 triệu đồng" is the quantity
600 in the unit "triệu đồng", not 600.000.000 đồng, so that the progress a secretary reports
("450 triệu đồng") reads in the same words as the goal. Quantities are decimals with at most two
places ("3,6 tỷ đồng"), read as Vietnamese and English write them: a dot, a comma or a space
before exactly three digits groups thousands ("3.000", "3,000", "3 000"); a comma or a dot before
one or two final digits is the decimal one ("3,6", "2.5"). Goals are separated by ";" or by line
breaks (a comma is part of a number).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from domain.errors import InvalidInput
from domain.i18n import N_

MAX_GOALS: Final = 10
MAX_UNIT_LENGTH: Final = 60
MAX_QUANTITY: Final = Decimal(10**12)
PLACES: Final = 2
#: the pilots (mô hình điểm) a district or province may mark a year, unless the settings say
DEFAULT_PILOTS_PER_UNIT: Final = 2
#: the levels whose BTV members mark pilots
PILOT_LEVELS: Final = frozenset({"district", "province"})

_SEPARATORS: Final = re.compile(r"[;\n]")
_LEADING_NUMBER: Final = re.compile(r"^([0-9]+(?:[.,\s][0-9]+)*)(?:\s+(.*))?$", re.DOTALL)
_GROUP_SEPARATOR: Final = re.compile(r"[.,\s]")


@dataclass(frozen=True, slots=True)
class Goal:
    """One measurable goal of a model: ``quantity`` of ``unit`` ("3000" of "trẻ em")."""

    quantity: Decimal
    unit: str

    def as_json(self) -> list[str]:
        """The goal as a conversation keeps it: ``["3000", "trẻ em"]``."""
        return [quantity_text(self.quantity), self.unit]

    @classmethod
    def from_json(cls, value: Sequence[str]) -> Goal:
        """The goal of :meth:`as_json`."""
        return cls(Decimal(value[0]), str(value[1]))


def quantity_text(value: Decimal) -> str:
    """A quantity in plain digits, as it is stored: ``3000``, ``3.6`` (no exponent)."""
    text = format(value.quantize(Decimal(1).scaleb(-PLACES)).normalize(), "f")
    return text


def _clean(raw: str) -> str:
    """One line of what was typed, in NFC, without invisible characters or double spaces."""
    kept = "".join(ch for ch in raw if unicodedata.category(ch) not in {"Cf", "Cc"} or ch in "\n\t")
    return " ".join(unicodedata.normalize("NFC", kept).split())


def read_number(text: str) -> Decimal | None:
    """A number as people type it ("3.000", "3,000", "1.200,5", "3,6", "09"), or None."""
    groups = _GROUP_SEPARATOR.split(text)
    separators = _GROUP_SEPARATOR.findall(text)
    if any(not group.isdigit() for group in groups):
        return None
    fraction = ""
    if separators and separators[-1] in ".," and len(groups[-1]) in range(1, PLACES + 1):
        fraction = groups.pop()
        decimal_mark = separators.pop()
        if decimal_mark in separators:  # "1.234.5": a dot cannot both group and divide
            return None
    if len(set(separators)) > 1:
        return None
    if separators and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    whole = "".join(groups)
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


def parse_goals(raw: str) -> tuple[Goal, ...]:
    """One or more goals, separated by ";" or line breaks: "3.000 trẻ em; 90 căn nhà".

    Raises:
        InvalidInput: naming the goal that is wrong and why.
    """
    parts = [_clean(part) for part in _SEPARATORS.split(raw)]
    parts = [part for part in parts if part]
    if not parts:
        raise InvalidInput(
            N_("Please type at least one goal, for example 3,000 children; 90 houses.")
        )
    if len(parts) > MAX_GOALS:
        raise InvalidInput(
            N_("At most {most} goals, please; you typed {count}."), most=MAX_GOALS, count=len(parts)
        )
    goals: list[Goal] = []
    seen: set[str] = set()
    for part in parts:
        goal = _goal(part)
        key = goal.unit.casefold()
        if key in seen:
            raise InvalidInput(
                N_("«{unit}» is in two goals; please give each goal once."), unit=goal.unit
            )
        seen.add(key)
        goals.append(goal)
    return tuple(goals)


def _goal(part: str) -> Goal:
    match = _LEADING_NUMBER.match(part)
    if match is None:
        raise InvalidInput(
            N_(
                "«{goal}» does not start with a number. Type the number, then what it counts, "
                "for example 3,000 children."
            ),
            goal=part,
        )
    number, unit = match.group(1), (match.group(2) or "").strip()
    quantity = read_number(number)
    if quantity is None:
        raise InvalidInput(
            N_(
                "«{number}» in «{goal}» is not a number as people write it: thousands are "
                "grouped by three digits (3,000) and a fraction has one or two (3.6)."
            ),
            number=number,
            goal=part,
        )
    if not unit or sum(1 for ch in unit if ch.isalpha()) < 2 or not unit[0].isalpha():
        raise InvalidInput(
            N_(
                "«{goal}» does not say what it counts. Add it after the number, "
                "for example 90 houses."
            ),
            goal=part,
        )
    if len(unit) > MAX_UNIT_LENGTH:
        raise InvalidInput(
            N_("What «{goal}» counts is too long: at most {limit} characters."),
            goal=part,
            limit=MAX_UNIT_LENGTH,
        )
    if quantity <= 0:
        raise InvalidInput(N_("The goal «{goal}» must be more than zero."), goal=part)
    if quantity > MAX_QUANTITY:
        raise InvalidInput(N_("The goal «{goal}» is too large."), goal=part)
    return Goal(quantity, unit)


def parse_achieved(raw: str) -> Decimal:
    """How much of a goal is achieved so far: a number from 0, maybe followed by its unit
    ("1.200" or "1.200 trẻ em").

    Raises:
        InvalidInput: when it is not such a number.
    """
    text = _clean(raw)
    match = _LEADING_NUMBER.match(text)
    words = (match.group(2) or "") if match else ""
    value = read_number(match.group(1)) if match else None
    if (
        value is None
        or (words and not all(any(ch.isalpha() for ch in word) for word in words.split()))
        or value > MAX_QUANTITY
    ):
        raise InvalidInput(
            N_("Please type how much is achieved so far as a number, for example 1,200.")
        )
    return value


def per_cent(achieved: Decimal, goal: Decimal) -> int:
    """How much of ``goal`` is achieved, in whole per cent (half up; above 100 when exceeded)."""
    return int((achieved * 100 / goal).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def period_rank(period: str) -> tuple[int, int]:
    """The order of report periods: ``2026-h1`` before ``2026-annual`` before ``2027-h1``."""
    year, _sep, part = period.partition("-")
    return int(year), 0 if part == "h1" else 1


def latest_up_to(values: Sequence[tuple[str, Decimal]], period: str | None) -> Decimal | None:
    """The value of the latest period up to ``period`` (None: of any period) among
    ``(period, value)`` pairs, or None when there is none."""
    limit = period_rank(period) if period is not None else None
    best: tuple[tuple[int, int], Decimal] | None = None
    for each, value in values:
        rank = period_rank(each)
        if limit is not None and rank > limit:
            continue
        if best is None or rank > best[0]:
            best = (rank, value)
    return best[1] if best else None


def pilot_limit_reached(pilots: int, limit: int) -> bool:
    """Whether a unit with ``pilots`` pilots this year may mark no more."""
    return pilots >= limit
