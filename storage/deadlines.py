"""Who has not met a deadline yet: set-based queries, never one query per unit.

Each query returns the people to remind with one reachable account each; the caller decides what
to tell them. Rows are streamed, so a national sweep never holds every unit in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from domain.organisation import Role
from domain.registry import DOMAIN_NAMES
from domain.targets import LevelTargets, OwnTargets, Targets, effective_targets
from locales import sort_key
from storage.model_registry import COUNTED
from storage.recipients import RecipientRepository, latest_first, reachable_account
from storage.records import Recipient
from storage.sql import non_null
from storage.tables import ChannelAccount, Model, Person, Report, RoleAssignment, Unit, Visit


@dataclass(frozen=True, slots=True)
class UnitGap:
    """A unit that has not met a deadline, and how far it got (models registered)."""

    unit_id: int
    unit_name: str
    level: str
    progress: int
    recipient: Recipient
    #: for a registration: the unit's targets in force, and the domains its models cover
    targets: Targets | None = None
    domains: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class VisitGap:
    """A BTV member with units of their clusters not visited in the month."""

    recipient: Recipient
    missing: tuple[str, ...]
    assigned: int


_PeopleOfUnits = sa.Select[int, str, str, int, str, int, str, str]


def _people_of_units(roles: Sequence[Role]) -> _PeopleOfUnits:
    return (
        sa.select(
            non_null(Unit.id),
            col(Unit.name),
            col(Unit.level),
            non_null(Person.id),
            col(Person.locale),
            non_null(ChannelAccount.id),
            col(ChannelAccount.channel),
            col(ChannelAccount.chat_id),
        )
        .join(
            RoleAssignment,
            sa.and_(
                col(RoleAssignment.unit_id) == Unit.id,
                col(RoleAssignment.role).in_([role.value for role in roles]),
            ),
        )
        .join(Person, col(Person.id) == RoleAssignment.person_id)
        .join(ChannelAccount, reachable_account())
        .order_by(col(Unit.id), col(Person.id), *latest_first())
    )


async def _unit_rows(
    session: AsyncSession, query: sa.Select[Any]
) -> AsyncIterator[tuple[UnitGap, tuple[Any, ...]]]:
    """One gap per (unit, person): the reachable account the person wrote from last, with the
    query's further columns."""
    seen: tuple[int, int] | None = None
    result = await session.stream(query.execution_options(yield_per=1000))
    async for row in result:
        unit_id, name, level, person_id, locale, account_id, channel, chat_id, progress = row[:9]
        if seen == (unit_id, person_id):
            continue
        seen = (unit_id, person_id)
        gap = UnitGap(
            unit_id,
            name,
            level,
            int(progress or 0),
            Recipient(person_id, locale, account_id, channel, chat_id),
        )
        yield gap, tuple(row[9:])


async def _unit_gaps(session: AsyncSession, query: sa.Select[Any]) -> AsyncIterator[UnitGap]:
    async for gap, _extra in _unit_rows(session, query):
        yield gap


class DeadlineRepository:
    """Who has not met a deadline yet, streamed or in one set of queries."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def registration_gaps(
        self,
        targets: LevelTargets,
        levels: Sequence[str],
        roles: Sequence[Role],
        year: int,
    ) -> AsyncIterator[UnitGap]:
        """People (of ``roles``) of units (of ``levels``) that do not meet their own targets in
        force for ``year``: too few models, or a domain without one when each must have one.

        One streamed query; the rule itself is the domain's (``Targets.met``).
        """
        domains = [domain.value for domain in DOMAIN_NAMES]
        counted = (
            sa.select(
                col(Model.unit_id).label("unit_id"),
                sa.func.count().label("registered"),
                *(
                    sa.func.sum(sa.case((col(Model.domain) == domain, 1), else_=0)).label(domain)
                    for domain in domains
                ),
            )
            .where(col(Model.year) == year, col(Model.status).in_(COUNTED))
            .group_by(col(Model.unit_id))
            .subquery()
        )
        query = (
            _people_of_units(roles)
            .add_columns(
                sa.func.coalesce(counted.c.registered, 0),
                col(Unit.target_models),
                col(Unit.target_per_domain),
                col(Unit.target_gathering_pct),
                *(sa.func.coalesce(counted.c[domain], 0) for domain in domains),
            )
            .outerjoin(counted, counted.c.unit_id == Unit.id)
            .where(col(Unit.level).in_(list(levels)))
        )
        async for gap, row in _unit_rows(self.session, query):
            own = OwnTargets(row[0], row[1], row[2])
            covered = frozenset(d for d, n in zip(domains, row[3:], strict=True) if n)
            in_force = effective_targets(gap.level, own, targets)
            if not in_force.met(gap.progress, covered):
                yield replace(gap, targets=in_force, domains=covered)

    def report_gaps(
        self, levels: Sequence[str], roles: Sequence[Role], period: str
    ) -> AsyncIterator[UnitGap]:
        """People (of ``roles``) of units that have not submitted their report for ``period``."""
        query = (
            _people_of_units(roles)
            .add_columns(sa.literal(0))
            .outerjoin(
                Report, sa.and_(col(Report.unit_id) == Unit.id, col(Report.period) == period)
            )
            .where(col(Unit.level).in_(list(levels)), col(Report.id).is_(None))
        )
        return _unit_gaps(self.session, query)

    async def visit_gaps(self, first_day: dt.date, last_day: dt.date) -> list[VisitGap]:
        """BTV members who have not visited every unit of their clusters between the two days."""
        assignments = await self.session.execute(
            sa.select(col(RoleAssignment.person_id), non_null(RoleAssignment.cluster_id)).where(
                col(RoleAssignment.role) == Role.BTV.value,
                col(RoleAssignment.cluster_id).isnot(None),
            )
        )
        clusters_of: dict[int, set[int]] = {}
        for person_id, cluster_id in assignments:
            clusters_of.setdefault(person_id, set()).add(cluster_id)
        if not clusters_of:
            return []
        cluster_ids = sorted({c for clusters in clusters_of.values() for c in clusters})
        units = await self.session.execute(
            sa.select(non_null(Unit.id), col(Unit.name), non_null(Unit.cluster_id)).where(
                col(Unit.cluster_id).in_(cluster_ids)
            )
        )
        units_of: dict[int, list[tuple[int, str]]] = {}
        for unit_id, name, cluster_id in sorted(units, key=lambda row: sort_key(row[1])):
            units_of.setdefault(cluster_id, []).append((unit_id, name))
        visited = await self.session.execute(
            sa.select(col(Visit.person_id), col(Visit.unit_id))
            .where(col(Visit.visit_date) >= first_day, col(Visit.visit_date) <= last_day)
            .distinct()
        )
        seen = {(person_id, unit_id) for person_id, unit_id in visited}
        recipients = await RecipientRepository(self.session).of(list(clusters_of))
        gaps = []
        for person_id, recipient in sorted(recipients.items()):
            assigned = [u for c in sorted(clusters_of[person_id]) for u in units_of.get(c, [])]
            missing = tuple(name for unit_id, name in assigned if (person_id, unit_id) not in seen)
            if missing:
                gaps.append(VisitGap(recipient, missing, len(assigned)))
        return gaps
