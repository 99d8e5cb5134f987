"""The figures of a digest, for one scope: set-based queries, whatever the size of the scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.scope import Scope
from domain.unit_moves import period_year, tree_day
from storage.model_registry import COUNTED
from storage.records import UnitRecord
from storage.sql import non_null
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
from storage.units import _edges_on, _unit, within


@dataclass(frozen=True, slots=True)
class UnitProgress:
    """A unit (with its own targets) and its counted models of a year, by domain."""

    unit: UnitRecord
    by_domain: Mapping[str, int] = field(default_factory=dict)

    @property
    def registered(self) -> int:
        """Counted models of the year."""
        return sum(self.by_domain.values())

    @property
    def domains(self) -> frozenset[str]:
        """The domains with at least one counted model."""
        return frozenset(domain for domain, count in self.by_domain.items() if count)


def _counted(year: int | None) -> sa.ColumnElement[bool]:
    """Models that count towards a target, of ``year`` (None: of every year)."""
    counted = col(Model.status).in_(COUNTED)
    return counted if year is None else sa.and_(col(Model.year) == year, counted)


class DigestRepository:
    """The digest's figures for a scope, and when each person last got the weekly one."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def target_progress(self, scope: Scope, year: int) -> list[UnitProgress]:
        """Every unit in scope, with its own targets and its counted models of ``year`` by
        domain (two queries, whatever the size of the scope; the scope's subtrees as they stood
        at the end of ``year``: ``domain.unit_moves``); the caller applies the targets in force
        (``domain.targets.effective_targets``)."""
        day = tree_day(year)
        units = await self.session.scalars(sa.select(Unit).where(within(Unit.id, scope, day)))
        counts = await self.session.execute(
            sa.select(col(Model.unit_id), col(Model.domain), sa.func.count())
            .where(_counted(year), within(Model.unit_id, scope, day))
            .group_by(col(Model.unit_id), col(Model.domain))
        )
        by_unit: dict[int, dict[str, int]] = {}
        for unit_id, domain, count in counts:
            by_unit.setdefault(unit_id, {})[domain] = int(count)
        return [UnitProgress(_unit(row), by_unit.get(row.id or 0, {})) for row in units.all()]

    async def domain_matrix(self, scope: Scope, year: int | None) -> list[UnitProgress]:
        """The units just below the scope's top (a leaf scope: the units themselves), each with
        the counted models of ``year`` (None: every year) of its whole subtree, by domain: the
        coverage matrix. The tree is the one of the end of ``year`` (``domain.unit_moves``;
        every year: today's). Three queries, whatever the size of the scope."""
        if year is None:
            edges = sa.select(
                non_null(Unit.id).label("child"), col(Unit.parent_id).label("parent")
            ).subquery("edges")
        else:
            edges = _edges_on(tree_day(year))
        if scope.everything:
            tops = sa.select(edges.c.child).where(edges.c.parent.is_(None))
            found: list[Any] = list(await self.session.scalars(tops))
            parents = [int(i) for i in found]
        else:
            parents = list(scope.roots)
        below: list[Any] = list(
            await self.session.scalars(sa.select(edges.c.child).where(edges.c.parent.in_(parents)))
        )
        child_ids = {int(child) for child in below}
        above: list[Any] = list(
            await self.session.scalars(
                sa.select(edges.c.parent).where(edges.c.child.in_(sorted(child_ids)))
            )
        )
        with_children = {int(p) for p in above if p is not None}
        alone = [unit_id for unit_id in parents if unit_id not in with_children]
        alone_scope = Scope(units=(*alone, *scope.units), clusters=scope.clusters)
        listed: set[int] = set()
        if not alone_scope.empty:  # a leaf at the top, or a cluster lead's units: a row each
            listed = {
                int(i)
                for i in await self.session.scalars(
                    sa.select(non_null(Unit.id)).where(within(Unit.id, alone_scope))
                )
            }
        rows = sorted(child_ids | listed)
        if not rows:
            return []
        children = list(await self.session.scalars(sa.select(Unit).where(col(Unit.id).in_(rows))))
        tree = (
            sa.select(non_null(Unit.id).label("id"), non_null(Unit.id).label("top"))
            .where(col(Unit.id).in_(rows))
            .cte("matrix_tree", recursive=True)
        )
        # UNION, not UNION ALL: a past tree may hold a cycle of moves (see ``storage.units``)
        tree = tree.union(
            sa.select(edges.c.child, tree.c.top).join(tree, edges.c.parent == tree.c.id)
        )
        counts = await self.session.execute(
            sa.select(sa.cast(tree.c.top, sa.Integer), col(Model.domain), sa.func.count())
            .join(Model, col(Model.unit_id) == tree.c.id)
            .where(_counted(year))
            .group_by(tree.c.top, col(Model.domain))
        )
        by_top: dict[int, dict[str, int]] = {}
        for top, domain, count in counts:
            by_top.setdefault(top, {})[domain] = int(count)
        return [UnitProgress(_unit(row), by_top.get(row.id or 0, {})) for row in children]

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
