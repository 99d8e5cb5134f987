"""A whole year of the default calendar for the sample organisation, one sweep a day at 08:00.

It checks exactly who is reminded on which day, and that meeting a deadline stops the reminders.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.jobs.nudges import sweep
from domain.organisation import Role
from domain.targets import LevelTargets
from storage.records import ModelFields
from storage.visit_log import VisitFields
from tests.support.people import console_say, join_console
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
REG = ["01-08", "01-12", "01-14", "01-15", "01-18", "01-21", "01-24"]
H1 = ["05-08", "05-12", "05-14", "05-15", "05-18", "05-21", "05-24"]
ANNUAL = ["11-08", "11-12", "11-14", "11-15", "11-18", "11-21", "11-24"]
LABELS = ["d7", "d3", "d1", "d0", "o1", "o2", "o3"]


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HCM)


def fields(name: str) -> ModelFields:
    return ModelFields(name, "collective", "Chi đoàn", "Ấp 1", None, None, "economy", 20)


async def unit_id(world: World, code: str) -> int:
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code(code)
    assert unit is not None
    return unit.id


async def test_a_year_of_reminders_for_the_sample_organisation(world: World) -> None:
    people = {
        "a1": await join_console(world, "a1", unit="BP-DP-TL-A1", name="Bí thư ấp 1"),
        "a2": await join_console(world, "a2", unit="BP-DP-TL-A2", name="Bí thư ấp 2"),
        "tl": await join_console(world, "tl", unit="BP-DP-TL", name="Bí thư Tân Lập"),
        "bp": await join_console(world, "bp", unit="BP", name="Bí thư tỉnh"),
        "btv": await join_console(
            world, "btv", Role.BTV, "BP-DP", name="Ủy viên BTV", cluster="C1"
        ),
    }
    name_of = {person: key for key, person in people.items()}
    database = world.runtime.database
    calendar = world.runtime.calendar
    targets = world.runtime.config.targets

    async def events(day: dt.date) -> None:
        now = at(day, 10)
        if day == dt.date(2027, 1, 13):  # ấp 1 meets its target of 1; Tân Lập has 1 of 2
            async with database.transaction() as tx:
                for code, person in (("BP-DP-TL-A1", "a1"), ("BP-DP-TL", "tl")):
                    unit = await unit_id(world, code)
                    await tx.models.create(unit, 2027, fields(code), people[person], now)
        if day == dt.date(2027, 5, 10):  # ấp 2 sends its 6-month report early
            async with database.transaction() as tx:
                await tx.periodic_reports.save(
                    await unit_id(world, "BP-DP-TL-A2"), "2027-h1", "Tốt", [], people["a2"], now
                )
        if day == dt.date(2027, 3, 10):  # the BTV member visits all of cluster C1 in March
            async with database.transaction() as tx:
                for code in ("BP-DP-TL", "BP-DP-DT", "BP-DP-THPT"):
                    visit = VisitFields(await unit_id(world, code), day, True, "Ổn", "Tiếp tục")
                    await tx.visits.log(people["btv"], visit, now)

    day = dt.date(2027, 1, 1)
    while day.year == 2027:
        world.clock.set(at(day))
        await sweep(database, calendar, targets, world.clock.now(), HCM)
        again = await sweep(database, calendar, targets, world.clock.now(), HCM)
        assert again.enqueued == 0  # a second run the same moment adds nothing
        await events(day)
        day += dt.timedelta(days=1)

    async with database.read() as tx:
        rows = await tx.outbox.rows(kind="nudge")
    seen = sorted(
        (
            row["key"].split(":")[1],
            name_of[row["person_id"]],
            row["created_at"].astimezone(HCM).strftime("%m-%d"),
            row["key"].rsplit(":", 1)[1],
        )
        for row in rows
    )

    def schedule(deadline: str, person: str, days: list[str]) -> list[tuple[str, str, str, str]]:
        return [(deadline, person, d, label) for d, label in zip(days, LABELS, strict=False)]

    visit_days = [
        (f"{month:02d}-{day:02d}", label)
        for month in range(1, 13)
        if month != 3
        for day, label in ((18, "d7"), (22, "d3"), (24, "d1"), (25, "d0"))
    ]
    expected = sorted(
        [
            *schedule("registration", "a1", REG[:2]),
            *schedule("registration", "a2", REG),
            *schedule("registration", "tl", REG),
            *schedule("report_h1", "a1", H1),
            *schedule("report_h1", "a2", H1[:1]),
            *schedule("report_h1", "tl", H1),
            *schedule("report_annual", "a1", ANNUAL),
            *schedule("report_annual", "a2", ANNUAL),
            *schedule("report_annual", "tl", ANNUAL),
            *[("visit", "btv", d, label) for d, label in visit_days],
        ]
    )
    assert seen == expected


async def test_reminders_say_what_is_missing_and_offer_the_conversation(world: World) -> None:
    await join_console(world, "a1", unit="BP-DP-TL-A1")
    await join_console(world, "btv", Role.BTV, "BP-DP", name="Ủy viên BTV", cluster="C1")
    database, calendar = world.runtime.database, world.runtime.calendar
    targets = world.runtime.config.targets
    await sweep(database, calendar, targets, at(dt.date(2027, 1, 12)), HCM)
    await sweep(database, calendar, targets, at(dt.date(2027, 1, 18)), HCM)
    await sweep(database, calendar, targets, at(dt.date(2026, 11, 22)), HCM)
    async with database.read() as tx:
        rows = {row["key"]: row for row in await tx.outbox.rows(kind="nudge")}
    assert sorted(rows) == [
        "nudge:registration:2027:u9:p1:d3",
        "nudge:registration:2027:u9:p1:o1",
        "nudge:report_annual:2026-annual:u9:p1:o2",
        "nudge:visit:2026-11:p2:p2:d3",
        "nudge:visit:2027-01:p2:p2:d7",
    ]
    d3, o1 = rows["nudge:registration:2027:u9:p1:d3"], rows["nudge:registration:2027:u9:p1:o1"]
    visit = rows["nudge:visit:2026-11:p2:p2:d3"]
    assert d3["text"] == (
        "⏰ Nhắc hạn: Đăng ký mô hình năm 2027, hạn chót 15/01/2027 (còn 3 ngày).\n"
        "Chi đoàn ấp 1 mới đăng ký 0/1 mô hình năm 2027."
    )
    assert d3["buttons"] == [[["📝 Đăng ký mô hình", "/register"]]]
    assert o1["text"].startswith("⚠️ Đã quá hạn 3 ngày: Đăng ký mô hình năm 2027")
    assert visit["text"] == (
        "⏰ Nhắc hạn: Đi cơ sở tháng 11/2026, hạn chót 25/11/2026 (còn 3 ngày).\n"
        "Chưa đến trong tháng này: Đoàn trường THPT Đồng Phú, Đoàn xã Đồng Tiến, Đoàn xã Tân Lập."
    )
    assert visit["buttons"] == [[["📝 Ghi sổ đi cơ sở", "/visit"]]]


async def test_meeting_the_deadline_cancels_the_reminders_still_waiting(world: World) -> None:
    await join_console(world, "a1", unit="BP-DP-TL-A1")
    database, calendar = world.runtime.database, world.runtime.calendar
    world.clock.set(at(dt.date(2027, 1, 12)))
    result = await sweep(database, calendar, world.runtime.config.targets, world.clock.now(), HCM)
    assert result.enqueued == 1
    await console_say(world, "a1", "/register")
    for answer in [
        "Sân bóng mini",
        "1",
        "Chi đoàn ấp 1",
        "Ấp 1",
        "1",
        "30",
        "/skip",
        "/skip",
        "/skip",
    ]:
        await console_say(world, "a1", answer)
    saved = await console_say(world, "a1", "1")
    assert "1/1" in saved
    async with database.read() as tx:
        counts = await tx.outbox.counts()
    assert (counts["pending"], counts["cancelled"]) == (0, 1)
    branch_only = LevelTargets({"branch": 1})
    later = await sweep(database, calendar, branch_only, at(dt.date(2027, 1, 14)), HCM)
    assert later.due == 0
