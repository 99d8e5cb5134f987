"""Where a unit stands against its own targets: counted models (a rejected one is not), the
domains they cover, and the line the secretary reads, with or without a target."""

from __future__ import annotations

from domain.organisation import Role
from domain.registry import Status
from domain.scope import Scope
from domain.targets import LevelTargets, OwnTargets, Source, effective_targets
from locales import use_locale
from reports.coverage import (
    Standing,
    gathering_text,
    standing_text,
    standings,
    standings_of_units,
    targets_table,
    unit_standing,
)
from storage.records import ModelFields
from tests.support.world import World

DEFAULTS = LevelTargets({"grassroots": 2})


def _fields(name: str, domain: str = "economy") -> ModelFields:
    return ModelFields(name, "collective", "Chi đoàn", None, None, None, domain, 10)


async def test_a_unit_stands_by_its_counted_models_against_its_target(world: World) -> None:
    person = await world.bind_telegram(501, "BP-DP-TL", role=Role.SECRETARY)
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL")
        assert unit is not None
        kept = await tx.models.create(unit.id, 2026, _fields("Đường hoa"), person, now)
        gone = await tx.models.create(unit.id, 2026, _fields("Trùng lặp"), person, now)
        await tx.appraisals.set_status(gone, Status.REJECTED, None, now, "trùng")
        standing = await unit_standing(tx, unit, 2026, DEFAULTS)
        free = await unit_standing(tx, unit, 2026, LevelTargets({}))
    assert kept and (standing.registered, standing.target, standing.met) == (1, 2, False)
    assert free.target is None and free.met
    with use_locale("vi"):
        assert standing_text(standing) == (
            "Đoàn xã Tân Lập đã đăng ký 1/2 mô hình năm 2026: còn thiếu 1 mô hình để đạt chỉ tiêu."
        )
        met = Standing(unit, 2026, 2, effective_targets(unit.level, unit.targets, DEFAULTS))
        assert (
            standing_text(met) == "Đoàn xã Tân Lập đã đăng ký 2/2 mô hình năm 2026: đạt chỉ tiêu ✅"
        )


async def test_own_targets_and_missing_domains(world: World) -> None:
    """Tân Lập must register 3 and cover every domain (its own targets); Đồng Tiến has the
    level's 2; the branches have none; Tân Lập's models cover economy and defence only."""
    person = await world.bind_telegram(501, "BP-DP-TL", role=Role.SECRETARY)
    now = world.clock.now()
    await world.import_units(
        "code,name,level,parent_code,cluster,target_models,target_per_domain,target_gathering_pct\n"
        "BP-DP-TL,Đoàn xã Tân Lập,grassroots,BP-DP,C1,3,có,85\n"
    )
    async with world.runtime.database.transaction() as tx:
        tan_lap = await tx.units.existing("BP-DP-TL")
        dong_tien = await tx.units.existing("BP-DP-DT")
        district = await tx.units.existing("BP-DP")
        for name, domain in [("A", "economy"), ("B", "economy"), ("C", "defence_security")]:
            await tx.models.create(tan_lap.id, 2026, _fields(name, domain), person, now)
        await tx.models.create(dong_tien.id, 2026, _fields("D"), person, now)
        await tx.models.create(dong_tien.id, 2026, _fields("E", "culture_society"), person, now)
        found = {
            s.unit.code: s for s in await standings(tx, Scope(roots=(district.id,)), 2026, DEFAULTS)
        }
        (only,) = await standings_of_units(tx, [tan_lap.id], 2026, DEFAULTS)
    # the units with a target: the three communes (the branches have none by default)
    assert sorted(found) == ["BP-DP-DT", "BP-DP-THPT", "BP-DP-TL"]
    tl = found["BP-DP-TL"]
    assert (tl.registered, tl.target, tl.met) == (3, 3, False)
    assert [d.value for d in tl.missing_domains] == ["culture_society", "political_system"]
    assert tl.targets.models.source is Source.UNIT and tl.targets.gathering_pct.value == 85
    assert found["BP-DP-DT"].met and found["BP-DP-DT"].targets.models.source is Source.LEVEL
    assert (found["BP-DP-THPT"].registered, found["BP-DP-THPT"].met) == (0, False)
    assert only == tl
    with use_locale("vi"):
        assert standing_text(tl) == (
            "Đoàn xã Tân Lập đã đăng ký 3/3 mô hình năm 2026.\n"
            "Lĩnh vực chưa có mô hình: Văn hóa – xã hội, Xây dựng hệ thống chính trị."
        )
        assert gathering_text(tl.targets) == "Chỉ tiêu tỷ lệ tập hợp thanh niên: 85%"
    with use_locale("en"):
        assert standing_text(found["BP-DP-DT"]) == (
            "Đoàn xã Đồng Tiến has registered 2/2 models in 2026: target met ✅"
        )


def test_the_targets_table_names_each_source() -> None:
    from storage.records import UnitRecord

    units = [
        UnitRecord(1, "G", "Đoàn xã A", "grassroots", None, None, OwnTargets(4, None, None)),
        UnitRecord(2, "B", "Chi đoàn B", "branch", 1, None, OwnTargets(None, True, 90)),
    ]
    defaults = LevelTargets({"grassroots": 2, "branch": 1}, {}, {"grassroots": 80})
    with use_locale("en"):
        lines = targets_table(units, defaults)
    assert lines[0].split() == ["Code", "Unit", "Models", "a", "year", "Each", "domain",
                                "Gathering", "rate", "%"]  # fmt: skip
    assert "4 (the unit's own)" in lines[1] and "— (none set)" in lines[1]
    assert "80 (level default)" in lines[1]
    assert lines[2].startswith("B") and "  Chi đoàn B" in lines[2]
    assert "1 (level default)" in lines[2] and "yes (the unit's own)" in lines[2]
    assert "90 (the unit's own)" in lines[2]
