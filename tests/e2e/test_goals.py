"""Models with measurable goals on Telegram, end to end: a secretary registers a model with
goals and reports its progress, reads it in /models; the district's BTV member marks it as a
pilot and reads its progress in /digest."""

from __future__ import annotations

from decimal import Decimal

from domain.organisation import Role
from tests.e2e.conftest import join
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

USER = 9101
BTV = 9102
NAME = "Nhà nhân ái ấp 1"


async def test_goals_from_registration_to_report_view_pilot_and_digest(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await lan.say("/register")
        (ask_owner,) = await lan.say(NAME)
        (ask_owner_name,) = await lan.press(ask_owner, "Tập thể")
        (ask_address,) = await lan.say("Chi đoàn ấp 1")
        (ask_domain,) = await lan.say("Ấp 1, xã Tân Lập")
        (ask_count,) = await lan.press(ask_domain, "Văn hóa – xã hội")
        (ask_who,) = await lan.say("40")
        (ask_extras,) = await lan.press(ask_who, "Bỏ qua ⏭️")
        (question,) = await lan.press(ask_extras, "➕ Thêm ngay")
        for _skipped in range(6):  # direction, method, effect, beneficiaries, money, built
            (question,) = await lan.press(question, "Bỏ qua ⏭️")
        assert "mục tiêu định lượng" in question.text
        (ask_photos,) = await lan.say("3.000 trẻ em; 90 căn nhà")
        (summary,) = await lan.press(ask_photos, "Bỏ qua ⏭️")
        assert "Mục tiêu: 3.000 trẻ em; 90 căn nhà" in summary.text
        (saved,) = await lan.press(summary, "✅ Đăng ký mô hình")
        assert f"Đã đăng ký mô hình «{NAME}»" in saved.text

        (ask_period,) = await lan.say("/report")
        (question,) = await lan.press(ask_period, "Báo cáo tổng kết năm 2026")
        (question,) = await lan.say("Sửa xong 45 căn nhà")
        for _skipped in range(3):  # beneficiaries, money, things built
            (question,) = await lan.press(question, "Bỏ qua ⏭️")
        (ask_children,) = await lan.press(question, "Bỏ qua ⏭️")  # no photos
        assert f"Mục tiêu của «{NAME} · 3.000 trẻ em» (1/2)" in ask_children.text
        assert "Mục tiêu: 3.000 trẻ em (chưa báo cáo lần nào)" in ask_children.text
        (ask_houses,) = await lan.say("1.200")
        (ask_summary,) = await lan.say("45 căn")
        (question,) = await lan.say("Hoàn thành kế hoạch năm")
        (question,) = await lan.press(question, "Bỏ qua ⏭️")
        (check,) = await lan.press(question, "Bỏ qua ⏭️")
        assert f"«{NAME} · 90 căn nhà» · Đã đạt được đến nay: 45" in check.text
        (sent,) = await lan.press(check, "✅ Gửi báo cáo")
        assert sent.text.startswith("✅ Đã gửi Báo cáo tổng kết năm 2026")

        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (listed,) = await hoa.say("/pilot")
        assert "Mô hình điểm của Huyện Đoàn Đồng Phú năm 2026: 0, tối đa 2." in listed.text
        (opened,) = await hoa.press(listed, NAME)
        assert "1.200/3.000 trẻ em (40%)" in opened.text
        (marked,) = await hoa.press(opened, "⭐ Chọn làm mô hình điểm")
        assert "đã là mô hình điểm của Huyện Đoàn Đồng Phú (1, tối đa 2)" in marked.text

        (models,) = await lan.say("/models")
        (view,) = await lan.press(models, NAME)
        (digest,) = await hoa.say("/digest")
    # 1.200 of 3.000 children is 40 %; 45 of 90 houses is 50 %
    assert "   – 1.200/3.000 trẻ em (40%)\n   – 45/90 căn nhà (50%)" in view.text
    assert "⭐ Mô hình điểm của Huyện Đoàn Đồng Phú" in view.text
    assert "⭐ Mô hình điểm: 1" in digest.text
    assert f"  ⭐ «{NAME}» (Chi đoàn ấp 1): 3.000 trẻ em 40%; 90 căn nhà 50%" in digest.text

    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        district = await tx.units.by_code("BP-DP")
        assert unit is not None and district is not None
        (model,) = await tx.models.for_units([unit.id], 2026)
        goals = (await tx.goals.of_models([model.id]))[model.id]
        achieved = await tx.goals.achieved([g.id for g in goals], "2026-annual")
        (pilot,) = await tx.goals.pilots(None, 2026, of_unit=district.id)
        marker = await tx.accounts.account("telegram", str(BTV))
    assert [achieved[g.id] for g in goals] == [Decimal(1200), Decimal(45)]
    assert marker is not None and (pilot.model_id, pilot.marked_by) == (model.id, marker.person_id)
