"""The questions of ``/exemplar``."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.steps import kinds
from conversations.steps.units import UNIT
from conversations.validators import long_text, parse_person_name, short_text
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    UNIT,
    kinds.text("person_name", N_("Who is the exemplar? Type their full name."), N_("Full name"),
               example=N_("Nguyễn Thị Lan"), parse=parse_person_name),
    kinds.text("position", N_("Their position and where they work or live (optional)."),
               N_("Position"), example=N_("Deputy secretary of the hamlet 1 branch"),
               parse=short_text, optional=True),
    kinds.text("achievement",
               N_("What did they do for the movement? Give numbers where you can."),
               N_("Achievement"),
               example=N_("Persuaded 30 households to give 1,200 m² of land for a road; "
                          "gave 50 days of work"),
               parse=long_text),
    kinds.photos("photos", N_("Send photos as evidence, then tap “Done”. You may skip this."),
                 N_("Photos")),
)  # fmt: skip
