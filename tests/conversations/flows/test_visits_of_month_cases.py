"""More cases.
``/visits`` played whole: the month's log, one visit's notes, and changing one's own visit."""

from __future__ import annotations

import datetime as dt

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.visits import logged_visit, person_of
from tests.support.world import World

NOV20 = dt.date(2026, 11, 20)


async def hoa_with_a_visit(world: World, day: dt.date = NOV20) -> tuple[Chat, int]:
    """Lê Thị Hoa (BTV, cluster C1) and her visit to Đoàn xã Tân Lập on ``day``, logged then."""
    hoa = await Chat.joined(
        world, Role.BTV, "BP-DP", chat_id="hoa", name="Lê Thị Hoa", cluster="C1"
    )
    return hoa, await logged_visit(world, await person_of(hoa), "BP-DP-TL", day)


async def visit(world: World, visit_id: int) -> tuple[dt.date, bool, str]:
    async with world.runtime.database.read() as tx:
        (found,) = [v for v in await tx.visits.between(NOV20 - dt.timedelta(days=30), NOV20)
                    if v.id == visit_id]  # fmt: skip
    return found.fields.visit_date, found.fields.attended_meeting, found.fields.advice


async def open_notes(hoa: Chat) -> str:
    """/visits, this month, the one visit: its notes."""
    assert "Tháng nào?" in await hoa.say("/visits")
    overview = await hoa.press("11/2026")
    assert "🗓 Các chuyến đi cơ sở của bạn tháng 11/2026:" in overview
    assert "Chọn một chuyến đi để xem ghi chép." in overview
    return await hoa.press("· Đoàn xã Tân Lập · Hoa")


async def test_a_member_moves_the_date_of_their_recent_visit(pg_world: World) -> None:
    hoa, visit_id = await hoa_with_a_visit(pg_world)
    notes = await open_notes(hoa)
    assert "Tình hình ghi nhận: Ghi nhận ở BP-DP-TL" in notes
    assert "Bạn có thể sửa đến ngày 27/11/2026." in notes  # logged on 20/11, 7 days
    assert "Bạn muốn sửa mục nào?" in await hoa.press("✏️ Sửa")
    ask = await hoa.press("Ngày")
    assert "Hiện tại: 20/11/2026\nBạn đi cơ sở ngày nào?" in ask
    assert await hoa.say("19/11") == "✏️ Đã lưu. Ngày: 19/11/2026"
    assert await visit(pg_world, visit_id) == (dt.date(2026, 11, 19), True, "Tiếp tục duy trì")


async def test_a_future_date_is_refused_and_a_yes_no_answer_is_stored_as_such(
    world: World,
) -> None:
    hoa, visit_id = await hoa_with_a_visit(world)
    await open_notes(hoa)
    await hoa.press("✏️ Sửa")
    await hoa.press("Ngày")
    refused = await hoa.say("24/11")
    assert refused.startswith("⚠️ Ngày đi cơ sở không thể ở tương lai.")
    assert "Hiện tại: 20/11/2026" in refused
    assert await visit(world, visit_id) == (NOV20, True, "Tiếp tục duy trì")
    await hoa.say("/back")
    ask = await hoa.press("Dự sinh hoạt chi đoàn")
    assert "Hiện tại: Có" in ask
    assert await hoa.press("Không") == "✏️ Đã lưu. Dự sinh hoạt chi đoàn: Không"
    assert await visit(world, visit_id) == (NOV20, False, "Tiếp tục duy trì")


async def test_an_old_visit_and_another_members_visit_only_open_to_be_read(
    world: World,
) -> None:
    hoa, visit_id = await hoa_with_a_visit(world, dt.date(2026, 11, 13))  # 10 days ago
    notes = await open_notes(hoa)
    assert "Bạn có thể sửa" not in notes
    assert [b.label for r in hoa.last for b in r.all_buttons() if not b.is_command] == ["✔️ Đóng"]
    (refused,) = await hoa.send(choice="edit")  # a forged "change it"
    assert refused.text.startswith("⚠️ Nút đó thuộc một tin nhắn cũ.")
    assert await hoa.press("✔️ Đóng") == "Đã đóng. Gõ /visits để mở lại sổ đi cơ sở."
    assert await visit(world, visit_id) == (dt.date(2026, 11, 13), True, "Tiếp tục duy trì")

    binh = await Chat.joined(
        world, Role.BTV, "BP-DP", chat_id="binh", name="Trần Văn Bình", cluster="C1"
    )
    own = await binh.say("/visits 11/2026")
    assert "Chưa ghi chuyến đi nào." in own and "Hoa" not in own
    (refused,) = await binh.send(choice=str(visit_id))  # Hoa's visit, forged
    assert refused.text.startswith("⚠️") and "Ghi nhận ở BP-DP-TL" not in refused.text


async def test_a_secretary_has_no_visit_log(world: World) -> None:
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="a1")
    assert (await secretary.say("/visits")).startswith("Lệnh /visits không dành cho vai trò")
