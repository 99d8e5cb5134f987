"""The questions of ``/review``: the model, the five criteria with notes, the decision."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.flows.review.questions import (
    CRITERION_STEPS,
    decision_options,
    decision_prompt,
    list_prompt,
    message_prompt,
    model_options,
    open_model,
)
from conversations.steps import kinds
from conversations.validators import long_text
from domain.registry import Decision
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    kinds.choice("model", list_prompt, N_("Model"), model_options, check=open_model),
    *CRITERION_STEPS,
    kinds.choice("decision", decision_prompt, N_("Decision"), decision_options),
    kinds.text("message", message_prompt, N_("Question or reason"),
               example=N_("Please add photos and the registration letter to the commune Party "
                          "committee"),
               parse=long_text,
               when=lambda d: d.get("decision") in {Decision.RETURN, Decision.REJECT}),
)  # fmt: skip
