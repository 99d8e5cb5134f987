"""The outbox: every message the bot sends on its own, enqueued once and sent at most once.

Enqueueing is idempotent (a unique key per message). A sender claims due rows with a lease and
its process name, so two senders never send the same row; a row claimed by a sender that died is
taken over by the next sender that starts (when the process is known to be gone) or retried once
the lease runs out. A row is marked sent in its own short transaction right after the platform
accepted it: only a crash between those two moments can send a row twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from storage.recipients import latest_first
from storage.sql import cursor, insert_ignoring_conflicts, non_null
from storage.tables import ChannelAccount, Outbox


class OutboxStatus(StrEnum):
    """Where an outbox row stands."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """A message to enqueue: rendered already, in the recipient's language."""

    key: str
    topic: str
    kind: str
    person_id: int
    account_id: int
    channel: str
    chat_id: str
    text: str
    buttons: list[list[list[str]]] = field(default_factory=list)
    quiet_hours: bool = True
    not_before: dt.datetime | None = None
    #: a photo in the evidence store, sent with the text (an announcement's)
    photo_sha256: str | None = None
    photo_mime: str | None = None


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A claimed row, ready to send."""

    id: int
    key: str
    account_id: int
    channel: str
    chat_id: str
    text: str
    buttons: list[list[list[str]]]
    attempts: int
    photo_sha256: str | None = None
    photo_mime: str | None = None


def _item(row: Outbox) -> OutboxItem:
    assert row.id is not None
    return OutboxItem(
        id=row.id,
        key=row.key,
        account_id=row.account_id,
        channel=row.channel,
        chat_id=row.chat_id,
        text=row.text,
        buttons=list(row.buttons or []),
        attempts=row.attempts,
        photo_sha256=row.photo_sha256,
        photo_mime=row.photo_mime,
    )


class OutboxRepository:
    """Reads and writes of the outbox."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(self, messages: Sequence[OutgoingMessage], now: dt.datetime) -> int:
        """Add messages whose key is new; returns how many were added (a repeat adds nothing)."""
        rows: list[dict[str, Any]] = [
            {
                "key": m.key,
                "topic": m.topic,
                "kind": m.kind,
                "person_id": m.person_id,
                "account_id": m.account_id,
                "channel": m.channel,
                "chat_id": m.chat_id,
                "text": m.text,
                "buttons": m.buttons,
                "quiet_hours": m.quiet_hours,
                "status": OutboxStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": m.not_before or now,
                "created_at": now,
                "photo_sha256": m.photo_sha256,
                "photo_mime": m.photo_mime,
            }
            for m in messages
        ]
        return await insert_ignoring_conflicts(self.session, Outbox, rows, ["key"])

    async def claim(
        self,
        now: dt.datetime,
        lease: dt.timedelta,
        limit: int,
        *,
        quiet: bool,
        holder: str | None = None,
    ) -> list[OutboxItem]:
        """Due rows nobody holds, leased to ``holder`` (during quiet hours, only urgent ones)."""
        query = (
            select(Outbox)
            .where(
                col(Outbox.status) == OutboxStatus.PENDING.value,
                col(Outbox.next_attempt_at) <= now,
                sa.or_(col(Outbox.claimed_until).is_(None), col(Outbox.claimed_until) < now),
            )
            .order_by(col(Outbox.next_attempt_at), col(Outbox.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if quiet:
            query = query.where(col(Outbox.quiet_hours).is_(False))
        rows = list(await self.session.scalars(query))
        if not rows:
            return []
        ids = [row.id for row in rows]
        await self.session.execute(
            sa.update(Outbox)
            .where(col(Outbox.id).in_(ids))
            .values(claimed_until=now + lease, claimed_by=holder)
        )
        return [_item(row) for row in rows]

    async def claim_holders(self, now: dt.datetime) -> list[str]:
        """The processes holding a lease on pending rows now."""
        rows = await self.session.scalars(
            sa.select(col(Outbox.claimed_by))
            .where(
                col(Outbox.status) == OutboxStatus.PENDING.value,
                col(Outbox.claimed_until) >= now,
                col(Outbox.claimed_by).is_not(None),
            )
            .distinct()
        )
        return [holder for holder in rows if holder]

    async def release_claims(self, holders: Sequence[str]) -> int:
        """End the leases of ``holders`` (processes that are gone): their rows are due again."""
        if not holders:
            return 0
        result = await self.session.execute(
            sa.update(Outbox)
            .where(
                col(Outbox.status) == OutboxStatus.PENDING.value,
                col(Outbox.claimed_by).in_(list(holders)),
            )
            .values(claimed_until=None, claimed_by=None)
        )
        return int(cursor(result).rowcount or 0)

    async def mark_sent(self, outbox_id: int, now: dt.datetime) -> None:
        """The platform accepted the message."""
        await self._set(outbox_id, status=OutboxStatus.SENT.value, sent_at=now, claimed_until=None)

    async def retry_at(
        self, outbox_id: int, moment: dt.datetime, error: str, *, attempts: int
    ) -> None:
        """Try again at ``moment`` (after a 429, a network error or a 5xx)."""
        await self._set(
            outbox_id,
            next_attempt_at=moment,
            attempts=attempts,
            last_error=error[:500],
            claimed_until=None,
        )

    async def fail(self, outbox_id: int, error: str, *, attempts: int) -> None:
        """Give up on the row."""
        await self._set(
            outbox_id,
            status=OutboxStatus.FAILED.value,
            attempts=attempts,
            last_error=error[:500],
            claimed_until=None,
        )

    async def unreachable(self, outbox_id: int, account_id: int, now: dt.datetime) -> bool:
        """The person blocked the bot on this account: mark it, and send the message to their
        other reachable account (the one written from last) if they have one. True when the
        message was moved there; otherwise it is given up as unreachable."""
        await self.session.execute(
            sa.update(ChannelAccount)
            .where(col(ChannelAccount.id) == account_id)
            .values(unreachable_at=now)
        )
        row = await self.session.get(Outbox, outbox_id)
        assert row is not None
        other = (
            await self.session.execute(
                sa.select(
                    non_null(ChannelAccount.id),
                    col(ChannelAccount.channel),
                    col(ChannelAccount.chat_id),
                )
                .where(
                    col(ChannelAccount.person_id) == row.person_id,
                    col(ChannelAccount.unreachable_at).is_(None),
                )
                .order_by(*latest_first())
                .limit(1)
            )
        ).first()
        if other is not None:
            other_id, channel, chat_id = other
            await self._set(
                outbox_id,
                account_id=other_id,
                channel=channel,
                chat_id=chat_id,
                next_attempt_at=now,
                claimed_until=None,
                last_error=f"blocked on {row.channel}: moved to {channel}",
            )
            return True
        await self._set(
            outbox_id,
            status=OutboxStatus.UNREACHABLE.value,
            last_error="blocked by the user",
            claimed_until=None,
        )
        return False

    async def cancel_topic(self, topic: str) -> int:
        """Drop pending messages of a topic (a deadline met: its nudges are moot)."""
        result = await self.session.execute(
            sa.update(Outbox)
            .where(col(Outbox.topic) == topic, col(Outbox.status) == OutboxStatus.PENDING.value)
            .values(status=OutboxStatus.CANCELLED.value, claimed_until=None)
        )
        return int(cursor(result).rowcount or 0)

    async def counts(self) -> dict[str, int]:
        """How many rows are in each status."""
        rows = await self.session.execute(
            sa.select(col(Outbox.status), sa.func.count()).group_by(col(Outbox.status))
        )
        found = {status.value: 0 for status in OutboxStatus}
        found.update({status: int(count) for status, count in rows})
        return found

    async def counts_by_kind(self) -> dict[str, dict[str, int]]:
        """How many rows of each kind are in each status (kinds in alphabetical order)."""
        rows = await self.session.execute(
            sa.select(col(Outbox.kind), col(Outbox.status), sa.func.count())
            .group_by(col(Outbox.kind), col(Outbox.status))
            .order_by(col(Outbox.kind))
        )
        found: dict[str, dict[str, int]] = {}
        for kind, status, count in rows:
            found.setdefault(kind, {s.value: 0 for s in OutboxStatus})[status] = int(count)
        return found

    async def next_due(self) -> dt.datetime | None:
        """When the earliest pending row becomes due."""
        result = await self.session.execute(
            sa.select(sa.func.min(Outbox.next_attempt_at)).where(
                col(Outbox.status) == OutboxStatus.PENDING.value
            )
        )
        value = result.scalar_one_or_none()
        if value is None:
            return None
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)

    async def by_key(self, key: str) -> dict[str, Any] | None:
        """A row by key, as a plain mapping (for inspection and tests)."""
        row = (await self.session.scalars(select(Outbox).where(Outbox.key == key))).first()
        return row.model_dump() if row else None

    async def rows(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Every row (of one kind), oldest first, as plain mappings."""
        query = select(Outbox).order_by(col(Outbox.id))
        if kind is not None:
            query = query.where(Outbox.kind == kind)
        return [row.model_dump() for row in await self.session.scalars(query)]

    async def _set(self, outbox_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(Outbox).where(col(Outbox.id) == outbox_id).values(**values)
        )
