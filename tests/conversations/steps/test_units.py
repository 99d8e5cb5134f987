"""The unit one acts for: among the units where the person holds a role of the running command."""

from __future__ import annotations

import pytest

from conversations.messages import Inbound
from conversations.steps.units import UNIT, acting_units, begin_with_unit, checked_unit
from conversations.turn import EngineConfig, Turn
from domain.errors import DvkError, NotAllowed
from domain.organisation import Role
from storage.db import Tx
from tests.support.world import World


async def _turn(world: World, tx: Tx, person_id: int, *roles: Role) -> Turn:
    person = await tx.accounts.person(person_id)
    inbound = Inbound(channel="console", chat_id="c", user_id="c")
    return Turn(tx, world.clock, EngineConfig(), inbound, person, roles=frozenset(roles))


async def test_the_units_follow_the_commands_roles(world: World) -> None:
    person = await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        commune = await tx.units.by_code("BP-DP-TL")
        assert commune is not None
        await tx.accounts.add_role(person, Role.BTV, commune.id, None, now)
    async with world.runtime.database.read() as tx:
        both = await _turn(world, tx, person, Role.SECRETARY, Role.BTV)
        assert [u.name for u in await acting_units(both)] == ["Chi đoàn ấp 1", "Đoàn xã Tân Lập"]
        assert await begin_with_unit(both) == {}  # two units: the question is asked
        assert UNIT.visible({}) and not UNIT.visible({"_single_unit": True})
        options = await UNIT.choices(both, {})
        assert [o.label for o in options] == ["Chi đoàn ấp 1", "Đoàn xã Tân Lập"]
        secretary = await _turn(world, tx, person, Role.SECRETARY)
        (unit,) = await acting_units(secretary)
        assert await begin_with_unit(secretary) == {"unit": str(unit.id), "_single_unit": True}
        assert (await checked_unit(secretary, {"unit": str(unit.id)})).name == "Chi đoàn ấp 1"
        with pytest.raises(NotAllowed):  # the commune is not a unit this command acts for
            await checked_unit(secretary, {"unit": str(commune.id)})
        none = await _turn(world, tx, person, Role.CLUSTER_LEAD)
        with pytest.raises(DvkError):
            await begin_with_unit(none)
