"""The nudge sweep: who is due a reminder now, rendered in their language, put in the outbox.

The sweep only enqueues, and every reminder has a key (deadline, period, unit, person, which
reminder), so it can run any number of times: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Final
from zoneinfo import ZoneInfo

from domain.calendar import Calendar, Deadline, DeadlineKind, NudgePoint
from domain.keys import nudge_key, nudge_owner, nudge_topic
from locales import _, format_date, ngettext, use_locale
from reports.vocabulary import deadline_title
from storage.db import Database
from storage.deadlines import UnitGap
from storage.outbox import OutgoingMessage
from storage.records import Recipient

BATCH: Final = 500


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
class QuietHold:
    """Reminders found during quiet hours, held until the send hour."""

    quiet_start: dt.time
    quiet_end: dt.time
    until: dt.datetime


@dataclass
class SweepResult:
    """What a sweep found and did."""

    due: int = 0
    enqueued: int = 0
    lines: list[str] = field(default_factory=list)
    #: when the sweep ran in quiet hours: until when its reminders wait
    holds: set[QuietHold] = field(default_factory=set)


def occurrences_now(calendar: Calendar, now: dt.datetime, zone: ZoneInfo) -> list[Occurrence]:
    """Every occurrence with a reminder in force at ``now``."""
    today = now.astimezone(zone).date()
    found = []
    for deadline in calendar.deadlines:
        for due in deadline.occurrences(today):
            point = deadline.policy.current(due, now, zone)
            if point is not None:
                found.append(Occurrence(deadline, due, point))
    return found


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


def _button(occurrence: Occurrence) -> list[list[list[str]]]:
    kind = occurrence.deadline.kind
    if kind is DeadlineKind.REGISTRATION:
        return [[[_("📝 Register a model"), "/register"]]]
    if kind is DeadlineKind.REPORT:
        return [[[_("📝 Send the report"), f"/report {occurrence.period}"]]]
    return [[[_("📝 Log a visit"), "/visit"]]]


def _message(
    occurrence: Occurrence,
    recipient: Recipient,
    missing: str,
    topic_name: str,
    owner: str,
    not_before: dt.datetime,
) -> OutgoingMessage:
    with use_locale(recipient.locale):
        text = _when(occurrence) + "\n" + missing
        buttons = _button(occurrence)
    key = nudge_key(
        occurrence.deadline.id,
        occurrence.period,
        owner,
        recipient.person_id,
        occurrence.point.label,
    )
    return OutgoingMessage(
        key=key,
        topic=topic_name,
        kind="nudge",
        person_id=recipient.person_id,
        account_id=recipient.account_id,
        channel=recipient.channel,
        chat_id=recipient.chat_id,
        text=text,
        buttons=buttons,
        not_before=not_before,
    )


def _unit_missing(occurrence: Occurrence, gap: UnitGap, targets: Mapping[str, int]) -> str:
    with use_locale(gap.recipient.locale):
        if occurrence.deadline.kind is DeadlineKind.REGISTRATION:
            target = targets.get(gap.level, 0)
            return ngettext(
                "{unit} has registered {count}/{target} model for {year}.",
                "{unit} has registered {count}/{target} models for {year}.",
                target,
            ).format(
                unit=gap.unit_name,
                count=gap.progress,
                target=target,
                year=occurrence.due.year,
            )
        return _("{unit} has not sent this report yet.").format(unit=gap.unit_name)


async def _planned(
    database: Database,
    occurrence: Occurrence,
    targets: Mapping[str, int],
    not_before: dt.datetime,
) -> AsyncIterator[list[OutgoingMessage]]:
    deadline, period = occurrence.deadline, occurrence.period
    batch: list[OutgoingMessage] = []
    async with database.read() as tx:
        if deadline.kind is DeadlineKind.VISIT:
            first = occurrence.due.replace(day=1)
            for gap in await tx.deadlines.visit_gaps(first, occurrence.due):
                with use_locale(gap.recipient.locale):
                    missing = _("Not visited yet this month: {units}.").format(
                        units=", ".join(gap.missing)
                    )
                person = gap.recipient.person_id
                batch.append(
                    _message(
                        occurrence,
                        gap.recipient,
                        missing,
                        nudge_topic(deadline.kind, period, person_id=person),
                        nudge_owner(person_id=person),
                        not_before,
                    )
                )
                if len(batch) >= BATCH:
                    yield batch
                    batch = []
        else:
            gaps = (
                tx.deadlines.registration_gaps(
                    targets, deadline.levels, deadline.roles, occurrence.due.year
                )
                if deadline.kind is DeadlineKind.REGISTRATION
                else tx.deadlines.report_gaps(deadline.levels, deadline.roles, period)
            )
            async for gap in gaps:
                batch.append(
                    _message(
                        occurrence,
                        gap.recipient,
                        _unit_missing(occurrence, gap, targets),
                        nudge_topic(deadline.kind, period, unit_id=gap.unit_id),
                        nudge_owner(unit_id=gap.unit_id),
                        not_before,
                    )
                )
                if len(batch) >= BATCH:
                    yield batch
                    batch = []
    if batch:
        yield batch


async def sweep(
    database: Database,
    calendar: Calendar,
    targets: Mapping[str, int],
    now: dt.datetime,
    zone: ZoneInfo,
    *,
    dry_run: bool = False,
    send_from: dt.datetime | None = None,
) -> SweepResult:
    """Enqueue every reminder in force at ``now`` (or, with ``dry_run``, only describe them).

    The reminders may be sent from ``send_from`` (default ``now``): a sweep run "as of" a moment
    other than the present (``dvk nudge --at``) still gets its reminders delivered now. A sweep
    that runs in quiet hours holds its reminders until the next send hour (they are sent at the
    hour reminders go out, not when the quiet hours end), and says so in ``holds``; the sender
    also keeps quiet hours, whatever is in the outbox.
    """
    result = SweepResult()
    for occurrence in occurrences_now(calendar, now, zone):
        policy = occurrence.deadline.policy
        not_before = send_from or now
        hold: QuietHold | None = None
        if policy.quiet(now, zone):
            hold = QuietHold(policy.quiet_start, policy.quiet_end, policy.next_send(now, zone))
            not_before = max(not_before, hold.until)
        async for batch in _planned(database, occurrence, targets, not_before):
            result.due += len(batch)
            if hold is not None:
                result.holds.add(hold)
            if dry_run:
                result.lines.extend(_describe(occurrence, message) for message in batch)
                continue
            async with database.transaction() as tx:
                result.enqueued += await tx.outbox.enqueue(batch, now)
    return result


def _describe(occurrence: Occurrence, message: OutgoingMessage) -> str:
    _first_line, _sep, missing = message.text.partition("\n")
    return _("{deadline} [{label}] → person {person} ({channel} {chat}): {missing}").format(
        deadline=occurrence.deadline.id,
        label=occurrence.point.label,
        person=message.person_id,
        channel=message.channel,
        chat=message.chat_id,
        missing=missing,
    )
