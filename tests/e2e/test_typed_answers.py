"""What people type on Telegram that is not what it looks like: numbers that are no plain amounts,
names made of nothing, text with hidden characters or in NFD, read-only views."""

from __future__ import annotations

import unicodedata

from domain.organisation import Role
from tests.e2e.conftest import join
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

USER = 6101
FAMILY = "👨\u200d👩\u200d👧"  # one emoji: three people joined by zero-width joiners
NAME = f"Đường hoa {FAMILY} thanh niên ấp Ông Yểng"
ASK_NAME = "Tên mô hình là gì?"
ASK_OWNER = "Tên tập thể hoặc cá nhân thực hiện mô hình?"
ASK_ADDRESS = "Mô hình ở đâu?"
ASK_COUNT = "Bao nhiêu người tham gia?"
ASK_BENEFICIARIES = "Bao nhiêu người được hưởng lợi?"
ASK_MONEY = "Số tiền huy động được là bao nhiêu (đồng)?"


async def test_numbers_that_are_no_plain_amount_are_refused_with_the_range(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await lan.say("/register")
        (ask_owner,) = await lan.say("Sân chơi thiếu nhi")
        (ask_owner_name,) = await lan.press(ask_owner, "Tập thể")
        await lan.say("Chi đoàn ấp 1")
        (ask_domain,) = await lan.say("Ấp 1, xã Tân Lập")
        (ask_count,) = await lan.press(ask_domain, "Kinh tế")
        for typed in ("1e9", "12abc", "3-5", "½", "٣", "1.000.001", "0"):
            (refused,) = await lan.say(typed)
            assert refused.text.startswith("⚠️"), typed
            assert "số nguyên từ 1 đến 1.000.000" in refused.text, (typed, refused.text)
            assert ASK_COUNT in refused.text, typed
        (ask_who,) = await lan.say("35 đoàn viên")
        (ask_extras,) = await lan.press(ask_who, "Bỏ qua ⏭️")
        (ask_direction,) = await lan.press(ask_extras, "➕ Thêm ngay")
        (ask_method,) = await lan.press(ask_direction, "Bỏ qua ⏭️")
        (ask_effect,) = await lan.press(ask_method, "Bỏ qua ⏭️")
        (ask_benef,) = await lan.press(ask_effect, "Bỏ qua ⏭️")
        (refused,) = await lan.say("1e9")
        assert "từ 0 đến 1.000.000" in refused.text and ASK_BENEFICIARIES in refused.text
        (ask_money,) = await lan.say("0")
        for typed in ("1e9", "1001 tỷ", "12abc", "3-5"):
            (refused,) = await lan.say(typed)
            assert "từ 0 đến 1.000.000.000.000 đồng" in refused.text, (typed, refused.text)
            assert ASK_MONEY in refused.text, typed
        (ask_built,) = await lan.say("1.000 tỷ")
        (ask_goals,) = await lan.press(ask_built, "Bỏ qua ⏭️")
        (ask_photos,) = await lan.press(ask_goals, "Bỏ qua ⏭️")
        (summary,) = await lan.press(ask_photos, "Bỏ qua ⏭️")
        await lan.press(summary, "✅ Đăng ký mô hình")

    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id], 2026)
    assert (model.fields.participants, model.fields.beneficiaries) == (35, 0)
    assert model.fields.money_vnd == 1_000_000_000_000


async def test_names_of_nothing_are_refused_and_kept_text_is_clean_nfc(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await lan.say("/register")
        for typed in ("🌸🌸🌸", "!!! ...", "\u200b\u200b\ufeff", "\u200d 🏠 \u200c"):
            (refused,) = await lan.say(typed)
            assert refused.text.startswith("⚠️") and ASK_NAME in refused.text, typed
        # typed in NFD by a phone, with a zero-width space and a byte-order mark hidden in it
        typed = "\ufeff" + unicodedata.normalize("NFD", NAME).replace("hoa ", "hoa\u200b ")
        (ask_owner,) = await lan.say(typed)
        (ask_owner_name,) = await lan.press(ask_owner, "Tập thể")
        (refused,) = await lan.say("— 🙂 —")
        assert "ít nhất 2 chữ cái" in refused.text and ASK_OWNER in refused.text
        (ask_address,) = await lan.say(unicodedata.normalize("NFD", "Chi đoàn ấp 1\u200b"))
        (refused,) = await lan.say("📍📍")
        assert refused.text.startswith("⚠️") and ASK_ADDRESS in refused.text
        (ask_domain,) = await lan.say("Ấp 1,\u2060 xã Tân Lập")
        (ask_count,) = await lan.say("van hoa")  # a part of "Văn hóa – xã hội", typed
        assert ASK_COUNT in ask_count.text
        (ask_who,) = await lan.say("35")
        (ask_extras,) = await lan.press(ask_who, "Bỏ qua ⏭️")
        (ask_photos,) = await lan.press(ask_extras, "Bỏ qua ⏭️")
        (summary,) = await lan.press(ask_photos, "Bỏ qua ⏭️")
        assert NAME in summary.text
        await lan.press(summary, "✅ Đăng ký mô hình")

    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        (model,) = await tx.models.for_units([unit.id], 2026)
    fields = model.fields
    assert fields.name.encode() == NAME.encode()  # NFC, nothing hidden, the emoji byte-exact
    assert (fields.owner_name, fields.address) == ("Chi đoàn ấp 1", "Ấp 1, xã Tân Lập")
    assert fields.domain == "culture_society"


async def test_an_export_is_no_draft_and_a_unit_code_is_read_in_any_case(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        hoa = await join(world, emulator, USER, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (ask_kind,) = await hoa.say("/export")
        (ask_unit,) = await hoa.press(ask_kind, "📝")
        (cancelled,) = await hoa.say("/cancel")
        assert cancelled.text == "Không có gì để hủy: bạn chỉ đang xem."
        (ask_kind,) = await hoa.say("/export")
        assert "bản nháp" not in ask_kind.text
        (ask_unit,) = await hoa.press(ask_kind, "📝")
        (ask_period,) = await hoa.say(" bp - dp - tl ")  # Đoàn xã Tân Lập, typed loosely
        assert "Kỳ báo cáo nào?" in ask_period.text, ask_period.text
        (ask_name,) = await hoa.say("/register")  # the export is left open, then dropped
        assert ASK_NAME in ask_name.text
        await hoa.say("Sân chơi thiếu nhi")
        (confirm,) = await hoa.say("/cancel")
        (discarded,) = await hoa.press(confirm, "Có, hủy bản nháp")
        assert "Đã hủy bản nháp" in discarded.text
        (lost,) = await hoa.say("xin chào")
        assert "bản nháp" not in lost.text and "/export" not in lost.text
        (again,) = await hoa.say("/export")
        assert "Bạn cần tệp nào?" in again.text and "bản nháp" not in again.text
