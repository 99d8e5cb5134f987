"""Who has not met a deadline: registration, report and visit gaps, with their recipients."""

from __future__ import annotations

import datetime as dt

from domain.organisation import Role
from storage.visit_log import VisitFields
from tests.support.scoped_world import PERIOD, TARGETS, YEAR, seed, unit_id
from tests.support.world import World


async def test_the_gaps_of_registration_reports_and_visits(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    async with pg_world.runtime.database.transaction() as tx:
        gaps = [
            g
            async for g in tx.deadlines.registration_gaps(
                TARGETS, ["branch"], [Role.SECRETARY], YEAR
            )
        ]
        assert [(g.unit_id, g.progress, g.recipient.person_id) for g in gaps] == [(s.a2, 0, s.nam)]
        late = [g async for g in tx.deadlines.report_gaps(["branch"], [Role.SECRETARY], PERIOD)]
        assert [g.unit_id for g in late] == [s.a2]
        btv = await tx.accounts.create_person("Ủy viên", "vi", now)
        await tx.accounts.add_role(btv, Role.BTV, s.district, s.c2, now)
        await tx.accounts.bind("telegram", "600", "600", btv, None, now)
        month = now.date().replace(day=1)
        duc_lieu = await unit_id(tx, "BP-BD-DL")
        await tx.visits.log(btv, VisitFields(duc_lieu, month, True, "Tốt", "Tiếp tục"), now)
        (gap,) = await tx.deadlines.visit_gaps(month, now.date())
        # cluster 2 holds the two communes of Bù Đăng; Đức Liễu was visited this month
        assert gap.recipient.person_id == btv and gap.assigned == 2
        assert gap.missing == ("Đoàn xã Nghĩa Bình",)
        (october,) = await tx.deadlines.visit_gaps(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
        assert october.missing == ("Đoàn xã Đức Liễu", "Đoàn xã Nghĩa Bình")  # Vietnamese order


async def test_registration_gaps_follow_each_unit_s_own_targets(pg_world: World) -> None:
    """Ấp 1 (2 models: economy, culture) must now cover every domain; ấp 2 (none counted) has an
    own target of 0; thôn 4 (1 model) must register 2."""
    s = await seed(pg_world)
    await pg_world.import_units(
        "code,name,level,parent_code,cluster,target_models,target_per_domain\n"
        "BP-DP-TL-A1,Chi đoàn ấp 1,branch,BP-DP-TL,,,yes\n"
        "BP-DP-TL-A2,Chi đoàn ấp 2,branch,BP-DP-TL,,0,\n"
        "BP-BD-DL-T4,Chi đoàn thôn 4,branch,BP-BD-DL,,2,\n"
    )
    async with pg_world.runtime.database.transaction() as tx:
        gaps = [
            g
            async for g in tx.deadlines.registration_gaps(
                TARGETS, ["branch"], [Role.SECRETARY], YEAR
            )
        ]
    found = {g.unit_id: g for g in gaps}
    # thôn 4's secretary blocked the bot: no reachable account, so no reminder for it
    assert sorted(found) == [s.a1]
    gap = found[s.a1]
    assert gap.progress == 2 and gap.domains == {"economy", "culture_society"}
    assert gap.targets is not None and gap.targets.each_domain
    assert [d.value for d in gap.targets.missing_domains(gap.domains)] == [
        "defence_security",
        "political_system",
    ]
