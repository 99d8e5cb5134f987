"""The questions of ``/visits``: the month, a visit, what to do with it, and the change."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.flows.visits_of_month.questions import (
    VALUE_STEPS,
    actions,
    notes_prompt,
    overview_prompt,
    visit_options,
)
from conversations.steps import kinds
from conversations.steps.edit import field_choice
from conversations.steps.months import MONTH
from conversations.steps.visits import EDITABLE
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    MONTH,
    kinds.choice("visit", overview_prompt, N_("Visit"), visit_options, optional=True),
    kinds.choice("action", notes_prompt, N_("Action"), actions,
                 when=lambda d: d.get("visit") is not None),
    field_choice(EDITABLE),
    *VALUE_STEPS,
)  # fmt: skip
