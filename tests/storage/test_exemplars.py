"""Exemplars after registration, on every backend: appraisal, the status log, nominations, and
the lists and counts read through a scope."""

from __future__ import annotations

import datetime as dt

from domain.registry import Status
from domain.scope import Scope
from storage.appraisals import CriterionResult
from storage.records import PhotoLink
from tests.support.scoped_world import SHA, seed
from tests.support.world import World


async def test_an_exemplar_is_appraised_logged_nominated_and_counted(pg_world: World) -> None:
    s = await seed(pg_world)
    now = pg_world.clock.now()
    later = now + dt.timedelta(hours=1)
    district = Scope(roots=(s.district,))
    async with pg_world.runtime.database.transaction() as tx:
        add = tx.models.create_exemplar
        lan = await add(s.a1, 2026, "Nguyễn Thị Lan", None, "Hiến đất", s.lan, now)
        nam = await add(s.a2, 2026, "Trần Văn Nam", "Bí thư", "Làm đường", s.nam, later)
        old = await add(s.a1, 2025, "Lê Văn Cũ", None, "Năm trước", s.lan, now)
        far = await add(s.t4, 2026, "Y Sơn Niê", None, "Bon xanh", s.thu, now)

        photo = PhotoLink(SHA, 10, 4, 3, "image/jpeg", "Hiến đất", now)
        await tx.models.link_photos([photo], s.lan, now, exemplar_id=lan)
        assert await tx.exemplars.photos(lan) == [(SHA, "image/jpeg", "Hiến đất")]
        assert await tx.exemplars.photos(nam) == []

        waiting = await tx.exemplars.with_status(district, [Status.REGISTERED.value])
        assert [e.id for e in waiting] == [lan, old, nam]  # oldest first, only the district
        assert [e.id for e in await tx.exemplars.of_year(district, 2026)] == [nam, lan]
        assert (await tx.exemplars.of_year(district, 2026))[1].photo_count == 1
        assert [e.id for e in await tx.exemplars.of_year(Scope(units=(s.t4,)), 2026)] == [far]

        results = [
            CriterionResult(True, "Gương mẫu"),
            CriterionResult(True),
            CriterionResult(False),
        ]
        await tx.exemplars.record(nam, s.lan, results, "return", "Thiếu xác nhận", now)
        await tx.exemplars.record(nam, s.lan, [CriterionResult(True)] * 3, "recognise", None, later)
        assert await tx.exemplars.set_status(nam, Status.RETURNED, s.lan, now, "Thiếu") is not None
        assert await tx.exemplars.set_status(nam, Status.RECOGNISED, s.lan, later) is not None
        assert await tx.exemplars.set_status(nam, Status.RECOGNISED, s.lan, later) is None
        # a second question to a returned exemplar is logged (and told)
        await tx.exemplars.set_status(old, Status.RETURNED, s.lan, now, "Ảnh?")
        assert await tx.exemplars.set_status(old, Status.RETURNED, s.lan, now, "Xác nhận?")
        assert await tx.exemplars.set_status(old, Status.RETURNED, s.lan, now) is None
        await tx.exemplars.set_status(far, Status.RECOGNISED, None, now)

        assert await tx.exemplars.nominate(nam, 1, s.lan, now)
        assert not await tx.exemplars.nominate(nam, 1, s.lan, later)  # once per round
        assert await tx.exemplars.nominate(far, 1, s.lan, later)
        assert await tx.exemplars.set_status(lan, Status.REJECTED, s.lan, now, "Trùng") is not None

    async with pg_world.runtime.database.read() as tx:
        latest = await tx.exemplars.latest([nam, lan])
        assert list(latest) == [nam]
        assert latest[nam].decision == "recognise" and latest[nam].met == 3
        history = await tx.exemplars.history(nam)
        assert [(h.from_status, h.to_status, h.reason) for h in history] == [
            ("registered", "returned", "Thiếu"),
            ("returned", "recognised", None),
        ]
        assert [e.id for e in await tx.exemplars.nominees(district, 1)] == [nam]
        assert [e.id for e in await tx.exemplars.nominees(Scope(everything=True), 1)] == [nam, far]
        assert await tx.exemplars.nominees(district, 2) == []
        # the models' tables know nothing of exemplars
        assert await tx.appraisals.nominees(Scope(everything=True), 1) == []

        # 2026 in the district: Lan rejected, Nam recognised; 2025's Cũ and Bù Đăng's Niê apart
        assert await tx.exemplars.status_counts(district, 2026) == {
            Status.REJECTED: 1,
            Status.RECOGNISED: 1,
        }
        assert await tx.exemplars.status_counts(Scope(everything=True), 2025) == {
            Status.RETURNED: 1
        }
        assert [h.reason for h in await tx.exemplars.history(old)] == ["Ảnh?", "Xác nhận?"]
        rows = [r async for r in tx.exemplars.registry(district, None)]
        assert [(r.unit_code, r.exemplar.person_name) for r in rows] == [
            ("BP-DP-TL-A1", "Nguyễn Thị Lan"),
            ("BP-DP-TL-A1", "Lê Văn Cũ"),
            ("BP-DP-TL-A2", "Trần Văn Nam"),
        ]
        assert rows[2].registered_by_name == "Người 502" and rows[2].unit_name == "Chi đoàn ấp 2"
        assert [r.exemplar.id async for r in tx.exemplars.registry(district, 2025)] == [old]
