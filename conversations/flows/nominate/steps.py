"""The questions of ``/nominate``: the round, then the model."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.flows.nominate.questions import ROUNDS, model_options, model_prompt
from conversations.steps import kinds
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    kinds.choice("round", N_("For which commendation round?"), N_("Round"), ROUNDS),
    kinds.choice("model", model_prompt, N_("Model"), model_options),
)
