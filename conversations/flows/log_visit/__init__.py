"""``/visit``: a BTV member logs a visit to a grassroots unit of their clusters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.log_visit.save import log_visit
from conversations.flows.log_visit.steps import STEPS
from conversations.messages import Reply
from conversations.steps.visits import assigned_units
from conversations.turn import Turn
from domain.errors import DvkError
from locales import N_


class VisitFlow(Flow):
    """The unit, the date, the meeting, what was found and advised, photos; then confirm."""

    name: ClassVar[str] = "visit"
    title: ClassVar[str] = N_("Logging a visit")
    confirm_label: ClassVar[str] = N_("✅ Log the visit")
    STEPS = STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Refuse kindly when the person has no cluster."""
        if not await assigned_units(turn):
            raise DvkError(N_("You are not assigned to an emulation cluster yet."))
        return {}

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The unit, once chosen."""
        return labels.get("unit")

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Log the visit (see :func:`log_visit`)."""
        return await log_visit(turn, data)
