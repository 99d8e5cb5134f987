"""Units that move to another parent, and which tree the figures of a year follow.

The 2025 reform merged communes and removed districts: a unit may move to another parent. It
keeps its history: its models, exemplars and reports stay with it, and the figures of a past year
still add up under the parent it had then.

The rule (one for every figure of a year: the digest's yearly figures, the written report of a
period, the exports of a year, the coverage of a year): a year's figures follow the tree **as it
stood on the last day of that year** (:func:`tree_day`); a period's figures follow the tree of its
year (``2025-h1`` and ``2025-annual`` alike: the tree of 31/12/2025). A move may not be dated in
the future, so the tree on the last day of the running year is today's tree: this year's figures
use today's tree.

What a person may *see* (``domain.scope``) follows today's tree: a BTV member of the unit a unit
moved away from no longer sees that unit's models, people or reports, but the figures and written
reports of the years before the move, which were that year's record, still count it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

#: what a move date may look like: 01/07/2025, 1/7/2025, 2025-07-01 (a spreadsheet's date cell
#: reads as ``2025-07-01 00:00:00``)
_DAY_FIRST: Final = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")


def tree_day(year: int) -> dt.date:
    """The day whose tree the figures of ``year`` follow: its last day."""
    return dt.date(year, 12, 31)


def period_year(period: str) -> int:
    """The year of a report period (``2025-h1`` and ``2025-annual`` are of 2025)."""
    return int(period.partition("-")[0])


def parse_day(raw: str) -> dt.date | None:
    """A move date as typed in an import file (dd/mm/yyyy or ISO), or None if it is not one."""
    text = raw.strip()
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
