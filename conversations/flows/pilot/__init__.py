"""``/pilot``: a BTV member of a district or province marks a model of their subtree as a pilot
model (mô hình điểm) of their unit, or unmarks it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.pilot.questions import pilot_units
from conversations.flows.pilot.save import mark_or_unmark
from conversations.flows.pilot.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from domain.errors import DvkError
from locales import N_


class PilotFlow(Flow):
    """Choose the unit (when several), the model, then mark or unmark it."""

    name: ClassVar[str] = "pilot"
    title: ClassVar[str] = N_("Pilot models")
    summary: ClassVar[bool] = False
    #: two taps to do again: nothing worth keeping as a draft
    keeps_draft: ClassVar[bool] = False
    STEPS = STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Only a BTV member of a district or province marks pilots."""
        units = await pilot_units(turn)
        if not units:
            raise DvkError(
                N_("Only a BTV member of a district or province Union marks pilot models.")
            )
        if len(units) == 1:
            return {"unit": str(units[0].id), "_single_unit": True}
        return {}

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """Nothing worth naming."""
        return None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Mark or unmark the model (see :func:`mark_or_unmark`)."""
        return await mark_or_unmark(turn, data)
