"""The weekly BTV digests: once a week per member, counting from the previous one."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.jobs.digests import weekly_digests
from tests.support.seed import seed_district
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_weekly_digests_go_once_a_week_and_count_from_the_last_one(world: World) -> None:
    district = await seed_district(world)
    runtime = world.runtime
    monday = dt.datetime(2026, 11, 23, 0, 30, tzinfo=dt.UTC)  # 07:30 in Hà Nội
    args = (runtime.database, runtime.calendar, runtime.config.targets)
    assert await weekly_digests(*args, monday, HCM) == 1
    assert await weekly_digests(*args, monday + dt.timedelta(hours=2), HCM) == 0
    next_monday = monday + dt.timedelta(days=7)
    assert await weekly_digests(*args, next_monday, HCM) == 1
    async with runtime.database.read() as tx:
        first, second = await tx.outbox.rows(kind="digest")
    assert first["person_id"] == second["person_id"] == district.btv
    assert first["key"] == f"digest:p{district.btv}:2026-W48"
    assert "Mô hình mới từ 16/11/2026: 2" in first["text"]
    assert "Mô hình mới từ 23/11/2026: 0" in second["text"]  # since the previous digest
