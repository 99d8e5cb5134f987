"""Who is due a reminder now and what it says: the occurrences in force, a unit's gap with its
secretary, the text in the reader's language and the one-tap button."""

from __future__ import annotations

from domain.calendar import DeadlineKind
from domain.organisation import Role
from locales import use_locale
from reports.due_reminders import (
    due_reminders,
    occurrences_now,
    reminder_buttons,
    reminder_text,
)
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
