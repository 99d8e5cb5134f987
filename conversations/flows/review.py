"""``/review``: a BTV member appraises a model in their scope against the five criteria.

Opening a model to look at it changes nothing and tells no one. The decision recognises it (only
when all five criteria are met: the plan states each as something a model must have), returns it
to the secretary with a question, or rejects it with a reason. The change is logged (who, when,
why) and the unit's secretary is told through the outbox when the decision is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Option, Step
from conversations.messages import InputKind, Reply, StoredPhoto
from conversations.notify import notify_unit
from conversations.steps.model import describe, photos_of
from conversations.turn import Turn
from conversations.validators import long_text, text
from domain.criteria import CRITERIA, unmet
from domain.errors import DvkError, NotAllowed, NotFound
from domain.keys import status_topic
from domain.registry import OUTCOME, WAITING, Decision, Status
from domain.scope import review_scope
from locales import N_, _
from reports.vocabulary import status_name
from storage.appraisals import CriterionResult
from storage.db import Tx
from storage.records import ModelRecord

LIST_LIMIT: Final = 30
DECISIONS: Final = (
    Option(Decision.RECOGNISE.value, N_("✅ Recognise the model")),
    Option(Decision.RETURN.value, N_("↩️ Return it with a question")),
    Option(Decision.REJECT.value, N_("⛔ Reject it")),
)


async def _waiting(turn: Turn) -> list[ModelRecord]:
    scope = review_scope(turn.require_person())
    if scope.empty:
        return []
    return await turn.tx.appraisals.models_with_status(scope, WAITING, limit=LIST_LIMIT)


async def opened_model(turn: Turn, model_id: Any) -> ModelRecord:
    """The model, checked against the reviewer's scope (whatever id was sent)."""
    model = await turn.tx.models.get(int(model_id))
    scope = review_scope(turn.require_person())
    if model is None or not await turn.tx.units.scope_contains(scope, model.unit_id):
        raise NotFound()
    return model


async def _list_prompt(turn: Turn, data: Data) -> str:
    models = await _waiting(turn)
    units = await turn.tx.units.many({m.unit_id for m in models})
    lines = [_("Models waiting for appraisal:")]
    for number, model in enumerate(models, start=1):
        lines.append(
            _("{number}. «{name}» · {unit} · {status}").format(
                number=number,
                name=model.fields.name,
                unit=units[model.unit_id].name,
                status=status_name(model.status),
            )
        )
    lines.append(_("Choose the one to appraise."))
    return "\n".join(lines)


async def _model_options(turn: Turn, data: Data) -> Sequence[Option]:
    return [Option(str(m.id), m.fields.name[:40], translate=False) for m in await _waiting(turn)]


async def _open(turn: Turn, data: Mapping[str, Any], value: Any) -> str:
    """Opening a model only checks the scope: looking at it is not a decision."""
    return str((await opened_model(turn, value)).id)


def unmet_criteria(data: Mapping[str, Any]) -> list[str]:
    """The titles (msgids) of the criteria scored "not met" (or not scored yet)."""
    scored = [data.get(f"c{index}") == "met" for index in range(1, len(CRITERIA) + 1)]
    return [criterion.title for criterion in unmet(scored)]


async def _decision_options(turn: Turn, data: Data) -> Sequence[Option]:
    """Recognition is offered only when every criterion is met."""
    return DECISIONS if not unmet_criteria(data) else DECISIONS[1:]


async def _decision_prompt(turn: Turn, data: Data) -> str:
    unmet = unmet_criteria(data)
    if not unmet:
        return _("All five criteria are met. Your decision?")
    return _(
        "Not met: {criteria}. A model can be recognised only when it meets all five criteria, "
        "so it can be returned with a question or rejected. Your decision?"
    ).format(criteria="; ".join(_(title) for title in unmet))


async def tell_secretary(
    tx: Tx,
    now: dt.datetime,
    model: ModelRecord,
    status: Status,
    message: str | None,
    change: int,
) -> None:
    """Tell the unit's secretaries that their model changed status (through the outbox)."""

    def render() -> str:
        text = _("Your model «{name}» is now: {status}.").format(
            name=model.fields.name, status=status_name(status)
        )
        if status is Status.RETURNED and message:
            text += "\n" + _("Question from the standing committee: {message}").format(
                message=message
            )
            text += "\n" + _("Answer by changing the model with /models.")
        elif status is Status.REJECTED and message:
            text += "\n" + _("Reason: {message}").format(message=message)
        return text

    def buttons() -> list[list[list[str]]]:
        return [[[_("✏️ Open my models"), "/models"]]] if status is Status.RETURNED else []

    await notify_unit(
        tx, now, model.unit_id, status_topic(model.id, change), render, buttons=buttons
    )


async def model_photos(turn: Turn, data: Data) -> Sequence[StoredPhoto]:
    """The photos of the model being appraised, shown with its description."""
    return await photos_of(turn, (await opened_model(turn, data["model"])).id)


def _criterion_steps(index: int, title: str, explanation: str) -> list[Step]:
    async def prompt(turn: Turn, data: Data) -> str:
        head = ""
        if index == 1:
            model = await opened_model(turn, data["model"])
            unit = await turn.tx.units.get(model.unit_id)
            head = describe(model, unit.name if unit else "?", turn.config.zone) + "\n\n"
        return head + _("Criterion {title}: {explanation}").format(
            title=_(title), explanation=_(explanation)
        )

    return [
        Step(
            f"c{index}",
            InputKind.CHOICE,
            prompt=prompt,
            label=title,
            options=(Option("met", N_("✅ Met")), Option("not_met", N_("❌ Not met"))),
            attach=model_photos if index == 1 else None,
        ),
        Step(
            f"c{index}_note",
            InputKind.TEXT,
            prompt=N_("A note on this criterion (optional)."),
            label=N_("Note"),
            example=N_("The commune Party committee has confirmed it in writing"),
            parse=text(500),
            optional=True,
        ),
    ]


class ReviewFlow(Flow):
    """Pick a waiting model, score the five criteria, decide; then confirm."""

    name: ClassVar[str] = "review"
    title: ClassVar[str] = N_("Appraisal")
    confirm_label: ClassVar[str] = N_("✅ Save the appraisal")

    def steps(self, data: Mapping[str, Any]) -> Sequence[Step]:
        """The model, five criteria with notes, the decision and its message."""
        steps = [
            Step(
                "model",
                InputKind.CHOICE,
                prompt=_list_prompt,
                label=N_("Model"),
                options=_model_options,
                check=_open,
            )
        ]
        for index, criterion in enumerate(CRITERIA, start=1):
            steps.extend(_criterion_steps(index, criterion.title, criterion.explanation))
        steps.append(
            Step(
                "decision",
                InputKind.CHOICE,
                prompt=_decision_prompt,
                label=N_("Decision"),
                options=_decision_options,
            )
        )
        steps.append(
            Step(
                "message",
                InputKind.TEXT,
                prompt=N_("Your question to the secretary: what is missing?")
                if data.get("decision") == Decision.RETURN
                else N_("Why is the model rejected?"),
                label=N_("Question or reason"),
                example=N_(
                    "Please add photos and the registration letter to the commune Party committee"
                ),
                parse=long_text,
                when=lambda d: d.get("decision") in {Decision.RETURN, Decision.REJECT},
            )
        )
        return steps

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Refuse kindly when nothing waits."""
        if not await _waiting(turn):
            raise DvkError(N_("No model is waiting for appraisal in your units."))
        return {}

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The model, once chosen."""
        return labels.get("model")

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
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
        await turn.tx.appraisals.record(model.id, person.id, criteria, decision, message, turn.now)
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
