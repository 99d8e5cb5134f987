"""The calendar file, its date rules and the reminder policy (no database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from domain.calendar import (
    CalendarError,
    DeadlineKind,
    NudgePolicy,
    load_calendar,
    nearest_deadline,
)
from locales import use_locale, user_message

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=HCM)


def test_the_default_calendar_has_the_movements_deadlines() -> None:
    calendar = load_calendar()
    summary = [(d.id, d.kind, d.day, d.month, d.period) for d in calendar.deadlines]
    assert summary == [
        ("registration", DeadlineKind.REGISTRATION, 15, 1, None),
        ("report_h1", DeadlineKind.REPORT, 15, 5, "h1"),
        ("report_annual", DeadlineKind.REPORT, 15, 11, "annual"),
        ("visit", DeadlineKind.VISIT, 25, None, None),
    ]
    policy = calendar.policy
    assert (policy.before_days, policy.overdue_every_days, policy.overdue_max) == (
        (7, 3, 1, 0),
        3,
        3,
    )
    assert (policy.send_at, policy.quiet_start, policy.quiet_end) == (
        dt.time(8),
        dt.time(21),
        dt.time(7),
    )
    assert calendar.report_due("2027-h1") == dt.date(2027, 5, 15)


def test_reminders_of_one_deadline() -> None:
    points = NudgePolicy().points(dt.date(2027, 1, 15), HCM)
    assert [(p.label, p.moment) for p in points] == [
        ("d7", local("2027-01-08T08:00")),
        ("d3", local("2027-01-12T08:00")),
        ("d1", local("2027-01-14T08:00")),
        ("d0", local("2027-01-15T08:00")),
        ("o1", local("2027-01-18T08:00")),
        ("o2", local("2027-01-21T08:00")),
        ("o3", local("2027-01-24T08:00")),
    ]


@pytest.mark.parametrize(
    ("moment", "label"),
    [
        ("2027-01-08T07:59", None),
        ("2027-01-08T08:00", "d7"),
        ("2027-01-11T23:00", "d7"),  # the bot was down: only the reminder in force
        ("2027-01-12T08:00", "d3"),
        ("2027-01-15T20:00", "d0"),
        ("2027-01-26T12:00", "o3"),
        ("2027-01-27T08:00", None),  # the last one is in force for one interval
    ],
)
def test_the_reminder_in_force(moment: str, label: str | None) -> None:
    point = NudgePolicy().current(dt.date(2027, 1, 15), local(moment), HCM)
    assert (point.label if point else None) == label


def test_quiet_hours_span_midnight() -> None:
    policy = NudgePolicy()
    assert policy.quiet(local("2027-01-08T22:30"), HCM)
    assert policy.quiet(local("2027-01-09T06:59"), HCM)
    assert not policy.quiet(local("2027-01-09T07:00"), HCM)
    assert not policy.quiet(local("2027-01-09T20:59"), HCM)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('id = "x"\nkind = "party"\nevery_year_on = "15/01"\nlevels = ["branch"]', "kind"),
        ('id = "x"\nkind = "registration"\nevery_year_on = "31/02"\nlevels = ["branch"]', "dd/mm"),
        ('id = "x"\nkind = "registration"\nlevels = ["branch"]', "every_year_on"),
        ('id = "x"\nkind = "report"\nevery_year_on = "15/05"\nlevels = ["branch"]', "period"),
        ('id = "x"\nkind = "visit"\nevery_month_on = 31', "every_month_on"),
        ('id = "x"\nkind = "registration"\nevery_year_on = "15/01"\nlevels = ["ward"]', "levels"),
        ('id = "x"\nkind = "visit"\nevery_month_on = 25\nsend_at = "22:00"', "quiet"),
        ('kind = "visit"\nevery_month_on = 25', "id"),
        ('id = "x"\nkind = "visit"\nevery_month_on = 25\nrepeat = 2', "repeat"),
    ],
)
def test_a_bad_entry_is_named(tmp_path: Path, entry: str, problem: str) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(
        '[[deadline]]\nid = "ok"\nkind = "visit"\nevery_month_on = 25\n\n[[deadline]]\n' + entry,
        encoding="utf-8",
    )
    with pytest.raises(CalendarError) as caught, use_locale("en"):
        load_calendar(path)
    message = user_message(caught.value)
    assert "[[deadline]] #2" in message and problem in message


def test_a_bad_policy_and_a_broken_file_are_named(tmp_path: Path) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text('[nudges]\nquiet_hours = ["21:00"]\n', encoding="utf-8")
    with pytest.raises(CalendarError) as caught, use_locale("en"):
        load_calendar(path)
    assert "[nudges]" in user_message(caught.value)
    path.write_text("[[deadline]\n", encoding="utf-8")
    with pytest.raises(CalendarError):
        load_calendar(path)


def test_occurrences_periods_and_commands_of_each_deadline() -> None:
    deadlines = {d.id: d for d in load_calendar().deadlines}
    registration, annual, visit = (
        deadlines["registration"],
        deadlines["report_annual"],
        deadlines["visit"],
    )
    today = dt.date(2027, 1, 8)
    assert registration.occurrences(today) == [
        dt.date(2026, 1, 15),
        dt.date(2027, 1, 15),
        dt.date(2028, 1, 15),
    ]
    assert visit.occurrences(today) == [
        dt.date(2026, 11, 25),
        dt.date(2026, 12, 25),
        dt.date(2027, 1, 25),
        dt.date(2027, 2, 25),
        dt.date(2027, 3, 25),
    ]
    assert registration.period_of(dt.date(2027, 1, 15)) == "2027"
    assert annual.period_of(dt.date(2026, 11, 15)) == "2026-annual"
    assert visit.period_of(dt.date(2027, 1, 25)) == "2027-01"
    assert (registration.command, annual.command, visit.command) == ("register", "report", "visit")
    assert visit.policy.overdue_max == 0 and registration.policy.overdue_max == 3


def test_the_nearest_deadline_of_some_kinds() -> None:
    calendar = load_calendar()
    found = nearest_deadline(calendar, dt.date(2026, 12, 1), [DeadlineKind.REPORT])
    assert found is not None and (found[0].id, found[1]) == ("report_annual", dt.date(2026, 11, 15))
    found = nearest_deadline(calendar, dt.date(2027, 4, 1), [DeadlineKind.REPORT])
    assert found is not None and (found[0].id, found[1]) == ("report_h1", dt.date(2027, 5, 15))
    assert calendar.report_due("2026-annual") == dt.date(2026, 11, 15)
    assert calendar.report_due("2026-q3") is None


def test_reminders_found_in_quiet_hours_wait_for_the_send_hour() -> None:
    policy = NudgePolicy()
    assert policy.next_send(local("2027-01-08T22:00"), HCM) == local("2027-01-09T08:00")
    assert policy.next_send(local("2027-01-09T06:00"), HCM) == local("2027-01-09T08:00")
    assert policy.next_send(local("2027-01-09T08:00"), HCM) == local("2027-01-10T08:00")
    daytime = NudgePolicy(quiet_start=dt.time(12), quiet_end=dt.time(13))
    assert daytime.quiet_at(dt.time(12, 30)) and not daytime.quiet_at(dt.time(13))
