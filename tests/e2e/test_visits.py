"""The visit log: /visit on Telegram, the month's matrix, reminders, scope, editing, export."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.jobs.nudges import sweep
from conversations.messages import Inbound, Reply
from conversations.validators import parse_visit_date
from domain.errors import InvalidInput
from domain.organisation import Role
from locales import use_locale, user_message
from storage.visit_log import VisitFields
from tests.e2e.conftest import join
from tests.support.images import jpeg
from tests.support.people import join_console
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 11, 23)
C1_UNITS = ["Đoàn trường THPT Đồng Phú", "Đoàn xã Đồng Tiến", "Đoàn xã Tân Lập"]


@pytest.mark.parametrize(
    ("typed", "day"),
    [("20/11", dt.date(2026, 11, 20)), ("20/11/2026", dt.date(2026, 11, 20)),
     ("5-11-26", dt.date(2026, 11, 5)), ("Hôm nay", TODAY), ("hom qua", dt.date(2026, 11, 22)),
     ("23/10", dt.date(2026, 10, 23))],
)  # fmt: skip
def test_visit_dates_as_people_type_them(typed: str, day: dt.date) -> None:
    assert parse_visit_date(typed, TODAY) == day


@pytest.mark.parametrize(
    ("typed", "why"),
    [("24/11", "future"), ("22/10", "31 days"), ("32/13", "not a date"), ("mai", "dd/mm")],
)
def test_impossible_visit_dates_are_refused(typed: str, why: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_visit_date(typed, TODAY)
    with use_locale("en"):
        assert why in user_message(caught.value)


async def test_a_visit_is_logged_on_telegram_and_the_secretary_is_told(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator) as telegram:
        secretary = await join(world, emulator, 8101, unit="BP-DP-TL", name="Bí thư Tân Lập")
        hoa = await join(
            world, emulator, 8102, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa", cluster="C1"
        )
        (ask_unit,) = await hoa.say("/visit")
        assert [text for row in ask_unit.buttons for text, _data in row][:3] == C1_UNITS
        (ask_date,) = await hoa.press(ask_unit, "Đoàn xã Tân Lập")
        assert ask_date.buttons[0] == [("Hôm nay", "today"), ("Hôm qua", "yesterday")]
        (refused,) = await hoa.say("24/11")
        assert "không thể ở tương lai" in refused.text
        (refused,) = await hoa.say("01/10")
        assert "quá 31 ngày" in refused.text
        (ask_meeting,) = await hoa.say("20/11")
        (ask_findings,) = await hoa.press(ask_meeting, "Có")
        (ask_advice,) = await hoa.say("Chi đoàn sinh hoạt đều, 25 đoàn viên dự 🎉")
        (ask_photos,) = await hoa.say("Đăng ký thêm mô hình kinh tế")
        await hoa.photo(jpeg(seed=21))
        (summary,) = await hoa.say("/done")
        assert "Ngày: 20/11/2026" in summary.text and "Dự sinh hoạt chi đoàn: Có" in summary.text
        (saved,) = await hoa.press(summary, "✅ Ghi sổ")
        assert saved.text == (
            "✅ Đã ghi chuyến đi tới Đoàn xã Tân Lập ngày 20/11/2026.\n"
            "Tháng 11/2026 còn phải đến: Đoàn trường THPT Đồng Phú, Đoàn xã Đồng Tiến."
        )
        await world.runtime.sender({"telegram": telegram}).drain()
        (told,) = await emulator.wait_for_messages(8101)
    assert told.text == (
        "Đồng chí Lê Thị Hoa, ủy viên Ban Thường vụ, đã đến thăm Đoàn xã Tân Lập ngày "
        "20/11/2026.\nÝ kiến chỉ đạo: Đăng ký thêm mô hình kinh tế"
    )
    assert secretary.user_id == 8101
    async with world.runtime.database.read() as tx:
        (visit,) = await tx.visits.between(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert visit.fields == VisitFields(
        visit.unit_id, dt.date(2026, 11, 20), True,
        "Chi đoàn sinh hoạt đều, 25 đoàn viên dự 🎉", "Đăng ký thêm mô hình kinh tế",
    )  # fmt: skip
    assert visit.photo_count == 1 and visit.person_name == "Lê Thị Hoa"


async def test_a_late_logged_visit_lists_the_units_left_in_its_own_month(
    world: World, emulator: TelegramEmulator
) -> None:
    """A visit of 30/11 logged on 02/12 counts for November: the confirmation names November's
    remaining units, and a visit of today names December's."""
    world.clock.set(dt.datetime(2026, 12, 2, 2, tzinfo=dt.UTC))  # 09:00 on 02/12 in Hà Nội
    async with world.telegram(emulator):
        hoa = await join(
            world, emulator, 8202, role=Role.BTV, unit="BP-DP", name="Lê Thị Hoa", cluster="C1"
        )
        async with world.runtime.database.transaction() as tx:
            unit = await tx.units.by_code("BP-DP-DT")
            person = await tx.accounts.account("telegram", "8202")
            assert unit is not None and person is not None
            fields = VisitFields(unit.id, dt.date(2026, 11, 12), True, "Ghi nhận", "Tiếp tục")
            await tx.visits.log(person.person_id, fields, world.clock.now())

        async def log_visit(day: str) -> str:
            (ask_unit,) = await hoa.say("/visit")
            (ask_date,) = await hoa.press(ask_unit, "Đoàn xã Tân Lập")
            if day == "today":
                (ask_meeting,) = await hoa.press(ask_date, "Hôm nay")
            else:
                (ask_meeting,) = await hoa.say(day)
            await hoa.press(ask_meeting, "Có")
            await hoa.say("Chi đoàn sinh hoạt đều")
            await hoa.say("Duy trì mô hình")
            (summary,) = await hoa.say("/skip")
            (saved,) = await hoa.press(summary, "✅ Ghi sổ")
            return saved.text or ""

        november = await log_visit("30/11")
        december = await log_visit("today")
    assert november.splitlines() == [
        "✅ Đã ghi chuyến đi tới Đoàn xã Tân Lập ngày 30/11/2026.",
        "Tháng 11/2026 còn phải đến: Đoàn trường THPT Đồng Phú.",
    ]
    assert december.splitlines() == [
        "✅ Đã ghi chuyến đi tới Đoàn xã Tân Lập ngày 02/12/2026.",
        "Tháng 12/2026 còn phải đến: Đoàn trường THPT Đồng Phú, Đoàn xã Đồng Tiến.",
    ]


async def send(
    world: World, chat: str, text: str | None = None, choice: str | None = None
) -> list[Reply]:
    return await world.runtime.dispatcher.handle(
        Inbound(channel="console", chat_id=chat, user_id=chat, text=text, choice=choice)
    )


async def cluster_c1(world: World) -> dict[str, int]:
    """A lead of C1, two BTV members of C1 (Hoa visited two units, Bình none), a lead of C2."""
    lead, btv = Role.CLUSTER_LEAD, Role.BTV
    people = {
        "lead": await join_console(world, "lead", lead, None, name="Cụm trưởng Một", cluster="C1"),
        "hoa": await join_console(world, "hoa", btv, "BP-DP", name="Lê Thị Hoa", cluster="C1"),
        "binh": await join_console(world, "binh", btv, "BP-DP", name="Trần Văn Bình", cluster="C1"),
        "lead2": await join_console(
            world, "lead2", lead, None, name="Cụm trưởng Hai", cluster="C2"
        ),
    }
    async with world.runtime.database.transaction() as tx:
        for code, day, meeting in (("BP-DP-TL", 5, True), ("BP-DP-DT", 12, False)):
            unit = await tx.units.by_code(code)
            assert unit is not None
            fields = VisitFields(
                unit.id, dt.date(2026, 11, day), meeting, f"Ghi nhận {code}", "Tiếp tục"
            )
            await tx.visits.log(people["hoa"], fields, dt.datetime(2026, 11, day, 9, tzinfo=dt.UTC))
    return people


async def test_the_matrix_of_a_month_for_the_cluster_lead(world: World) -> None:
    await cluster_c1(world)
    (overview,) = await send(world, "lead", "/visits 11/2026")
    assert overview.text.splitlines()[:8] == [
        "Bước 2/2 · Sổ đi cơ sở",
        "🗓 Cụm thi đua số 1 · tháng 11/2026",
        "Đơn vị: 1. Đoàn trường THPT Đồng Phú · 2. Đoàn xã Đồng Tiến · 3. Đoàn xã Tân Lập",
        "Lê Thị Hoa: 1 ❌ 2 ✅ 3 ✅ (2/3)",
        "Trần Văn Bình: 1 ❌ 2 ❌ 3 ❌ (0/3)",
        "Còn thiếu (4 lượt):",
        "  • Lê Thị Hoa → Đoàn trường THPT Đồng Phú",
        "  • Trần Văn Bình → Đoàn trường THPT Đồng Phú, Đoàn xã Đồng Tiến, Đoàn xã Tân Lập",
    ]
    labels = [b.label for b in overview.all_buttons() if not b.is_command]
    assert labels == ["05/11 · Đoàn xã Tân Lập · Hoa", "12/11 · Đoàn xã Đồng Tiến · Hoa"]
    (notes,) = await send(world, "lead", "1")
    assert "Tình hình ghi nhận: Ghi nhận BP-DP-TL" in notes.text
    assert "Dự sinh hoạt chi đoàn: có" in notes.text
    assert [b.label for b in notes.all_buttons() if not b.is_command] == ["✔️ Đóng"]  # not their own


async def test_reminders_name_exactly_the_units_not_visited(world: World) -> None:
    people = await cluster_c1(world)
    runtime = world.runtime
    moment = dt.datetime(2026, 11, 22, 8, tzinfo=HCM)
    await sweep(runtime.database, runtime.calendar, runtime.config.targets, moment, HCM)
    async with runtime.database.read() as tx:
        rows = {row["person_id"]: row["text"] for row in await tx.outbox.rows(kind="nudge")}
    assert rows[people["hoa"]].endswith("Chưa đến trong tháng này: Đoàn trường THPT Đồng Phú.")
    assert rows[people["binh"]].endswith(
        "Chưa đến trong tháng này: Đoàn trường THPT Đồng Phú, Đoàn xã Đồng Tiến, Đoàn xã Tân Lập."
    )
    assert people["lead"] not in rows


async def test_a_lead_sees_only_their_cluster_and_a_member_only_their_log(world: World) -> None:
    await cluster_c1(world)
    (other,) = await send(world, "lead2", "/visits 11/2026")
    assert "Cụm thi đua số 2" in other.text and "Cụm thi đua số 1" not in other.text
    assert "Lê Thị Hoa" not in other.text
    async with world.runtime.database.read() as tx:
        visits = await tx.visits.between(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    (refused,) = await send(world, "lead2", choice=str(visits[0].id))  # forged
    assert "⚠️" in refused.text and "Ghi nhận" not in refused.text
    (own,) = await send(world, "binh", "/visits 11/2026")
    assert own.text.splitlines()[1] == "🗓 Các chuyến đi cơ sở của bạn tháng 11/2026:"
    assert "Chưa ghi chuyến đi nào." in own.text and "Hoa" not in own.text
    assert [b for b in own.all_buttons() if not b.is_command] == []


async def test_a_member_changes_their_visit_within_seven_days_only(world: World) -> None:
    await cluster_c1(world)
    world.clock.set(dt.datetime(2026, 11, 15, 9, tzinfo=dt.UTC))  # 3 days after the 12/11 visit
    (overview,) = await send(world, "hoa", "/visits 11/2026")
    (notes,) = await send(world, "hoa", "2")
    assert "Bạn có thể sửa đến ngày 19/11/2026." in notes.text
    (fields,) = await send(world, "hoa", "✏️ Sửa")
    (ask,) = await send(world, "hoa", "Ý kiến chỉ đạo")
    assert "Hiện tại: Tiếp tục" in ask.text
    (saved,) = await send(world, "hoa", "Tập trung phát triển đoàn viên mới")
    assert saved.text == "✏️ Đã lưu. Ý kiến chỉ đạo: Tập trung phát triển đoàn viên mới"
    world.clock.set(dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC))  # 11 days later
    await send(world, "hoa", "/visits 11/2026")
    (notes,) = await send(world, "hoa", "2")
    assert [b.label for b in notes.all_buttons() if not b.is_command] == ["✔️ Đóng"]
    async with world.runtime.database.read() as tx:
        visits = await tx.visits.between(dt.date(2026, 11, 12), dt.date(2026, 11, 12))
    assert visits[0].fields.advice == "Tập trung phát triển đoàn viên mới"
