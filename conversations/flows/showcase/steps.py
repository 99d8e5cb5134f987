"""The question of ``/showcase``: which recognised model."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.flows.showcase.questions import model_options
from conversations.steps import kinds
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    kinds.choice(
        "model",
        N_(
            "Which recognised model should be showcased on the Union's website and pages? "
            "Those marked ⭐ are showcased already: choosing one removes its mark."
        ),
        N_("Model"),
        model_options,
    ),
)
