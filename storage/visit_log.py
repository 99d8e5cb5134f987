"""Visits of BTV members to grassroots units (the monthly visit log), and cluster assignments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.organisation import Role
from locales import sort_key
from storage.records import UnitRecord
from storage.sql import non_null
from storage.tables import Evidence, Person, RoleAssignment, Unit, Visit
from storage.units import _unit

VISIT_FIELDS: Final = ("unit_id", "visit_date", "attended_meeting", "findings", "advice")


@dataclass(frozen=True, slots=True)
class VisitFields:
    """What a BTV member logs about one visit."""

    unit_id: int
    visit_date: dt.date
    attended_meeting: bool
    findings: str
    advice: str


@dataclass(frozen=True, slots=True)
class VisitRecord:
    """A stored visit."""

    id: int
    person_id: int
    person_name: str
    unit_id: int
    unit_name: str
    fields: VisitFields
    created_at: dt.datetime
    photo_count: int


@dataclass(frozen=True, slots=True)
class ClusterMember:
    """A BTV member assigned to a cluster."""

    cluster_id: int
    person_id: int
    name: str


def _photos() -> sa.ScalarSelect[int]:
    return (
        sa.select(sa.func.count(col(Evidence.id)))
        .where(col(Evidence.visit_id) == Visit.id)
        .scalar_subquery()
    )


class VisitRepository:
    """Reads and writes of the visit log."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def log(self, person_id: int, fields: VisitFields, now: dt.datetime) -> int:
        """Record a visit; returns its id."""
        row = Visit(
            person_id=person_id,
            unit_id=fields.unit_id,
            visit_date=fields.visit_date,
            attended_meeting=fields.attended_meeting,
            findings=fields.findings,
            advice=fields.advice,
            created_at=now,
            updated_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        assert row.id is not None
        return row.id

    async def update(self, visit_id: int, changes: Mapping[str, Any], now: dt.datetime) -> None:
        """Change fields of a visit."""
        unknown = set(changes) - set(VISIT_FIELDS)
        if unknown:
            raise ValueError(f"not visit fields: {sorted(unknown)}")
        await self.session.execute(
            sa.update(Visit).where(col(Visit.id) == visit_id).values(updated_at=now, **changes)
        )

    def _query(self) -> sa.Select[Visit, str, str, int]:
        return (
            sa.select(Visit, col(Person.name), col(Unit.name), _photos())
            .join(Person, col(Person.id) == Visit.person_id)
            .join(Unit, col(Unit.id) == Visit.unit_id)
        )

    @staticmethod
    def _record(row: sa.Row[Visit, str, str, int]) -> VisitRecord:
        visit, person_name, unit_name, photos = row
        assert visit.id is not None
        return VisitRecord(
            visit.id,
            visit.person_id,
            person_name,
            visit.unit_id,
            unit_name,
            VisitFields(
                visit.unit_id,
                visit.visit_date,
                visit.attended_meeting,
                visit.findings,
                visit.advice,
            ),
            visit.created_at,
            int(photos),
        )

    async def get(self, visit_id: int) -> VisitRecord | None:
        """One visit."""
        row = (await self.session.execute(self._query().where(col(Visit.id) == visit_id))).first()
        return self._record(row) if row else None

    async def between(
        self,
        first: dt.date,
        last: dt.date,
        *,
        person_ids: Sequence[int] | None = None,
        unit_ids: Sequence[int] | None = None,
    ) -> list[VisitRecord]:
        """Visits between two days (of some people, to some units), by date."""
        query = self._query().where(col(Visit.visit_date) >= first, col(Visit.visit_date) <= last)
        if person_ids is not None:
            query = query.where(col(Visit.person_id).in_(list(person_ids)))
        if unit_ids is not None:
            query = query.where(col(Visit.unit_id).in_(list(unit_ids)))
        rows = await self.session.execute(query.order_by(col(Visit.visit_date), col(Visit.id)))
        return [self._record(row) for row in rows]

    async def assigned_clusters(self, person_id: int) -> list[int]:
        """The clusters a BTV member is assigned to."""
        rows = await self.session.scalars(
            select(RoleAssignment.cluster_id).where(
                RoleAssignment.person_id == person_id,
                RoleAssignment.role == Role.BTV.value,
                col(RoleAssignment.cluster_id).isnot(None),
            )
        )
        return sorted({cluster for cluster in rows if cluster is not None})

    async def units_of_clusters(self, cluster_ids: Sequence[int]) -> dict[int, list[UnitRecord]]:
        """The member units of each cluster, in Vietnamese order."""
        rows = await self.session.scalars(
            select(Unit).where(col(Unit.cluster_id).in_(list(cluster_ids)))
        )
        found: dict[int, list[UnitRecord]] = {cluster: [] for cluster in cluster_ids}
        for row in rows:
            assert row.cluster_id is not None
            found[row.cluster_id].append(_unit(row))
        return {k: sorted(v, key=lambda u: sort_key(u.name)) for k, v in found.items()}

    async def members(
        self, cluster_ids: Sequence[int], role: Role = Role.BTV
    ) -> list[ClusterMember]:
        """The BTV members (or leads) of the clusters, in Vietnamese order of their names."""
        rows = await self.session.execute(
            sa.select(non_null(RoleAssignment.cluster_id), non_null(Person.id), col(Person.name))
            .join(Person, col(Person.id) == RoleAssignment.person_id)
            .where(
                col(RoleAssignment.role) == role.value,
                col(RoleAssignment.cluster_id).in_(list(cluster_ids)),
            )
            .distinct()
        )
        members = [ClusterMember(c, p, n) for c, p, n in rows]
        return sorted(members, key=lambda m: (m.cluster_id, sort_key(m.name)))

    async def led_clusters(self, person_id: int) -> list[int]:
        """The clusters a person leads."""
        rows = await self.session.scalars(
            select(RoleAssignment.cluster_id).where(
                RoleAssignment.person_id == person_id,
                RoleAssignment.role == Role.CLUSTER_LEAD.value,
                col(RoleAssignment.cluster_id).isnot(None),
            )
        )
        return sorted({cluster for cluster in rows if cluster is not None})

    async def holders(self, cluster_id: int, roles: Sequence[Role]) -> list[int]:
        """The people holding one of ``roles`` in a cluster."""
        rows = await self.session.scalars(
            select(RoleAssignment.person_id).where(
                RoleAssignment.cluster_id == cluster_id,
                col(RoleAssignment.role).in_([r.value for r in roles]),
            )
        )
        return sorted(set(rows))
