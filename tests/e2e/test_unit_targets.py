"""A unit's own targets on Telegram, end to end: the message after saving a model, ``/models``,
and the coverage matrix of ``/digest domains`` (typed, and as the button under the digest)."""

from __future__ import annotations

from domain.organisation import Role
from tests.e2e.conftest import join
from tests.e2e.test_register_model import register_minimal
from tests.support.seed import seed_district, seed_district_targets
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

SECRETARY = 7301
BTV = 7302


async def test_the_message_after_saving_uses_the_unit_s_own_target(
    world: World, emulator: TelegramEmulator
) -> None:
    # ấp 1 must register 3 models (the branch default is 1) and one in each domain
    await world.import_units(
        "code,name,level,parent_code,cluster,target_models,target_per_domain\n"
        "BP-DP-TL-A1,Chi đoàn ấp 1,branch,BP-DP-TL,,3,Có\n"
    )
    async with world.telegram(emulator):
        lan = await join(world, emulator, SECRETARY)
        ask_photos = await register_minimal(lan)  # an economy model
        (summary,) = await lan.press(ask_photos, "Bỏ qua ⏭️")
        (saved,) = await lan.press(summary, "✅ Đăng ký mô hình")
        (listing,) = await lan.say("/models")
    assert saved.text.splitlines()[1:] == [
        "Chi đoàn ấp 1 đã đăng ký 1/3 mô hình năm 2026: còn thiếu 2 mô hình để đạt chỉ tiêu.",
        "Lĩnh vực chưa có mô hình: Văn hóa – xã hội, Quốc phòng – an ninh, "
        "Xây dựng hệ thống chính trị.",
    ]
    assert listing.text.splitlines()[1:3] == saved.text.splitlines()[1:3]
    async with world.runtime.database.read() as tx:
        pending = await tx.outbox.counts()
    assert pending["cancelled"] == 0  # not met: the registration reminders still stand


async def test_digest_domains_shows_the_matrix_of_the_askers_units(
    world: World, emulator: TelegramEmulator
) -> None:
    await seed_district(world)
    await seed_district_targets(world)
    async with world.telegram(emulator):
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (digest,) = await hoa.say("/digest")
        assert "Chỉ tiêu năm 2026: 3/6 đơn vị đạt (50%)." in digest.text
        assert "Có mô hình ở đủ các lĩnh vực: 0/2 đơn vị." in digest.text
        (pressed,) = await hoa.press(digest, "🧩 Mô hình theo lĩnh vực")
        (typed,) = await hoa.say("/digest domains")
        (in_vietnamese,) = await hoa.say("/digest lĩnh vực")
    assert pressed.text == typed.text == in_vietnamese.text
    assert pressed.text.splitlines() == [
        "🧩 Mô hình theo lĩnh vực, năm 2026 · Huyện Đoàn Đồng Phú",
        "① Kinh tế · ② Văn hóa – xã hội · ③ Quốc phòng – an ninh · ④ Xây dựng hệ thống chính trị",
        "Đoàn trường THPT Đồng Phú: ① — · ② — · ③ — · ④ —",
        "Đoàn xã Đồng Tiến: ① 2 · ② — · ③ — · ④ —",
        "Đoàn xã Tân Lập: ① 1 · ② — · ③ 1 · ④ 1",
        "3/3 đơn vị còn lĩnh vực chưa có mô hình (—).",
    ]
    # the units of Bù Đăng, outside the member's district, are not in it
    assert "Đức Liễu" not in pressed.text


async def test_a_secretary_may_not_ask_for_the_matrix(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, SECRETARY)
        (refused,) = await lan.say("/digest domains")
    assert "🧩" not in refused.text
