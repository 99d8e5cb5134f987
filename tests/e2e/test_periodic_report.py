"""/report on Telegram: the annual report model by model, then an amendment after the deadline,
and the difficulty it states read by the district's BTV member in the digest."""

from __future__ import annotations

from bot.jobs.nudges import sweep
from domain.organisation import Role
from tests.e2e.conftest import join
from tests.e2e.test_register_model import register_minimal
from tests.support.images import jpeg
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

USER = 9001
BTV = 9002


async def test_a_report_is_sent_and_amended_with_a_note_after_the_deadline(
    world: World, emulator: TelegramEmulator
) -> None:
    runtime = world.runtime
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan, "Sân chơi thiếu nhi")
        (summary,) = await lan.say("/skip")
        await lan.press(summary, "✅ Đăng ký mô hình")
        due = await sweep(
            runtime.database, runtime.calendar, runtime.config.targets, world.clock.now(),
            runtime.settings.zone,
        )  # fmt: skip
        assert due.enqueued == 1  # the annual report of 2026 is 8 days overdue

        (closed,) = await lan.say("/report 2026-h1")
        assert "không mở" in closed.text
        (ask_period,) = await lan.say("/report")
        labels = [text for row in ask_period.buttons for text, _data in row]
        assert labels[:2] == [
            "Báo cáo tổng kết năm 2026 (hạn 15/11/2026)",
            "Báo cáo 6 tháng đầu năm 2027 (hạn 15/05/2027)",
        ]
        (ask_achieved,) = await lan.press(ask_period, "Báo cáo tổng kết năm 2026")
        assert "Mô hình «Sân chơi thiếu nhi» (1/1)" in ask_achieved.text
        (refused,) = await lan.say("  ")
        assert "⚠️" in refused.text and "Mô hình «Sân chơi thiếu nhi»" in refused.text
        (ask_benef,) = await lan.say("Xây xong sân chơi, 4 buổi sinh hoạt hè 🎉")
        (ask_money,) = await lan.say("150")
        (ask_built,) = await lan.say("45 triệu")
        (ask_photos,) = await lan.say("1 sân chơi, 6 bộ xích đu")
        (ack,) = await lan.photo(jpeg(seed=77))
        (ask_summary,) = await lan.press(ack, "✅ Xong")
        assert "Tóm tắt kết quả của đơn vị" in ask_summary.text
        (ask_difficulties,) = await lan.say("Chi đoàn hoàn thành 100% chỉ tiêu")
        assert "khó khăn, vướng mắc" in ask_difficulties.text
        (ask_recommendations,) = await lan.say("Thanh niên đi làm ăn xa")
        assert "kiến nghị, đề xuất" in ask_recommendations.text
        (check,) = await lan.press(ask_recommendations, "Bỏ qua ⏭️")
        assert "Khó khăn, vướng mắc: Thanh niên đi làm ăn xa" in check.text
        assert "«Sân chơi thiếu nhi» · Kết quả đạt được: Xây xong sân chơi" in check.text
        assert "45.000.000" in check.text
        (sent,) = await lan.press(check, "✅ Gửi báo cáo")
        assert sent.text == (
            "✅ Đã gửi Báo cáo tổng kết năm 2026 của Chi đoàn ấp 1, kèm 1 ảnh mới."
        )

        (ask_period,) = await lan.say("/report")
        (ask_note,) = await lan.press(ask_period, "Báo cáo tổng kết năm 2026")
        assert "Đã quá hạn" in ask_note.text
        (check,) = await lan.say("Bổ sung kinh phí do xã hỗ trợ")
        assert "Xây xong sân chơi" in check.text  # the stored answers
        (menu,) = await lan.press(check, "✏️ Sửa một mục")
        (ask_money,) = await lan.press(menu, "«Sân chơi thiếu nhi» · Kinh phí huy động")
        (check,) = await lan.say("60 triệu")
        (updated,) = await lan.press(check, "✅ Gửi báo cáo")
        # the district's BTV member reads the difficulty in the digest
        hoa = await join(world, emulator, BTV, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa")
        (digest,) = await hoa.say("/digest")
    assert updated.text.startswith("✅ Đã cập nhật Báo cáo tổng kết năm 2026")
    assert "Khó khăn, vướng mắc được nêu: 1" in digest.text
    assert "  “Thanh niên đi làm ăn xa” (Chi đoàn ấp 1)" in digest.text
    assert "Kiến nghị, đề xuất" not in digest.text  # none stated: no line

    async with runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        report = await tx.periodic_reports.get(unit.id, "2026-annual")
        counts = await tx.outbox.counts()
    assert report is not None
    assert report.summary == "Chi đoàn hoàn thành 100% chỉ tiêu"
    assert report.amendment_note == "Bổ sung kinh phí do xã hỗ trợ"
    assert (report.difficulties, report.recommendations) == ("Thanh niên đi làm ăn xa", None)
    (entry,) = report.entries
    assert entry.fields.achieved == "Xây xong sân chơi, 4 buổi sinh hoạt hè 🎉"
    assert (entry.fields.beneficiaries, entry.fields.money_vnd) == (150, 60_000_000)
    assert entry.fields.built == "1 sân chơi, 6 bộ xích đu"
    assert entry.photo_count == 1
    assert (counts["pending"], counts["cancelled"]) == (0, 1)
