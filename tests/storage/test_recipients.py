"""The reachable recipients of people and of role holders (a blocked account is left out)."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.scoped_world import seed
from tests.support.world import World


async def test_the_reachable_recipients_of_people_and_of_role_holders(pg_world: World) -> None:
    s = await seed(pg_world)
    async with pg_world.runtime.database.transaction() as tx:
        found = await tx.recipients.of([s.lan, s.nam, s.thu])
        assert sorted(found) == [s.lan, s.nam]  # thu's only account blocked the bot
        assert found[s.lan].chat_id == "501" and found[s.lan].locale == "vi"
        assert await tx.recipients.of([]) == {}
        holders = await tx.recipients.holding(Role.SECRETARY, [s.a1, s.t4])
        assert [(unit, r.person_id) for unit, r in holders] == [(s.a1, s.lan)]
        assert len(await tx.recipients.holding(Role.SECRETARY)) == 2
