"""The questions of ``/pilot``: the unit (when several), the model, then mark or unmark it."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.flows.pilot.questions import (
    action_options,
    action_prompt,
    list_prompt,
    model_options,
    open_model,
    unit_options,
    within_limit,
)
from conversations.steps import kinds
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    kinds.choice("unit", N_("For which unit?"), N_("Unit"), unit_options,
                 when=lambda data: not data.get("_single_unit")),
    kinds.choice("model", list_prompt, N_("Model"), model_options, check=open_model),
    kinds.choice("action", action_prompt, N_("Action"), action_options, check=within_limit),
)  # fmt: skip
