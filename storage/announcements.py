"""Who an announcement reaches: the secretaries of a scope's units, once per person."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.organisation import Role
from domain.scope import Scope
from storage.recipients import RecipientRepository
from storage.records import Recipient
from storage.tables import ChannelAccount, RoleAssignment, Unit
from storage.units import within


@dataclass(frozen=True, slots=True)
class Audience:
    """The secretaries an announcement would reach, and how many it cannot."""

    recipients: tuple[Recipient, ...]
    #: secretaries whose every account blocked the bot: left out
    unreachable: int


class AnnouncementRepository:
    """The audiences of announcements."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def audience(self, scope: Scope, level: str | None = None) -> Audience:
        """The secretaries of the units in ``scope``, of one ``level`` if given.

        A person who is the secretary of several of those units is counted (and reached) once.
        """
        query = (
            sa.select(col(RoleAssignment.person_id))
            .join(Unit, col(Unit.id) == RoleAssignment.unit_id)
            .where(col(RoleAssignment.role) == Role.SECRETARY.value, within(Unit.id, scope))
            .distinct()
        )
        if level is not None:
            query = query.where(col(Unit.level) == level)
        people = sorted({row[0] for row in await self.session.execute(query)})
        reachable = await RecipientRepository(self.session).of(people)
        with_account = set()
        if people:
            rows = await self.session.execute(
                sa.select(col(ChannelAccount.person_id))
                .where(col(ChannelAccount.person_id).in_(people))
                .distinct()
            )
            with_account = {row[0] for row in rows}
        unreachable = len(with_account - set(reachable))
        return Audience(tuple(reachable[p] for p in sorted(reachable)), unreachable)

    async def levels_with_secretaries(self, scope: Scope) -> list[str]:
        """The levels of the units in ``scope`` that have a secretary."""
        rows = await self.session.execute(
            sa.select(col(Unit.level))
            .join(RoleAssignment, col(RoleAssignment.unit_id) == Unit.id)
            .where(col(RoleAssignment.role) == Role.SECRETARY.value, within(Unit.id, scope))
            .distinct()
        )
        return sorted(row[0] for row in rows)
