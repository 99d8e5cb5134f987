"""`dvk run`'s assembly: the sweep missed while down runs at start-up, the sender delivers it."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.runtime import serve
from tests.support.clock import RunningClock
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_a_missed_sweep_runs_once_at_start_up_and_is_delivered(tmp_path: Path) -> None:
    late = RunningClock(dt.datetime(2027, 1, 12, 10, 30, tzinfo=HCM))  # down at 08:00
    async with TelegramEmulator() as emulator:
        settings = {"telegram_token": emulator.token, "telegram_api_base": emulator.root}
        async with World.open(tmp_path, late, **settings) as world:
            await world.bind_telegram(101, "BP-DP-TL-A1")
            stop = asyncio.Event()
            running = asyncio.create_task(serve(world.runtime, stop=stop))
            try:
                (nudge,) = await emulator.wait_for_messages(101, timeout=20)
                await emulator.wait_idle(quiet=1.0)
            finally:
                stop.set()
                await running
            async with world.runtime.database.read() as tx:
                counts = await tx.outbox.counts()
    assert "còn 3 ngày" in nudge.text
    assert len(emulator.messages_to(101)) == 1
    assert counts["sent"] == 1


async def test_sweeps_are_scheduled_in_the_deployment_time_zone(world: World) -> None:
    jobs = world.runtime.jobs()
    scheduled = {job.id: job.trigger for job in jobs.scheduler.get_jobs()}
    assert set(scheduled) == {
        "nudge-sweep-0800",
        "nudge-sweep-hourly",
        "weekly-digest",
        "month-end-visits",
        "forget-old-updates",
        "evidence-gc",
    }
    daily = scheduled["nudge-sweep-0800"]
    assert isinstance(daily, CronTrigger) and str(daily.timezone) == "Asia/Ho_Chi_Minh"
    first = daily.get_next_fire_time(None, dt.datetime(2027, 1, 12, 9, 0, tzinfo=HCM))
    assert first == dt.datetime(2027, 1, 13, 8, 0, tzinfo=HCM)
    weekly = scheduled["weekly-digest"]
    tuesday = dt.datetime(2027, 1, 12, 9, 0, tzinfo=HCM)
    assert weekly.get_next_fire_time(None, tuesday) == dt.datetime(2027, 1, 18, 7, 30, tzinfo=HCM)
    month_end = scheduled["month-end-visits"]
    assert month_end.get_next_fire_time(None, tuesday) == dt.datetime(2027, 1, 31, 18, tzinfo=HCM)
    clean_up = scheduled["evidence-gc"]
    assert clean_up.get_next_fire_time(None, tuesday) == dt.datetime(2027, 1, 13, 4, 23, tzinfo=HCM)


async def test_old_update_records_are_forgotten(world: World) -> None:
    async with world.runtime.database.transaction() as tx:
        await tx.conversations.first_delivery(
            "telegram", 1, world.clock.now() - dt.timedelta(days=4)
        )
        await tx.conversations.first_delivery("telegram", 2, world.clock.now())
    assert await world.runtime.forget_old_updates() == 1
    async with world.runtime.database.transaction() as tx:
        assert await tx.conversations.first_delivery("telegram", 1, world.clock.now())
        assert not await tx.conversations.first_delivery("telegram", 2, world.clock.now())


def test_debug_logging_never_shows_updates_or_tokens(capsys) -> None:
    import logging

    from bot.logs import configure_logging

    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.getLogger("telegram").level)
    try:
        configure_logging("DEBUG", ["123:SECRET"])
        logging.getLogger("telegram.ext.Application").debug("Processing update /start 7K3M9QXR2T5A")
        logging.getLogger("bot").info("calling https://api.telegram.org/bot123:SECRET/getMe")
        err = capsys.readouterr().err
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        logging.getLogger("telegram").setLevel(saved[2])
    assert "7K3M9QXR2T5A" not in err and "SECRET" not in err and "bot***/getMe" in err
