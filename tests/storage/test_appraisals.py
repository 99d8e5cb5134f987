"""Appraisals, nominees and the units of a mixed scope."""

from __future__ import annotations

from domain.registry import Status
from domain.scope import Scope
from tests.support.scoped_world import seed, unit_id
from tests.support.world import World


async def test_appraisals_and_invites_in_a_scope(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    district = Scope(roots=(s.district,))
    async with pg_world.runtime.database.transaction() as tx:
        waiting = await tx.appraisals.models_with_status(district, [Status.REGISTERED.value])
        assert [m.id for m in waiting] == [s.old, s.road, s.lights]
        everywhere = await tx.appraisals.models_with_status(
            Scope(everything=True), [Status.REGISTERED.value], limit=2
        )
        assert [m.id for m in everywhere] == [s.old, s.road]
        await tx.appraisals.set_status(s.road, Status.RECOGNISED, None, now)
        await tx.appraisals.set_status(s.far, Status.RECOGNISED, None, now)
        assert await tx.appraisals.nominate(s.road, 1, s.lan, now)
        assert await tx.appraisals.nominate(s.far, 1, s.lan, now)
        assert [m.id for m in await tx.appraisals.nominees(district, 1)] == [s.road]
        assert len(await tx.appraisals.nominees(Scope(everything=True), 1)) == 2
        assert await tx.appraisals.nominees(district, 2) == []
        # a subtree, a single unit and a cluster: the union of the three
        mixed = Scope(roots=(s.t4,), units=(s.a1,), clusters=(s.c2,))
        communes = {await unit_id(tx, "BP-BD-DL"), await unit_id(tx, "BP-BD-NB")}
        assert await tx.units.in_scope(mixed) == {s.t4, s.a1, *communes}
        assert {m.id for m in await tx.appraisals.nominees(mixed, 1)} == {s.road, s.far}
        assert await tx.appraisals.nominees(Scope(clusters=(s.c2,)), 1) == []
        without = await tx.accounts.units_without_secretary("branch", district)
        assert [u.code for u in without] == ["BP-DP-DT-TH", "BP-DP-THPT-12A1"]
        assert await tx.accounts.units_without_secretary("branch", Scope()) == []
