"""Picking a month: this month and the last as buttons, across a year's end too."""

from __future__ import annotations

import datetime as dt

from conversations.messages import Inbound
from conversations.steps.months import MONTH, recent_months
from conversations.turn import EngineConfig, Turn
from storage.clock import FixedClock
from storage.db import Database


async def test_this_month_and_the_last_across_the_new_year(sqlite_database: Database) -> None:
    # 00:30 on 1 January in Hà Nội is still 31 December in UTC: the local date counts
    clock = FixedClock(dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC))
    async with sqlite_database.read() as tx:
        turn = Turn(tx, clock, EngineConfig(), Inbound(channel="c", chat_id="c", user_id="c"))
        options = await recent_months(turn, {})
    assert [(o.value, o.label) for o in options] == [("2027-01", "01/2027"), ("2026-12", "12/2026")]
    assert MONTH.parse is not None and MONTH.parse("2/2027") == "2027-02"
