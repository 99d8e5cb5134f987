"""The calendar file and the reminder policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from locales import use_locale
from reports.calendar import CalendarError, DeadlineKind, NudgePolicy, load_calendar

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
    message = caught.value.user_message()
    assert "[[deadline]] #2" in message and problem in message


def test_a_bad_policy_and_a_broken_file_are_named(tmp_path: Path) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text('[nudges]\nquiet_hours = ["21:00"]\n', encoding="utf-8")
    with pytest.raises(CalendarError) as caught, use_locale("en"):
        load_calendar(path)
    assert "[nudges]" in caught.value.user_message()
    path.write_text("[[deadline]\n", encoding="utf-8")
    with pytest.raises(CalendarError):
        load_calendar(path)


def test_the_policy_line_says_overdue_reminders_only_when_there_are_some() -> None:
    from locales import use_locale
    from reports.calendar import NudgePolicy, reminder_policy_text

    with use_locale("en"):
        usual = reminder_policy_text(NudgePolicy())
        none_overdue = reminder_policy_text(NudgePolicy(before_days=(1,), overdue_max=0))
        once = reminder_policy_text(NudgePolicy(overdue_every_days=1, overdue_max=1))
    assert usual == (
        "reminders: 7, 3, 1, 0 days before; overdue every 3 days, at most 3 times; "
        "at 08:00, never between 21:00 and 07:00"
    )
    assert none_overdue.startswith("reminders: 1 day before; no reminder once overdue; ")
    assert "at most 0" not in none_overdue
    assert "overdue every 1 day, at most 1 time;" in once
