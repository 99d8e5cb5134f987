"""The outbox keys: one message per key, one topic per group to cancel (no database)."""

from __future__ import annotations

import datetime as dt

from domain import keys
from domain.calendar import DeadlineKind


def test_nudge_topics_and_keys() -> None:
    assert keys.nudge_topic(DeadlineKind.REGISTRATION, "2027", unit_id=9) == (
        "nudge:registration:2027:u9"
    )
    assert keys.nudge_topic(DeadlineKind.VISIT, "2026-11", person_id=2) == "nudge:visit:2026-11:p2"
    assert keys.nudge_owner(unit_id=9) == "u9" and keys.nudge_owner(person_id=2) == "p2"
    assert keys.nudge_key("registration", "2027", "u9", 1, "d3") == (
        "nudge:registration:2027:u9:p1:d3"
    )
    assert keys.nudge_key("visit", "2026-11", "p2", 2, "o1") == "nudge:visit:2026-11:p2:p2:o1"


def test_notices_digests_summaries_and_announcements() -> None:
    assert keys.for_person(keys.status_topic(5, 2), 7) == "status:5:2:p7"
    assert keys.for_person(keys.visit_topic(12), 7) == "visit:12:p7"
    assert keys.announcement_topic("ab12") == "announcement:ab12"
    assert keys.digest_topic(7) == "digest:p7"
    assert keys.digest_key(7, dt.date(2027, 1, 4)) == "digest:p7:2027-W01"
    assert keys.digest_key(7, dt.date(2027, 1, 3)) == "digest:p7:2026-W53"  # the ISO year
    assert keys.visits_summary_topic("C2", dt.date(2026, 11, 28)) == "visits:C2:2026-11"


def test_an_exemplar_status_notice_has_a_topic_of_its_own() -> None:
    # not the model's: an exemplar and a model may share an id and a change number
    assert keys.exemplar_status_topic(5, 2) == "exemplar-status:5:2"
    assert keys.exemplar_status_topic(5, 2) != keys.status_topic(5, 2)
