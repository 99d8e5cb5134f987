"""``/register``: a branch secretary registers a "Dân vận khéo" model, with photos."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.register_model.save import register_model
from conversations.flows.register_model.steps import STEPS
from conversations.messages import Reply
from conversations.steps.replication import offers_replication
from conversations.steps.units import begin_with_unit
from conversations.turn import Turn
from locales import N_


class RegisterModelFlow(Flow):
    """Name, owner, address, domain, participants, optional details, photos; then confirm."""

    name: ClassVar[str] = "register"
    title: ClassVar[str] = N_("Registering a model")
    confirm_label: ClassVar[str] = N_("✅ Register the model")
    STEPS = STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Start with the person's unit chosen when they have only one, asking what the model
        replicates only when there is a recognised model to choose."""
        return {**await begin_with_unit(turn), **await offers_replication(turn)}

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The model's name, once given."""
        return data.get("name")

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Save the model (see :func:`register_model`)."""
        return await register_model(turn, data)
