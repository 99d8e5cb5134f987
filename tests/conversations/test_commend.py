"""Closing a commendation round: the nominees in scope become commended once, their units are
told, and a nominee whose status changed since is left as it is."""

from __future__ import annotations

from conversations.commend import commend_exemplar_nominees, commend_nominees
from domain.organisation import Role
from domain.registry import Status
from domain.scope import Scope
from storage.records import ModelFields
from tests.support.world import World


def _fields(name: str) -> ModelFields:
    return ModelFields(name, "collective", "Chi đoàn", None, None, None, "economy", 10)


async def test_the_nominees_of_a_round_are_commended_once_and_told(world: World) -> None:
    secretary = await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        ids = [
            await tx.models.create(unit.id, 2026, _fields(name), secretary, now)
            for name in ("Đường hoa", "Sân chơi")
        ]
        for model_id in ids:
            await tx.appraisals.set_status(model_id, Status.RECOGNISED, None, now)
            await tx.appraisals.nominate(model_id, 1, secretary, now)
        await tx.appraisals.set_status(ids[1], Status.RETURNED, None, now, "bổ sung")
        names = await commend_nominees(tx, Scope(everything=True), 1, now)
        again = await commend_nominees(tx, Scope(everything=True), 1, now)
        first = await tx.models.get(ids[0])
        second = await tx.models.get(ids[1])
        notices = await tx.outbox.rows("notice")
    assert names == ["Đường hoa"] and again == []
    assert first is not None and first.status is Status.COMMENDED_1
    assert second is not None and second.status is Status.RETURNED  # changed since: left alone
    assert [n["chat_id"] for n in notices if "Đường hoa" in n["text"]] == ["501"]


async def test_the_exemplars_nominated_for_a_round_are_commended_once_and_told(
    world: World,
) -> None:
    secretary = await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    await world.bind_telegram(504, "BP-BD-DL-T4", Role.SECRETARY)
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        a1, t4 = await tx.units.by_code("BP-DP-TL-A1"), await tx.units.by_code("BP-BD-DL-T4")
        assert a1 is not None and t4 is not None
        add = tx.models.create_exemplar
        lan = await add(a1.id, 2026, "Nguyễn Thị Lan", None, "Hiến đất", secretary, now)
        nam = await add(a1.id, 2026, "Trần Văn Nam", None, "Làm đường", secretary, now)
        nie = await add(t4.id, 2026, "Y Sơn Niê", None, "Bon xanh", secretary, now)
        for exemplar_id in (lan, nam, nie):
            await tx.exemplars.set_status(exemplar_id, Status.RECOGNISED, None, now)
            await tx.exemplars.nominate(exemplar_id, 1, secretary, now)
        await tx.exemplars.set_status(nam, Status.RETURNED, None, now, "bổ sung")
        district_unit = await tx.units.by_code("BP-DP")
        assert district_unit is not None
        district = Scope(roots=(district_unit.id,))
        names = await commend_exemplar_nominees(tx, district, 1, now)
        again = await commend_exemplar_nominees(tx, district, 1, now)
        models = await commend_nominees(tx, district, 1, now)  # the models' round is apart
        stored = [await tx.models.exemplar(i) for i in (lan, nam, nie)]
        history = await tx.exemplars.history(lan)
        notices = await tx.outbox.rows("notice")
    assert names == ["Nguyễn Thị Lan"] and again == [] and models == []
    # Nam's status changed since he was proposed; Niê is outside the district's round
    assert [e.status for e in stored if e] == [
        Status.COMMENDED_1,
        Status.RETURNED,
        Status.RECOGNISED,
    ]
    assert [(h.to_status, h.changed_by) for h in history][-1] == ("commended_1", None)
    (told,) = [n for n in notices if "Nguyễn Thị Lan" in n["text"]]
    assert told["chat_id"] == "501" and told["text"] == (
        "Điển hình cá nhân Nguyễn Thị Lan của đơn vị hiện ở trạng thái: Khen thưởng đợt 1."
    )
