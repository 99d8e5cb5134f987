"""The unit tree, on each backend: codes matched however typed, subtrees and scopes as sets, and
long id lists cut into short IN lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from domain.scope import Scope
from storage.org_import import import_units
from storage.units import chunked, normalize_code
from tests.support.world import World


def test_a_code_is_compared_upper_case_without_spaces_with_plain_hyphens() -> None:
    assert normalize_code(" bp - dp – tl\u200b") == "BP-DP-TL"
    assert normalize_code("") == ""
    assert [list(c) for c in chunked([1, 2, 3, 4, 5], 2)] == [[1, 2], [3, 4], [5]]


async def test_subtrees_and_scopes_are_sets_of_units(pg_world: World) -> None:
    async with pg_world.runtime.database.read() as tx:
        district = await tx.units.by_code("bp-dp")
        a1 = await tx.units.by_code("BP-DP-TL-A1 ")
        t4 = await tx.units.by_code("BP-BD-DL-T4")
        assert district is not None and a1 is not None and t4 is not None
        assert await tx.units.by_code("BP-XX") is None
        subtree = await tx.units.subtree_ids([district.id])
        assert len(subtree) == 8 and a1.id in subtree and t4.id not in subtree
        assert await tx.units.in_scope(Scope(everything=True)) is None
        assert await tx.units.in_scope(Scope()) == set()
        assert await tx.units.in_scope(Scope(roots=(district.id,))) == set(subtree)
        assert await tx.units.scope_contains(Scope(roots=(district.id,)), a1.id)
        assert not await tx.units.scope_contains(Scope(units=(a1.id,)), t4.id)
        assert (await tx.units.cluster_by_code(" c1 ")) is not None
        parents = await tx.units.codes_with_parents()
        assert parents["BP-DP-TL-A1"] == "BP-DP-TL" and parents["BP"] is None


def _units_file(world: World, name: str, *rows: str) -> Path:
    path = world.tmp_path / name
    header = "code,name,level,parent_code,cluster,moved_on\n"
    path.write_text(header + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


TAN_LAP = "BP-DP-TL,Đoàn xã Tân Lập,grassroots,{parent},C1,{day}"


async def test_a_move_writes_the_spells_and_the_tree_of_each_day(pg_world: World) -> None:
    db, now = pg_world.runtime.database, pg_world.clock.now()
    moved = _units_file(pg_world, "a.csv", TAN_LAP.format(parent="BP-BD", day="01/07/2026"))
    result = await import_units(db, moved, now)
    assert [(m.code, m.old_parent, m.new_parent, m.day) for m in result.moves] == [
        ("BP-DP-TL", "BP-DP", "BP-BD", dt.date(2026, 7, 1))
    ]
    async with db.read() as tx:
        tan_lap = await tx.units.existing("BP-DP-TL")
        dong_phu = await tx.units.existing("BP-DP")
        bu_dang = await tx.units.existing("BP-BD")
        assert tan_lap.parent_id == bu_dang.id  # today's tree
        spells = await tx.units.spells(tan_lap.id)
        assert [
            (s.parent.code if s.parent else None, s.valid_from, s.valid_to) for s in spells
        ] == [
            ("BP-DP", None, dt.date(2026, 7, 1)),
            ("BP-BD", dt.date(2026, 7, 1), None),
        ]
        assert await tx.units.spells(dong_phu.id) == []  # never moved
        assert await tx.units.last_moves(["bp-dp-tl", "BP-DP"]) == {"BP-DP-TL": dt.date(2026, 7, 1)}
        below = await tx.units.by_code("BP-DP-TL-A1")
        assert below is not None
        # the day before the move, Tân Lập and its two branches were in Đồng Phú
        before = await tx.units.subtree_ids([dong_phu.id], dt.date(2026, 6, 30))
        assert len(before) == 8 and tan_lap.id in before and below.id in before
        on_the_day = await tx.units.subtree_ids([dong_phu.id], dt.date(2026, 7, 1))
        assert on_the_day == await tx.units.subtree_ids([dong_phu.id]) and len(on_the_day) == 5
        assert len(await tx.units.subtree_ids([bu_dang.id], dt.date(2025, 12, 31))) == 5
        assert len(await tx.units.subtree_ids([bu_dang.id], dt.date(2026, 12, 31))) == 8
        assert (await tx.units.parent_on(tan_lap.id, dt.date(2026, 6, 30))) == dong_phu
        assert (await tx.units.parent_on(tan_lap.id, dt.date(2026, 7, 1))) == bu_dang
        assert (await tx.units.parent_on(dong_phu.id, dt.date(2020, 1, 1))) is not None

    # a second move ends the open spell; a third on the same day corrects it
    await import_units(
        db, _units_file(pg_world, "b.csv", TAN_LAP.format(parent="BP-DP", day="2026-10-01")), now
    )
    await import_units(
        db, _units_file(pg_world, "c.csv", TAN_LAP.format(parent="BP", day="01/10/2026")), now
    )
    async with db.read() as tx:
        spells = await tx.units.spells(tan_lap.id)
        assert [
            (s.parent.code if s.parent else None, s.valid_from, s.valid_to) for s in spells
        ] == [
            ("BP-DP", None, dt.date(2026, 7, 1)),
            ("BP-BD", dt.date(2026, 7, 1), dt.date(2026, 10, 1)),
            ("BP", dt.date(2026, 10, 1), None),
        ]
        assert len(await tx.units.subtree_ids([bu_dang.id], dt.date(2026, 9, 30))) == 8
        assert len(await tx.units.subtree_ids([bu_dang.id], dt.date(2026, 10, 1))) == 5
        scope = Scope(roots=(bu_dang.id,))
        assert await tx.units.in_scope(scope) == set(await tx.units.subtree_ids([bu_dang.id]))


async def test_a_past_day_when_two_units_were_each_others_parent_still_ends(
    pg_world: World,
) -> None:
    """Moves dated apart can make a loop on some past day; the walk of that day still ends."""
    db, now = pg_world.runtime.database, pg_world.clock.now()
    district = "{code},{name},district,{parent},,{day}"
    bu_dang = dict(code="BP-BD", name="Huyện Đoàn Bù Đăng")
    dong_phu = dict(code="BP-DP", name="Huyện Đoàn Đồng Phú")
    for name, row in [
        ("1.csv", district.format(**bu_dang, parent="BP-DP", day="01/03/2026")),
        ("2.csv", district.format(**bu_dang, parent="BP", day="01/05/2026")),
        ("3.csv", district.format(**dong_phu, parent="BP-BD", day="01/04/2026")),
    ]:
        await import_units(db, _units_file(pg_world, name, row), now)
    async with db.read() as tx:
        dp = await tx.units.existing("BP-DP")
        loop = await tx.units.subtree_ids([dp.id], dt.date(2026, 4, 15))
        assert len(loop) == 13  # both districts and everything below them, each once
