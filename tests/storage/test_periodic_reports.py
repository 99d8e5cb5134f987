"""The periodic reports read through a scope: the figures of a written report."""

from __future__ import annotations

import datetime as dt

from domain.scope import Scope
from storage.model_registry import DomainTotals
from storage.periodic_reports import PeriodTotals
from tests.support.scoped_world import PERIOD, YEAR, seed
from tests.support.world import World


async def test_the_figures_of_a_written_report(pg_world: World) -> None:
    s = await seed(pg_world)
    district = Scope(roots=(s.district,))
    async with pg_world.runtime.database.read() as tx:
        assert await tx.periodic_reports.period_totals(district, PERIOD) == PeriodTotals(1, 50, 0)
        assert await tx.periodic_reports.period_totals(
            Scope(roots=(s.t4,)), PERIOD
        ) == PeriodTotals(0, 0, 0)
        # the reported beneficiaries replace the registered ones; a rejected model is not counted
        assert await tx.periodic_reports.achieved_by_domain(district, YEAR, PERIOD) == {
            "economy": DomainTotals(1, 30, 50, 100),
            "culture_society": DomainTotals(1, 12, 0, 0),
        }
        everything = await tx.periodic_reports.achieved_by_domain(
            Scope(everything=True), YEAR, PERIOD
        )
        assert everything["economy"] == DomainTotals(2, 70, 50, 100)
        assert await tx.periodic_reports.summaries(district, PERIOD) == [(s.a1, "Tổng kết năm")]
        assert await tx.periodic_reports.summaries(Scope(units=(s.a2,)), PERIOD) == []


async def test_difficulties_and_recommendations_are_counted_and_the_newest_come_first(
    pg_world: World,
) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    later, earlier = now + dt.timedelta(hours=2), now - dt.timedelta(hours=2)
    async with pg_world.runtime.database.transaction() as tx:
        # Chi đoàn ấp 1 amends its report: its difficulty is now the newest
        await tx.periodic_reports.save(
            s.a2, PERIOD, "Ấp 2", [], s.nam, now, difficulties="Thiếu kinh phí"
        )
        await tx.periodic_reports.save(
            s.t4,
            PERIOD,
            "Thôn 4",
            [],
            s.thu,
            earlier,
            difficulties="Xa",
            recommendations="Hỗ trợ xe",
        )
        await tx.periodic_reports.save(
            s.a1, PERIOD, "Tổng kết năm", [], s.lan, later, difficulties="Mưa lũ kéo dài"
        )
    async with pg_world.runtime.database.read() as tx:
        district = await tx.periodic_reports.voices(Scope(roots=(s.district,)), PERIOD)
        everything = await tx.periodic_reports.voices(Scope(everything=True), PERIOD, newest=2)
        stored = await tx.periodic_reports.get(s.a1, PERIOD)
    assert (district.difficulties, district.recommendations) == (2, 0)
    assert [(v.unit_id, v.text) for v in district.newest_difficulties] == [
        (s.a1, "Mưa lũ kéo dài"),
        (s.a2, "Thiếu kinh phí"),
    ]
    assert district.newest_difficulties[0].unit_name == "Chi đoàn ấp 1"
    assert district.newest_recommendations == ()
    assert (everything.difficulties, everything.recommendations) == (3, 1)
    assert [v.text for v in everything.newest_difficulties] == ["Mưa lũ kéo dài", "Thiếu kinh phí"]
    assert [v.text for v in everything.newest_recommendations] == ["Hỗ trợ xe"]
    assert stored is not None and stored.difficulties == "Mưa lũ kéo dài"
    assert stored.recommendations is None


async def test_an_amendment_without_difficulties_clears_them(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    async with pg_world.runtime.database.transaction() as tx:
        await tx.periodic_reports.save(s.a2, PERIOD, "Ấp 2", [], s.nam, now, difficulties="Xa")
        await tx.periodic_reports.save(s.a2, PERIOD, "Ấp 2", [], s.nam, now)
    async with pg_world.runtime.database.read() as tx:
        voices = await tx.periodic_reports.voices(Scope(roots=(s.district,)), PERIOD)
    assert voices.difficulties == 0
