"""``/models``: the unit's models of the year; open one to see it, add photos or edit a field."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Option, Step
from conversations.messages import InputKind, Reply, StoredPhoto
from conversations.steps.edit import changing
from conversations.steps.model import EDITABLE, describe, field_answers, model_fields, photos_of
from conversations.steps.photos import photo_links
from conversations.steps.units import acting_units
from conversations.turn import Turn
from domain.errors import DvkError, NotFound
from locales import N_, _, ngettext
from reports.vocabulary import status_name
from storage.records import ModelRecord

LIST_LIMIT: Final = 30
NAME_IN_BUTTON: Final = 40
ACTIONS: Final = (
    Option("photos", N_("📷 Add photos")),
    Option("edit", N_("✏️ Change a field")),
    Option("close", N_("✔️ Close")),
)


async def _unit_models(turn: Turn) -> list[ModelRecord]:
    units = await acting_units(turn)
    return await turn.tx.models.for_units([u.id for u in units], turn.today.year, limit=LIST_LIMIT)


async def _opened(turn: Turn, data: Mapping[str, Any]) -> ModelRecord:
    """The chosen model, checked again against the person's units."""
    units = {u.id for u in await acting_units(turn)}
    model = await turn.tx.models.get(int(data["model"]))
    if model is None or model.unit_id not in units:
        raise NotFound()
    return model


async def _list_prompt(turn: Turn, data: Data) -> str:
    models = await _unit_models(turn)
    lines = [_("Your models of {year}:").format(year=turn.today.year)]
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


async def _model_options(turn: Turn, data: Data) -> Sequence[Option]:
    return [
        Option(str(m.id), m.fields.name[:NAME_IN_BUTTON], translate=False)
        for m in await _unit_models(turn)
    ]


async def _details_prompt(turn: Turn, data: Data) -> str:
    model = await _opened(turn, data)
    unit = await turn.tx.units.get(model.unit_id)
    text = describe(model, unit.name if unit else "?", turn.config.zone)
    return text + "\n\n" + _("What do you want to do?")


async def _photos(turn: Turn, data: Data) -> Sequence[StoredPhoto]:
    return await photos_of(turn, (await _opened(turn, data)).id)


async def _linked(turn: Turn, data: Data) -> set[str]:
    """The photos the opened model has already: sending one again adds nothing."""
    return set(await turn.tx.models.photo_hashes((await _opened(turn, data)).id))


def _value_step(field: str) -> Step:
    """The registration question for ``field``, answering into ``value``, with the current value."""

    async def current(turn: Turn, data: Data) -> object:
        return field_answers((await _opened(turn, data)).fields).get(field)

    return changing(EDITABLE[field], current)


class MyModelsFlow(Flow):
    """List, open, add photos or change a field (each change is recorded with who and when)."""

    name: ClassVar[str] = "models"
    title: ClassVar[str] = N_("Your models")
    summary: ClassVar[bool] = False

    def steps(self, data: Mapping[str, Any]) -> Sequence[Step]:
        """Pick a model, pick an action, then the photos or the field and its new value."""
        steps: list[Step] = [
            Step(
                "model",
                InputKind.CHOICE,
                prompt=_list_prompt,
                label=N_("Model"),
                options=_model_options,
            ),
            Step(
                "action",
                InputKind.CHOICE,
                prompt=_details_prompt,
                label=N_("Action"),
                options=ACTIONS,
                attach=_photos,
            ),
        ]
        action = data.get("action")
        if action == "photos":
            steps.append(
                Step(
                    "photos",
                    InputKind.PHOTOS,
                    prompt=N_("Send the photos to add, then tap “Done”."),
                    label=N_("Photos"),
                    linked=_linked,
                )
            )
        elif action == "edit":
            steps.append(
                Step(
                    "field",
                    InputKind.CHOICE,
                    prompt=N_("Which field do you want to change?"),
                    label=N_("Field"),
                    options=tuple(Option(f, s.label) for f, s in EDITABLE.items()),
                )
            )
            if data.get("field") in EDITABLE:
                steps.append(_value_step(data["field"]))
        return steps

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Refuse kindly when there is nothing to list."""
        if not await _unit_models(turn):
            raise DvkError(
                N_(
                    "Your unit has no models registered in {year} yet. Register one with /register."
                ),
                year=turn.today.year,
            )
        return {}

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Add the photos or save the change."""
        person = turn.require_person()
        model = await _opened(turn, data)
        if data["action"] == "photos":
            added = await turn.tx.models.link_photos(
                photo_links(data), person.id, turn.now, model_id=model.id
            )
            return [
                Reply(
                    ngettext(
                        "📷 Added {added} photo to «{name}»; it now has {total}.",
                        "📷 Added {added} photos to «{name}»; it now has {total}.",
                        added,
                    ).format(added=added, name=model.fields.name, total=model.photo_count + added)
                )
            ]
        if data["action"] == "close":
            return [Reply(_("Closed. Type /models to open your models again."))]
        field = data["field"]
        answers = field_answers(model.fields)
        answers[field] = data["value"]
        new_fields = dataclasses.asdict(model_fields(answers))
        old_fields = dataclasses.asdict(model.fields)
        changes = {k: v for k, v in new_fields.items() if old_fields[k] != v}
        await turn.tx.models.update(model.id, changes, person.id, turn.now)
        step = EDITABLE[field]
        return [
            Reply(
                _("✏️ Saved. {label}: {value}").format(
                    label=_(step.label), value=step.display(data["value"])
                )
            )
        ]
