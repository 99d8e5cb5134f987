"""The small world the storage tests read through a scope, on every backend.

One small world serves them all: in the district of Đồng Phú, Chi đoàn ấp 1 has two models of
2026 (one with a photo and a report) and one of 2025, Chi đoàn ấp 2 a rejected model; in Bù Đăng,
Chi đoàn thôn 4 has one model. Each branch has a secretary; thôn 4's has blocked the bot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.registry import Status
from domain.targets import LevelTargets
from storage.db import Tx
from storage.periodic_reports import EntryFields
from storage.records import ModelFields, PhotoLink
from tests.support.world import World

YEAR = 2026
PERIOD = "2026-annual"
TARGETS = LevelTargets({"branch": 1, "grassroots": 2})
SHA = "ab" * 32


@dataclass(frozen=True, slots=True)
class Seeded:
    """Ids of what :func:`seed` made."""

    district: int
    tan_lap: int
    a1: int
    a2: int
    t4: int
    c2: int
    lan: int
    nam: int
    thu: int
    road: int
    lights: int
    old: int
    rejected: int
    far: int
    before: dt.datetime


def fields(name: str, domain: str, participants: int, **more: int) -> ModelFields:
    return ModelFields(
        name, "collective", "Chi đoàn", None, None, None, domain, participants, **more
    )


async def unit_id(tx: Tx, code: str) -> int:
    """The id of the unit with this code."""
    unit = await tx.units.by_code(code)
    assert unit is not None
    return unit.id


async def seed(world: World) -> Seeded:
    lan = await world.bind_telegram(501, "BP-DP-TL-A1")
    nam = await world.bind_telegram(502, "BP-DP-TL-A2")
    thu = await world.bind_telegram(504, "BP-BD-DL-T4")
    now = world.clock.now()
    before = now - dt.timedelta(days=1)
    async with world.runtime.database.transaction() as tx:
        district, tan_lap = await unit_id(tx, "BP-DP"), await unit_id(tx, "BP-DP-TL")
        a1, a2 = await unit_id(tx, "BP-DP-TL-A1"), await unit_id(tx, "BP-DP-TL-A2")
        t4 = await unit_id(tx, "BP-BD-DL-T4")
        c2 = await tx.units.cluster_by_code("C2")
        assert c2 is not None
        road = await tx.models.create(
            a1,
            YEAR,
            fields("Tuyến đường hoa", "economy", 30, beneficiaries=5, money_vnd=100),
            lan,
            now,
        )
        lights = await tx.models.create(
            a1, YEAR, fields("Thắp sáng đường quê", "culture_society", 12), lan, now
        )
        old = await tx.models.create(a1, YEAR - 1, fields("Mô hình cũ", "economy", 9), lan, before)
        rejected = await tx.models.create(a2, YEAR, fields("Bị từ chối", "economy", 50), nam, now)
        await tx.appraisals.set_status(rejected, Status.REJECTED, None, now, "trùng")
        far = await tx.models.create(t4, YEAR, fields("Bon xanh", "economy", 40), thu, now)
        photo = PhotoLink(SHA, 10, 4, 3, "image/jpeg", "ảnh", now)
        await tx.models.link_photos([photo], lan, now, model_id=road)
        await tx.periodic_reports.save(
            a1, PERIOD, "Tổng kết năm", [EntryFields(road, "Xong", beneficiaries=50)], lan, now
        )
        blocked = await tx.accounts.account("telegram", "504")
        assert blocked is not None
        await tx.accounts.mark_unreachable(blocked.id, now)
    return Seeded(
        district, tan_lap, a1, a2, t4, c2.id, lan, nam, thu, road, lights, old, rejected, far,
        before,
    )  # fmt: skip
