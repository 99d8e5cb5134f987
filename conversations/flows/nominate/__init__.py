"""``/nominate``: propose recognised models and individual exemplars for a commendation round;
``/nominees`` lists them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.nominate.save import list_nominees, nominate
from conversations.flows.nominate.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from locales import N_

__all__ = ["NominateFlow", "list_nominees"]


class NominateFlow(Flow):
    """Choose the round, then the model or the exemplar."""

    name: ClassVar[str] = "nominate"
    title: ClassVar[str] = N_("Proposing for commendation")
    summary: ClassVar[bool] = False
    STEPS = STEPS

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """Nothing worth naming."""
        return None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Record the nomination (see :func:`nominate`)."""
        return await nominate(turn, data)
