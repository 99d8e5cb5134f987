"""What ``/nominate`` offers: the rounds, and the models one may propose for each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from conversations.flow import Data, Option
from conversations.turn import Turn
from domain.registry import ELIGIBLE
from domain.scope import review_scope
from locales import N_, _
from storage.records import ModelRecord

ROUNDS: Final = (
    Option("1", N_("Commendation round 1 (recognised models)")),
    Option("2", N_("Commendation round 2 (models commended in round 1)")),
)


async def eligible(turn: Turn, round_number: int) -> list[ModelRecord]:
    """The models in the person's scope that a round may take."""
    scope = review_scope(turn.require_person())
    if scope.empty:
        return []
    return await turn.tx.appraisals.models_with_status(scope, [ELIGIBLE[round_number]], limit=50)


async def model_options(turn: Turn, data: Data) -> Sequence[Option]:
    """A button for each model the round may take."""
    models = await eligible(turn, int(data["round"]))
    units = await turn.tx.units.many({m.unit_id for m in models})
    return [
        Option(str(m.id), f"{m.fields.name[:30]} · {units[m.unit_id].name[:20]}", translate=False)
        for m in models
    ]


async def model_prompt(turn: Turn, data: Data) -> str:
    """Which model, or that there is none yet."""
    if not await eligible(turn, int(data["round"])):
        return _("No model in your units can be proposed for this round yet. Type /cancel.")
    return _("Which model do you propose?")
