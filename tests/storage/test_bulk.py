"""Invites listed by who made them, and bulk rows inserted with clashes skipped."""

from __future__ import annotations

import datetime as dt

from domain.organisation import Role
from tests.support.scoped_world import seed
from tests.support.world import World


async def test_invites_are_listed_by_who_made_them_and_bulk_rows_go_in(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    async with pg_world.runtime.database.transaction() as tx:
        mine = await tx.accounts.create_invite(
            "ABCDEFGHJKMN", Role.SECRETARY, s.a2, None, None, now + dt.timedelta(days=1), now, s.lan
        )
        cli = await tx.accounts.create_invite(
            "ABCDEFGHJKMP", Role.SECRETARY, s.t4, None, None, now + dt.timedelta(days=1), now
        )
        assert [i.id for i in await tx.accounts.invites()] == [mine, cli]
        assert [i.id for i in await tx.accounts.invites(created_by=s.lan)] == [mine]
        assert await tx.accounts.invites(created_by=s.nam) == []
        row = {"id": 9001, "name": "Hàng loạt", "locale": "vi", "created_at": now}
        assert await tx.bulk.insert("person", [row], ["id"]) == 1
        assert await tx.bulk.insert("person", [row], ["id"]) == 0  # a clash is skipped
        person = await tx.accounts.person(9001)
        assert person is not None and person.name == "Hàng loạt"
