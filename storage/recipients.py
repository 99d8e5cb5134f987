"""Who the bot can write to on its own: for each person, the reachable account they wrote from
last (a person may use Telegram and Zalo), and their language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql._typing import _ColumnExpressionOrStrLabelArgument
from sqlmodel import col

from domain.organisation import Role
from storage.records import Recipient
from storage.sql import non_null
from storage.tables import ChannelAccount, Person, RoleAssignment


def reachable_account() -> sa.ColumnElement[bool]:
    """The join of a person to their accounts the bot can still reach (not blocked)."""
    return sa.and_(
        col(ChannelAccount.person_id) == Person.id, col(ChannelAccount.unreachable_at).is_(None)
    )


def latest_first() -> tuple[_ColumnExpressionOrStrLabelArgument[Any], ...]:
    """Accounts in the order the bot prefers them: the one written from last first, then the
    oldest (an account that never wrote since this was recorded)."""
    return (
        sa.nulls_last(col(ChannelAccount.last_seen_at).desc()),
        col(ChannelAccount.id).asc(),
    )


class RecipientRepository:
    """Reachable accounts of people, and of the holders of a role."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of(self, person_ids: Sequence[int]) -> dict[int, Recipient]:
        """Each person's reachable account written from last, with their language (people
        without one left out)."""
        if not person_ids:
            return {}
        rows = await self.session.execute(
            sa.select(
                non_null(Person.id),
                col(Person.locale),
                non_null(ChannelAccount.id),
                col(ChannelAccount.channel),
                col(ChannelAccount.chat_id),
            )
            .join(ChannelAccount, col(ChannelAccount.person_id) == Person.id)
            .where(
                col(Person.id).in_(list(person_ids)), col(ChannelAccount.unreachable_at).is_(None)
            )
            .order_by(col(Person.id), *latest_first())
        )
        found: dict[int, Recipient] = {}
        for person_id, locale, account_id, channel, chat_id in rows:
            found.setdefault(person_id, Recipient(person_id, locale, account_id, channel, chat_id))
        return found

    async def holding(
        self, role: Role, unit_ids: Sequence[int] | None = None
    ) -> list[tuple[int, Recipient]]:
        """(unit, recipient) for holders of ``role`` (in ``unit_ids``; None: every unit), one
        reachable account each: the one written from last."""
        query = (
            sa.select(
                non_null(RoleAssignment.unit_id),
                non_null(Person.id),
                col(Person.locale),
                non_null(ChannelAccount.id),
                col(ChannelAccount.channel),
                col(ChannelAccount.chat_id),
            )
            .join(Person, col(Person.id) == RoleAssignment.person_id)
            .join(ChannelAccount, reachable_account())
            .where(col(RoleAssignment.role) == role.value, col(RoleAssignment.unit_id).isnot(None))
            .order_by(col(RoleAssignment.unit_id), col(Person.id), *latest_first())
        )
        if unit_ids is not None:
            query = query.where(col(RoleAssignment.unit_id).in_(list(unit_ids)))
        found: dict[tuple[int, int], Recipient] = {}
        for unit_id, person_id, locale, account_id, channel, chat_id in await self.session.execute(
            query
        ):
            found.setdefault(
                (unit_id, person_id), Recipient(person_id, locale, account_id, channel, chat_id)
            )
        return [(unit_id, recipient) for (unit_id, _person), recipient in found.items()]
