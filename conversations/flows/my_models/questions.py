"""What ``/models`` shows: the unit's models, the one opened with its photos, and the question
of the field being changed with the value it has now. All of it only reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Option
from conversations.messages import StoredPhoto
from conversations.steps.edit import Current, value_steps
from conversations.steps.model import (
    EDITABLE,
    GOALS,
    describe,
    field_answers,
    goals_answer,
    model_goals,
    photos_of,
    proof_line,
)
from conversations.steps.replication import spreading_lines
from conversations.steps.units import acting_units
from conversations.turn import Turn
from domain.errors import NotFound
from locales import N_, _, ngettext
from reports.coverage import standing_text, standings_of_units
from reports.vocabulary import status_name
from storage.records import ModelRecord

LIST_LIMIT: Final = 30
NAME_IN_BUTTON: Final = 40
ACTIONS: Final = (
    Option("photos", N_("📷 Add photos")),
    Option("edit", N_("✏️ Change a field")),
    Option("close", N_("✔️ Close")),
)


async def unit_models(turn: Turn) -> list[ModelRecord]:
    units = await acting_units(turn)
    return await turn.tx.models.for_units([u.id for u in units], turn.today.year, limit=LIST_LIMIT)


async def opened(turn: Turn, data: Mapping[str, Any]) -> ModelRecord:
    """The chosen model, checked again against the person's units."""
    units = {u.id for u in await acting_units(turn)}
    model = await turn.tx.models.get(int(data["model"]))
    if model is None or model.unit_id not in units:
        raise NotFound()
    return model


async def list_prompt(turn: Turn, data: Data) -> str:
    models = await unit_models(turn)
    units = [u.id for u in await acting_units(turn)]
    year = turn.today.year
    lines = [
        standing_text(standing)
        for standing in await standings_of_units(turn.tx, units, year, turn.config.targets)
    ]
    lines.append(_("Your models of {year}:").format(year=year))
    for number, model in enumerate(models, start=1):
        lines.append(
            ngettext(
                "{number}. «{name}» · {status} · {photos} photo",
                "{number}. «{name}» · {status} · {photos} photos",
                model.photo_count,
            ).format(
                number=number,
                name=model.fields.name,
                status=status_name(model.status),
                photos=model.photo_count,
            )
        )
    lines.append(_("Choose one to see it, add photos or change a field."))
    return "\n".join(lines)


async def model_options(turn: Turn, data: Data) -> Sequence[Option]:
    return [
        Option(str(m.id), m.fields.name[:NAME_IN_BUTTON], translate=False)
        for m in await unit_models(turn)
    ]


async def details_prompt(turn: Turn, data: Data) -> str:
    model = await opened(turn, data)
    unit = await turn.tx.units.get(model.unit_id)
    goals = await model_goals(turn, model.id)
    text = describe(model, unit.name if unit else "?", turn.config.zone, goals)
    spreading = await spreading_lines(turn, model)
    pilot_of = (await turn.tx.goals.pilot_units([model.id])).get(model.id)
    if pilot_of:
        names = sorted(u.name for u in (await turn.tx.units.many(pilot_of)).values())
        spreading.append(_("⭐ A pilot model of {units}").format(units=", ".join(names)))
    proof = await proof_line(turn, model.id)
    lines = [text, *spreading, *([proof] if proof is not None else [])]
    return "\n".join(lines) + "\n\n" + _("What do you want to do?")


async def photos(turn: Turn, data: Data) -> Sequence[StoredPhoto]:
    return await photos_of(turn, (await opened(turn, data)).id)


async def linked(turn: Turn, data: Data) -> set[str]:
    """The photos the opened model has already: sending one again adds nothing."""
    return set(await turn.tx.models.photo_hashes((await opened(turn, data)).id))


def _current(field: str) -> Current:
    async def current(turn: Turn, data: Data) -> object:
        model = await opened(turn, data)
        if field == GOALS:
            return goals_answer([goal for goal, _done in await model_goals(turn, model.id)])
        return field_answers(model.fields).get(field)

    return current


#: the new value of the field chosen
VALUE_STEPS: Final = value_steps(EDITABLE, _current)
