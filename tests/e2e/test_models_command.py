"""/models after registering: list, open, add photos, change a field (recorded), and /exemplar."""

from __future__ import annotations

from domain.organisation import Role
from tests.e2e.conftest import join
from tests.e2e.test_register_model import register_minimal
from tests.support.images import jpeg
from tests.support.telegram_emulator import SentMessage, TelegramEmulator
from tests.support.world import World

USER = 8001


async def test_models_lists_opens_adds_photos_and_edits_with_history(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        (empty,) = await lan.say("/models")
        assert "chưa đăng ký mô hình nào" in empty.text
        await register_minimal(lan, "Sân chơi thiếu nhi")
        await lan.photo(jpeg(seed=1))
        (summary,) = await lan.say("/done")
        await lan.press(summary, "✅ Đăng ký mô hình")

        (listing,) = await lan.say("/models")
        assert "1. «Sân chơi thiếu nhi» · Đã đăng ký · 1 ảnh" in listing.text
        shown, details = await lan.press(listing, "Sân chơi thiếu nhi", count=2)
        assert shown.method == "sendPhoto" and shown.photo == jpeg(seed=1)  # the photo itself
        assert "Chủ thể: Anh Nguyễn Văn Tài" in details.text
        assert "Lĩnh vực: Kinh tế" in details.text
        (ask_photos,) = await lan.press(details, "📷 Thêm ảnh")
        await lan.photo(jpeg(seed=2))
        (ack,) = await lan.photo(jpeg(seed=3))
        (added,) = await lan.press(ack, "✅ Xong")
        assert "Đã thêm 2 ảnh" in added.text and "hiện có 3 ảnh" in added.text

        (listing,) = await lan.say("/models")
        *photos, details = await lan.press(listing, "Sân chơi thiếu nhi", count=4)
        assert [p.method for p in photos] == ["sendPhoto"] * 3
        (fields,) = await lan.press(details, "✏️ Sửa thông tin")
        (ask,) = await lan.press(fields, "Số người tham gia")
        assert "Hiện tại: 35" in ask.text
        (refused,) = await lan.say("rất đông")
        assert "⚠️" in refused.text
        (saved,) = await lan.say("48 đoàn viên")
        assert "Đã lưu. Số người tham gia: 48" in saved.text

    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id])
        history = await tx.models.changes(model.id)
        account = await tx.accounts.account("telegram", str(USER))
    assert account is not None
    assert model.photo_count == 3 and model.fields.participants == 48
    assert history == [("participants", "35", "48", account.person_id)]


async def test_models_shows_only_the_units_own_models_whatever_id_is_sent(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        other = await join(world, emulator, USER + 1, unit="BP-DP-TL-A2", name="Trần Bình")
        await register_minimal(other, "Mô hình của ấp 2")
        (summary,) = await other.say("/skip")
        await other.press(summary, "✅ Đăng ký mô hình")
        await register_minimal(lan, "Mô hình của ấp 1")
        (summary,) = await lan.say("/skip")
        await lan.press(summary, "✅ Đăng ký mô hình")
        (listing,) = await lan.say("/models")
        assert "Mô hình của ấp 1" in listing.text and "ấp 2" not in listing.text
        forged = SentMessage(listing.message_id, USER, listing.text, [[("x", "1")]])
        (refused,) = await lan.press(forged, "x")  # model 1 belongs to ấp 2
    assert "⚠️" in refused.text and "ấp 2" not in refused.text
    assert "Mô hình của ấp 1" in refused.text  # the list is shown again


async def test_an_individual_exemplar_is_registered(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        (ask_name,) = await lan.say("/exemplar")
        assert "Điển hình cá nhân là ai?" in ask_name.text
        await lan.say("Lê Văn Hùng")
        await lan.say("Phó Bí thư Chi đoàn ấp 1")
        (ask_photos,) = await lan.say("Vận động 30 hộ hiến 1.200 m² đất 🌾")
        await lan.photo(jpeg(seed=9))
        (summary,) = await lan.say("/done")
        (saved,) = await lan.press(summary, "✅ Đăng ký điển hình")
    assert "Lê Văn Hùng" in saved.text and "điển hình cá nhân của Chi đoàn ấp 1" in saved.text
    async with world.runtime.database.read() as tx:
        exemplar = await tx.models.exemplar(1)
    assert exemplar is not None
    assert (exemplar.person_name, exemplar.achievement, exemplar.photo_count) == (
        "Lê Văn Hùng",
        "Vận động 30 hộ hiến 1.200 m² đất 🌾",
        1,
    )


async def test_a_btv_member_of_two_units_chooses_the_unit(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER, role=Role.BTV, unit="BP-DP")
        code = await world.invite(Role.SECRETARY, "BP-DP-TL")
        await lan.say(f"/start {code}", count=2)
        (ask_unit,) = await lan.say("/register")
        assert "Cho đơn vị nào?" in ask_unit.text
        labels = [text for row in ask_unit.buttons for text, _ in row]
        assert labels[:2] == ["Đoàn xã Tân Lập", "Huyện Đoàn Đồng Phú"]
        (ask_name,) = await lan.press(ask_unit, "Đoàn xã Tân Lập")
        assert "Bước 2/10" in ask_name.text
