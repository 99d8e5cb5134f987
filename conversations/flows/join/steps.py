"""The questions of joining: the invite code, then the name if the invite has none."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.flows.join.questions import (
    check_code,
    name_suggestion,
    needs_name,
    parse_name,
)
from conversations.flows.join.save import count_wrong_code
from conversations.steps import kinds
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    kinds.text("invite", N_("Please send the invite code you received from your Union committee."),
               N_("Invite code"), example=N_("7K3M9QXR2T5A"), parse=None, check=check_code,
               refused=count_wrong_code, loads=needs_name),
    kinds.text("name", N_("What is your full name?"), N_("Full name"),
               example=N_("Nguyễn Thị Lan"), parse=parse_name, options=name_suggestion,
               when=lambda data: bool(data.get("needs_name"))),
)  # fmt: skip
