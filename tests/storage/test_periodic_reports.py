"""The periodic reports read through a scope: the figures of a written report."""

from __future__ import annotations

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
