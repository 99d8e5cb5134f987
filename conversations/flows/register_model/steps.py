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
#: the replication question comes first of the details asked after "Add now"
_DETAILS_FROM: Final = next(i for i, s in enumerate(MODEL_STEPS) if s.field == "extras") + 1
STEPS: Final[tuple[Step, ...]] = (
    UNIT,
    *MODEL_STEPS[:_DETAILS_FROM],
    REPLICATES,
    *MODEL_STEPS[_DETAILS_FROM:],
    PHOTOS,
)
