"""The monthly visit log as cluster leads read it: members × units, visited or not."""

from __future__ import annotations

import calendar as months
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from locales import _, format_date
from storage.db import Tx
from storage.records import ClusterRecord, UnitRecord
from storage.visit_log import ClusterMember, VisitRecord


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, months.monthrange(year, month)[1])


@dataclass(frozen=True, slots=True)
class ClusterMonth:
    """One cluster's month: its units, its BTV members, and their visits to those units."""

    cluster: ClusterRecord
    year: int
    month: int
    units: tuple[UnitRecord, ...]
    members: tuple[ClusterMember, ...]
    visits: tuple[VisitRecord, ...]

    def visits_of(self, person_id: int, unit_id: int) -> list[VisitRecord]:
        """The visits of one member to one unit."""
        return [v for v in self.visits if v.person_id == person_id and v.unit_id == unit_id]

    def missing(self) -> list[tuple[ClusterMember, UnitRecord]]:
        """Each (member, unit) with no visit this month."""
        return [
            (member, unit)
            for member in self.members
            for unit in self.units
            if not self.visits_of(member.person_id, unit.id)
        ]


async def cluster_months(
    tx: Tx, cluster_ids: Sequence[int], year: int, month: int
) -> list[ClusterMonth]:
    """The month of each cluster (four queries, whatever the number of clusters)."""
    first, last = month_bounds(year, month)
    clusters = {c.id: c for c in await tx.units.clusters() if c.id in set(cluster_ids)}
    units = await tx.visits.units_of_clusters(list(clusters))
    members = await tx.visits.members(list(clusters))
    all_units = [u.id for us in units.values() for u in us]
    visits = await tx.visits.between(
        first, last, person_ids=[m.person_id for m in members], unit_ids=all_units
    )
    found = []
    for cluster_id, cluster in sorted(clusters.items(), key=lambda item: item[1].code):
        unit_ids = {u.id for u in units[cluster_id]}
        people = tuple(m for m in members if m.cluster_id == cluster_id)
        person_ids = {m.person_id for m in people}
        found.append(
            ClusterMonth(
                cluster,
                year,
                month,
                tuple(units[cluster_id]),
                people,
                tuple(v for v in visits if v.unit_id in unit_ids and v.person_id in person_ids),
            )
        )
    return found


def render_matrix(month: ClusterMonth) -> str:
    """The member × unit matrix, then what is missing, in the current language."""
    lines = [
        _("🗓 {cluster} · {month:02d}/{year}").format(
            cluster=month.cluster.name, month=month.month, year=month.year
        ),
        _("Units: {units}").format(
            units=" · ".join(f"{n}. {u.name}" for n, u in enumerate(month.units, start=1))
        ),
    ]
    if not month.members:
        lines.append(_("No BTV member is assigned to this cluster."))
    for member in month.members:
        marks = []
        done = 0
        for number, unit in enumerate(month.units, start=1):
            visited = bool(month.visits_of(member.person_id, unit.id))
            done += visited
            marks.append(f"{number} {'✅' if visited else '❌'}")
        lines.append(
            _("{name}: {marks} ({done}/{total})").format(
                name=member.name, marks=" ".join(marks), done=done, total=len(month.units)
            )
        )
    missing = month.missing()
    if missing:
        lines.append(_("Visits missing ({count}):").format(count=len(missing)))
        by_member: dict[int, list[str]] = {}
        for member, unit in missing:
            by_member.setdefault(member.person_id, []).append(unit.name)
        for member in month.members:
            if member.person_id in by_member:
                lines.append(f"  • {member.name} → {', '.join(by_member[member.person_id])}")
    elif month.members:
        lines.append(_("Every unit was visited by every member. 👏"))
    return "\n".join(lines)


def render_log(visits: Sequence[VisitRecord], missing: Sequence[str], year: int, month: int) -> str:
    """A BTV member's own log of a month."""
    lines = [_("🗓 Your visits in {month:02d}/{year}:").format(month=month, year=year)]
    if not visits:
        lines.append(_("No visit logged yet."))
    for number, visit in enumerate(visits, start=1):
        meeting = _(" · attended a branch meeting") if visit.fields.attended_meeting else ""
        lines.append(
            f"{number}. {format_date(visit.fields.visit_date)} · {visit.unit_name}{meeting}"
        )
    if missing:
        lines.append(_("Not visited yet: {units}.").format(units=", ".join(missing)))
    return "\n".join(lines)


def render_visit(visit: VisitRecord) -> str:
    """One visit's notes."""
    return "\n".join(
        [
            _("{unit}, {date}, by {person}").format(
                unit=visit.unit_name,
                date=format_date(visit.fields.visit_date),
                person=visit.person_name,
            ),
            _("Attended a branch meeting: {answer}").format(
                answer=_("yes") if visit.fields.attended_meeting else _("no")
            ),
            _("Findings: {text}").format(text=visit.fields.findings),
            _("Advice: {text}").format(text=visit.fields.advice),
            _("Photos: {count}").format(count=visit.photo_count),
        ]
    )
