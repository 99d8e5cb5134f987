"""``/exemplar``: register an individual exemplar (điển hình cá nhân), with photos."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.exemplar.save import register_exemplar
from conversations.flows.exemplar.steps import STEPS
from conversations.messages import Reply
from conversations.steps.units import begin_with_unit
from conversations.turn import Turn
from locales import N_


class ExemplarFlow(Flow):
    """The unit (if several), the person, what they did, photos; then confirm."""

    name: ClassVar[str] = "exemplar"
    title: ClassVar[str] = N_("Registering an individual exemplar")
    confirm_label: ClassVar[str] = N_("✅ Register the exemplar")
    STEPS = STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Start with the person's unit chosen when they have only one."""
        return await begin_with_unit(turn)

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The exemplar's name, once given."""
        return data.get("person_name")

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Save the exemplar (see :func:`register_exemplar`)."""
        return await register_exemplar(turn, data)
