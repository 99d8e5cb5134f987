"""A turn's moment: today is the deployment's local date, not UTC's."""

from __future__ import annotations

import datetime as dt

import pytest

from conversations.messages import Inbound
from conversations.turn import EngineConfig, Turn
from storage.clock import FixedClock
from storage.db import Database


async def test_today_is_the_local_date_and_a_flow_needs_a_person(
    sqlite_database: Database,
) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC))  # 01:00 on 1/12 locally
    async with sqlite_database.read() as tx:
        turn = Turn(tx, clock, EngineConfig(), Inbound(channel="c", chat_id="c", user_id="c"))
        assert turn.now == clock.now() and turn.today == dt.date(2026, 12, 1)
        with pytest.raises(AssertionError):
            turn.require_person()
