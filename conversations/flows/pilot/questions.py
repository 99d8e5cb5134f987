"""What ``/pilot`` shows and checks: the person's district and province units, the models of
the unit's subtree with its pilots first, the model opened and what can be done with it. All
of it only reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Option
from conversations.steps.model import describe, model_goals
from conversations.steps.units import acting_units
from conversations.turn import Turn
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.goals import PILOT_LEVELS, pilot_limit_reached
from domain.scope import Scope
from locales import N_, _, sort_key
from storage.model_goals import PilotCandidate
from storage.records import ModelRecord, UnitRecord

LIST_LIMIT: Final = 30
MARK: Final = "mark"
UNMARK: Final = "unmark"


async def pilot_units(turn: Turn) -> list[UnitRecord]:
    """The district and province units where the person sits on the standing committee."""
    return [unit for unit in await acting_units(turn) if unit.level in PILOT_LEVELS]


async def pilot_unit(turn: Turn, data: Mapping[str, Any]) -> UnitRecord:
    """The unit chosen, checked again against the person's roles."""
    units = {str(unit.id): unit for unit in await pilot_units(turn)}
    unit = units.get(str(data.get("unit")))
    if unit is None:
        raise NotAllowed()
    return unit


async def unit_options(turn: Turn, data: Data) -> Sequence[Option]:
    """A button for each district or province unit of the person."""
    return [Option(str(u.id), u.name, translate=False) for u in await pilot_units(turn)]


async def candidates(turn: Turn, data: Mapping[str, Any]) -> list[PilotCandidate]:
    """The models of the unit's subtree this year, its pilots first."""
    unit = await pilot_unit(turn, data)
    return await turn.tx.goals.candidates(unit.id, turn.today.year, limit=LIST_LIMIT)


async def list_prompt(turn: Turn, data: Data) -> str:
    """The unit's pilots against the limit, then the models to choose from."""
    unit = await pilot_unit(turn, data)
    models = await candidates(turn, data)
    pilots = sum(1 for model in models if model.pilot)
    lines = [
        _("Pilot models of {unit} in {year}: {count} of at most {limit}.").format(
            unit=unit.name, year=turn.today.year, count=pilots, limit=turn.config.pilots_per_unit
        )
    ]
    for number, model in enumerate(models, start=1):
        star = "⭐ " if model.pilot else ""
        lines.append(f"{number}. {star}«{model.model_name}» · {model.unit_name}")
    if not models:
        lines.append(_("No model is registered in your units this year yet. Type /cancel."))
    else:
        lines.append(_("Choose the model to mark as a pilot, or to unmark (⭐)."))
    return "\n".join(lines)


async def model_options(turn: Turn, data: Data) -> Sequence[Option]:
    """A button for each model."""
    return [
        Option(str(m.model_id), ("⭐ " if m.pilot else "") + m.model_name[:40], translate=False)
        for m in await candidates(turn, data)
    ]


async def opened(turn: Turn, data: Mapping[str, Any]) -> ModelRecord:
    """The chosen model, checked against the unit's subtree (whatever id was sent)."""
    unit = await pilot_unit(turn, data)
    model = await turn.tx.models.get(int(data["model"]))
    if model is None or not await turn.tx.units.scope_contains(
        Scope(roots=(unit.id,)), model.unit_id
    ):
        raise NotFound()
    return model


async def open_model(turn: Turn, data: Mapping[str, Any], value: Any) -> str:
    """Opening a model checks the scope."""
    return str((await opened(turn, {**data, "model": value})).id)


async def is_pilot(turn: Turn, data: Mapping[str, Any]) -> bool:
    """Whether the model chosen is a pilot of the unit now."""
    unit = await pilot_unit(turn, data)
    model = await opened(turn, data)
    return unit.id in (await turn.tx.goals.pilot_units([model.id])).get(model.id, [])


async def action_prompt(turn: Turn, data: Data) -> str:
    """The model with its goals' progress, and whether it is a pilot."""
    unit = await pilot_unit(turn, data)
    model = await opened(turn, data)
    model_unit = await turn.tx.units.get(model.unit_id)
    goals = await model_goals(turn, model.id)
    text = describe(model, model_unit.name if model_unit else "?", turn.config.zone, goals)
    if await is_pilot(turn, data):
        state = _("⭐ It is a pilot model of {unit}.").format(unit=unit.name)
    else:
        state = _("It is not a pilot model of {unit}.").format(unit=unit.name)
    return text + "\n\n" + state


async def action_options(turn: Turn, data: Data) -> Sequence[Option]:
    """Unmark a pilot; mark any other model."""
    if await is_pilot(turn, data):
        return [Option(UNMARK, N_("✖️ No longer a pilot"))]
    return [Option(MARK, N_("⭐ Mark as a pilot model"))]


async def within_limit(turn: Turn, data: Mapping[str, Any], value: Any) -> str:
    """A new pilot only while the unit has fewer than the limit this year."""
    if value == MARK:
        unit = await pilot_unit(turn, data)
        await check_limit(turn, unit)
    return str(value)


async def check_limit(turn: Turn, unit: UnitRecord) -> None:
    """Refuse a new pilot once the unit has as many as the settings allow this year."""
    limit = turn.config.pilots_per_unit
    pilots = await turn.tx.goals.pilots(None, turn.today.year, of_unit=unit.id)
    names = [pilot.model_name for pilot in pilots]
    if pilot_limit_reached(len(pilots), limit):
        raise InvalidInput(
            N_(
                "{unit} has {count} pilot models in {year} already, the most allowed: {names}. "
                "Unmark one first."
            ),
            unit=unit.name,
            count=len(pilots),
            year=turn.today.year,
            names=", ".join(f"«{name}»" for name in sorted(names, key=sort_key)),
        )
