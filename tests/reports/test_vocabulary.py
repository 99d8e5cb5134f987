"""The movement's things and the calendar in the reader's language."""

from __future__ import annotations

import datetime as dt

from domain.calendar import NudgePolicy, load_calendar
from domain.organisation import Role
from domain.registry import Status
from locales import use_locale
from reports.vocabulary import (
    deadline_title,
    level_name,
    period_title,
    proof_text,
    reminder_policy_text,
    role_name,
    rule_text,
    status_name,
)
from storage.appraisals import ProofRecord


def test_the_policy_line_says_overdue_reminders_only_when_there_are_some() -> None:
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


def test_each_deadline_has_a_title_and_a_rule_in_words() -> None:
    deadlines = {d.id: d for d in load_calendar().deadlines}
    with use_locale("en"):
        titles = {
            "registration": deadline_title(deadlines["registration"], dt.date(2027, 1, 15)),
            "report_h1": deadline_title(deadlines["report_h1"], dt.date(2027, 5, 15)),
            "report_annual": deadline_title(deadlines["report_annual"], dt.date(2026, 11, 15)),
            "visit": deadline_title(deadlines["visit"], dt.date(2026, 11, 25)),
        }
        rules = {key: rule_text(deadline) for key, deadline in deadlines.items()}
    assert titles == {
        "registration": "Registering the models of 2027",
        "report_h1": "The 6-month report of 2027",
        "report_annual": "The annual report of 2026",
        "visit": "Monthly visits of 11/2026",
    }
    assert rules == {
        "registration": "every year on 15/01",
        "report_h1": "every year on 15/05",
        "report_annual": "every year on 15/11",
        "visit": "every month on day 25",
    }


def test_names_are_translated_and_an_unknown_level_is_shown_as_stored() -> None:
    with use_locale("en"):
        assert period_title("2026-h1") == "The 6-month report of 2026"
        assert role_name(Role.BTV) == "standing committee (BTV) member"
        assert level_name("ward") == "ward"
        assert status_name(Status.RECOGNISED) == "Recognised"
    with use_locale("vi"):
        assert period_title("2026-annual") != "The annual report of 2026"


def test_the_confirming_document_reads_with_its_number_and_date() -> None:
    proof = ProofRecord("12-QĐ/HĐ", dt.date(2026, 11, 5), "a" * 64, "application/pdf")
    with use_locale("vi"):
        assert proof_text(proof) == "Văn bản xác nhận: Số 12-QĐ/HĐ, ngày 05/11/2026"
        assert proof_text(ProofRecord(None, None, "a" * 64)) == "Văn bản xác nhận: đã đính kèm"
    with use_locale("en"):
        assert proof_text(proof) == "Confirming document: No. 12-QĐ/HĐ, dated 05/11/2026"
