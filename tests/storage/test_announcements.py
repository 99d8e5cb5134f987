"""The queries behind /invite and /announce, on every backend: units without a secretary, the
secretaries an announcement reaches, and bulk invites with who made them."""

from __future__ import annotations

import datetime as dt

from domain.organisation import Role
from domain.scope import Scope
from storage.accounts import normalize_code
from storage.invites import issue_unit_invites
from tests.support.world import World


async def test_units_without_a_secretary_and_the_audience_of_a_subtree(pg_world: World) -> None:
    world = pg_world
    lan = await world.bind_telegram(501, "BP-DP-TL-A1")
    await world.bind_telegram(502, "BP-DP-TL-A2")
    await world.bind_telegram(504, "BP-BD-DL-T4")
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        district = await tx.units.by_code("BP-DP")
        second = await tx.units.by_code("BP-DP-TL-A2")
        assert district is not None and second is not None
        await tx.accounts.add_role(lan, Role.SECRETARY, second.id, None, now)
        blocked = await tx.accounts.account("telegram", "504")
        assert blocked is not None
        await tx.accounts.mark_unreachable(blocked.id, now)
        scope = Scope(roots=(district.id,))
        made = await issue_unit_invites(
            tx,
            level="branch",
            scope=scope,
            expires_at=now + dt.timedelta(days=14),
            now=now,
            created_by=lan,
        )
        assert [m.unit.code for m in made] == ["BP-DP-DT-TH", "BP-DP-THPT-12A1"]
        assert {m.invite.created_by for m in made} == {lan}
        for m in made:  # each code opens the invite of its own unit
            found = await tx.accounts.invite_for_code(normalize_code(m.code))
            assert found == m.invite and found.unit_id == m.unit.id
        audience = await tx.announcements.audience(scope)
        # Lan holds two branches: reached once; Bù Đăng is outside the district.
        assert sorted(r.chat_id for r in audience.recipients) == ["501", "502"]
        assert audience.unreachable == 0
        everyone = await tx.announcements.audience(Scope(everything=True), "branch")
        assert len(everyone.recipients) == 2 and everyone.unreachable == 1
        assert await tx.announcements.levels_with_secretaries(scope) == ["branch"]
