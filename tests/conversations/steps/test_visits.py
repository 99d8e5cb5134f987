"""The units a BTV member visits: those of their clusters."""

from __future__ import annotations

from conversations.messages import Inbound
from conversations.steps.visits import VISIT_STEPS, assigned_units
from conversations.turn import EngineConfig, Turn
from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def test_a_member_visits_the_units_of_their_cluster(world: World) -> None:
    chat = await Chat.joined(world, Role.BTV, "BP-DP", name="Trần Văn Bình", cluster="C1")
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("console", chat.chat_id)
        assert account is not None
        person = await tx.accounts.person(account.person_id)
        inbound = Inbound(channel="console", chat_id=chat.chat_id, user_id=chat.chat_id)
        turn = Turn(tx, world.clock, EngineConfig(), inbound, person)
        units = await assigned_units(turn)
    assert sorted(u.code for u in units) == ["BP-DP-DT", "BP-DP-THPT", "BP-DP-TL"]
    assert [s.field for s in VISIT_STEPS] == [
        "visit_date",
        "attended_meeting",
        "findings",
        "advice",
    ]
