"""Telling a unit through the outbox: every reachable holder of the role, once per key, each in
their own language; a returned model's notice carries the question and the way to answer."""

from __future__ import annotations

from conversations.notify import notify_unit, tell_exemplar_secretary, tell_secretary
from domain.organisation import Role
from domain.registry import Status
from locales import _
from storage.records import ModelFields
from tests.support.world import World


async def test_a_notice_reaches_each_secretary_once_in_their_language(world: World) -> None:
    vi = await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    en = await world.bind_telegram(502, "BP-DP-TL-A1", Role.SECRETARY)
    await world.bind_telegram(503, "BP-DP-TL-A2", Role.SECRETARY)  # another unit
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        await tx.accounts.set_locale(en, "en")
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        first = await notify_unit(tx, now, unit.id, "k1", lambda: _("Cancelled."))
        again = await notify_unit(tx, now, unit.id, "k1", lambda: _("Cancelled."))
        fields = ModelFields("Đường hoa", "collective", "Chi đoàn", None, None, None, "economy", 9)
        model_id = await tx.models.create(unit.id, 2026, fields, vi, now)
        model = await tx.models.get(model_id)
        assert model is not None
        await tell_secretary(tx, now, model, Status.RETURNED, "Thêm ảnh", 1)
        rows = await tx.outbox.rows("notice")
    assert (first, again) == (2, 0)
    closed = {r["chat_id"]: r["text"] for r in rows if r["key"].startswith("k1")}
    assert closed == {"501": "Đã hủy.", "502": "Cancelled."}
    returned = next(r for r in rows if r["chat_id"] == "501" and "Đường hoa" in r["text"])
    assert "Thêm ảnh" in returned["text"] and "/models" in returned["text"]


async def test_an_exemplar_notice_names_the_person_and_carries_the_question(world: World) -> None:
    lan = await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    await world.bind_telegram(503, "BP-DP-TL-A2", Role.SECRETARY)  # another unit
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        exemplar_id = await tx.models.create_exemplar(
            unit.id, 2026, "Y Sơn Niê", None, "Hiến đất", lan, now
        )
        exemplar = await tx.models.exemplar(exemplar_id)
        assert exemplar is not None
        await tell_exemplar_secretary(tx, now, exemplar, Status.RETURNED, "Thêm xác nhận", 1)
        await tell_exemplar_secretary(tx, now, exemplar, Status.RETURNED, "Thêm xác nhận", 1)
        rows = await tx.outbox.rows("notice")
    (row,) = rows  # once per change, and only to the exemplar's unit
    assert row["chat_id"] == "501" and row["key"] == f"exemplar-status:{exemplar_id}:1:p{lan}"
    assert row["text"].splitlines() == [
        "Điển hình cá nhân Y Sơn Niê của đơn vị hiện ở trạng thái: Trả lại để bổ sung.",
        "Câu hỏi của Ban Thường vụ: Thêm xác nhận",
        "Hãy gửi câu trả lời cho Ban Thường vụ để điển hình được thẩm định lại.",
    ]
