"""Changing one stored answer: the question that asked it, with the value it has now."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable

from conversations.flow import Data, Step
from conversations.turn import Turn
from locales import _

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
