"""More cases.
``/visit`` played whole: a BTV member logs a visit to a unit of their cluster."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.jobs.nudges import sweep
from domain.calendar import DeadlineKind
from domain.keys import nudge_topic
from domain.organisation import Role
from storage.visit_log import VisitFields
from tests.support.chat import Chat
from tests.support.visits import logged_visit, person_of
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


async def btv_of_c1(world: World) -> Chat:
    """Lê Thị Hoa, on the standing committee of Đồng Phú, visiting the units of cluster C1."""
    return await Chat.joined(
        world, Role.BTV, "BP-DP", chat_id="hoa", name="Lê Thị Hoa", cluster="C1"
    )


async def test_a_visit_is_saved_with_its_photo_and_the_units_secretary_is_told(
    pg_world: World,
) -> None:
    world = pg_world
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL", chat_id="tl", name="Bí thư")
    hoa = await btv_of_c1(world)
    assert "Bạn đã đến đơn vị nào?" in await hoa.say("/visit")
    assert "Bạn đi cơ sở ngày nào?" in await hoa.press("Đoàn xã Tân Lập")
    await hoa.press("Hôm qua")
    await hoa.press("Không")
    await hoa.say("Chi đoàn cần sinh hoạt đều hơn")
    assert "Gửi ảnh chuyến đi" in await hoa.say("Họp chi đoàn mỗi tháng một lần")
    await hoa.photo(7)
    summary = await hoa.say("/done")
    assert "Ngày: 22/11/2026" in summary and "Dự sinh hoạt chi đoàn: Không" in summary
    saved = await hoa.press("✅ Ghi sổ")
    assert saved.splitlines() == [
        "✅ Đã ghi chuyến đi tới Đoàn xã Tân Lập ngày 22/11/2026.",
        "Tháng 11/2026 còn phải đến: Đoàn trường THPT Đồng Phú, Đoàn xã Đồng Tiến.",
    ]
    async with world.runtime.database.read() as tx:
        (visit,) = await tx.visits.between(*NOVEMBER)
        notices = await tx.outbox.rows(kind="notice")
    assert visit.fields == VisitFields(
        visit.unit_id, dt.date(2026, 11, 22), False,
        "Chi đoàn cần sinh hoạt đều hơn", "Họp chi đoàn mỗi tháng một lần",
    )  # fmt: skip
    assert (visit.person_id, visit.unit_name, visit.photo_count) == (
        await person_of(hoa),
        "Đoàn xã Tân Lập",
        1,
    )
    assert [(row["person_id"], row["text"]) for row in notices] == [
        (
            await person_of(secretary),
            "Đồng chí Lê Thị Hoa, ủy viên Ban Thường vụ, đã đến thăm Đoàn xã Tân Lập ngày "
            "22/11/2026.\nÝ kiến chỉ đạo: Họp chi đoàn mỗi tháng một lần",
        )
    ]


async def test_the_last_unit_of_the_month_visited_stops_the_visit_reminders(world: World) -> None:
    hoa = await btv_of_c1(world)
    person = await person_of(hoa)
    await logged_visit(world, person, "BP-DP-TL", dt.date(2026, 11, 5))
    await logged_visit(world, person, "BP-DP-DT", dt.date(2026, 11, 12))
    runtime = world.runtime
    moment = dt.datetime(2026, 11, 22, 8, tzinfo=HCM)
    await sweep(runtime.database, runtime.calendar, runtime.config.targets, moment, HCM)
    topic = nudge_topic(DeadlineKind.VISIT, "2026-11", person_id=person)

    async def reminders() -> list[str]:
        async with runtime.database.read() as tx:
            return [row["status"] for row in await tx.outbox.rows() if row["topic"] == topic]

    assert await reminders() == ["pending"]
    await hoa.say("/visit")
    await hoa.press("Đoàn trường THPT Đồng Phú")
    await hoa.press("Hôm nay")
    await hoa.press("Có")
    await hoa.say("Chi đoàn trường hoạt động tốt")
    await hoa.say("Giữ vững")
    await hoa.say("/skip")
    saved = await hoa.press("✅ Ghi sổ")
    assert saved.splitlines()[1] == (
        "Tháng 11/2026 bạn đã đến đủ các đơn vị trong cụm phụ trách. 👏"
    )
    assert await reminders() == ["cancelled"]


async def test_a_date_that_is_no_date_is_refused_and_the_date_is_asked_again(
    world: World,
) -> None:
    hoa = await btv_of_c1(world)
    await hoa.say("/visit")
    await hoa.press("Đoàn xã Đồng Tiến")
    refused = await hoa.say("31/11")
    assert refused.startswith("⚠️ 31/11 không phải là ngày. Vui lòng nhập dd/mm hoặc dd/mm/yyyy.")
    assert "Bước 2/6 · Ghi sổ đi cơ sở" in refused and "Bạn đi cơ sở ngày nào?" in refused
    assert "Bạn có dự sinh hoạt chi đoàn không?" in await hoa.say("30/10")
    async with world.runtime.database.read() as tx:
        assert await tx.visits.between(*NOVEMBER) == []


async def test_only_a_btv_member_with_a_cluster_logs_and_only_for_its_units(world: World) -> None:
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="a1")
    assert "Lệnh /visit không dành cho vai trò của bạn" in await secretary.say("/visit")
    unassigned = await Chat.joined(world, Role.BTV, "BP-BD", chat_id="bd", name="Trần Văn Bình")
    assert await unassigned.say("/visit") == "⚠️ Bạn chưa được phân công phụ trách cụm thi đua nào."
    hoa = await btv_of_c1(world)
    await hoa.say("/visit")
    async with world.runtime.database.read() as tx:
        other = await tx.units.by_code("BP-BD-DL")  # a unit of cluster C2
    assert other is not None
    await hoa.send(choice=str(other.id))
    refused = "\n".join(reply.text for reply in hoa.last)
    assert refused.startswith("⚠️ Nút đó thuộc một tin nhắn cũ.")
    assert "Bạn đã đến đơn vị nào?" in refused
