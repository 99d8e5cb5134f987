"""``/report`` played whole: the same questions for each model (a repeated group), the report
read back, an amendment that starts from the stored answers and needs a note when late, and
the progress of each goal asked under what the last report said."""

from __future__ import annotations

from decimal import Decimal

from domain.organisation import Role
from storage.periodic_reports import EntryFields
from tests.support.chat import Chat
from tests.support.goals import register_with_goals
from tests.support.world import World


async def test_a_report_asks_each_model_and_an_amendment_starts_from_it(pg_world: World) -> None:
    world = pg_world
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    road = await chat.register("Đường hoa")
    lights = await chat.register("Thắp sáng đường quê")
    assert "Bạn muốn gửi báo cáo nào?" in await chat.say("/report")
    first = await chat.press("Báo cáo tổng kết năm 2026")
    assert "Mô hình «Đường hoa» (1/2)\nMô hình đạt được kết quả gì trong kỳ?" in first
    await chat.say("Trồng 2 km hoa")
    for answer in ["120", "/skip", "/skip", "/skip"]:  # beneficiaries; no money, built, photos
        await chat.say(answer)
    second = chat.last[0].text
    assert "Mô hình «Thắp sáng đường quê» (2/2)" in second
    await chat.say("Lắp 40 bóng đèn")
    for answer in ["/skip", "45 triệu", "/skip", "/skip"]:
        await chat.say(answer)
    difficulties = await chat.say("Chi đoàn hoàn thành 100% chỉ tiêu")
    assert "Đơn vị gặp những khó khăn, vướng mắc gì?\nVí dụ: " in difficulties
    await chat.say("Kinh phí ít")
    assert "kiến nghị, đề xuất" in chat.last[0].text  # optional: skipped
    summary = await chat.say("/skip")
    assert "«Đường hoa» · Kết quả đạt được: Trồng 2 km hoa" in summary
    assert "Khó khăn, vướng mắc: Kinh phí ít" in summary
    sent = await chat.press("✅")
    assert "✅ Đã gửi Báo cáo tổng kết năm 2026 của Chi đoàn ấp 1, kèm 0 ảnh mới." == sent
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        report = await tx.periodic_reports.get(unit.id, "2026-annual")
    assert report is not None and report.summary == "Chi đoàn hoàn thành 100% chỉ tiêu"
    assert (report.difficulties, report.recommendations) == ("Kinh phí ít", None)
    entries = {e.fields.model_id: e.fields for e in report.entries}
    assert (entries[road].achieved, entries[road].beneficiaries) == ("Trồng 2 km hoa", 120)
    assert (entries[lights].money_vnd, entries[lights].beneficiaries) == (45_000_000, None)

    await chat.say("/report")
    note = await chat.press("Báo cáo tổng kết năm 2026")  # due 15/11: the amendment is late
    assert "Đã quá hạn" in note  # every model's answers came back: only the note is asked
    summary = await chat.say("Bổ sung số liệu")
    assert "«Thắp sáng đường quê» · Kết quả đạt được: Lắp 40 bóng đèn" in summary
    assert "Khó khăn, vướng mắc: Kinh phí ít" in summary  # kept from the report sent


async def test_an_empty_answer_keeps_the_models_question(world: World) -> None:
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await chat.register("Đường hoa")
    await chat.say("/report")
    await chat.press("Báo cáo tổng kết năm 2026")
    refused = await chat.say("   ")
    assert "⚠️" in refused and "Mô hình «Đường hoa» (1/1)" in refused


async def test_a_period_that_is_not_open_is_refused(world: World) -> None:
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    assert "không mở" in await chat.say("/report 2026-h1")


async def test_each_goal_is_asked_under_the_last_report_and_an_amendment_keeps_it(
    pg_world: World,
) -> None:
    world = pg_world
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    road = await register_with_goals(chat, "Đường hoa")
    async with world.runtime.database.transaction() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        children, houses = (await tx.goals.of_models([road]))[road]
        _r, entries, _new = await tx.periodic_reports.save(
            unit.id, "2026-h1", "Sáu tháng", [EntryFields(road, "Nửa chặng")], 1, world.clock.now()
        )
        await tx.goals.save_progress(entries[road], {children.id: Decimal(1200)})
    await chat.say("/report")
    await chat.press("Báo cáo tổng kết năm 2026")
    for answer in ["Trồng 2 km hoa", "/skip", "/skip", "/skip"]:
        await chat.say(answer)
    first = await chat.say("/skip")  # no photos
    assert (
        "Mục tiêu của «Đường hoa · 3.000 trẻ em» (1/2)\n"
        "Lần báo cáo trước: 1.200/3.000 trẻ em (40%)\n"
        "Đến nay đã đạt được bao nhiêu"
    ) in first
    refused = await chat.say("khoảng hai nghìn")
    assert "⚠️" in refused and "bằng một con số" in refused and "(1/2)" in refused
    second = await chat.say("2.400 trẻ em")
    assert "(2/2)\nMục tiêu: 90 căn nhà (chưa báo cáo lần nào)" in second
    await chat.say("/skip")  # the houses keep no value of this report
    await chat.say("Hoàn thành")
    await chat.say("/skip")
    summary = await chat.say("/skip")
    assert "«Đường hoa · 3.000 trẻ em» · Đã đạt được đến nay: 2.400" in summary
    assert "«Đường hoa · 90 căn nhà» · Đã đạt được đến nay: (bỏ qua)" in summary
    await chat.press("✅")
    async with world.runtime.database.read() as tx:
        assert await tx.goals.progress_of_report(unit.id, "2026-annual") == {
            children.id: Decimal(2400)
        }
        assert await tx.goals.achieved([children.id, houses.id]) == {children.id: Decimal(2400)}

    await chat.say("/report")
    await chat.press("Báo cáo tổng kết năm 2026")  # late: only the note is asked
    summary = await chat.say("Bổ sung số liệu")
    assert "«Đường hoa · 3.000 trẻ em» · Đã đạt được đến nay: 2.400" in summary
    await chat.press("✅")
    async with world.runtime.database.read() as tx:
        assert await tx.goals.progress_of_report(unit.id, "2026-annual") == {
            children.id: Decimal(2400)
        }
