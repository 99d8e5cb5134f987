"""``/models``: the unit's models of the year; open one to see it, add photos or edit a field."""

from __future__ import annotations

from typing import ClassVar, Final

from conversations.flow import Data, Flow
from conversations.flows.my_models.questions import unit_models
from conversations.flows.my_models.save import add_photos, change_field, close
from conversations.flows.my_models.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from domain.errors import DvkError
from locales import N_

#: what each action of the menu does
SAVES: Final = {"photos": add_photos, "edit": change_field, "close": close}


class MyModelsFlow(Flow):
    """List, open, add photos or change a field (each change is recorded with who and when)."""

    name: ClassVar[str] = "models"
    title: ClassVar[str] = N_("Your models")
    summary: ClassVar[bool] = False
    STEPS = STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Refuse kindly when there is nothing to list."""
        if not await unit_models(turn):
            raise DvkError(
                N_(
                    "Your unit has no models registered in {year} yet. Register one with /register."
                ),
                year=turn.today.year,
            )
        return {}

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Carry out the action chosen."""
        return await SAVES[data["action"]](turn, data)
