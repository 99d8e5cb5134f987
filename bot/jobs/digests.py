"""The weekly BTV digests, composed in each member's language and enqueued once a week each."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from conversations.outbox_composer import Content, OutboxKey, compose
from domain.calendar import Calendar
from domain.keys import digest_key, digest_topic
from domain.organisation import Role
from domain.scope import Scope
from domain.targets import LevelTargets
from locales import sort_key
from reports.digest_text import Digest, build_digest
from storage.db import Database
from storage.records import Recipient


def _rendered(build: Callable[[], Awaitable[Digest]]) -> Callable[[Recipient], Awaitable[Content]]:
    """A digest as the composer renders it: built for each reader, in their language."""

    async def render(_recipient: Recipient) -> Content:
        digest = await build()
        return Content(digest.text, digest.buttons)

    return render


async def weekly_digests(
    database: Database,
    calendar: Calendar,
    targets: LevelTargets,
    now: dt.datetime,
    zone: ZoneInfo,
    *,
    unit_ids: list[int] | None = None,
) -> int:
    """Enqueue this week's digest for every BTV member (of ``unit_ids``); returns how many are new.

    One digest per person and ISO week (the outbox key), for the union of the subtrees where
    they sit on the standing committee; "new since" counts from their previous digest.
    """
    today = now.astimezone(zone).date()
    enqueued = 0
    async with database.read() as tx:
        holders = await tx.recipients.holding(Role.BTV, unit_ids)
    roots: dict[int, list[int]] = {}
    recipients = {}
    for unit_id, recipient in holders:
        roots.setdefault(recipient.person_id, []).append(unit_id)
        recipients[recipient.person_id] = recipient
    for person_id, units in roots.items():
        async with database.transaction() as tx:
            since = await tx.digest.last_sent(person_id) or now - dt.timedelta(days=7)
            names = await tx.units.many(units)
            scope_name = ", ".join(sorted((u.name for u in names.values()), key=sort_key))

            build = functools.partial(
                build_digest,
                tx,
                Scope(roots=tuple(units)),
                scope_name,
                calendar=calendar,
                targets=targets,
                now=now,
                zone=zone,
                since=since,
            )
            messages = await compose(
                [recipients[person_id]],
                OutboxKey(digest_topic(person_id), lambda person: digest_key(person, today)),
                _rendered(build),
                kind="digest",
            )
            added = await tx.outbox.enqueue(messages, now)
            if added:
                await tx.digest.record_sent(person_id, now)
            enqueued += added
    return enqueued
