"""The scheduled jobs: a sweep is skipped while another process holds its lock and runs once it
is free; a cron job fires in the deployment's time zone; a failing job does not stop the rest."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.scheduler import NUDGE_LOCK, Jobs, digest_job, nudge_sweep
from domain.organisation import Role
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_a_sweep_waits_for_no_one_and_skips_while_another_sweeps(world: World) -> None:
    runtime = world.runtime
    await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    args = (runtime.database, runtime.calendar, runtime.config.targets, world.clock, HCM)
    async with runtime.database.exclusive(NUDGE_LOCK) as mine:
        assert mine
        assert await nudge_sweep(*args) is None  # another holder: skipped, nothing enqueued
    result = await nudge_sweep(*args)
    assert result is not None and result.enqueued >= 1
    again = await nudge_sweep(*args)
    assert again is not None and again.enqueued == 0  # idempotent: the same day adds nothing
    assert await digest_job(*args) == 0  # no BTV member: no digest


async def test_a_cron_job_fires_in_the_deployments_zone_and_failures_are_contained() -> None:
    fired: list[str] = []
    jobs = Jobs(HCM, on_enqueued=lambda: fired.append("woken"))

    async def boom() -> None:
        raise RuntimeError("a sweep that fails")

    async def fine() -> None:
        fired.append("fine")

    jobs.cron("broken", boom, hour=8, minute=0)
    jobs.cron("daily", fine, hour=8, minute=0)
    job = jobs.scheduler.get_job("daily")
    moment = job.trigger.get_next_fire_time(None, dt.datetime(2026, 11, 23, 0, 30, tzinfo=dt.UTC))
    assert moment == dt.datetime(
        2026, 11, 23, 8, 0, tzinfo=HCM
    )  # 07:30 local: 08:00 in Hà Nội, not 08:00 UTC
    await jobs.scheduler.get_job("broken").func()  # logged, not raised; no wake-up
    await job.func()
    assert fired == ["fine", "woken"]
