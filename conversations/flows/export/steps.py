"""The questions of ``/export``: which file, and for the report its unit and period, for the
visit log its month."""

from __future__ import annotations

import dataclasses
from typing import Final

from conversations.flow import Step
from conversations.flows.export.questions import KINDS, periods, resolve_unit, unit_suggestions
from conversations.steps import kinds
from conversations.steps.months import MONTH
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    kinds.choice("kind", N_("What do you need?"), N_("File"), KINDS),
    kinds.text("unit", N_("For which unit? Tap one, or type a unit code."), N_("Unit"),
               example=N_("BP-DP-TL"), options=unit_suggestions, check=resolve_unit,
               parse=None, when=lambda d: d.get("kind") == "report"),
    kinds.choice("period", N_("Which period?"), N_("Report"), periods,
                 when=lambda d: d.get("kind") == "report"),
    dataclasses.replace(MONTH, when=lambda d: d.get("kind") == "visits"),
)  # fmt: skip
