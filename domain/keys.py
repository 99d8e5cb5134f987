"""The keys of what the bot sends on its own: each outbox message is once-only by its key.

A *topic* names a group of messages (all the reminders of one deadline for one unit, one
announcement to everyone it reaches); a *key* names one message of a topic to one person, and is
unique in the outbox, so enqueueing the same message twice adds nothing. A topic can be cancelled
as a whole (the reminders of a deadline once it is met).
"""

from __future__ import annotations

import datetime as dt

from domain.calendar import DeadlineKind


def for_person(topic: str, person_id: int) -> str:
    """The key of a topic's message to one person."""
    return f"{topic}:p{person_id}"


def nudge_owner(*, unit_id: int | None = None, person_id: int | None = None) -> str:
    """Whose deadline it is: a unit (``u9``) or, for the monthly visits, a person (``p2``)."""
    return f"u{unit_id}" if unit_id is not None else f"p{person_id}"


def nudge_topic(
    kind: DeadlineKind, period: str, *, unit_id: int | None = None, person_id: int | None = None
) -> str:
    """The topic of a deadline's nudges: cancelled as a whole when the deadline is met."""
    owner = nudge_owner(unit_id=unit_id, person_id=person_id)
    return f"nudge:{kind.value}:{period}:{owner}"


def nudge_key(deadline_id: str, period: str, owner: str, person_id: int, label: str) -> str:
    """One reminder (``label``: ``d3``, ``o1``) of one occurrence to one person."""
    return f"nudge:{deadline_id}:{period}:{owner}:p{person_id}:{label}"


def status_topic(model_id: int, change: int) -> str:
    """The notice of one status change of a model."""
    return f"status:{model_id}:{change}"


def visit_topic(visit_id: int) -> str:
    """The notice to a unit that a BTV member visited it."""
    return f"visit:{visit_id}"


def announcement_topic(announcement: str) -> str:
    """One announcement, to everyone it reaches."""
    return f"announcement:{announcement}"


def digest_topic(person_id: int) -> str:
    """The weekly digests of one BTV member."""
    return f"digest:p{person_id}"


def digest_key(person_id: int, week: dt.date) -> str:
    """The digest of the ISO week of ``week`` (once a week each)."""
    iso = week.isocalendar()
    return f"digest:p{person_id}:{iso.year}-W{iso.week:02d}"


def visits_summary_topic(cluster_code: str, month: dt.date) -> str:
    """The monthly visit summary of one cluster."""
    return f"visits:{cluster_code}:{month:%Y-%m}"


def exemplar_status_topic(exemplar_id: int, change: int) -> str:
    """The notice of one status change of an individual exemplar."""
    return f"exemplar-status:{exemplar_id}:{change}"
