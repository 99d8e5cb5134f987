"""``/report``: the 6-month or annual report of a unit, model by model, then a unit summary.

A report can be amended until its deadline; after the deadline an amendment needs a note saying
why. Amending starts from the stored answers, so only what changes needs typing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.periodic_report.questions import open_periods
from conversations.flows.periodic_report.save import send_report
from conversations.flows.periodic_report.steps import STEPS
from conversations.messages import Reply
from conversations.steps.units import begin_with_unit
from conversations.turn import Turn
from domain.errors import InvalidInput
from locales import N_
from reports.vocabulary import period_title


class PeriodicReportFlow(Flow):
    """Choose the period, tell what each model achieved, sum up the unit; then confirm."""

    name: ClassVar[str] = "report"
    title: ClassVar[str] = N_("Periodic report")
    confirm_label: ClassVar[str] = N_("✅ Send the report")
    argument_field: ClassVar[str | None] = "period"
    STEPS = STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Start with the person's unit chosen when they have only one."""
        data = await begin_with_unit(turn)
        if argument and argument not in {p for p, _due in open_periods(turn)}:
            raise InvalidInput(N_("That report period is not open now."))
        return data

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The period, once chosen."""
        return period_title(data["period"]) if data.get("period") else None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Send the report (see :func:`send_report`)."""
        return await send_report(turn, data)
