"""The month-end visit summaries: once a month, to every lead and member of each cluster."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.jobs.visit_summaries import month_end_summaries
from tests.e2e.test_visits import cluster_c1
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_at_the_months_end_the_lead_and_the_members_get_the_summary(world: World) -> None:
    people = await cluster_c1(world)
    end = dt.datetime(2026, 11, 30, 11, tzinfo=dt.UTC)  # 18:00 in Hà Nội
    assert await month_end_summaries(world.runtime.database, end, HCM) == 4
    assert await month_end_summaries(world.runtime.database, end, HCM) == 0  # once only
    async with world.runtime.database.read() as tx:
        rows = await tx.outbox.rows(kind="summary")
    to = {row["person_id"]: row["text"] for row in rows}
    assert set(to) == {people["lead"], people["hoa"], people["binh"], people["lead2"]}
    assert to[people["lead"]].startswith("Tổng hợp đi cơ sở trong tháng\n🗓 Cụm thi đua số 1")
    assert to[people["hoa"]] == to[people["lead"]]
    assert "Chưa có ủy viên BTV nào được phân công" in to[people["lead2"]]
