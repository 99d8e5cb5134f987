"""``/showcase``: a BTV member marks a recognised model of their subtree for showcasing on the
Union's website and pages (``dvk export showcase`` writes its article), or removes the mark."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.showcase.questions import candidates
from conversations.flows.showcase.save import toggle_showcase
from conversations.flows.showcase.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from domain.errors import DvkError
from locales import N_


class ShowcaseFlow(Flow):
    """Choose a recognised model: an unmarked one is marked, a marked one (⭐) unmarked."""

    name: ClassVar[str] = "showcase"
    title: ClassVar[str] = N_("Showcasing a model")
    summary: ClassVar[bool] = False
    STEPS = STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Refuse kindly when no model of the person's subtree is recognised yet."""
        if not await candidates(turn):
            raise DvkError(
                N_(
                    "No model of your units is recognised yet: a model can be showcased once "
                    "/review has recognised it."
                )
            )
        return {}

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """Nothing worth naming."""
        return None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Mark or unmark the model (see :func:`toggle_showcase`)."""
        return await toggle_showcase(turn, data)
