"""What ``/appraise`` saves: the appraisal, the new status, and the notice to the secretary."""

from __future__ import annotations

from conversations.flow import Data
from conversations.flows.appraise.questions import opened_exemplar, unmet_criteria
from conversations.messages import Reply
from conversations.notify import tell_exemplar_secretary
from conversations.turn import Turn
from domain.criteria import EXEMPLAR_CRITERIA, EXEMPLAR_CRITERIA_COUNT
from domain.errors import DvkError, NotAllowed
from domain.registry import OUTCOME, Decision
from locales import N_, _
from reports.vocabulary import status_name
from storage.appraisals import CriterionResult


async def appraise_exemplar(turn: Turn, data: Data) -> list[Reply]:
    """Store the appraisal, change the status, and tell the secretary."""
    person = turn.require_person()
    exemplar = await opened_exemplar(turn, data["exemplar"])
    criteria = [
        CriterionResult(data[f"c{i}"] == "met", data.get(f"c{i}_note"))
        for i in range(1, len(EXEMPLAR_CRITERIA) + 1)
    ]
    decision = data["decision"]
    unmet = unmet_criteria(data)
    if decision not in OUTCOME:
        raise NotAllowed()
    if decision == Decision.RECOGNISE and unmet:
        # a forged choice, or a criterion changed to "not met" after choosing to recognise
        raise DvkError(
            N_(
                "An individual exemplar can be recognised only when all three criteria are "
                "met. Not met: {criteria}. Change the decision: return it or reject it."
            ),
            criteria="; ".join(_(title) for title in unmet),
        )
    message = data.get("message")
    exemplars = turn.tx.exemplars
    await exemplars.record(exemplar.id, person.id, criteria, decision, message, turn.now)
    status = OUTCOME[decision]
    change = await exemplars.set_status(exemplar.id, status, person.id, turn.now, message)
    if change is not None:
        await tell_exemplar_secretary(turn.tx, turn.now, exemplar, status, message, change)
    met = sum(1 for c in criteria if c.met)
    return [
        Reply(
            _("Saved: {name} meets {met}/{total} criteria and is now {status}.").format(
                name=exemplar.person_name,
                met=met,
                total=EXEMPLAR_CRITERIA_COUNT,
                status=status_name(status).lower(),
            )
        )
    ]
