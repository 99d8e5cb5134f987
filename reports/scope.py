"""What a person may see: every query that returns people's data goes through a scope.

A BTV member of a unit sees that unit's whole subtree; a secretary sees only their own unit; a
cluster lead sees the units of their cluster; an administrator sees everything. A person with
several roles sees the union.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from storage.db import Tx
from storage.records import PersonRecord, Role


@dataclass(frozen=True, slots=True)
class Scope:
    """The units a person may see."""

    everything: bool = False
    roots: tuple[int, ...] = ()  # subtrees
    units: tuple[int, ...] = ()  # single units
    clusters: tuple[int, ...] = ()  # every unit of these clusters

    @property
    def empty(self) -> bool:
        """Whether the person may see nothing at all."""
        return not (self.everything or self.roots or self.units or self.clusters)

    def unit_query(self, tx: Tx) -> sa.Select[tuple[int]] | None:
        """A query of the unit ids in scope (None: every unit)."""
        if self.everything:
            return None
        parts: list[sa.Select[tuple[int]]] = []
        if self.roots:
            parts.append(tx.units.subtree_query(self.roots))
        if self.units:
            parts.append(tx.units.ids_query(self.units))
        if self.clusters:
            parts.append(tx.units.cluster_ids_query(self.clusters))
        if not parts:
            return tx.units.ids_query(())
        if len(parts) == 1:
            return parts[0]
        return sa.select(sa.union(*parts).subquery().c[0])

    async def unit_ids(self, tx: Tx) -> set[int] | None:
        """The unit ids in scope (None: every unit)."""
        query = self.unit_query(tx)
        if query is None:
            return None
        return {row[0] for row in await tx.session.execute(query)}

    async def contains(self, tx: Tx, unit_id: int) -> bool:
        """Whether one unit is in scope."""
        if self.everything:
            return True
        if unit_id in self.units:
            return True
        ids = await self.unit_ids(tx)
        return ids is not None and unit_id in ids


def scope_of(person: PersonRecord) -> Scope:
    """The scope of a person, from their roles."""
    if person.has_role(Role.ADMIN):
        return Scope(everything=True)
    return Scope(
        roots=tuple(sorted(set(person.units_where(Role.BTV)))),
        units=tuple(sorted(set(person.units_where(Role.SECRETARY)))),
        clusters=tuple(sorted(set(person.clusters_where(Role.CLUSTER_LEAD)))),
    )


def review_scope(person: PersonRecord) -> Scope:
    """What a person may appraise: the subtrees where they sit on the standing committee."""
    if person.has_role(Role.ADMIN):
        return Scope(everything=True)
    return Scope(roots=tuple(sorted(set(person.units_where(Role.BTV)))))
