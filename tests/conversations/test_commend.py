"""Closing a commendation round: the nominees in scope become commended once, their units are
told, and a nominee whose status changed since is left as it is."""

from __future__ import annotations

from conversations.commend import commend_nominees
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
