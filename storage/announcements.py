"""Who an announcement reaches: the secretaries of a set of units, once per person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.organisation import Role
from storage.deadlines import Recipient, recipients_of
from storage.tables import ChannelAccount, RoleAssignment, Unit


@dataclass(frozen=True, slots=True)
class Audience:
    """The secretaries an announcement would reach, and how many it cannot."""

    recipients: tuple[Recipient, ...]
    #: secretaries whose every account blocked the bot: left out
    unreachable: int


def _in(column: Any, unit_query: Any) -> Any:
    return sa.true() if unit_query is None else column.in_(unit_query)


async def secretary_audience(
    session: AsyncSession, unit_query: Any, level: str | None = None
) -> Audience:
    """The secretaries of the units of ``unit_query`` (None: all), of one ``level`` if given.

    A person who is the secretary of several of those units is counted (and reached) once.
    """
    query = (
        sa.select(RoleAssignment.person_id)
        .join(Unit, col(Unit.id) == RoleAssignment.unit_id)
        .where(RoleAssignment.role == Role.SECRETARY.value, _in(col(Unit.id), unit_query))
        .distinct()
    )
    if level is not None:
        query = query.where(Unit.level == level)
    people = sorted({row[0] for row in await session.execute(query)})
    reachable = await recipients_of(session, people) if people else {}
    with_account = set()
    if people:
        rows = await session.execute(
            sa.select(ChannelAccount.person_id)
            .where(col(ChannelAccount.person_id).in_(people))
            .distinct()
        )
        with_account = {row[0] for row in rows}
    unreachable = len(with_account - set(reachable))
    return Audience(tuple(reachable[p] for p in sorted(reachable)), unreachable)


async def levels_with_secretaries(session: AsyncSession, unit_query: Any) -> list[str]:
    """The levels of the units of ``unit_query`` (None: all) that have a secretary."""
    rows = await session.execute(
        sa.select(Unit.level)
        .join(RoleAssignment, col(RoleAssignment.unit_id) == Unit.id)
        .where(RoleAssignment.role == Role.SECRETARY.value, _in(col(Unit.id), unit_query))
        .distinct()
    )
    return sorted(row[0] for row in rows)
