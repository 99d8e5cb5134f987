"""``/visits [mm/yyyy]``: the month's visit log. A cluster lead sees the member × unit matrix of
their cluster and what is missing; a BTV member sees their own log. Each visit's notes open on
request; a member may change their own visit for 7 days."""

from __future__ import annotations

from typing import ClassVar

from conversations.flow import Data, Flow
from conversations.flows.visits_of_month.save import close_or_change
from conversations.flows.visits_of_month.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from locales import N_


class VisitsFlow(Flow):
    """The month, then optionally one visit to read (and change, when it is one's own)."""

    name: ClassVar[str] = "visits"
    title: ClassVar[str] = N_("Visit log")
    summary: ClassVar[bool] = False
    keeps_draft: ClassVar[bool] = False
    argument_field: ClassVar[str | None] = "month"
    STEPS = STEPS

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Close, or save the change (see :func:`close_or_change`)."""
        return await close_or_change(turn, data)
