"""The calendar file, its date rules and the reminder policy (no database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from domain.calendar import (
    DEFAULT_CALENDAR,
    CalendarError,
    DeadlineKind,
    NudgePolicy,
    StepKind,
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


PHASE = """
[[deadline]]
id = "visit"
kind = "visit"
every_month_on = 25

[phase]
id = "2027-2029"
name = "Giai đoạn thử"
start = "01/03/2027"
end = "31/12/2029"

[[phase.step]]
id = "round1"
kind = "commend"
round = 1
start = "01/01/2028"
end = "30/11/2028"

[[phase.step]]
id = "survey"
kind = "survey"
start = "10/03/2027"
end = "12/03/2027"
needs = "registration"
levels = ["branch"]
before_days = [7, 1]
overdue_max = 1

[[phase.step]]
id = "review"
kind = "review"
due = "15/11/2029"
needs = "report"
period = "annual"
levels = ["branch", "grassroots"]
roles = ["secretary", "btv"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calendar.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_phase_with_its_steps_dates_and_needs(tmp_path: Path) -> None:
    calendar = load_calendar(write(tmp_path, PHASE))
    phase = calendar.phase
    assert phase is not None
    assert (phase.id, phase.name, phase.start, phase.end) == (
        "2027-2029",
        "Giai đoạn thử",
        dt.date(2027, 3, 1),
        dt.date(2029, 12, 31),
    )
    # in date order, whatever the file's order
    assert [(s.id, s.kind, s.start, s.end, s.round) for s in phase.steps] == [
        ("survey", StepKind.SURVEY, dt.date(2027, 3, 10), dt.date(2027, 3, 12), None),
        ("round1", StepKind.COMMEND, dt.date(2028, 1, 1), dt.date(2028, 11, 30), 1),
        ("review", StepKind.REVIEW, dt.date(2029, 11, 15), dt.date(2029, 11, 15), None),
    ]
    survey, round1, review = phase.steps
    assert round1.deadline is None
    assert survey.deadline is not None and review.deadline is not None
    assert (survey.deadline.kind, survey.deadline.levels, survey.deadline.on) == (
        DeadlineKind.REGISTRATION,
        ("branch",),
        dt.date(2027, 3, 12),
    )
    assert survey.deadline.policy.before_days == (7, 1) and survey.deadline.policy.overdue_max == 1
    assert review.deadline.period_of(dt.date(2029, 11, 15)) == "2029-annual"
    assert [r.value for r in review.deadline.roles] == ["secretary", "btv"]
    # the steps' deadlines join the recurring ones; only the recurring repeat
    assert [d.id for d in calendar.deadlines] == ["visit", "survey", "review"]
    assert [d.id for d in calendar.recurring] == ["visit"]
    assert survey.deadline.occurrences(dt.date(2040, 1, 1)) == [dt.date(2027, 3, 12)]
    # the round closes on its step's end; where the phase stands on a day
    assert phase.closes_on(1) == dt.date(2028, 11, 30) and phase.closes_on(2) is None
    today = dt.date(2028, 2, 1)
    assert [s.state(today) for s in phase.steps] == ["done", "current", "coming"]
    assert [s.id for s in phase.current(today)] == ["round1"]
    next_step = phase.next(today)
    assert next_step is not None and next_step.id == "review"
    assert phase.next(dt.date(2030, 1, 1)) is None


def test_without_a_phase_the_calendar_is_as_before() -> None:
    calendar = load_calendar()
    assert calendar.phase is None
    assert calendar.recurring == list(calendar.deadlines)


def test_the_shipped_example_phase_parses_once_uncommented(tmp_path: Path) -> None:
    text = DEFAULT_CALENDAR.read_text(encoding="utf-8")
    example = text[text.index("# [phase]") :]
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") and ("=" in line or line.startswith("# [")) else line
        for line in example.splitlines()
    )
    calendar = load_calendar(write(tmp_path, text + "\n" + uncommented))
    assert calendar.phase is not None
    assert [(s.id, s.start, s.end) for s in calendar.phase.steps] == [
        ("survey", dt.date(2012, 5, 18), dt.date(2012, 12, 31)),
        ("round1", dt.date(2013, 1, 1), dt.date(2013, 12, 31)),
        ("round2", dt.date(2014, 1, 1), dt.date(2015, 12, 31)),
        ("review", dt.date(2015, 11, 15), dt.date(2015, 11, 15)),
    ]


def _replace(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "entry", "problem"),
    [
        (
            'start = "01/03/2027"',
            'start = "2027-03-01"',
            "[phase]",
            "start must be a date dd/mm/yyyy, not '2027-03-01'",
        ),
        (
            'end = "31/12/2029"',
            'end = "31/12/2026"',
            "[phase]",
            "end '31/12/2026' is before start '01/03/2027'",
        ),
        ('id = "2027-2029"', 'code = "2027-2029"', "[phase]", "unknown key(s) code"),
        (
            'kind = "commend"',
            'kind = "party"',
            "[[phase.step]] #1 (round1)",
            "kind must be one of survey, commend, review, not 'party'",
        ),
        ("round = 1", "round = 3", "[[phase.step]] #1 (round1)", "round = one of 1, 2, not 3"),
        (
            'end = "30/11/2028"',
            'end = "31/11/2028"',
            "[[phase.step]] #1 (round1)",
            "end must be a date dd/mm/yyyy, not '31/11/2028'",
        ),
        (
            'start = "01/01/2028"',
            'start = "01/01/2026"',
            "[[phase.step]] #1 (round1)",
            "start 01/01/2026 is before the phase starts (01/03/2027)",
        ),
        (
            'due = "15/11/2029"',
            'due = "15/11/2030"',
            "[[phase.step]] #3 (review)",
            "end 15/11/2030 is after the phase ends (31/12/2029)",
        ),
        ('due = "15/11/2029"', 'start = "15/11/2029"', "[[phase.step]] #3 (review)", "give start"),
        (
            'due = "15/11/2029"',
            'due = "15/11/2029"\nend = "16/11/2029"',
            "[[phase.step]] #3 (review)",
            "either due, or start and end",
        ),
        (
            'needs = "registration"',
            'needs = "visit"',
            "[[phase.step]] #2 (survey)",
            "needs must be one of registration, report, not 'visit'",
        ),
        (
            'period = "annual"',
            'period = "q3"',
            "[[phase.step]] #3 (review)",
            "period = one of h1, annual, not 'q3'",
        ),
        (
            'levels = ["branch"]',
            'levels = ["ward"]',
            "[[phase.step]] #2 (survey)",
            "levels must be among",
        ),
        (
            'roles = ["secretary", "btv"]',
            'roles = ["mayor"]',
            "[[phase.step]] #3 (review)",
            "roles must be among",
        ),
        (
            "round = 1",
            "round = 1\nneeds_not = 1",
            "[[phase.step]] #1 (round1)",
            "unknown key(s) needs_not",
        ),
        (
            "round = 1",
            'round = 1\nlevels = ["branch"]',
            "[[phase.step]] #1 (round1)",
            "levels only go with needs",
        ),
        (
            'kind = "survey"',
            'kind = "survey"\nround = 2',
            "[[phase.step]] #2 (survey)",
            "only a commend step has a round, not a survey step",
        ),
        ('id = "survey"', 'id = "visit"', "[[phase.step]] #2 (visit)", "id 'visit' is used twice"),
        (
            'id = "review"',
            'id = "round1"',
            "[[phase.step]] #3 (round1)",
            "id 'round1' is used twice",
        ),
        (
            'kind = "review"',
            'kind = "commend"\nround = 1',
            "[[phase.step]] #3 (review)",
            "round 1 is closed by two steps",
        ),
        (
            "overdue_max = 1",
            "overdue_max = 40",
            "[[phase.step]] #2 (survey)",
            "overdue_max must be a whole number",
        ),
    ],
)
def test_a_bad_phase_field_is_named_with_its_value(
    tmp_path: Path, old: str, new: str, entry: str, problem: str
) -> None:
    path = write(tmp_path, _replace(PHASE, old, new))
    with pytest.raises(CalendarError) as caught:
        load_calendar(path)
    with use_locale("en"):
        message = user_message(caught.value)
    assert f"{path}, {entry}: " in message and problem in message


def test_a_phase_without_steps_is_refused(tmp_path: Path) -> None:
    text = PHASE[: PHASE.index("[[phase.step]]")]
    with pytest.raises(CalendarError) as caught:
        load_calendar(write(tmp_path, text))
    assert "[phase]: no [[phase.step]] is defined" in user_message(caught.value)


def test_a_steps_reminders_go_out_from_its_start_only(tmp_path: Path) -> None:
    survey = load_calendar(write(tmp_path, PHASE)).deadlines[1]
    assert survey.id == "survey"
    # due 12/03/2027, reminders 7 and 1 days before, one overdue after 3 days; the step starts on
    # 10/03, so the reminder of 05/03 (d7) is dropped: 11/03 (d1), 15/03 (o1)
    points = survey.policy.points(dt.date(2027, 3, 12), HCM, since=survey.opens)
    assert [(p.label, p.moment) for p in points] == [
        ("d1", local("2027-03-11T08:00")),
        ("o1", local("2027-03-15T08:00")),
    ]
    moments = ("2027-03-06T09:00", "2027-03-10T09:00", "2027-03-11T08:00")
    moments += ("2027-03-16T09:00", "2027-03-18T08:00")
    in_force = {}
    for moment in moments:
        point = survey.reminder(dt.date(2027, 3, 12), local(moment), HCM)
        in_force[moment] = point.label if point else None
    assert in_force == {
        "2027-03-06T09:00": None,  # d7 would be in force; the step has not begun
        "2027-03-10T09:00": None,
        "2027-03-11T08:00": "d1",
        "2027-03-16T09:00": "o1",
        "2027-03-18T08:00": None,  # o1 stays in force one interval (3 days): until 18/03 08:00
    }
