"""The sweep survives a crash half-way and a second sweep at the same moment: no duplicates."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from zoneinfo import ZoneInfo

import pytest

import bot.jobs.nudges
from bot.jobs.nudges import sweep
from bot.scheduler import nudge_sweep
from storage.clock import FixedClock
from storage.db import Database, Tx
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
MOMENT = dt.datetime(2027, 1, 12, 8, 0, tzinfo=HCM)
UNITS = ["BP-DP-TL-A1", "BP-DP-TL-A2", "BP-DP-DT-TH", "BP-DP-THPT-12A1", "BP-BD-DL-T4"]


class CrashingDatabase(Database):
    """A database whose n-th write transaction fails, as if the process died there."""

    def __init__(self, url: str, fail_on: int) -> None:
        super().__init__(url)
        self.fail_on = fail_on
        self.writes = 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        self.writes += 1
        if self.writes == self.fail_on:
            raise RuntimeError("the process died here")
        async with super().transaction() as tx:
            yield tx


async def nudge_keys(database: Database) -> list[str]:
    async with database.read() as tx:
        return [row["key"] for row in await tx.outbox.rows(kind="nudge")]


async def test_a_crash_in_the_middle_of_a_sweep_and_a_rerun_make_no_duplicates(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number, unit in enumerate(UNITS):
        await world.bind_telegram(300 + number, unit)
    monkeypatch.setattr(bot.jobs.nudges, "BATCH", 2)
    crashing = CrashingDatabase(world.runtime.database.url, fail_on=2)
    calendar, targets = world.runtime.calendar, world.runtime.config.targets
    with pytest.raises(RuntimeError):
        await sweep(crashing, calendar, targets, MOMENT, HCM)
    await crashing.dispose()
    assert len(await nudge_keys(world.runtime.database)) == 2  # the first batch went in
    rerun = await sweep(world.runtime.database, calendar, targets, MOMENT, HCM)
    assert (rerun.due, rerun.enqueued) == (5, 3)
    keys = await nudge_keys(world.runtime.database)
    assert len(keys) == len(set(keys)) == 5


async def test_two_sweeps_at_once_enqueue_each_reminder_once(pg_world: World) -> None:
    world = pg_world
    for number, unit in enumerate(UNITS):
        await world.bind_telegram(400 + number, unit)
    url = world.runtime.database.url
    processes = [Database(url), Database(url)]
    calendar, targets = world.runtime.calendar, world.runtime.config.targets
    clock = FixedClock(MOMENT)
    try:
        locked = await asyncio.gather(
            *(nudge_sweep(db, calendar, targets, clock, HCM) for db in processes)
        )
        unlocked = await asyncio.gather(
            *(sweep(db, calendar, targets, MOMENT, HCM) for db in processes)
        )
    finally:
        for db in processes:
            await db.dispose()
    ran = [result for result in locked if result is not None]
    assert sum(result.enqueued for result in ran) == 5
    assert sum(result.enqueued for result in unlocked) == 0
    keys = await nudge_keys(world.runtime.database)
    assert len(keys) == len(set(keys)) == 5


async def test_only_one_holder_of_the_sweep_lock(pg_world: World) -> None:
    """On PostgreSQL across processes (two engines); on SQLite within the one process."""
    url = pg_world.runtime.database.url
    first = Database(url)
    second = Database(url) if first.dialect == "postgresql" else first
    try:
        async with first.exclusive("dvk:test-lock") as mine:
            assert mine
            async with second.exclusive("dvk:test-lock") as theirs:
                assert not theirs
        async with second.exclusive("dvk:test-lock") as again:
            assert again
    finally:
        await first.dispose()
        await second.dispose()
