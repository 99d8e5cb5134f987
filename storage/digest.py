"""The figures of a digest, for one scope: set-based queries, whatever the size of the scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.organisation import Role
from locales import sort_key
from storage.deadlines import Recipient
from storage.models import COUNTED
from storage.tables import (
    ChannelAccount,
    DigestLog,
    Evidence,
    Exemplar,
    Model,
    Person,
    Report,
    ReportEntry,
    RoleAssignment,
    Unit,
    Visit,
)


def _in_scope(column: Any, unit_query: Any) -> Any:
    return sa.true() if unit_query is None else column.in_(unit_query)


async def target_progress(
    session: AsyncSession, unit_query: Any, targets: Mapping[str, int], year: int
) -> list[tuple[str, int, int]]:
    """(unit name, models counted, target) for every unit in scope that has a target."""
    levels = [level for level, count in targets.items() if count > 0]
    counted = (
        sa.select(Model.unit_id.label("unit_id"), sa.func.count().label("n"))  # type: ignore[attr-defined]
        .where(Model.year == year, col(Model.status).in_(COUNTED))
        .group_by(Model.unit_id)
        .subquery()
    )
    rows = await session.execute(
        sa.select(Unit.name, sa.func.coalesce(counted.c.n, 0), Unit.level)
        .outerjoin(counted, counted.c.unit_id == Unit.id)
        .where(col(Unit.level).in_(levels), _in_scope(col(Unit.id), unit_query))
    )
    return [(name, int(n), targets[level]) for name, n, level in rows]


async def report_progress(
    session: AsyncSession, unit_query: Any, levels: Sequence[str], period: str
) -> list[tuple[str, bool]]:
    """(unit name, submitted?) for every unit in scope of ``levels``."""
    rows = await session.execute(
        sa.select(Unit.name, col(Report.id).isnot(None))
        .outerjoin(Report, sa.and_(Report.unit_id == Unit.id, Report.period == period))
        .where(col(Unit.level).in_(list(levels)), _in_scope(col(Unit.id), unit_query))
    )
    return [(name, bool(done)) for name, done in rows]


async def new_models_by_domain(
    session: AsyncSession, unit_query: Any, since: dt.datetime
) -> dict[str, int]:
    """Models registered since ``since`` in scope, by domain."""
    rows = await session.execute(
        sa.select(Model.domain, sa.func.count())
        .where(col(Model.registered_at) > since, _in_scope(col(Model.unit_id), unit_query))
        .group_by(Model.domain)
    )
    return {domain: int(count) for domain, count in rows}


async def new_photos(session: AsyncSession, unit_query: Any, since: dt.datetime) -> int:
    """Photos linked since ``since`` to anything of a unit in scope."""
    recent = col(Evidence.sent_at) > since
    count = sa.select(sa.func.count()).select_from(Evidence)
    queries = [
        count.join(Model, col(Model.id) == Evidence.model_id).where(
            recent, _in_scope(col(Model.unit_id), unit_query)
        ),
        count.join(Exemplar, col(Exemplar.id) == Evidence.exemplar_id).where(
            recent, _in_scope(col(Exemplar.unit_id), unit_query)
        ),
        count.join(ReportEntry, col(ReportEntry.id) == Evidence.report_entry_id)
        .join(Report, col(Report.id) == ReportEntry.report_id)
        .where(recent, _in_scope(col(Report.unit_id), unit_query)),
        count.join(Visit, col(Visit.id) == Evidence.visit_id).where(
            recent, _in_scope(col(Visit.unit_id), unit_query)
        ),
    ]
    total = 0
    for query in queries:
        total += int((await session.execute(query)).scalar_one())
    return total


async def unreachable_accounts(session: AsyncSession, unit_query: Any) -> int:
    """Accounts that blocked the bot, of people with a role in a unit in scope."""
    holders = sa.select(RoleAssignment.person_id).where(
        _in_scope(col(RoleAssignment.unit_id), unit_query)
    )
    result = await session.execute(
        sa.select(sa.func.count())
        .select_from(ChannelAccount)
        .where(
            col(ChannelAccount.unreachable_at).isnot(None),
            col(ChannelAccount.person_id).in_(holders),
        )
    )
    return int(result.scalar_one())


async def role_recipients(
    session: AsyncSession, role: Role, unit_ids: Sequence[int] | None = None
) -> list[tuple[int, Recipient]]:
    """(unit, recipient) for holders of ``role`` (in ``unit_ids``), one reachable account each."""
    query = (
        sa.select(
            RoleAssignment.unit_id,
            Person.id,
            Person.locale,
            ChannelAccount.id,
            ChannelAccount.channel,
            ChannelAccount.chat_id,
        )
        .join(Person, col(Person.id) == RoleAssignment.person_id)
        .join(
            ChannelAccount,
            sa.and_(
                ChannelAccount.person_id == Person.id,
                col(ChannelAccount.unreachable_at).is_(None),
            ),
        )
        .where(RoleAssignment.role == role.value, col(RoleAssignment.unit_id).isnot(None))
        .order_by(RoleAssignment.unit_id, Person.id, ChannelAccount.id)
    )
    if unit_ids is not None:
        query = query.where(col(RoleAssignment.unit_id).in_(list(unit_ids)))
    found: dict[tuple[int, int], Recipient] = {}
    for unit_id, person_id, locale, account_id, channel, chat_id in await session.execute(query):
        found.setdefault(
            (unit_id, person_id), Recipient(person_id, locale, account_id, channel, chat_id)
        )
    return [(unit_id, recipient) for (unit_id, _person), recipient in found.items()]


async def last_digest(session: AsyncSession, person_id: int) -> dt.datetime | None:
    """When the person last got the weekly digest."""
    row = await session.get(DigestLog, person_id)
    return row.last_sent_at if row else None


async def record_digest(session: AsyncSession, person_id: int, now: dt.datetime) -> None:
    """Remember that the person got the weekly digest now."""
    row = await session.get(DigestLog, person_id)
    if row is None:
        session.add(DigestLog(person_id=person_id, last_sent_at=now))
    else:
        row.last_sent_at = now
    await session.flush()


def names_in_order(names: Sequence[str]) -> list[str]:
    """Unit names in Vietnamese order."""
    return sorted(names, key=sort_key)
