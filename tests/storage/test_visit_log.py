"""The visit log, on each backend: visits logged, read back by day, person and unit, changed only
in their own fields; who is assigned to and leads which cluster."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.organisation import Role
from storage.visit_log import VisitFields
from tests.support.world import World


async def test_visits_are_logged_read_and_changed(pg_world: World) -> None:
    world = pg_world
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        c1 = await tx.units.cluster_by_code("C1")
        district = await tx.units.by_code("BP-DP")
        tan_lap = await tx.units.by_code("BP-DP-TL")
        assert c1 is not None and district is not None and tan_lap is not None
        hoa = await tx.accounts.create_person("Lê Thị Hoa", "vi", now)
        await tx.accounts.add_role(hoa, Role.BTV, district.id, c1.id, now)
        lead = await tx.accounts.create_person("Cụm trưởng", "vi", now)
        await tx.accounts.add_role(lead, Role.CLUSTER_LEAD, None, c1.id, now)
        day = dt.date(2026, 11, 5)
        visit = await tx.visits.log(hoa, VisitFields(tan_lap.id, day, True, "Tốt", "Tiếp tục"), now)
        await tx.visits.update(visit, {"advice": "Thêm ảnh", "attended_meeting": False}, now)
        with pytest.raises(ValueError, match="not visit fields"):
            await tx.visits.update(visit, {"person_id": lead}, now)
    async with world.runtime.database.read() as tx:
        (found,) = await tx.visits.between(day, day, person_ids=[hoa], unit_ids=[tan_lap.id])
        assert await tx.visits.between(day, day, person_ids=[lead]) == []
        assert await tx.visits.between(day + dt.timedelta(days=1), dt.date(2026, 11, 30)) == []
        assert await tx.visits.assigned_clusters(hoa) == [c1.id]
        assert (
            await tx.visits.led_clusters(lead) == [c1.id]
            and await tx.visits.led_clusters(hoa) == []
        )
        assert [m.person_id for m in await tx.visits.members([c1.id])] == [hoa]
        units = await tx.visits.units_of_clusters([c1.id])
    assert (found.person_name, found.unit_name) == ("Lê Thị Hoa", "Đoàn xã Tân Lập")
    assert (found.fields.advice, found.fields.attended_meeting) == ("Thêm ảnh", False)
    assert sorted(u.code for u in units[c1.id]) == ["BP-DP-DT", "BP-DP-THPT", "BP-DP-TL"]
