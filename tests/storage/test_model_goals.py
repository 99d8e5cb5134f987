"""Goals of models, the progress reports give on them, and pilot models, on every backend."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from domain.goals import Goal
from domain.scope import Scope
from storage.periodic_reports import EntryFields
from tests.support.scoped_world import PERIOD, YEAR, seed
from tests.support.world import World

H1 = f"{YEAR}-h1"
CHILDREN, HOUSES = Goal(Decimal(3000), "trẻ em"), Goal(Decimal(90), "căn nhà")


async def test_goals_are_edited_in_place_and_the_history_says_so(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    async with pg_world.runtime.database.transaction() as tx:
        assert await tx.goals.set_goals(s.road, [CHILDREN, HOUSES], s.lan, now)
        assert not await tx.goals.set_goals(s.road, [CHILDREN, HOUSES], s.lan, now)
        (first, second) = (await tx.goals.of_models([s.road]))[s.road]
        entry = (await tx.periodic_reports.get(s.a1, PERIOD)).entries[0]  # type: ignore[union-attr]
        await tx.goals.save_progress(entry.id, {first.id: Decimal(1200), second.id: Decimal(9)})
        # the first goal changes its quantity (and keeps its progress); the second goes
        assert await tx.goals.set_goals(s.road, [Goal(Decimal("3.6"), "tỷ đồng")], s.lan, now)
    async with pg_world.runtime.database.read() as tx:
        (kept,) = (await tx.goals.of_models([s.road, s.lights]))[s.road]
        assert kept.id == first.id and kept.goal == Goal(Decimal("3.6"), "tỷ đồng")
        assert await tx.goals.achieved([first.id, second.id]) == {first.id: Decimal(1200)}
        assert (await tx.models.changes(s.road))[-1] == (
            "goals",
            "3000 trẻ em; 90 căn nhà",
            "3.6 tỷ đồng",
            s.lan,
        )


async def test_progress_is_the_latest_value_up_to_the_period(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    async with pg_world.runtime.database.transaction() as tx:
        await tx.goals.set_goals(s.road, [CHILDREN, HOUSES], s.lan, now)
        await tx.goals.set_goals(s.far, [Goal(Decimal(9), "tuyến đường")], s.thu, now)
        await tx.goals.set_goals(s.rejected, [Goal(Decimal(5), "cây cầu")], s.nam, now)
        goals = await tx.goals.of_models([s.road, s.far])
        children, houses = goals[s.road]
        (roads,) = goals[s.far]
        _r, h1_entries, _new = await tx.periodic_reports.save(
            s.a1, H1, "Sáu tháng", [EntryFields(s.road, "Nửa đường")], s.lan, now
        )
        await tx.goals.save_progress(
            h1_entries[s.road], {children.id: Decimal(1200), houses.id: Decimal(30)}
        )
        annual = (await tx.periodic_reports.get(s.a1, PERIOD)).entries[0]  # type: ignore[union-attr]
        # the annual report gives only the children: the houses keep the 6-month value
        await tx.goals.save_progress(annual.id, {children.id: Decimal(2400), roads.id: Decimal(1)})
    async with pg_world.runtime.database.read() as tx:
        district = Scope(roots=(s.district,))
        annual_progress = await tx.goals.progress_in_scope(district, YEAR, PERIOD)
        assert [(p.model_name, p.goal.goal.unit, p.achieved) for p in annual_progress] == [
            ("Tuyến đường hoa", "trẻ em", Decimal(2400)),
            ("Tuyến đường hoa", "căn nhà", Decimal(30)),
        ]  # the rejected model's goal is not counted; the goal of another model is ignored
        h1_progress = await tx.goals.progress_in_scope(district, YEAR, H1)
        assert [p.achieved for p in h1_progress] == [Decimal(1200), Decimal(30)]
        everything = await tx.goals.progress_in_scope(Scope(everything=True), YEAR)
        assert (everything[0].unit_name, everything[0].achieved) == ("Chi đoàn thôn 4", None)
        assert await tx.goals.progress_of_report(s.a1, PERIOD) == {children.id: Decimal(2400)}
        assert await tx.goals.progress_of_report(s.a1, H1) == {
            children.id: Decimal(1200),
            houses.id: Decimal(30),
        }


async def test_pilots_are_marked_and_unmarked_with_who_and_when(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    later = now + dt.timedelta(hours=1)
    async with pg_world.runtime.database.transaction() as tx:
        assert await tx.goals.mark_pilot(s.road, s.district, s.lan, now)
        assert not await tx.goals.mark_pilot(s.road, s.district, s.lan, now)
        assert await tx.goals.mark_pilot(s.lights, s.district, s.lan, now)
        assert await tx.goals.mark_pilot(s.far, s.t4, s.thu, now)
        assert await tx.goals.unmark_pilot(s.lights, s.district, s.nam, later)
        assert not await tx.goals.unmark_pilot(s.lights, s.district, s.nam, later)
    async with pg_world.runtime.database.read() as tx:
        (pilot,) = await tx.goals.pilots(Scope(roots=(s.district,)), YEAR)
        assert (pilot.model_name, pilot.pilot_unit_id, pilot.marked_by) == (
            "Tuyến đường hoa",
            s.district,
            s.lan,
        )
        assert pilot.marked_at == now and pilot.model_unit_name == "Chi đoàn ấp 1"
        assert [p.model_id for p in await tx.goals.pilots(None, YEAR, of_unit=s.t4)] == [s.far]
        assert await tx.goals.pilots(None, YEAR - 1) == []
        assert await tx.goals.pilot_units([s.road, s.lights]) == {s.road: [s.district]}
    async with pg_world.runtime.database.transaction() as tx:  # marked again
        assert await tx.goals.mark_pilot(s.lights, s.district, s.thu, later)
    async with pg_world.runtime.database.read() as tx:
        marked = await tx.goals.pilots(None, YEAR, of_unit=s.district)
        assert {p.model_id: p.marked_by for p in marked} == {s.road: s.lan, s.lights: s.thu}
