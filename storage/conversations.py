"""Conversation state, handled updates and join attempts: what makes chats survive restarts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from storage.sql import cursor, insert_ignoring_conflicts
from storage.tables import Conversation, JoinAttempt, ProcessedUpdate
from storage.types import UTCDateTime

#: the ``join_attempt`` row that counts wrong codes of every chat together (no channel is "*")
BOT_WIDE: Final = ("*", "*")


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    """A stored conversation: which flow, whether it is the one being answered, its state."""

    flow: str
    active: bool
    state: dict[str, Any]
    updated_at: dt.datetime


class ConversationRepository:
    """Reads and writes of conversation state and inbound bookkeeping."""

    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self.session = session
        self.dialect = dialect

    async def first_delivery(self, channel: str, update_id: int, now: dt.datetime) -> bool:
        """Record an inbound update; False when it was handled before (a redelivery)."""
        inserted = await insert_ignoring_conflicts(
            self.session,
            ProcessedUpdate,
            [{"channel": channel, "update_id": update_id, "processed_at": now}],
            ["channel", "update_id"],
        )
        return inserted == 1

    async def forget_updates_before(self, moment: dt.datetime) -> int:
        """Drop bookkeeping older than any redelivery (Telegram keeps updates at most 24 h)."""
        result = await self.session.execute(
            sa.delete(ProcessedUpdate).where(col(ProcessedUpdate.processed_at) < moment)
        )
        return int(cursor(result).rowcount or 0)

    async def all_in_chat(self, channel: str, chat_id: str) -> list[ConversationRecord]:
        """Every stored conversation of a chat, the active one first."""
        rows = await self.session.scalars(
            select(Conversation)
            .where(Conversation.channel == channel, Conversation.chat_id == chat_id)
            .order_by(col(Conversation.active).desc(), col(Conversation.updated_at).desc())
        )
        return [ConversationRecord(r.flow, r.active, dict(r.state), r.updated_at) for r in rows]

    async def save(
        self, channel: str, chat_id: str, flow: str, state: dict[str, Any], now: dt.datetime
    ) -> None:
        """Store the state of ``flow`` and make it the chat's active conversation."""
        await self.session.execute(
            sa.update(Conversation)
            .where(
                col(Conversation.channel) == channel,
                col(Conversation.chat_id) == chat_id,
                col(Conversation.flow) != flow,
                col(Conversation.active).is_(True),
            )
            .values(active=False)
        )
        row = (
            await self.session.scalars(
                select(Conversation).where(
                    Conversation.channel == channel,
                    Conversation.chat_id == chat_id,
                    Conversation.flow == flow,
                )
            )
        ).first()
        if row is None:
            row = Conversation(
                channel=channel, chat_id=chat_id, flow=flow, created_at=now, updated_at=now
            )
            self.session.add(row)
        row.state = state
        row.active = True
        row.updated_at = now
        await self.session.flush()

    async def suspend(self, channel: str, chat_id: str) -> None:
        """Keep every draft of the chat but make none of them active."""
        await self.session.execute(
            sa.update(Conversation)
            .where(col(Conversation.channel) == channel, col(Conversation.chat_id) == chat_id)
            .values(active=False)
        )

    async def delete(self, channel: str, chat_id: str, flow: str) -> None:
        """Forget a conversation (finished or cancelled)."""
        await self.session.execute(
            sa.delete(Conversation).where(
                col(Conversation.channel) == channel,
                col(Conversation.chat_id) == chat_id,
                col(Conversation.flow) == flow,
            )
        )

    async def join_blocked_until(
        self, channel: str, chat_id: str, now: dt.datetime
    ) -> dt.datetime | None:
        """When a chat that typed too many wrong codes may try again (None: it may now)."""
        row = await self.session.get(JoinAttempt, (channel, chat_id))
        if row and row.blocked_until and row.blocked_until > now:
            return row.blocked_until
        return None

    async def record_join_failure(
        self,
        channel: str,
        chat_id: str,
        now: dt.datetime,
        *,
        window: dt.timedelta,
        limit: int,
        block: dt.timedelta,
    ) -> int:
        """Count a wrong code; after ``limit`` in ``window`` the chat is blocked for ``block``."""
        row = await self.session.get(JoinAttempt, (channel, chat_id))
        if row is None or now - row.window_started_at > window:
            if row is None:
                row = JoinAttempt(channel=channel, chat_id=chat_id, window_started_at=now)
                self.session.add(row)
            row.failures, row.window_started_at, row.blocked_until = 0, now, None
        row.failures += 1
        if row.failures >= limit:
            row.blocked_until = now + block
            row.failures = 0
            row.window_started_at = now
        await self.session.flush()
        return row.failures

    async def bot_wide_join_failures(self, now: dt.datetime, window: dt.timedelta) -> int:
        """Wrong codes typed in every chat together in the current window."""
        found = (
            await self.session.execute(
                sa.select(col(JoinAttempt.failures), col(JoinAttempt.window_started_at)).where(
                    col(JoinAttempt.channel) == BOT_WIDE[0],
                    col(JoinAttempt.chat_id) == BOT_WIDE[1],
                )
            )
        ).first()
        if found is None or now - found.window_started_at > window:
            return 0
        return int(found.failures)

    async def record_bot_wide_join_failure(self, now: dt.datetime, window: dt.timedelta) -> int:
        """Count a wrong code bot-wide and return the count of the window, this one included.

        One atomic UPDATE on a reserved row, so that processes sharing the database count
        together and each failure gets its own number (exactly one sees ``limit + 1``).
        """
        await insert_ignoring_conflicts(
            self.session,
            JoinAttempt,
            [{"channel": BOT_WIDE[0], "chat_id": BOT_WIDE[1], "window_started_at": now}],
            ["channel", "chat_id"],
        )
        expired = col(JoinAttempt.window_started_at) < now - window
        result = await self.session.execute(
            sa.update(JoinAttempt)
            .where(col(JoinAttempt.channel) == BOT_WIDE[0], col(JoinAttempt.chat_id) == BOT_WIDE[1])
            .values(
                failures=sa.case((expired, 1), else_=col(JoinAttempt.failures) + 1),
                window_started_at=sa.case(
                    (expired, sa.literal(now, UTCDateTime())),
                    else_=col(JoinAttempt.window_started_at),
                ),
            )
            .returning(col(JoinAttempt.failures))
            .execution_options(synchronize_session=False)
        )
        return int(result.scalar_one())

    async def clear_join_failures(self, channel: str, chat_id: str) -> None:
        """A right code wipes the count."""
        await self.session.execute(
            sa.delete(JoinAttempt).where(
                col(JoinAttempt.channel) == channel, col(JoinAttempt.chat_id) == chat_id
            )
        )
