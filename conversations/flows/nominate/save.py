"""What ``/nominate`` and ``/nominees`` do: record a proposal, list the proposals."""

from __future__ import annotations

from conversations.flow import Data
from conversations.flows.nominate.questions import EXEMPLAR, ROUNDS
from conversations.messages import Reply
from conversations.turn import Turn
from domain.errors import DvkError, NotFound
from domain.registry import ELIGIBLE
from domain.scope import review_scope
from locales import N_, _, ngettext


async def nominate(turn: Turn, data: Data) -> list[Reply]:
    """Record the nomination (once), checked again against the scope and the round."""
    person = turn.require_person()
    round_number = int(data["round"])
    if str(data["model"]).startswith(EXEMPLAR):
        return await nominate_exemplar(turn, round_number, int(data["model"][len(EXEMPLAR) :]))
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


async def nominate_exemplar(turn: Turn, round_number: int, exemplar_id: int) -> list[Reply]:
    """Record an exemplar's nomination (once), checked again against the scope and the round."""
    person = turn.require_person()
    exemplar = await turn.tx.models.exemplar(exemplar_id)
    scope = review_scope(person)
    if exemplar is None or not await turn.tx.units.scope_contains(scope, exemplar.unit_id):
        raise NotFound()
    if exemplar.status != ELIGIBLE[round_number]:
        raise DvkError(N_("This individual exemplar cannot be proposed for that round."))
    added = await turn.tx.exemplars.nominate(exemplar.id, round_number, person.id, turn.now)
    text = (
        _("Individual exemplar {name} is proposed for commendation round {round}.")
        if added
        else _("Individual exemplar {name} was already proposed for commendation round {round}.")
    )
    return [Reply(text.format(name=exemplar.person_name, round=round_number))]


async def list_nominees(turn: Turn, argument: str) -> list[Reply]:
    """``/nominees``: the models and individual exemplars proposed for each round, in the
    person's scope."""
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
        exemplars = await turn.tx.exemplars.nominees(scope, round_number)
        if exemplars:
            units = await turn.tx.units.many({e.unit_id for e in exemplars})
            lines.append(
                ngettext(
                    "Round {round}: {count} individual exemplar",
                    "Round {round}: {count} individual exemplars",
                    len(exemplars),
                ).format(round=round_number, count=len(exemplars))
            )
            lines.extend(
                f"  {number}. 🌟 {e.person_name} · {units[e.unit_id].name}"
                for number, e in enumerate(exemplars, start=1)
            )
    return [Reply("\n".join(lines))]
