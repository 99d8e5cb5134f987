"""The figures of a digest, read through a scope."""

from __future__ import annotations

import datetime as dt

from domain.scope import Scope
from storage.db import Tx
from storage.model_registry import DomainTotals
from tests.support.moved_unit import move_tan_lap
from tests.support.scoped_world import PERIOD, TARGETS, YEAR, seed
from tests.support.world import World


async def test_the_figures_of_a_digest(pg_world: World) -> None:
    s = await seed(pg_world)
    district = Scope(roots=(s.district,))
    async with pg_world.runtime.database.transaction() as tx:
        progress = await tx.digest.target_progress(Scope(roots=(s.tan_lap,)), YEAR)
        # ấp 2's only model was rejected; Tân Lập itself has none
        assert sorted((p.unit.name, p.registered, p.unit.level) for p in progress) == [
            ("Chi đoàn ấp 1", 2, "branch"),
            ("Chi đoàn ấp 2", 0, "branch"),
            ("Đoàn xã Tân Lập", 0, "grassroots"),
        ]
        done = dict(await tx.digest.report_progress(district, ["branch"], PERIOD))
        assert done["Chi đoàn ấp 1"] and not done["Chi đoàn ấp 2"] and "Chi đoàn thôn 4" not in done
        since = s.before + dt.timedelta(hours=1)
        assert await tx.digest.new_models_by_domain(district, since) == {
            "economy": 2,
            "culture_society": 1,
        }
        assert await tx.digest.new_photos(district, since) == 1
        assert await tx.digest.new_photos(Scope(roots=(s.t4,)), since) == 0
        assert await tx.digest.unreachable_accounts(district) == 0
        assert await tx.digest.unreachable_accounts(Scope(everything=True)) == 1
        assert await tx.digest.last_sent(s.lan) is None
        await tx.digest.record_sent(s.lan, s.before)
        await tx.digest.record_sent(s.lan, since)
        assert await tx.digest.last_sent(s.lan) == since


async def test_the_coverage_matrix_counts_each_subtree_by_domain(pg_world: World) -> None:
    s = await seed(pg_world)
    async with pg_world.runtime.database.read() as tx:
        district = await tx.digest.domain_matrix(Scope(roots=(s.district,)), YEAR)
        commune = await tx.digest.domain_matrix(Scope(roots=(s.tan_lap,)), YEAR)
        leaf = await tx.digest.domain_matrix(Scope(roots=(s.a1,)), None)
        everything = await tx.digest.domain_matrix(Scope(everything=True), YEAR)
    # Đồng Phú's three communes: Tân Lập's subtree holds ấp 1's two models of 2026
    assert {p.unit.code: dict(p.by_domain) for p in district} == {
        "BP-DP-TL": {"economy": 1, "culture_society": 1},
        "BP-DP-DT": {},
        "BP-DP-THPT": {},
    }
    assert {p.unit.code: p.registered for p in commune} == {"BP-DP-TL-A1": 2, "BP-DP-TL-A2": 0}
    # a leaf at the top is a row of its own; every year: the 2025 model too
    assert [(p.unit.code, p.registered, p.domains) for p in leaf] == [
        ("BP-DP-TL-A1", 3, frozenset({"economy", "culture_society"}))
    ]
    # the whole organisation: the districts below the province
    assert {p.unit.code: p.registered for p in everything} == {"BP-DP": 2, "BP-BD": 1}


async def _progress(tx: Tx, scope: Scope, year: int) -> set[tuple[str, int, int]]:
    """(unit name, models counted, level target) of the units with a target by level."""
    found = await tx.digest.target_progress(scope, year)
    return {
        (p.unit.name, p.registered, TARGETS.models[p.unit.level])
        for p in found
        if TARGETS.models.get(p.unit.level)
    }


async def test_a_moved_unit_counts_under_its_old_parent_last_year_and_its_new_one_now(
    pg_world: World,
) -> None:
    moved = await move_tan_lap(pg_world)
    dong_phu, bu_dang = Scope(roots=(moved.dong_phu,)), Scope(roots=(moved.bu_dang,))
    async with pg_world.runtime.database.read() as tx:
        # 2025 follows the tree of 31/12/2025: Tân Lập and its branches are in Đồng Phú
        assert await _progress(tx, dong_phu, 2025) == {
            ("Chi đoàn ấp 1", 1, 1),
            ("Chi đoàn ấp 2", 0, 1),
            ("Chi đoàn ấp Thuận Hòa", 0, 1),
            ("Chi đoàn lớp 12A1", 0, 1),
            ("Đoàn trường THPT Đồng Phú", 0, 2),
            ("Đoàn xã Tân Lập", 1, 2),
            ("Đoàn xã Đồng Tiến", 1, 2),
        }
        assert await _progress(tx, bu_dang, 2025) == {
            ("Chi đoàn bon Bù Khơn", 0, 1),
            ("Chi đoàn thôn 4", 0, 1),
            ("Đoàn xã Nghĩa Bình", 0, 2),
            ("Đoàn xã Đức Liễu", 0, 2),
        }
        # 2026 follows today's tree: Tân Lập is in Bù Đăng
        assert await _progress(tx, bu_dang, 2026) == {
            ("Chi đoàn ấp 1", 0, 1),
            ("Chi đoàn ấp 2", 1, 1),
            ("Chi đoàn bon Bù Khơn", 0, 1),
            ("Chi đoàn thôn 4", 1, 1),
            ("Đoàn xã Nghĩa Bình", 0, 2),
            ("Đoàn xã Tân Lập", 0, 2),
            ("Đoàn xã Đức Liễu", 0, 2),
        }
        assert len(await _progress(tx, dong_phu, 2026)) == 4
        reported = dict(await tx.digest.report_progress(dong_phu, ["branch"], "2025-annual"))
        assert reported == {
            "Chi đoàn ấp 1": True,
            "Chi đoàn ấp 2": False,
            "Chi đoàn ấp Thuận Hòa": False,
            "Chi đoàn lớp 12A1": False,
        }
        reports = tx.periodic_reports
        assert await reports.achieved_by_domain(dong_phu, 2025, "2025-annual") == {
            "economy": DomainTotals(2, 22, 390, 22_000_000),
            "culture_society": DomainTotals(1, 8, 50, 4_000_000),
        }
        assert await reports.achieved_by_domain(bu_dang, 2025, "2025-annual") == {}
        assert await reports.achieved_by_domain(dong_phu, 2026, "2026-annual") == {}
        assert await reports.achieved_by_domain(bu_dang, 2026, "2026-annual") == {
            "economy": DomainTotals(1, 5, 25, 1_000_000),
            "culture_society": DomainTotals(1, 6, 30, 3_000_000),
        }
        assert (await reports.period_totals(dong_phu, "2025-annual")).reports == 2
        assert (await reports.period_totals(bu_dang, "2025-annual")).reports == 0
        assert (await reports.period_totals(dong_phu, "2026-annual")).reports == 0
        assert (await reports.period_totals(bu_dang, "2026-annual")).reports == 1
        assert len(await reports.summaries(dong_phu, "2025-annual")) == 2
        # the exports of a year: the registry and its summary sheet
        names_2025 = [row.model.fields.name async for row in tx.models.registry(dong_phu, 2025)]
        assert sorted(names_2025) == ["Cầu tre", "Sân chơi", "Đèn đường"]
        assert [row.model.fields.name async for row in tx.models.registry(dong_phu, 2026)] == []
        counts = await tx.models.counts_by_unit_and_domain(bu_dang, 2026)
        assert sorted(counts) == [
            ("BP-BD-DL-T4", "Chi đoàn thôn 4", "culture_society", 1),
            ("BP-DP-TL-A2", "Chi đoàn ấp 2", "economy", 1),
        ]
        # what a BTV member may see follows today's tree, whatever the year
        visible = await tx.units.in_scope(dong_phu)
        assert visible is not None and moved.tan_lap not in visible


async def test_the_coverage_matrix_follows_the_tree_of_the_year(pg_world: World) -> None:
    moved = await move_tan_lap(pg_world)
    dong_phu, bu_dang = Scope(roots=(moved.dong_phu,)), Scope(roots=(moved.bu_dang,))
    async with pg_world.runtime.database.read() as tx:
        last_year = await tx.digest.domain_matrix(dong_phu, 2025)
        this_year = await tx.digest.domain_matrix(bu_dang, 2026)
        before = await tx.digest.domain_matrix(bu_dang, 2025)
    # 2025: Tân Lập (with ấp 1's Đèn đường and its own Sân chơi) is a commune of Đồng Phú
    assert {p.unit.code: dict(p.by_domain) for p in last_year} == {
        "BP-DP-TL": {"economy": 1, "culture_society": 1},
        "BP-DP-DT": {"economy": 1},
        "BP-DP-THPT": {},
    }
    assert "BP-DP-TL" not in {p.unit.code for p in before}
    # 2026: it is one of Bù Đăng's, with ấp 2's Vườn rau
    assert {p.unit.code: dict(p.by_domain) for p in this_year} == {
        "BP-DP-TL": {"economy": 1},
        "BP-BD-DL": {"culture_society": 1},
        "BP-BD-NB": {},
    }
