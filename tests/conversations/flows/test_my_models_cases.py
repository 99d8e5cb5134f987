"""More cases.
/models played whole: a field changed from the value it has now (one asked only with the
optional details at registration), photos added (at least one), closing, and which models a
person is shown."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.offered import choices
from tests.support.registry import add_model, model
from tests.support.world import World


async def opened(world: World, name: str = "Sân chơi thiếu nhi") -> tuple[int, Chat]:
    """A model of ấp 1 and its secretary, who opened it with /models."""
    model_id = await add_model(world, name)
    lan = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    listing = await lan.say("/models")
    assert f"1. «{name}» · Đã đăng ký · 0 ảnh" in listing
    details = await lan.press(name)
    assert "Bạn muốn làm gì?" in details
    return model_id, lan


async def test_an_optional_detail_is_changed_from_the_value_it_has_now(pg_world: World) -> None:
    model_id, lan = await opened(pg_world)
    await lan.press("✏️ Sửa thông tin")
    ask = await lan.press("Kinh phí huy động")  # asked at registration only with the details
    assert "Hiện tại: 50.000.000\xa0₫" in ask
    assert "Số tiền huy động được là bao nhiêu (đồng)?" in ask

    refused = await lan.say("rất nhiều")
    assert "⚠️ Vui lòng nhập số tiền từ 0 đến" in refused
    assert "Hiện tại: 50.000.000\xa0₫" in refused  # the same question again
    saved = await lan.say("45 triệu")
    assert "✏️ Đã lưu. Kinh phí huy động: 45.000.000\xa0₫" in saved

    async with pg_world.runtime.database.read() as tx:
        history = await tx.models.changes(model_id)
        account = await tx.accounts.account("console", lan.chat_id)
    assert account is not None
    assert (await model(pg_world, model_id)).fields.money_vnd == 45_000_000
    assert history == [("money_vnd", "50000000", "45000000", account.person_id)]


async def test_adding_photos_takes_at_least_one_and_counts_them(world: World) -> None:
    model_id, lan = await opened(world)
    assert "Gửi các ảnh cần thêm" in await lan.press("📷 Thêm ảnh")
    assert "⚠️ Bước này không thể bỏ qua." in await lan.say("/skip")
    assert "⚠️ Vui lòng gửi ít nhất một ảnh trước." in await lan.say("/done")
    await lan.photo(1)
    await lan.photo(2)
    added = await lan.say("/done")
    assert "📷 Đã thêm 2 ảnh cho «Sân chơi thiếu nhi»; hiện có 2 ảnh." in added
    assert (await model(world, model_id)).photo_count == 2


async def test_closing_saves_nothing_and_ends_the_conversation(world: World) -> None:
    model_id, lan = await opened(world)
    before = await model(world, model_id)
    assert "Đã đóng. Gõ /models để mở lại danh sách mô hình." in await lan.press("✔️ Đóng")
    async with world.runtime.database.read() as tx:
        assert await tx.conversations.all_in_chat("console", lan.chat_id) == []
        assert await tx.models.changes(model_id) == []
    assert await model(world, model_id) == before


async def test_a_person_is_shown_only_this_years_models_of_their_own_unit(world: World) -> None:
    await add_model(world, "Sân chơi thiếu nhi")
    await add_model(world, "Mô hình năm trước", year=2025)
    await add_model(world, "Tủ sách ấp 2", "BP-DP-TL-A2")
    lan = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await lan.say("/models")
    assert choices(lan) == ["Sân chơi thiếu nhi"]

    empty = await Chat.joined(world, Role.SECRETARY, "BP-DP-DT-TH", chat_id="thuan-hoa")
    refused = await empty.say("/models")
    assert "Đơn vị chưa đăng ký mô hình nào trong năm 2026." in refused

    lead = await Chat.joined(world, Role.CLUSTER_LEAD, None, chat_id="lead", cluster="C1")
    assert "Lệnh /models không dành cho vai trò của bạn." in await lead.say("/models")
