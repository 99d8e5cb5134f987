"""Showcase marks and replications on every backend: what may be replicated, how often each
model is replicated, the showcased models of a subtree with their first photos, the audit trail
of a mark, the replications of a period, and the registry's "replication of"."""

from __future__ import annotations

import datetime as dt

from domain.organisation import Role
from domain.registry import Status
from domain.scope import Scope
from storage.records import PhotoLink
from storage.spreading import SHOWCASED
from tests.support.scoped_world import unit_id
from tests.support.seed import fields
from tests.support.world import World

DAY = dt.timedelta(days=1)


async def test_replications_and_showcase_marks(pg_world: World) -> None:
    world = pg_world
    now = world.clock.now()
    btv = await world.bind_telegram(599, "BP-DP", Role.BTV)
    async with world.runtime.database.transaction() as tx:
        a1, a2 = await unit_id(tx, "BP-DP-TL-A1"), await unit_id(tx, "BP-DP-TL-A2")
        t4, district = await unit_id(tx, "BP-BD-DL-T4"), await unit_id(tx, "BP-DP")
        bd = await unit_id(tx, "BP-BD")

        async def model(unit: int, name: str, ago: int, status: Status, **more: int) -> int:
            model_id = await tx.models.create(
                unit, 2026, fields(name, "economy"), btv, now - ago * DAY, **more
            )
            if status is not Status.REGISTERED:
                await tx.appraisals.set_status(model_id, status, btv, now - ago * DAY)
            return model_id

        road = await model(a1, "Đường hoa", 40, Status.RECOGNISED)
        club = await model(a1, "Câu lạc bộ", 30, Status.COMMENDED_1)
        waiting = await model(a1, "Đang chờ", 20, Status.REGISTERED)
        far = await model(t4, "Bon xanh", 35, Status.RECOGNISED)
        copy_a2 = await model(a2, "Đường hoa ấp 2", 1, Status.REGISTERED, replicates=road)
        await model(a1, "Đường hoa lần 2", 1, Status.REJECTED, replicates=road)
        await model(t4, "Bon xanh 2", 10, Status.REGISTERED, replicates=far)
        for seed in range(4):
            photo = PhotoLink(f"{seed:064x}", 10, 4, 3, "image/jpeg", f"ảnh {seed}", now)
            await tx.models.link_photos([photo], btv, now, model_id=road)
        await tx.models.link_photos(
            [PhotoLink("f" * 64, 10, 4, 3, "image/png", None, now)], btv, now, model_id=club
        )

    district_scope = Scope(roots=(district,))
    async with world.runtime.database.transaction() as tx:
        spreading = tx.spreading
        assert [m.id for m in await spreading.recognised(district_scope)] == [club, road]
        assert [m.id for m in await spreading.recognised(Scope(units=(a2,)))] == []
        assert await spreading.recognised(Scope()) == []
        everywhere = await spreading.recognised(Scope(everything=True), limit=2)
        assert [m.id for m in everywhere] == [club, far]
        # the rejected replication does not count
        assert await spreading.replication_counts([road, far, club, waiting]) == {road: 1, far: 1}
        # registered in the last two days: the ấp 2 copy and the rejected one, in the district
        assert await spreading.new_replications(district_scope, now - 2 * DAY) == 2
        assert await spreading.new_replications(Scope(roots=(bd,)), now - 2 * DAY) == 0
        assert await spreading.new_replications(Scope(roots=(bd,)), now - 11 * DAY) == 1
        stored = await tx.models.get(copy_a2)
        assert stored is not None and stored.replicates_model_id == road

        assert await spreading.set_showcased(road, True, btv, now) is True
        assert await spreading.set_showcased(road, True, btv, now) is False
        assert await spreading.set_showcased(club, True, btv, now) is True
        assert await spreading.set_showcased(waiting, True, btv, now) is True  # not recognised
        assert await spreading.set_showcased(far, True, btv, now) is True  # outside the district
        shown = await spreading.showcased(district_scope, 2026)
        assert [(s.model.id, s.unit_name, s.replications) for s in shown] == [
            (road, "Chi đoàn ấp 1", 1),
            (club, "Chi đoàn ấp 1", 0),
        ]
        assert shown[0].model.showcased_at == now
        assert await spreading.showcased(district_scope, 2025) == []
        photos = await spreading.first_photos([road, club, far], per_model=3)
        assert [p.caption for p in photos[road]] == ["ảnh 0", "ảnh 1", "ảnh 2"]
        assert [(p.mime, p.caption) for p in photos[club]] == [("image/png", None)]
        assert far not in photos

        later = now + DAY
        assert await spreading.set_showcased(road, False, btv, later) is True
        assert [s.model.id for s in await spreading.showcased(district_scope, None)] == [club]
        trail = [c for c in await tx.models.changes(road) if c[0] == SHOWCASED]
        assert trail == [
            (SHOWCASED, None, now.isoformat(), btv),
            (SHOWCASED, now.isoformat(), None, btv),
        ]

        rows = [row async for row in tx.models.registry(Scope(roots=(a2,)), 2026)]
        assert [(r.model.id, r.replicates_name) for r in rows] == [(copy_a2, "Đường hoa")]
        rows = [row async for row in tx.models.registry(Scope(units=(a1,)), 2026)]
        assert rows[0].replicates_name is None
