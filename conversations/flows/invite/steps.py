"""The questions of ``/invite``: the role, the unit or cluster, the person's name."""

from __future__ import annotations

from typing import Final

from conversations.flow import Step
from conversations.flows.invite.questions import (
    BULK,
    NEEDS_UNIT,
    check_unit,
    clusters,
    roles,
    show_role,
)
from conversations.steps import kinds
from conversations.subtree import unit_suggestions
from conversations.validators import parse_person_name
from domain.organisation import Role
from locales import N_

STEPS: Final[tuple[Step, ...]] = (
    kinds.choice("role", N_("Whom do you want to invite?"), N_("Invite for"), roles,
                 example=N_("A secretary"), show=show_role),
    # shown before the role is chosen too, so that the first question says "1/3"
    kinds.text("unit", N_("Into which unit? Tap one, or type a unit code of your units."),
               N_("Unit"), example=N_("BP-DP-TL-A1"), options=unit_suggestions,
               check=check_unit, parse=None,
               when=lambda d: "role" not in d or d.get("role") in NEEDS_UNIT),
    kinds.choice("cluster", N_("Which emulation cluster?"), N_("Cluster"), clusters,
                 example=N_("Emulation cluster no. 1"),
                 when=lambda d: d.get("role") == Role.CLUSTER_LEAD.value),
    kinds.choice("cluster",
                 N_("Assign the member to an emulation cluster? Tap one, or skip."),
                 N_("Cluster"), clusters, example=N_("Emulation cluster no. 1"), optional=True,
                 when=lambda d: d.get("role") == Role.BTV.value),
    kinds.text("name",
               N_("The person's full name (the bot greets them by it). You may skip this."),
               N_("Name"), example=N_("Nguyen Thi Lan"), parse=parse_person_name,
               optional=True, when=lambda d: d.get("role") != BULK),
)  # fmt: skip
