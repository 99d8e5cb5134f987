"""The nudge sweep: every reminder in force now, composed in its reader's language, enqueued.

The sweep only enqueues, and every reminder has a key (deadline, period, unit, person, which
reminder), so it can run any number of times: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Final
from zoneinfo import ZoneInfo

from conversations.outbox_composer import OutboxKey, compose
from domain.calendar import Calendar
from domain.targets import LevelTargets
from locales import _
from reports.due_reminders import (
    DueReminder,
    Occurrence,
    due_reminders,
    occurrences_now,
    reminder_buttons,
    reminder_text,
)
from storage.db import Database
from storage.outbox import OutgoingMessage

BATCH: Final = 500


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


async def _reminder(
    reminder: DueReminder, targets: LevelTargets, not_before: dt.datetime
) -> list[OutgoingMessage]:
    return await compose(
        [reminder.recipient],
        OutboxKey(reminder.topic, reminder.key),
        lambda _recipient: reminder_text(reminder, targets),
        lambda _recipient: reminder_buttons(reminder),
        kind="nudge",
        not_before=not_before,
    )


async def _planned(
    database: Database,
    occurrence: Occurrence,
    targets: LevelTargets,
    not_before: dt.datetime,
) -> AsyncIterator[list[OutgoingMessage]]:
    batch: list[OutgoingMessage] = []
    async with database.read() as tx:
        async for reminder in due_reminders(tx, occurrence, targets):
            batch.extend(await _reminder(reminder, targets, not_before))
            if len(batch) >= BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


async def sweep(
    database: Database,
    calendar: Calendar,
    targets: LevelTargets,
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
