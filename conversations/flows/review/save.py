"""What ``/review`` saves: the appraisal (with the document confirming criterion 1, when
attached), the new status, and the notice to the secretary."""

from __future__ import annotations

import datetime as dt

from conversations.flow import Data
from conversations.flows.review.questions import has_proof, opened_model, unmet_criteria
from conversations.messages import Reply
from conversations.notify import tell_secretary
from conversations.turn import Turn
from domain.criteria import CRITERIA
from domain.errors import DvkError, NotAllowed
from domain.registry import OUTCOME, Decision
from locales import N_, _
from reports.vocabulary import status_name
from storage.appraisals import CriterionResult, Proof
from storage.records import PhotoLink


def proof_of(data: Data) -> Proof | None:
    """The confirming document of criterion 1, when attached and criterion 1 is still met (a
    document left from before the score changed to "not met" is not kept)."""
    if not has_proof(data):
        return None
    if not data.get("proof_number") or not data.get("proof_date"):
        raise DvkError(N_("The document's number and date are needed: please edit them."))
    (sent,) = data["proof"]
    caption = sent.get("caption") if sent.get("filename") is None else sent["filename"]
    file = PhotoLink(
        sent["sha256"],
        int(sent["size"]),
        int(sent.get("width") or 0),  # a PDF has pages, not pixels
        int(sent.get("height") or 0),
        sent["mime"],
        caption,
        dt.datetime.fromisoformat(sent["at"]),
    )
    return Proof(file, data["proof_number"], dt.date.fromisoformat(data["proof_date"]))


async def appraise(turn: Turn, data: Data) -> list[Reply]:
    """Store the appraisal, change the status, and tell the secretary."""
    person = turn.require_person()
    model = await opened_model(turn, data["model"])
    criteria = [
        CriterionResult(data[f"c{i}"] == "met", data.get(f"c{i}_note"))
        for i in range(1, len(CRITERIA) + 1)
    ]
    decision = data["decision"]
    unmet = unmet_criteria(data)
    if decision not in OUTCOME:
        raise NotAllowed()
    if decision == Decision.RECOGNISE and unmet:
        # a forged choice, or a criterion changed to "not met" after choosing to recognise
        raise DvkError(
            N_(
                "A model can be recognised only when it meets all five criteria. "
                "Not met: {criteria}. Change the decision: return it or reject it."
            ),
            criteria="; ".join(_(title) for title in unmet),
        )
    message = data.get("message")
    proof = proof_of(data)
    await turn.tx.appraisals.record(
        model.id, person.id, criteria, decision, message, turn.now, proof
    )
    status = OUTCOME[decision]
    change = await turn.tx.appraisals.set_status(model.id, status, person.id, turn.now, message)
    if change is not None:
        await tell_secretary(turn.tx, turn.now, model, status, message, change)
    met = sum(1 for c in criteria if c.met)
    return [
        Reply(
            _("Saved: «{name}» meets {met}/5 criteria and is now {status}.").format(
                name=model.fields.name, met=met, status=status_name(status).lower()
            )
        )
    ]
