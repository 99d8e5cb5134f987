"""More cases.
/report played whole: the same questions for each model the report covers, a refused figure
asked again under its model's heading, a period changed midway, an amendment before the
deadline (no note), and who may send one."""

from __future__ import annotations

import datetime as dt

from domain.organisation import Role
from domain.registry import Status
from storage.periodic_reports import ReportRecord
from tests.support.chat import Chat
from tests.support.registry import add_model
from tests.support.world import World

SEND = "✅ Gửi báo cáo"


async def saved_report(world: World, period: str) -> ReportRecord | None:
    """The report of ấp 1 for ``period``, if one was saved."""
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        return await tx.periodic_reports.get(unit.id, period)


async def stored_report(world: World, period: str) -> ReportRecord:
    """The report of ấp 1 for ``period``, which must have been saved."""
    report = await saved_report(world, period)
    assert report is not None, period
    return report


async def secretary_with_a_playground(world: World) -> Chat:
    """The secretary of ấp 1, whose unit has registered one model this year."""
    await add_model(world, "Sân chơi thiếu nhi")
    return await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")


async def test_each_model_of_the_unit_is_reported_on_in_turn(pg_world: World) -> None:
    playground = await add_model(pg_world, "Sân chơi thiếu nhi", ago=dt.timedelta(days=40))
    road = await add_model(pg_world, "Đường hoa ấp 1")
    await add_model(pg_world, "Mô hình bị loại", status=Status.REJECTED)
    await add_model(pg_world, "Tủ sách ấp 2", "BP-DP-TL-A2")
    lan = await Chat.joined(pg_world, Role.SECRETARY, "BP-DP-TL-A1")

    first = await lan.say("/report 2026-annual")  # the argument answers the period
    assert "Mô hình «Sân chơi thiếu nhi» (1/2)" in first
    assert "Mô hình đạt được kết quả gì trong kỳ?" in first
    for answer in ("Xây xong sân chơi", "/skip", "45 triệu", "/skip", "/skip"):
        asked = await lan.say(answer)
    assert "Mô hình «Đường hoa ấp 1» (2/2)" in asked
    for answer in ("Trồng 2 km hoa", "200", "/skip", "2 km đường hoa"):
        await lan.say(answer)
    await lan.photo(5)
    assert "Tóm tắt kết quả của đơn vị" in await lan.say("/done")
    await lan.say("Chi đoàn giữ vững 2 mô hình")
    await lan.say("/skip")  # no difficulties
    check = await lan.say("/skip")  # nor recommendations
    assert "Mô hình bị loại" not in check and "Tủ sách" not in check
    sent = await lan.press(SEND)
    assert "✅ Đã gửi Báo cáo tổng kết năm 2026 của Chi đoàn ấp 1, kèm 1 ảnh mới." in sent

    report = await stored_report(pg_world, "2026-annual")
    assert report.summary == "Chi đoàn giữ vững 2 mô hình" and report.amendment_note is None
    by_model = {entry.fields.model_id: entry for entry in report.entries}
    assert set(by_model) == {playground, road}
    assert by_model[playground].fields.achieved == "Xây xong sân chơi"
    assert (by_model[playground].fields.money_vnd, by_model[playground].photo_count) == (
        45_000_000,
        0,
    )
    assert by_model[road].fields.beneficiaries == 200
    assert by_model[road].fields.built == "2 km đường hoa"
    assert by_model[road].photo_count == 1


async def test_a_figure_that_is_no_amount_is_asked_again_under_its_model(world: World) -> None:
    lan = await secretary_with_a_playground(world)
    await lan.say("/report 2026-annual")
    await lan.say("Xây xong sân chơi")
    await lan.say("150")
    refused = await lan.say("nhiều lắm")
    assert "⚠️ Vui lòng nhập số tiền từ 0 đến 1.000.000.000.000 đồng" in refused
    assert "Bước 4/9" in refused and "Mô hình «Sân chơi thiếu nhi» (1/1)" in refused
    assert "Đã huy động được bao nhiêu tiền (đồng)?" in refused
    assert "Công trình, sản phẩm" not in refused
    assert await saved_report(world, "2026-annual") is None


async def test_another_period_chosen_midway_drops_the_answers_of_the_first(world: World) -> None:
    lan = await secretary_with_a_playground(world)
    await lan.say("/report")
    await lan.press("Báo cáo tổng kết năm 2026")
    await lan.say("Xây xong sân chơi")
    await lan.say("/back")
    assert "Bạn muốn gửi báo cáo nào?" in await lan.say("/back")
    # the 6-month report of 2027 covers the models of 2027: none yet
    summary = await lan.press("Báo cáo 6 tháng đầu năm 2027")
    assert "Tóm tắt kết quả của đơn vị" in summary
    await lan.say("Chuẩn bị mô hình mới")
    await lan.say("Chưa có kinh phí")
    check = await lan.say("Xin hỗ trợ kinh phí")
    assert "Sân chơi" not in check and "Xây xong" not in check
    await lan.press(SEND)

    report = await stored_report(world, "2027-h1")
    assert report.summary == "Chuẩn bị mô hình mới" and report.entries == ()
    assert (report.difficulties, report.recommendations) == (
        "Chưa có kinh phí",
        "Xin hỗ trợ kinh phí",
    )


async def test_an_amendment_before_the_deadline_starts_from_the_report_and_needs_no_note(
    world: World,
) -> None:
    lan = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await lan.say("/report 2027-h1")
    await lan.say("Chuẩn bị mô hình mới")
    await lan.say("/skip")
    await lan.say("/skip")
    await lan.press(SEND)

    check = await lan.say("/report 2027-h1")
    assert "Chuẩn bị mô hình mới" in check  # straight to the summary, with the stored answer
    assert "Đã quá hạn" not in check
    await lan.press("✏️ Sửa một mục")
    await lan.press("Tóm tắt của đơn vị")
    await lan.say("Đã đăng ký thêm 1 mô hình kinh tế")
    updated = await lan.press(SEND)
    assert "✅ Đã cập nhật Báo cáo 6 tháng đầu năm 2027 của Chi đoàn ấp 1" in updated

    report = await stored_report(world, "2027-h1")
    assert report.summary == "Đã đăng ký thêm 1 mô hình kinh tế"
    assert report.amended_at is not None and report.amendment_note is None


async def test_a_cluster_lead_may_not_send_a_report(world: World) -> None:
    lead = await Chat.joined(world, Role.CLUSTER_LEAD, None, cluster="C1", name="Cụm trưởng")
    assert "Lệnh /report không dành cho vai trò của bạn." in await lead.say("/report")
