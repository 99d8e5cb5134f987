"""What ``/nominate`` offers: the rounds, and the models and individual exemplars one may propose
for each (an exemplar's option is its id after ``e``, a model's its id alone)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from conversations.flow import Data, Option
from conversations.turn import Turn
from domain.registry import ELIGIBLE
from domain.scope import review_scope
from locales import N_, _
from storage.records import ExemplarRecord, ModelRecord

#: what marks an exemplar's option (``e12``) apart from a model's (``12``)
EXEMPLAR: Final = "e"
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


async def eligible_exemplars(turn: Turn, round_number: int) -> list[ExemplarRecord]:
    """The individual exemplars in the person's scope that a round may take (the same rule)."""
    scope = review_scope(turn.require_person())
    if scope.empty:
        return []
    return await turn.tx.exemplars.with_status(scope, [ELIGIBLE[round_number]], limit=50)


async def model_options(turn: Turn, data: Data) -> Sequence[Option]:
    """A button for each model the round may take, then one for each exemplar (🌟)."""
    models = await eligible(turn, int(data["round"]))
    exemplars = await eligible_exemplars(turn, int(data["round"]))
    units = await turn.tx.units.many({m.unit_id for m in models} | {e.unit_id for e in exemplars})
    return [
        Option(str(m.id), f"{m.fields.name[:30]} · {units[m.unit_id].name[:20]}", translate=False)
        for m in models
    ] + [
        Option(
            f"{EXEMPLAR}{e.id}",
            f"🌟 {e.person_name[:28]} · {units[e.unit_id].name[:20]}",
            translate=False,
        )
        for e in exemplars
    ]


async def model_prompt(turn: Turn, data: Data) -> str:
    """Which model or exemplar, or that there is none yet."""
    round_number = int(data["round"])
    if await eligible_exemplars(turn, round_number):
        return _("Which model or individual exemplar (🌟) do you propose?")
    if not await eligible(turn, round_number):
        return _("No model in your units can be proposed for this round yet. Type /cancel.")
    return _("Which model do you propose?")
