"""The questions of ``/register``: the unit, the model's questions, then photos."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.steps import kinds
from conversations.steps.model import MODEL_STEPS
from conversations.steps.replication import REPLICATES
from conversations.steps.units import UNIT
from locales import N_

PHOTOS: Final = kinds.photos(
    "photos",
    N_("Send photos of the model as evidence, then tap “Done”. You may skip this."),
    N_("Photos"),
)
STEPS: Final[tuple[Step, ...]] = (UNIT, *MODEL_STEPS, REPLICATES, PHOTOS)
