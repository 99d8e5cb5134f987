"""The questions about a visit, shared by logging one (``/visit``) and changing one
(``/visits``), and the units a BTV member visits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Option, Step
from conversations.steps import kinds
from conversations.turn import Turn
from conversations.validators import long_text, parse_visit_date
from locales import N_
from storage.records import UnitRecord


async def assigned_units(turn: Turn) -> list[UnitRecord]:
    """The units of the clusters the person is assigned to."""
    clusters = await turn.tx.visits.assigned_clusters(turn.require_person().id)
    units = await turn.tx.visits.units_of_clusters(clusters)
    return [unit for cluster in clusters for unit in units[cluster]]


async def _day_options(turn: Turn, data: Data) -> Sequence[Option]:
    return [Option("today", N_("Today")), Option("yesterday", N_("Yesterday"))]


async def _check_date(turn: Turn, data: Mapping[str, Any], typed: Any) -> str:
    return parse_visit_date(str(typed), turn.today).isoformat()


#: The questions about a visit, in order.
VISIT_STEPS: Final[Sequence[Step]] = (
    kinds.date("visit_date", N_("When was the visit? Tap Today, or type the date."), N_("Date"),
               example=N_("05/11 or 05/11/2026"), options=_day_options, check=_check_date),
    kinds.yes_no("attended_meeting", N_("Did you attend a branch meeting?"),
                 N_("Attended a branch meeting")),
    kinds.text("findings", N_("What did you find?"), N_("Findings"),
               example=N_("The branch meets regularly; the flower road model is kept up"),
               parse=long_text),
    kinds.text("advice", N_("What did you advise?"), N_("Advice"),
               example=N_("Add photo evidence; register one more economic model"),
               parse=long_text),
)  # fmt: skip
#: the questions one can change later, by field
EDITABLE: Final = {step.field: step for step in VISIT_STEPS}
