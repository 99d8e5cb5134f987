"""``/appraise``: a BTV member appraises an individual exemplar in their scope against its own
three criteria (``domain.criteria.EXEMPLAR_CRITERIA``).

It runs as ``/review`` does for models: opening an exemplar changes nothing and tells no one; the
decision recognises it (only when all three criteria are met), returns it to the secretary with a
question (it then waits for appraisal again), or rejects it with a reason. The appraisal and the
status change are stored (who, when, why) and the unit's secretary is told through the outbox.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.appraise.questions import waiting
from conversations.flows.appraise.save import appraise_exemplar
from conversations.flows.appraise.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from domain.errors import DvkError
from locales import N_


class AppraiseFlow(Flow):
    """Pick a waiting exemplar, score the three criteria, decide; then confirm."""

    name: ClassVar[str] = "appraise"
    title: ClassVar[str] = N_("Appraising an individual exemplar")
    confirm_label: ClassVar[str] = N_("✅ Save the appraisal")
    STEPS = STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Refuse kindly when nothing waits."""
        if not await waiting(turn):
            raise DvkError(N_("No individual exemplar is waiting for appraisal in your units."))
        return {}

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The exemplar, once chosen."""
        return labels.get("exemplar")

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Save the appraisal (see :func:`appraise_exemplar`)."""
        return await appraise_exemplar(turn, data)
