"""The figures of a digest, for one scope: set-based queries, whatever the size of the scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.scope import Scope
from domain.unit_moves import period_year, tree_day
from storage.model_registry import COUNTED
from storage.tables import (
    ChannelAccount,
    DigestLog,
    Evidence,
    Exemplar,
    Model,
    Report,
    ReportEntry,
    RoleAssignment,
    Unit,
    Visit,
)
from storage.units import within


class DigestRepository:
    """The digest's figures for a scope, and when each person last got the weekly one."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def target_progress(
        self, scope: Scope, targets: Mapping[str, int], year: int
    ) -> list[tuple[str, int, int]]:
        """(unit name, models counted, target) for every unit in scope that has a target (the
        scope's subtrees as they stood at the end of ``year``: ``domain.unit_moves``)."""
        levels = [level for level, count in targets.items() if count > 0]
        counted = (
            sa.select(col(Model.unit_id).label("unit_id"), sa.func.count().label("n"))
            .where(col(Model.year) == year, col(Model.status).in_(COUNTED))
            .group_by(col(Model.unit_id))
            .subquery()
        )
        rows = await self.session.execute(
            sa.select(col(Unit.name), sa.func.coalesce(counted.c.n, 0), col(Unit.level))
            .outerjoin(counted, counted.c.unit_id == Unit.id)
            .where(col(Unit.level).in_(levels), within(Unit.id, scope, tree_day(year)))
        )
        return [(name, int(n), targets[level]) for name, n, level in rows]

    async def report_progress(
        self, scope: Scope, levels: Sequence[str], period: str
    ) -> list[tuple[str, bool]]:
        """(unit name, submitted?) for every unit in scope of ``levels`` (in the tree of the
        period's year)."""
        rows = await self.session.execute(
            sa.select(col(Unit.name), col(Report.id).isnot(None))
            .outerjoin(
                Report, sa.and_(col(Report.unit_id) == Unit.id, col(Report.period) == period)
            )
            .where(
                col(Unit.level).in_(list(levels)),
                within(Unit.id, scope, tree_day(period_year(period))),
            )
        )
        return [(name, bool(done)) for name, done in rows]

    async def new_models_by_domain(self, scope: Scope, since: dt.datetime) -> dict[str, int]:
        """Models registered since ``since`` in scope, by domain."""
        rows = await self.session.execute(
            sa.select(col(Model.domain), sa.func.count())
            .where(col(Model.registered_at) > since, within(Model.unit_id, scope))
            .group_by(col(Model.domain))
        )
        return {domain: int(count) for domain, count in rows}

    async def new_photos(self, scope: Scope, since: dt.datetime) -> int:
        """Photos linked since ``since`` to anything of a unit in scope."""
        recent = col(Evidence.sent_at) > since
        count = sa.select(sa.func.count()).select_from(Evidence)
        queries = [
            count.join(Model, col(Model.id) == Evidence.model_id).where(
                recent, within(Model.unit_id, scope)
            ),
            count.join(Exemplar, col(Exemplar.id) == Evidence.exemplar_id).where(
                recent, within(Exemplar.unit_id, scope)
            ),
            count.join(ReportEntry, col(ReportEntry.id) == Evidence.report_entry_id)
            .join(Report, col(Report.id) == ReportEntry.report_id)
            .where(recent, within(Report.unit_id, scope)),
            count.join(Visit, col(Visit.id) == Evidence.visit_id).where(
                recent, within(Visit.unit_id, scope)
            ),
        ]
        total = 0
        for query in queries:
            total += int((await self.session.execute(query)).scalar_one())
        return total

    async def unreachable_accounts(self, scope: Scope) -> int:
        """Accounts that blocked the bot, of people with a role in a unit in scope."""
        holders = sa.select(col(RoleAssignment.person_id)).where(
            within(RoleAssignment.unit_id, scope)
        )
        result = await self.session.execute(
            sa.select(sa.func.count())
            .select_from(ChannelAccount)
            .where(
                col(ChannelAccount.unreachable_at).isnot(None),
                col(ChannelAccount.person_id).in_(holders),
            )
        )
        return int(result.scalar_one())

    async def last_sent(self, person_id: int) -> dt.datetime | None:
        """When the person last got the weekly digest."""
        row = await self.session.get(DigestLog, person_id)
        return row.last_sent_at if row else None

    async def record_sent(self, person_id: int, now: dt.datetime) -> None:
        """Remember that the person got the weekly digest now."""
        row = await self.session.get(DigestLog, person_id)
        if row is None:
            self.session.add(DigestLog(person_id=person_id, last_sent_at=now))
        else:
            row.last_sent_at = now
        await self.session.flush()
