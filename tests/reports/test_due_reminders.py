"""Who is due a reminder now and what it says: the occurrences in force, a unit's gap with its
secretary, the text in the reader's language and the one-tap button."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
from storage.clock import FixedClock
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


PHASE_CALENDAR = """
[[deadline]]
id = "report_annual"
kind = "report"
period = "annual"
every_year_on = "15/11"
levels = ["branch", "grassroots"]

[phase]
id = "2026-2028"
start = "01/11/2026"
end = "31/12/2028"

[[phase.step]]
id = "survey"
kind = "survey"
start = "20/11/2026"
end = "25/11/2026"
needs = "registration"
levels = ["branch"]

[[phase.step]]
id = "survey_again"
kind = "survey"
start = "10/12/2026"
end = "15/12/2026"
needs = "registration"
levels = ["branch"]

[[phase.step]]
id = "round1"
kind = "commend"
round = 1
due = "30/11/2027"
"""


async def test_a_phase_step_is_reminded_in_its_own_dates_only(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(PHASE_CALENDAR, encoding="utf-8")
    async with World.open(tmp_path, clock, calendar_file=path) as world:
        runtime = world.runtime
        zone, targets = runtime.settings.zone, runtime.config.targets
        lan = await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)

        def in_force(moment: str) -> list[tuple[str, dt.date, str]]:
            at = dt.datetime.fromisoformat(moment).replace(tzinfo=zone)
            return [
                (o.deadline.id, o.due, o.point.label)
                for o in occurrences_now(runtime.calendar, at, zone)
            ]

        # Hand-computed with the default policy (7, 3, 1, 0 days before at 08:00; then every 3
        # days, 3 times, the last in force for 3 days). The annual report (15/11) is overdue: o1
        # 18/11, o2 21/11. The survey (due 25/11) opens on 20/11, so its d7 of 18/11 never goes:
        # d3 22/11, d1 24/11, d0 25/11, o1 28/11, o2 01/12, o3 04/12 (until 07/12).
        assert in_force("2026-11-19T09:00") == [("report_annual", dt.date(2026, 11, 15), "o1")]
        assert in_force("2026-11-23T16:00") == [
            ("report_annual", dt.date(2026, 11, 15), "o2"),
            ("survey", dt.date(2026, 11, 25), "d3"),
        ]
        assert in_force("2026-12-06T09:00") == [("survey", dt.date(2026, 11, 25), "o3")]
        # the second survey (due 15/12) opens on 10/12: its d7 of 08/12 is dropped, d3 is 12/12
        assert in_force("2026-12-09T09:00") == []
        assert in_force("2026-12-10T09:00") == []
        assert in_force("2026-12-12T08:00") == [("survey_again", dt.date(2026, 12, 15), "d3")]
        # a commend step asks nothing of the units: never a reminder
        assert [d.id for d in runtime.calendar.deadlines] == [
            "report_annual",
            "survey",
            "survey_again",
        ]

        occurrences = occurrences_now(runtime.calendar, clock.now(), zone)
        (survey,) = [o for o in occurrences if o.deadline.id == "survey"]
        assert survey.period == "2026"
        async with runtime.database.read() as tx:
            (reminder,) = [r async for r in due_reminders(tx, survey, targets)]
        assert reminder.recipient.person_id == lan
        assert "survey" in reminder.key(lan)
        with use_locale("vi"):
            text = reminder_text(reminder, targets)
        assert "25/11/2026" in text and "Chi đoàn ấp 1" in text
