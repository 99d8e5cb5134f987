"""Registering a model on Telegram, end to end: conversation, photos, store, database."""

from __future__ import annotations

import hashlib

from tests.e2e.conftest import join
from tests.support.images import jpeg, png
from tests.support.people import console_say, join_console
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

USER = 6001


async def test_a_full_registration_with_two_photos(
    world: World, emulator: TelegramEmulator
) -> None:
    photo_a, photo_b = jpeg(seed=11), png(seed=12)
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        (ask_name,) = await lan.say("/register")
        assert "Bước 1/9" in ask_name.text and "Ví dụ:" in ask_name.text
        (ask_owner,) = await lan.say("Đường hoa 🌸 thanh niên ấp 1")
        (ask_owner_name,) = await lan.press(ask_owner, "Tập thể")
        (ask_address,) = await lan.say("Chi đoàn ấp 1")
        (ask_domain,) = await lan.say("Ấp 1, xã Tân Lập, huyện Đồng Phú")
        (ask_count,) = await lan.press(ask_domain, "Văn hóa – xã hội")
        (ask_who,) = await lan.say(" 1.200 ")
        (ask_extras,) = await lan.say("25 đoàn viên và 10 hộ dân")
        (ask_direction,) = await lan.press(ask_extras, "➕ Thêm ngay")
        (ask_method,) = await lan.press(ask_direction, "Cấp ủy Đảng")
        (ask_effect,) = await lan.say("Vận động hộ dân hiến đất")
        (ask_benef,) = await lan.say("Con đường sạch đẹp")
        (ask_money,) = await lan.say("120")
        (ask_built,) = await lan.say("600 triệu")
        (ask_goals,) = await lan.say("2 km đường bê tông")
        assert "Bước 15/16" in ask_goals.text
        assert "Ví dụ: 3.000 trẻ em; 90 căn nhà" in ask_goals.text
        (ask_photos,) = await lan.say("3.000 trẻ em; 600 triệu đồng")
        assert "Bước 16/16" in ask_photos.text
        (ack_a,) = await lan.photo(photo_a, caption="Ngày ra quân")
        assert "1" in ack_a.text
        (ack_b,) = await lan.photo(photo_b)
        (summary,) = await lan.press(ack_b, "✅ Xong")
        assert "Đường hoa 🌸 thanh niên ấp 1" in summary.text
        assert "1.200" in summary.text and "600.000.000" in summary.text
        assert "2 ảnh" in summary.text
        (saved,) = await lan.press(summary, "✅ Đăng ký mô hình")
    assert "Đã đăng ký mô hình «Đường hoa 🌸 thanh niên ấp 1»" in saved.text
    assert "1/1" in saved.text and "✅" in saved.text

    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id], 2026)
        hashes = await tx.models.photo_hashes(model.id)
    fields = model.fields
    assert (fields.name, fields.owner_kind, fields.owner_name) == (
        "Đường hoa 🌸 thanh niên ấp 1",
        "collective",
        "Chi đoàn ấp 1",
    )
    assert fields.address == "Ấp 1, xã Tân Lập, huyện Đồng Phú"
    assert (fields.domain, fields.participants, fields.participants_note) == (
        "culture_society",
        1200,
        "25 đoàn viên và 10 hộ dân",
    )
    assert (fields.direction, fields.beneficiaries, fields.money_vnd) == ("party", 120, 600_000_000)
    assert (fields.method, fields.effect, fields.built) == (
        "Vận động hộ dân hiến đất",
        "Con đường sạch đẹp",
        "2 km đường bê tông",
    )
    assert model.status == "registered" and model.year == 2026 and model.photo_count == 2
    async with world.runtime.database.read() as tx:
        goals = (await tx.goals.of_models([model.id]))[model.id]
    assert [g.goal.as_json() for g in goals] == [["3000", "trẻ em"], ["600", "triệu đồng"]]
    assert hashes == [hashlib.sha256(photo_a).hexdigest(), hashlib.sha256(photo_b).hexdigest()]
    store = world.runtime.evidence
    assert await store.get(hashes[0], "image/jpeg") == photo_a
    assert await store.get(hashes[1], "image/png") == photo_b


async def register_minimal(lan, name: str = "Sân chơi thiếu nhi") -> object:
    """Answer the required questions; return the photos question."""
    await lan.say("/register")
    (ask_owner,) = await lan.say(name)
    (ask_owner_name,) = await lan.press(ask_owner, "Cá nhân")
    (ask_address,) = await lan.say("Anh Nguyễn Văn Tài")
    (ask_domain,) = await lan.say("Ấp 2, xã Tân Lập")
    (ask_count,) = await lan.press(ask_domain, "Kinh tế")
    (ask_who,) = await lan.say("35 người")
    (ask_extras,) = await lan.press(ask_who, "Bỏ qua ⏭️")
    (ask_photos,) = await lan.press(ask_extras, "Bỏ qua ⏭️")
    return ask_photos


async def test_one_photo_takes_no_more_than_a_dozen_bot_messages(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        before = len(emulator.messages_to(USER))
        ask_photos = await register_minimal(lan)
        (ack,) = await lan.photo(jpeg(seed=3))
        (summary,) = await lan.press(ack, "✅ Xong")
        (saved,) = await lan.press(summary, "✅ Đăng ký mô hình")
        await emulator.wait_idle()
    assert "Bước 9/9" in ask_photos.text
    assert "Đã đăng ký" in saved.text and "0/1" not in saved.text
    assert len(emulator.messages_to(USER)) - before <= 12


async def test_every_wrong_answer_is_explained_and_asked_again(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        (ask_name,) = await lan.say("/register")
        (refused,) = await lan.say("   ")
        assert "không được để trống" in refused.text and "Tên mô hình là gì?" in refused.text
        (refused,) = await lan.say("x" * 201)
        assert "tối đa 200 ký tự" in refused.text and "201" in refused.text
        (ask_owner,) = await lan.say("Mô hình ✨ “Thắp sáng đường quê”")
        (refused,) = await lan.say("Hội Nông dân")
        assert "bấm nút hoặc gõ số" in refused.text
        (ask_owner_name,) = await lan.say("1")  # the number of "Tập thể"
        (ask_address,) = await lan.say("Chi đoàn ấp 1")
        (ask_domain,) = await lan.say("Ấp 1")
        (refused,) = await lan.say("Thể thao")
        assert "⚠️" in refused.text and "lĩnh vực" in refused.text
        (ask_count,) = await lan.say("quoc phong – an ninh")  # typed without diacritics
        for wrong in ("ba mươi", "0", "-5", "3,5", "35 40"):
            (refused,) = await lan.say(wrong)
            assert "⚠️" in refused.text and "Bao nhiêu người tham gia" in refused.text, wrong
        (ask_who,) = await lan.say("35 người")
        assert "Thành phần tham gia" in ask_who.text
        (ask_extras,) = await lan.say("/skip")
        (ask_direction,) = await lan.press(ask_extras, "➕ Thêm ngay")
        (ask_method,) = await lan.say("/skip")
        (ask_effect,) = await lan.say("/skip")
        (ask_benef,) = await lan.say("/skip")
        (refused,) = await lan.say("nhiều lắm")
        assert "⚠️" in refused.text and "hưởng lợi" in refused.text
        (ask_money,) = await lan.say("0")
        (refused,) = await lan.say("khoảng 1 tỷ")
        assert "600 triệu" in refused.text
        (ask_built,) = await lan.say("1,5 tỷ")
        (ask_goals,) = await lan.say("/skip")
        (refused,) = await lan.say("90; 3 tỷ đồng")
        assert "⚠️ «90» chưa có đơn vị tính" in refused.text and "mục tiêu" in refused.text
        (refused,) = await lan.say("1.23.4 căn nhà")
        assert "«1.23.4» trong «1.23.4 căn nhà» không phải là một con số" in refused.text
        (ask_photos,) = await lan.say("/skip")
        (summary,) = await lan.say("/skip")
        (saved,) = await lan.press(summary, "✅ Đăng ký mô hình")
    assert "Mô hình ✨ “Thắp sáng đường quê”" in saved.text
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id])
    assert model.fields.name == "Mô hình ✨ “Thắp sáng đường quê”"
    assert (model.fields.domain, model.fields.participants) == ("defence_security", 35)
    assert (model.fields.beneficiaries, model.fields.money_vnd) == (0, 1_500_000_000)


async def test_a_field_is_edited_from_the_summary(world: World, emulator: TelegramEmulator) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan)
        (summary,) = await lan.say("/skip")
        (menu,) = await lan.press(summary, "✏️ Sửa một mục")
        (ask_domain,) = await lan.press(menu, "Lĩnh vực")
        assert "Hiện tại: Kinh tế" in ask_domain.text
        (summary,) = await lan.press(ask_domain, "Xây dựng hệ thống chính trị")
        assert "Lĩnh vực: Xây dựng hệ thống chính trị" in summary.text
        (menu,) = await lan.press(summary, "✏️ Sửa một mục")
        (ask_name,) = await lan.press(menu, "Tên mô hình")
        (summary,) = await lan.say("Câu lạc bộ lý luận trẻ")
        (saved,) = await lan.press(summary, "✅ Đăng ký mô hình")
    assert "«Câu lạc bộ lý luận trẻ»" in saved.text
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id])
    assert (model.fields.name, model.fields.domain) == (
        "Câu lạc bộ lý luận trẻ",
        "political_system",
    )


async def test_cancel_asks_then_discards_the_draft(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await lan.say("/register")
        await lan.say("Mô hình sẽ hủy")
        (question,) = await lan.say("/cancel")
        assert "Hủy bản nháp" in question.text
        (done,) = await lan.press(question, "Có, hủy bản nháp")
        assert "Đã hủy bản nháp" in done.text
        (fresh,) = await lan.say("/register")
    assert "Bước 1/" in fresh.text and "bản nháp" not in fresh.text
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        assert await tx.models.for_units([unit.id]) == []


async def test_a_draft_survives_a_restart_and_is_offered_again(
    world: World, emulator: TelegramEmulator
) -> None:
    photo = jpeg(seed=5)
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan, "Nhà nhân ái")
        await lan.photo(photo)
    await world.runtime.close()
    restarted = world.restarted()
    try:
        async with world.telegram(emulator, restarted):
            (summary,) = await lan.say("/done")  # the photos step is where it stopped
            assert "Nhà nhân ái" in summary.text and "1 ảnh" in summary.text
            (help_reply,) = await lan.say("/lang")
            await lan.press(help_reply, "Tiếng Việt", count=2)  # the reply and a draft reminder
            (offer,) = await lan.say("/register")
            assert "bản nháp" in offer.text and "Nhà nhân ái" in offer.text
            (summary,) = await lan.press(offer, "Làm tiếp")
            (saved,) = await lan.press(summary, "✅ Đăng ký mô hình")
    finally:
        await restarted.close()
    assert "kèm 1 ảnh" in saved.text


async def test_a_shared_location_is_a_valid_address(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await lan.say("/register")
        (ask_owner,) = await lan.say("Điểm sáng an ninh trật tự")
        (ask_owner_name,) = await lan.press(ask_owner, "Tập thể")
        await lan.say("Chi đoàn ấp 1")
        emulator.send_location(USER, 11.4712, 106.9021)
        (ask_domain,) = await emulator.wait_for_messages(USER)
        assert "lĩnh vực" in ask_domain.text
    async with world.runtime.database.read() as tx:
        (conversation,) = await tx.conversations.all_in_chat("telegram", str(USER))
    assert conversation.state["data"]["address"] == {"text": None, "lat": 11.4712, "lon": 106.9021}


async def test_the_english_questions_have_english_examples(world: World) -> None:
    await join_console(world, "en-lan")
    await console_say(world, "en-lan", "/lang en")
    name = await console_say(world, "en-lan", "/register")
    assert "Example: Youth flower road of hamlet 1" in name
    owner_kind = await console_say(world, "en-lan", "Youth flower road")
    assert "Who runs the model (its owner): a collective or a person?" in owner_kind
    owner = await console_say(world, "en-lan", "1")
    assert "Example: Hamlet 1 Youth Union branch, or Mr Nguyễn Văn Tài" in owner
    address = await console_say(world, "en-lan", "Hamlet 1 branch")
    assert "Example: Hamlet 1, Tân Lập commune, Đồng Phú district" in address
