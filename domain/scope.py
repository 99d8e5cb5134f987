"""What a person may see: every query that returns people's data goes through a scope.

A BTV member of a unit sees that unit's whole subtree; a secretary sees only their own unit; a
cluster lead sees the units of their cluster; an administrator sees everything. A person with
several roles sees the union. The rule is here; ``storage`` turns a scope into the filter of
its queries: every repository method that reads people's data takes a ``Scope``
(``tx.units.in_scope``, ``tx.units.scope_contains``, ``tx.models.registry``, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from domain.organisation import Role


class RoleHolder(Protocol):
    """A person as the scope rules read them: the units and clusters of each role they hold."""

    def has_role(self, *roles: Role) -> bool:
        """Whether the person holds any of ``roles``."""
        ...

    def units_where(self, *roles: Role) -> list[int]:
        """The units the person holds one of ``roles`` in."""
        ...

    def clusters_where(self, *roles: Role) -> list[int]:
        """The clusters the person holds one of ``roles`` in."""
        ...


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

    def surely_contains(self, unit_id: int) -> bool:
        """Whether one unit is in scope without looking at the tree (everything, or named)."""
        return self.everything or unit_id in self.units


def scope_of(person: RoleHolder) -> Scope:
    """The scope of a person, from their roles."""
    if person.has_role(Role.ADMIN):
        return Scope(everything=True)
    return Scope(
        roots=tuple(sorted(set(person.units_where(Role.BTV)))),
        units=tuple(sorted(set(person.units_where(Role.SECRETARY)))),
        clusters=tuple(sorted(set(person.clusters_where(Role.CLUSTER_LEAD)))),
    )


def review_scope(person: RoleHolder) -> Scope:
    """What a person may appraise: the subtrees where they sit on the standing committee."""
    if person.has_role(Role.ADMIN):
        return Scope(everything=True)
    return Scope(roots=tuple(sorted(set(person.units_where(Role.BTV)))))
