"""``/review``: a BTV member appraises a model in their scope against the five criteria.

Opening a model to look at it changes nothing and tells no one. The decision recognises it (only
when all five criteria are met: the plan states each as something a model must have), returns it
to the secretary with a question, or rejects it with a reason. The first criterion (confirmed by
the Party committee or the upper Union) may come with its confirming document, a photo of it or
its PDF (the only place a PDF is taken), with the document's number and date. The change is
logged (who, when, why) and the unit's secretary is told through the outbox when the decision is
saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.review.questions import waiting
from conversations.flows.review.save import appraise
from conversations.flows.review.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from domain.errors import DvkError
from locales import N_


class ReviewFlow(Flow):
    """Pick a waiting model, score the five criteria, decide; then confirm."""

    name: ClassVar[str] = "review"
    title: ClassVar[str] = N_("Appraisal")
    confirm_label: ClassVar[str] = N_("✅ Save the appraisal")
    STEPS = STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Refuse kindly when nothing waits."""
        if not await waiting(turn):
            raise DvkError(N_("No model is waiting for appraisal in your units."))
        return {}

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The model, once chosen."""
        return labels.get("model")

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Save the appraisal (see :func:`appraise`)."""
        return await appraise(turn, data)
