"""The questions of ``/appraise``: the exemplar, the three criteria with notes, the decision."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.flows.appraise.questions import (
    CRITERION_STEPS,
    decision_options,
    decision_prompt,
    exemplar_options,
    list_prompt,
    message_prompt,
    open_exemplar,
)
from conversations.steps import kinds
from conversations.validators import long_text
from domain.registry import Decision
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    kinds.choice("exemplar", list_prompt, N_("Individual exemplar"), exemplar_options,
                 check=open_exemplar),
    *CRITERION_STEPS,
    kinds.choice("decision", decision_prompt, N_("Decision"), decision_options),
    kinds.text("message", message_prompt, N_("Question or reason"),
               example=N_("Please send the written confirmation of the commune Party committee"),
               parse=long_text,
               when=lambda d: d.get("decision") in {Decision.RETURN, Decision.REJECT}),
)  # fmt: skip
