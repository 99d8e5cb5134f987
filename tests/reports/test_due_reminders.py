"""Who is due a reminder now and what it says: the occurrences in force, a unit's gap with its
secretary, the text in the reader's language and the one-tap button."""

from __future__ import annotations

import datetime as dt

from domain.calendar import DeadlineKind
from domain.organisation import Role
from locales import use_locale
from reports.due_reminders import (
    due_reminders,
    missing_text,
    occurrences_now,
    reminder_buttons,
    reminder_text,
)
from tests.support.seed import fields
from tests.support.world import World


async def test_an_overdue_report_reminds_the_secretary_of_each_unit_without_it(
    world: World,
) -> None:
    runtime = world.runtime
    lan = await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    now, zone, targets = world.clock.now(), runtime.settings.zone, runtime.config.targets
    occurrences = occurrences_now(runtime.calendar, now, zone)
    (report,) = [o for o in occurrences if o.deadline.kind is DeadlineKind.REPORT]
    assert report.period == "2026-annual"
    async with runtime.database.read() as tx:
        due = [r async for r in due_reminders(tx, report, targets)]
    (reminder,) = due  # the only unit with a reachable secretary
    assert reminder.recipient.person_id == lan and reminder.owner.startswith("u")
    assert reminder.key(lan) != reminder.key(lan + 1)
    with use_locale("vi"):
        text = reminder_text(reminder, targets)
        buttons = reminder_buttons(reminder)
    assert "Chi đoàn ấp 1" in text and "15/11/2026" in text
    assert buttons == [[["📝 Gửi báo cáo", "/report 2026-annual"]]]


async def test_a_registration_reminder_names_the_unit_s_own_target_and_missing_domains(
    world: World,
) -> None:
    runtime = world.runtime
    lan = await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    await world.import_units(
        "code,name,level,parent_code,cluster,target_models,target_per_domain\n"
        "BP-DP-TL-A1,Chi đoàn ấp 1,branch,BP-DP-TL,,2,yes\n"
    )
    async with runtime.database.transaction() as tx:
        a1 = await tx.units.existing("BP-DP-TL-A1")
        await tx.models.create(a1.id, 2027, fields("Đường hoa", "economy"), lan, world.clock.now())
    moment = dt.datetime(2027, 1, 12, 8, tzinfo=runtime.settings.zone)
    occurrences = occurrences_now(runtime.calendar, moment, runtime.settings.zone)
    (registration,) = [o for o in occurrences if o.deadline.kind is DeadlineKind.REGISTRATION]
    targets = runtime.config.targets
    async with runtime.database.read() as tx:
        (reminder,) = [r async for r in due_reminders(tx, registration, targets)]
    with use_locale("vi"):
        text = missing_text(reminder, targets)
    assert text == (
        "Chi đoàn ấp 1 mới đăng ký 1/2 mô hình năm 2027.\n"
        "Lĩnh vực chưa có mô hình: Văn hóa – xã hội, Quốc phòng – an ninh, "
        "Xây dựng hệ thống chính trị."
    )
