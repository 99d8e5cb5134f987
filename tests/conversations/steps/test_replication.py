"""Registering a replication (nhân rộng), played whole through ``/register``: the question comes
only when the person may see a recognised model, offers only those (typing or forging another
picks nothing), is kept on the model, checked again when saving, and counted on the original's
view in ``/models``."""

from __future__ import annotations

import datetime as dt

from conversations.messages import Reply
from domain.organisation import Role
from domain.registry import Status
from tests.support.chat import Chat
from tests.support.registry import add_model, model
from tests.support.world import World

ANSWERS = ["Đường hoa ấp 1 mở rộng", "1", "Chi đoàn ấp 1", "Ấp 1, xã Tân Lập", "văn hóa", "35"]


async def _to_replication(chat: Chat) -> str:
    """Answer the required questions and skip the optional ones: the question after them."""
    await chat.say("/register")
    for answer in [*ANSWERS, "/skip"]:
        await chat.say(answer)
    return await chat.say("/skip")  # no more details now


async def test_without_a_recognised_model_in_scope_the_question_is_not_asked(
    world: World,
) -> None:
    await add_model(world, "Đang chờ", status=Status.REGISTERED)
    await add_model(world, "Ở ấp 2", "BP-DP-TL-A2", status=Status.RECOGNISED)  # not hers
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    assert "Bước 1/9" in await chat.say("/register")
    for answer in [*ANSWERS, "/skip"]:
        await chat.say(answer)
    photos = await chat.say("/skip")
    assert "Bước 9/9" in photos and "ảnh" in photos and "nhân rộng" not in photos


async def test_a_secretary_registers_a_replication_and_the_original_counts_it(
    pg_world: World,
) -> None:
    world = pg_world
    road = await add_model(world, "Đường hoa", status=Status.RECOGNISED)
    club = await add_model(world, "Câu lạc bộ", status=Status.COMMENDED_1, ago=_days(10))
    await add_model(world, "Đang chờ", status=Status.REGISTERED)
    outside = await add_model(world, "Tủ sách ấp 2", "BP-DP-TL-A2", status=Status.RECOGNISED)
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    assert "Bước 1/10" in await chat.say("/register")
    for answer in [*ANSWERS, "/skip"]:
        await chat.say(answer)
    asked = await chat.say("/skip")
    assert "Bước 9/10" in asked and "nhân rộng" in asked
    # her unit's recognised and commended models, newest first; never ấp 2's, never a waiting one
    assert chat.buttons() == ["Câu lạc bộ · Chi đoàn ấp 1", "Đường hoa · Chi đoàn ấp 1"]
    assert "Bỏ qua ⏭️" in [b.label for r in chat.last for b in r.all_buttons()]
    refused = await chat.say("Tủ sách ấp 2")  # typed: picks nothing
    assert "Vui lòng chọn một trong các lựa chọn" in refused and "Bước 9/10" in refused
    forged = _joined(await chat.send(choice=str(outside)))  # a button it never offered
    assert "Bước 9/10" in forged and "Nút đó thuộc một tin nhắn cũ" in forged
    photos = await chat.press("Đường hoa")
    assert "Bước 10/10" in photos
    summary = await chat.say("/skip")
    assert "Nhân rộng từ mô hình: Đường hoa · Chi đoàn ấp 1" in summary
    saved = await chat.press("✅")
    assert "Đã đăng ký mô hình «Đường hoa ấp 1 mở rộng»" in saved
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        newest = (await tx.models.for_units([unit.id], 2026))[0]
    assert newest.fields.name == "Đường hoa ấp 1 mở rộng"
    assert newest.replicates_model_id == road and (await model(world, club)).id == club

    await chat.say("/models")
    opened = await _press_exactly(chat, "Đường hoa")  # the original, not its replication
    assert "Được nhân rộng: 1 mô hình" in opened
    await chat.press("✔️")
    await chat.say("/models")
    replica = await chat.press("mở rộng")
    assert f"Nhân rộng từ mô hình: «Đường hoa» (số {road})" in replica
    assert "Được nhân rộng" not in replica


async def test_a_btv_member_chooses_among_the_recognised_models_of_the_subtree(
    world: World,
) -> None:
    await add_model(world, "Đường hoa", status=Status.RECOGNISED)
    await add_model(world, "Tủ sách ấp 2", "BP-DP-TL-A2", status=Status.RECOGNISED, ago=_days(5))
    await add_model(world, "Bon xanh", "BP-BD-DL-T4", status=Status.RECOGNISED)  # another district
    btv = await Chat.joined(world, Role.BTV, "BP-DP-TL", chat_id="btv", name="Trần Văn Bình")
    assert "Bước 1/10" in await btv.say("/register")
    await _answers_then_replication(btv)
    assert btv.buttons() == ["Tủ sách ấp 2 · Chi đoàn ấp 2", "Đường hoa · Chi đoàn ấp 1"]
    refused = await btv.say("Bon xanh")
    assert "Vui lòng chọn một trong các lựa chọn" in refused


async def test_an_original_no_longer_recognised_is_refused_when_saving(world: World) -> None:
    road = await add_model(world, "Đường hoa", status=Status.RECOGNISED)
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await _to_replication(chat)
    await chat.press("Đường hoa")
    await chat.say("/skip")  # no photos: the summary
    async with world.runtime.database.transaction() as tx:
        await tx.appraisals.set_status(road, Status.REJECTED, None, world.clock.now(), "trùng")
    refused = await chat.press("✅")
    assert "Mô hình gốc đã chọn không còn chọn được nữa" in refused
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        assert [m.id for m in await tx.models.for_units([unit.id], 2026)] == [road]
    # skipping it instead saves the model as a model of its own
    await chat.press("Sửa")
    await chat.press("Nhân rộng từ mô hình")
    await chat.say("/skip")
    saved = await chat.press("✅")
    assert "Đã đăng ký mô hình" in saved


async def _answers_then_replication(chat: Chat) -> str:
    for answer in ["Đường hoa xã", "1", "Đoàn xã", "Xã Tân Lập", "kinh tế", "20", "/skip"]:
        await chat.say(answer)
    return await chat.say("/skip")


async def _press_exactly(chat: Chat, label: str) -> str:
    (value,) = [b.value for r in chat.last for b in r.all_buttons() if b.label == label]
    return _joined(await chat.send(choice=value))


def _days(count: int) -> dt.timedelta:
    return dt.timedelta(days=count)


def _joined(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)
