"""What a standing-committee member (or an administrator) administers: their subtree.

Shared by ``/invite`` and ``/announce`` (no flow imports another): the scope, the units to
suggest, a typed unit checked against the scope, and the clusters that lie wholly inside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from conversations.flow import Data, Option
from conversations.turn import Turn
from domain.errors import InvalidInput
from domain.organisation import Role
from domain.scope import Scope, review_scope
from locales import N_, sort_key
from storage.records import ClusterRecord, UnitRecord


def committee_scope(turn: Turn) -> Scope:
    """The subtrees where the person sits on the standing committee (everything for an admin)."""
    return review_scope(turn.require_person())


async def committee_units(turn: Turn) -> list[UnitRecord]:
    """The person's own committee units (an admin: the top of the tree), by name."""
    person = turn.require_person()
    if person.has_role(Role.ADMIN):
        units = [u for u in await turn.tx.units.all() if u.parent_id is None]
    else:
        units = list((await turn.tx.units.many(person.units_where(Role.BTV))).values())
    return sorted(units, key=lambda unit: sort_key(unit.name))


async def unit_suggestions(turn: Turn, data: Data) -> Sequence[Option]:
    """Buttons for the person's own committee units; others are typed by code."""
    return [Option(u.code, u.name, translate=False) for u in (await committee_units(turn))[:8]]


async def resolve_unit(turn: Turn, typed: object) -> UnitRecord:
    """A unit code typed (or a suggestion pressed), accepted only inside the person's subtree."""
    text = str(typed).strip()
    unit = await turn.tx.units.by_code(text)
    if unit is None:
        by_label = {o.label: o.value for o in await unit_suggestions(turn, {})}
        unit = await turn.tx.units.by_code(by_label.get(text, ""))
    if unit is None or not await turn.tx.units.scope_contains(committee_scope(turn), unit.id):
        raise InvalidInput(N_("There is no unit “{typed}” among your units."), typed=text)
    return unit


async def committee_clusters(turn: Turn) -> list[ClusterRecord]:
    """The clusters every unit of which is inside the person's subtree, by name."""
    clusters = await turn.tx.units.clusters()
    scope = committee_scope(turn)
    inside = await turn.tx.units.in_scope(scope)
    if inside is not None:
        units = await turn.tx.units.all()
        members: dict[int, set[int]] = {}
        for unit in units:
            if unit.cluster_id is not None:
                members.setdefault(unit.cluster_id, set()).add(unit.id)
        clusters = [c for c in clusters if members.get(c.id) and members[c.id] <= inside]
    return sorted(clusters, key=lambda cluster: sort_key(cluster.name))
