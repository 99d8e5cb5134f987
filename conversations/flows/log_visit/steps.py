"""The questions of ``/visit``: the unit, the visit's questions, and optional photos."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from conversations.flow import Data, Option, Step
from conversations.steps import kinds
from conversations.steps.visits import VISIT_STEPS, assigned_units
from conversations.turn import Turn
from locales import N_


async def _unit_options(turn: Turn, data: Data) -> Sequence[Option]:
    return [Option(str(u.id), u.name, translate=False) for u in await assigned_units(turn)]


STEPS: Final[tuple[Step, ...]] = (
    kinds.choice("unit", N_("Which unit did you visit?"), N_("Unit"), _unit_options),
    *VISIT_STEPS,
    kinds.photos("photos", N_("Send photos of the visit, then tap “Done”. You may skip this."),
                 N_("Photos")),
)  # fmt: skip
