"""The questions of ``/models``: a model, what to do with it, then photos or a field's value."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.flows.my_models.questions import (
    ACTIONS,
    VALUE_STEPS,
    details_prompt,
    linked,
    list_prompt,
    model_options,
    photos,
)
from conversations.steps import kinds
from conversations.steps.edit import field_choice
from conversations.steps.model import EDITABLE
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    kinds.choice("model", list_prompt, N_("Model"), model_options),
    kinds.choice("action", details_prompt, N_("Action"), ACTIONS, attach=photos),
    kinds.photos("photos", N_("Send the photos to add, then tap “Done”."), N_("Photos"),
                 linked=linked, optional=False, when=lambda d: d.get("action") == "photos"),
    field_choice(EDITABLE),
    *VALUE_STEPS,
)  # fmt: skip
