"""``/models`` played whole: a field changed with its audit row, photos added (one sent twice
counted once), and a model of another unit never opened."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def test_a_field_is_changed_and_the_change_is_recorded(pg_world: World) -> None:
    world = pg_world
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    model_id = await chat.register("Đường hoa", participants=20)
    assert "Các mô hình năm 2026 của đơn vị:" in await chat.say("/models")
    await chat.press("Đường hoa")
    await chat.press("✏️ Sửa thông tin")
    asked = await chat.press("Số người tham gia")
    assert "20" in asked  # the value it has now, above the question
    assert "từ 1 đến 1.000.000" in await chat.say("0")  # refused, asked again
    saved = await chat.say("45")
    assert saved == "✏️ Đã lưu. Số người tham gia: 45"
    async with world.runtime.database.read() as tx:
        model = await tx.models.get(model_id)
        changes = await tx.models.changes(model_id)
    assert model is not None and model.fields.participants == 45
    assert [(field, old, new) for field, old, new, _by in changes] == [("participants", "20", "45")]


async def test_photos_are_added_once_each(world: World) -> None:
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    model_id = await chat.register("Đường hoa")
    await chat.say("/models")
    await chat.press("Đường hoa")
    await chat.press("📷 Thêm ảnh")
    await chat.photo(seed=11)
    assert "đã được đính kèm rồi" in await chat.photo(seed=11)
    added = await chat.say("/done")
    assert "📷 Đã thêm 1 ảnh cho «Đường hoa»; hiện có 1 ảnh." in added
    async with world.runtime.database.read() as tx:
        assert len(await tx.models.photo_hashes(model_id)) == 1


async def test_a_model_of_another_unit_is_not_opened(world: World) -> None:
    owner = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A2", chat_id="a2", name="Lê Mai")
    foreign = await owner.register("Sân chơi ấp 2")
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await chat.register("Đường hoa")
    await chat.say("/models")
    assert chat.buttons() == ["Đường hoa"]
    (forged,) = await chat.send(choice=str(foreign))  # a button never offered
    assert "Sân chơi ấp 2" not in forged.text and "tin nhắn cũ" in forged.text
