"""``/models`` played whole: a field changed with its audit row, photos added (one sent twice
counted once), a model of another unit never opened, and a model's goals with their progress
shown and changed."""

from __future__ import annotations

from decimal import Decimal

from domain.organisation import Role
from storage.periodic_reports import EntryFields
from tests.support.chat import Chat
from tests.support.goals import register_with_goals
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


async def test_a_model_shows_its_goals_progress_and_the_goals_can_be_changed(
    pg_world: World,
) -> None:
    world = pg_world
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    road = await register_with_goals(chat, "Đường hoa")
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        district = await tx.units.by_code("BP-DP")
        assert unit is not None and district is not None
        children, houses = (await tx.goals.of_models([road]))[road]
        _r, entries, _new = await tx.periodic_reports.save(
            unit.id, "2026-h1", "Sáu tháng", [EntryFields(road, "Nửa chặng")], 1, now
        )
        await tx.goals.save_progress(entries[road], {children.id: Decimal(1200)})
        await tx.goals.mark_pilot(road, district.id, 1, now)
    await chat.say("/models")
    opened = await chat.press("Đường hoa")
    # 1.200 of 3.000 is 40 %; the houses are not reported yet
    assert "• Mục tiêu:\n   – 1.200/3.000 trẻ em (40%)\n   – 90 căn nhà: chưa báo cáo" in opened
    assert "⭐ Mô hình điểm của Huyện Đoàn Đồng Phú" in opened
    await chat.press("✏️ Sửa thông tin")
    asked = await chat.press("Mục tiêu")
    assert "Hiện tại: 3.000 trẻ em; 90 căn nhà" in asked
    saved = await chat.say("3.500 trẻ em")
    assert saved == "✏️ Đã lưu. Mục tiêu: 3.500 trẻ em"
    async with world.runtime.database.read() as tx:
        (kept,) = (await tx.goals.of_models([road]))[road]
        history = await tx.models.changes(road)
        achieved = await tx.goals.achieved([kept.id])
    assert kept.id == children.id and kept.goal.quantity == Decimal(3500)
    assert achieved == {kept.id: Decimal(1200)}  # the progress stays with the goal
    assert history[-1][:3] == ("goals", "3000 trẻ em; 90 căn nhà", "3500 trẻ em")
