"""Who is due a reminder now, and what the reminder says: the read side of the nudge sweep.

The sweep that enqueues them is ``bot/jobs/nudges.py``; each reminder's key (deadline, period,
unit, person, which reminder) makes it once-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.calendar import Calendar, Deadline, DeadlineKind, NudgePoint
from domain.keys import nudge_key, nudge_owner, nudge_topic
from domain.targets import LevelTargets, OwnTargets, effective_targets
from locales import _, format_date, ngettext
from reports.coverage import missing_domains_text
from reports.vocabulary import deadline_title
from storage.db import Tx
from storage.deadlines import UnitGap, VisitGap
from storage.records import Recipient


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One deadline on one date, with the reminder in force now."""

    deadline: Deadline
    due: dt.date
    point: NudgePoint

    @property
    def period(self) -> str:
        """What the occurrence is about (``2027``, ``2027-h1``, ``2026-11``)."""
        return self.deadline.period_of(self.due)


@dataclass(frozen=True, slots=True)
class DueReminder:
    """One person due a reminder of an occurrence, and what is missing (a unit's or their own)."""

    occurrence: Occurrence
    gap: UnitGap | VisitGap
    #: the topic cancelled as a whole when the deadline is met
    topic: str
    #: whose deadline it is (``u9``, ``p2``)
    owner: str

    @property
    def recipient(self) -> Recipient:
        """Who is reminded."""
        return self.gap.recipient

    def key(self, person_id: int) -> str:
        """The reminder's outbox key for one person."""
        occurrence = self.occurrence
        return nudge_key(
            occurrence.deadline.id, occurrence.period, self.owner, person_id, occurrence.point.label
        )


def occurrences_now(calendar: Calendar, now: dt.datetime, zone: ZoneInfo) -> list[Occurrence]:
    """Every occurrence with a reminder in force at ``now``: the recurring deadlines', and those
    of the phase's steps, each only on its own date and reminded from its step's start."""
    today = now.astimezone(zone).date()
    found = []
    for deadline in calendar.deadlines:
        for due in deadline.occurrences(today):
            point = deadline.reminder(due, now, zone)
            if point is not None:
                found.append(Occurrence(deadline, due, point))
    return found


async def due_reminders(
    tx: Tx, occurrence: Occurrence, targets: LevelTargets
) -> AsyncIterator[DueReminder]:
    """Everyone due a reminder of ``occurrence``, streamed (a national sweep holds no list)."""
    deadline, period = occurrence.deadline, occurrence.period
    if deadline.kind is DeadlineKind.VISIT:
        first = occurrence.due.replace(day=1)
        for visits in await tx.deadlines.visit_gaps(first, occurrence.due):
            person = visits.recipient.person_id
            yield DueReminder(
                occurrence,
                visits,
                nudge_topic(deadline.kind, period, person_id=person),
                nudge_owner(person_id=person),
            )
        return
    gaps = (
        tx.deadlines.registration_gaps(
            targets, deadline.levels, deadline.roles, occurrence.due.year
        )
        if deadline.kind is DeadlineKind.REGISTRATION
        else tx.deadlines.report_gaps(deadline.levels, deadline.roles, period)
    )
    async for gap in gaps:
        yield DueReminder(
            occurrence,
            gap,
            nudge_topic(deadline.kind, period, unit_id=gap.unit_id),
            nudge_owner(unit_id=gap.unit_id),
        )


def reminder_text(reminder: DueReminder, targets: LevelTargets) -> str:
    """The reminder, in the current language: when, then what is missing."""
    return _when(reminder.occurrence) + "\n" + missing_text(reminder, targets)


def reminder_buttons(reminder: DueReminder) -> list[list[list[str]]]:
    """The button to what meets the deadline, in the current language."""
    occurrence = reminder.occurrence
    kind = occurrence.deadline.kind
    if kind is DeadlineKind.REGISTRATION:
        return [[[_("📝 Register a model"), "/register"]]]
    if kind is DeadlineKind.REPORT:
        return [[[_("📝 Send the report"), f"/report {occurrence.period}"]]]
    return [[[_("📝 Log a visit"), "/visit"]]]


def missing_text(reminder: DueReminder, targets: LevelTargets) -> str:
    """What is missing, in the current language: against the unit's own targets in force (which
    the gap carries; ``targets``, the level defaults, stand in for a gap without them)."""
    occurrence, gap = reminder.occurrence, reminder.gap
    if isinstance(gap, VisitGap):
        return _("Not visited yet this month: {units}.").format(units=", ".join(gap.missing))
    if occurrence.deadline.kind is DeadlineKind.REGISTRATION:
        in_force = gap.targets or effective_targets(gap.level, OwnTargets(), targets)
        target = in_force.model_count
        text = ngettext(
            "{unit} has registered {count}/{target} model for {year}.",
            "{unit} has registered {count}/{target} models for {year}.",
            target,
        ).format(
            unit=gap.unit_name,
            count=gap.progress,
            target=target,
            year=occurrence.due.year,
        )
        missing = in_force.missing_domains(gap.domains)
        return text + ("\n" + missing_domains_text(missing) if missing else "")
    return _("{unit} has not sent this report yet.").format(unit=gap.unit_name)


def _when(occurrence: Occurrence) -> str:
    days = occurrence.point.days_before
    values = {
        "title": deadline_title(occurrence.deadline, occurrence.due),
        "date": format_date(occurrence.due),
    }
    if days > 0:
        return ngettext(
            "⏰ Reminder: {title}, due {date} ({days} day left).",
            "⏰ Reminder: {title}, due {date} ({days} days left).",
            days,
        ).format(days=days, **values)
    if days == 0:
        return _("⏰ Today is the deadline: {title} ({date}).").format(**values)
    return ngettext(
        "⚠️ {days} day overdue: {title}, due {date}.",
        "⚠️ {days} days overdue: {title}, due {date}.",
        -days,
    ).format(days=-days, **values)
