"""Which unit a person acts for: a step that is asked only when they have more than one."""

from __future__ import annotations

from collections.abc import Sequence

from conversations.flow import Data, Option, Step
from conversations.messages import InputKind
from conversations.turn import Turn
from domain.errors import DvkError, NotAllowed
from domain.organisation import Role
from locales import N_, sort_key
from storage.records import UnitRecord


async def acting_units(turn: Turn, roles: Sequence[Role]) -> list[UnitRecord]:
    """The units in which the person holds one of ``roles``, by name."""
    person = turn.require_person()
    units = await turn.tx.units.many(person.units_where(*roles))
    return sorted(units.values(), key=lambda unit: sort_key(unit.name))


async def begin_with_unit(turn: Turn, roles: Sequence[Role]) -> Data:
    """Initial data with the unit chosen already when there is only one."""
    units = await acting_units(turn, roles)
    if not units:
        raise DvkError(N_("You are not the secretary of a unit, so you cannot do this."))
    if len(units) == 1:
        return {"unit": str(units[0].id), "_single_unit": True}
    return {}


async def checked_unit(turn: Turn, data: Data, roles: Sequence[Role]) -> UnitRecord:
    """The unit of the data, checked again against the person's roles (never trust a draft)."""
    units = {str(unit.id): unit for unit in await acting_units(turn, roles)}
    unit = units.get(str(data.get("unit")))
    if unit is None:
        raise NotAllowed()
    return unit


def unit_step(roles: Sequence[Role]) -> Step:
    """Choose the unit (hidden when the person acts for one unit only)."""

    async def options(turn: Turn, data: Data) -> Sequence[Option]:
        return [Option(str(u.id), u.name, translate=False) for u in await acting_units(turn, roles)]

    return Step(
        "unit",
        InputKind.CHOICE,
        prompt=N_("For which unit?"),
        label=N_("Unit"),
        options=options,
        when=lambda data: not data.get("_single_unit"),
    )
