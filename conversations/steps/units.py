"""Which unit a person acts for: a step asked only when they have more than one.

The units are those where the person holds one of the roles of the running command
(``turn.roles``): roles are declared once, on the command.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Option
from conversations.steps import kinds
from conversations.turn import Turn
from domain.errors import DvkError, NotAllowed
from locales import N_, sort_key
from storage.records import UnitRecord


async def acting_units(turn: Turn) -> list[UnitRecord]:
    """The units in which the person holds one of the running command's roles, by name."""
    person = turn.require_person()
    if not turn.roles:
        return []
    units = await turn.tx.units.many(person.units_where(*turn.roles))
    return sorted(units.values(), key=lambda unit: sort_key(unit.name))


async def begin_with_unit(turn: Turn) -> Data:
    """Initial data with the unit chosen already when there is only one."""
    units = await acting_units(turn)
    if not units:
        raise DvkError(N_("You are not the secretary of a unit, so you cannot do this."))
    if len(units) == 1:
        return {"unit": str(units[0].id), "_single_unit": True}
    return {}


async def checked_unit(turn: Turn, data: Mapping[str, Any]) -> UnitRecord:
    """The unit of the data, checked again against the person's roles (never trust a draft)."""
    units = {str(unit.id): unit for unit in await acting_units(turn)}
    unit = units.get(str(data.get("unit")))
    if unit is None:
        raise NotAllowed()
    return unit


async def _unit_options(turn: Turn, data: Data) -> Sequence[Option]:
    return [Option(str(u.id), u.name, translate=False) for u in await acting_units(turn)]


#: choose the unit (hidden when the person acts for one unit only)
UNIT: Final = kinds.choice(
    "unit",
    N_("For which unit?"),
    N_("Unit"),
    _unit_options,
    when=lambda data: not data.get("_single_unit"),
)
