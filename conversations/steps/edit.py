"""Changing one stored answer of a record opened in a view (``/models``, ``/visits``): which
field, then the question that asked it, under the value it has now."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from conversations.flow import Data, Option, Step
from conversations.steps import kinds
from conversations.turn import Turn
from locales import N_, _

#: the value a field has now, as the stored record holds it (a step's answer)
Current = Callable[[Turn, Data], Awaitable[object]]


def changing(original: Step, current: Current) -> Step:
    """``original`` answering into ``value``, its question under the value it has now."""

    async def prompt(turn: Turn, data: Data) -> str:
        now = original.display(await current(turn, data))
        asked = original.prompt
        question = await asked(turn, data) if callable(asked) else _(asked)
        return _("Now: {value}").format(value=now) + "\n" + question

    return dataclasses.replace(original, field="value", prompt=prompt, when=None)


def _editing(data: Mapping[str, Any]) -> bool:
    return data.get("action") == "edit"


def field_choice(editable: Mapping[str, Step]) -> Step:
    """Which field to change (asked once the action "edit" was chosen)."""
    options = tuple(Option(field, step.label) for field, step in editable.items())
    prompt = N_("Which field do you want to change?")
    return kinds.choice("field", prompt, N_("Field"), options, when=_editing)


def value_steps(
    editable: Mapping[str, Step], current: Callable[[str], Current]
) -> tuple[Step, ...]:
    """The new value, one step per field: only the one of the field chosen applies.
    ``current(field)`` reads the value the record has now."""

    def chosen(field: str) -> Callable[[Mapping[str, Any]], bool]:
        return lambda data: _editing(data) and data.get("field") == field

    return tuple(
        dataclasses.replace(changing(step, current(field)), when=chosen(field))
        for field, step in editable.items()
    )


def saved(step: Step, value: object) -> str:
    """What the person reads once the change is saved."""
    return _("✏️ Saved. {label}: {value}").format(label=_(step.label), value=step.display(value))
