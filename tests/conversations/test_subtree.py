"""What a standing-committee member administers: their units, a unit typed by code or name
inside their subtree only, and the clusters wholly inside it."""

from __future__ import annotations

import pytest

from conversations.messages import Inbound
from conversations.subtree import committee_clusters, committee_units, resolve_unit
from conversations.turn import EngineConfig, Turn
from domain.errors import InvalidInput
from domain.organisation import Role
from tests.support.world import World


async def test_a_district_member_administers_their_subtree_only(world: World) -> None:
    person_id = await world.bind_telegram(501, "BP-DP", Role.BTV)
    async with world.runtime.database.read() as tx:
        person = await tx.accounts.person(person_id)
        inbound = Inbound(channel="telegram", chat_id="501", user_id="501")
        turn = Turn(tx, world.clock, EngineConfig(), inbound, person)
        assert [u.name for u in await committee_units(turn)] == ["Huyện Đoàn Đồng Phú"]
        assert (await resolve_unit(turn, " bp-dp-tl-a2 ")).name == "Chi đoàn ấp 2"
        assert (await resolve_unit(turn, "Huyện Đoàn Đồng Phú")).code == "BP-DP"  # a suggestion
        with pytest.raises(InvalidInput):
            await resolve_unit(turn, "BP-BD-DL-T4")  # Bù Đăng: another district
        assert [c.code for c in await committee_clusters(turn)] == ["C1"]  # C2 lies in Bù Đăng
