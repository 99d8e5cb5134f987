"""``/nominate``: propose recognised models for a commendation round; ``/nominees`` lists them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Option, Step
from conversations.messages import InputKind, Reply
from conversations.turn import Turn
from domain.errors import DvkError, NotFound
from domain.registry import ELIGIBLE
from domain.scope import review_scope
from locales import N_, _, ngettext
from storage.records import ModelRecord

ROUNDS: Final = (
    Option("1", N_("Commendation round 1 (recognised models)")),
    Option("2", N_("Commendation round 2 (models commended in round 1)")),
)


async def _eligible(turn: Turn, round_number: int) -> list[ModelRecord]:
    scope = review_scope(turn.require_person())
    if scope.empty:
        return []
    return await turn.tx.appraisals.models_with_status(scope, [ELIGIBLE[round_number]], limit=50)


async def _options(turn: Turn, data: Data) -> Sequence[Option]:
    models = await _eligible(turn, int(data["round"]))
    units = await turn.tx.units.many({m.unit_id for m in models})
    return [
        Option(str(m.id), f"{m.fields.name[:30]} · {units[m.unit_id].name[:20]}", translate=False)
        for m in models
    ]


async def _model_prompt(turn: Turn, data: Data) -> str:
    if not await _eligible(turn, int(data["round"])):
        return _("No model in your units can be proposed for this round yet. Type /cancel.")
    return _("Which model do you propose?")


class NominateFlow(Flow):
    """Choose the round, then the model."""

    name: ClassVar[str] = "nominate"
    title: ClassVar[str] = N_("Proposing for commendation")
    summary: ClassVar[bool] = False
    STEPS: ClassVar[Sequence[Step]] = (
        Step(
            "round",
            InputKind.CHOICE,
            prompt=N_("For which commendation round?"),
            label=N_("Round"),
            options=ROUNDS,
        ),
        Step(
            "model",
            InputKind.CHOICE,
            prompt=_model_prompt,
            label=N_("Model"),
            options=_options,
        ),
    )

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """Nothing worth naming."""
        return None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Record the nomination (once)."""
        person = turn.require_person()
        round_number = int(data["round"])
        model = await turn.tx.models.get(int(data["model"]))
        scope = review_scope(person)
        if model is None or not await turn.tx.units.scope_contains(scope, model.unit_id):
            raise NotFound()
        if model.status != ELIGIBLE[round_number]:
            raise DvkError(N_("This model cannot be proposed for that round."))
        added = await turn.tx.appraisals.nominate(model.id, round_number, person.id, turn.now)
        text = (
            _("«{name}» is proposed for commendation round {round}.")
            if added
            else _("«{name}» was already proposed for commendation round {round}.")
        )
        return [Reply(text.format(name=model.fields.name, round=round_number))]


async def list_nominees(turn: Turn, argument: str) -> list[Reply]:
    """``/nominees``: the models proposed for each round, in the person's scope."""
    scope = review_scope(turn.require_person())
    lines: list[str] = []
    for option in ROUNDS:
        round_number = int(option.value)
        models = await turn.tx.appraisals.nominees(scope, round_number)
        units = await turn.tx.units.many({m.unit_id for m in models})
        lines.append(
            ngettext(
                "Round {round}: {count} model", "Round {round}: {count} models", len(models)
            ).format(round=round_number, count=len(models))
        )
        lines.extend(
            f"  {number}. «{m.fields.name}» · {units[m.unit_id].name}"
            for number, m in enumerate(models, start=1)
        )
    return [Reply("\n".join(lines))]
