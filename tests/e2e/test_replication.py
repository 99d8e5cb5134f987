"""Spreading on Telegram, end to end: a secretary registers a model as a replication of her
unit's recognised model (one question more, so a dozen bot messages and one), the original's view
in /models counts it, and a BTV member marks the original for showcasing."""

from __future__ import annotations

from domain.organisation import Role
from domain.registry import Status
from tests.e2e.conftest import join
from tests.support.images import jpeg
from tests.support.registry import add_model, model
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

USER = 6101
BTV = 6102


async def test_a_replication_is_registered_counted_and_its_original_showcased(
    world: World, emulator: TelegramEmulator
) -> None:
    road = await add_model(world, "Đường hoa", status=Status.RECOGNISED)
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        before = len(emulator.messages_to(USER))
        (ask_name,) = await lan.say("/register")
        assert "Bước 1/10" in ask_name.text
        (ask_owner,) = await lan.say("Đường hoa ấp 1 nối dài")
        (ask_owner_name,) = await lan.press(ask_owner, "Tập thể")
        (ask_address,) = await lan.say("Chi đoàn ấp 1")
        (ask_domain,) = await lan.say("Ấp 1, xã Tân Lập")
        (ask_count,) = await lan.press(ask_domain, "Kinh tế")
        (ask_who,) = await lan.say("40")
        (ask_extras,) = await lan.press(ask_who, "Bỏ qua ⏭️")
        (ask_original,) = await lan.press(ask_extras, "Bỏ qua ⏭️")
        assert "Bước 9/10" in ask_original.text and "nhân rộng" in ask_original.text
        labels = [text for row in ask_original.buttons for text, _data in row]
        assert "Đường hoa · Chi đoàn ấp 1" in labels and "Bỏ qua ⏭️" in labels
        (ask_photos,) = await lan.press(ask_original, "Đường hoa · Chi đoàn ấp 1")
        assert "Bước 10/10" in ask_photos.text
        (ack,) = await lan.photo(jpeg(seed=21))
        (summary,) = await lan.press(ack, "✅ Xong")
        assert "Nhân rộng từ mô hình: Đường hoa · Chi đoàn ấp 1" in summary.text
        (saved,) = await lan.press(summary, "✅ Đăng ký mô hình")
        await emulator.wait_idle()
        assert "Đã đăng ký mô hình «Đường hoa ấp 1 nối dài»" in saved.text
        # 13: the dozen of a registration with one photo, and the question of the original
        assert len(emulator.messages_to(USER)) - before == 13

        (listing,) = await lan.say("/models")
        (original,) = await lan.press(listing, "Đường hoa")  # the label exactly: the original
        assert "«Đường hoa»" in original.text and "Được nhân rộng: 1 mô hình" in original.text

        binh = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Trần Văn Bình")
        (ask_model,) = await binh.say("/showcase")
        (marked,) = await binh.press(ask_model, "Đường hoa · Chi đoàn ấp 1")
        assert "⭐ Đã chọn giới thiệu mô hình «Đường hoa»" in marked.text

    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        replica = next(m for m in await tx.models.for_units([unit.id], 2026) if m.id != road)
    assert replica.replicates_model_id == road and replica.photo_count == 1
    assert (await model(world, road)).showcased_at is not None
