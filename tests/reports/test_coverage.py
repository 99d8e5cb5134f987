"""Where a unit stands against its target: counted models (a rejected one is not), and the line
the secretary reads, with or without a target."""

from __future__ import annotations

from domain.organisation import Role
from domain.registry import Status
from locales import use_locale
from reports.coverage import Standing, standing_text, unit_standing
from storage.records import ModelFields
from tests.support.world import World


def _fields(name: str) -> ModelFields:
    return ModelFields(name, "collective", "Chi đoàn", None, None, None, "economy", 10)


async def test_a_unit_stands_by_its_counted_models_against_its_target(world: World) -> None:
    person = await world.bind_telegram(501, "BP-DP-TL", role=Role.SECRETARY)
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL")
        assert unit is not None
        kept = await tx.models.create(unit.id, 2026, _fields("Đường hoa"), person, now)
        gone = await tx.models.create(unit.id, 2026, _fields("Trùng lặp"), person, now)
        await tx.appraisals.set_status(gone, Status.REJECTED, None, now, "trùng")
        standing = await unit_standing(tx, unit, 2026, {"grassroots": 2})
        free = await unit_standing(tx, unit, 2026, {})
    assert kept and (standing.registered, standing.target, standing.met) == (1, 2, False)
    assert free.target is None and free.met
    with use_locale("vi"):
        assert standing_text(standing) == (
            "Đoàn xã Tân Lập đã đăng ký 1/2 mô hình năm 2026: còn thiếu 1 mô hình để đạt chỉ tiêu."
        )
        met = Standing(unit, 2026, 2, 2)
        assert (
            standing_text(met) == "Đoàn xã Tân Lập đã đăng ký 2/2 mô hình năm 2026: đạt chỉ tiêu ✅"
        )
