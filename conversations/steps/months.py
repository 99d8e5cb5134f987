"""Picking a month: this month and the last as buttons, or any month typed as mm/yyyy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from conversations.flow import Data, Option
from conversations.steps import kinds
from conversations.turn import Turn
from locales import N_


async def recent_months(turn: Turn, data: Data) -> Sequence[Option]:
    """This month and the last, as buttons."""
    this = turn.today.replace(day=1)
    last = (this - dt.timedelta(days=1)).replace(day=1)
    return [Option(f"{d:%Y-%m}", f"{d.month:02d}/{d.year}", translate=False) for d in (this, last)]


#: which month (kept as ``yyyy-mm``)
MONTH: Final = kinds.month(
    "month",
    N_("Which month? Tap one, or type mm/yyyy."),
    N_("Month"),
    example=N_("11/2026"),
    options=recent_months,
)
