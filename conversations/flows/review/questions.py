"""What ``/review`` shows and checks: the waiting models, the one opened, the criteria, the
decisions offered. All of it only reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Option, Step
from conversations.messages import StoredPhoto
from conversations.steps import kinds
from conversations.steps.model import describe, model_goals, photos_of, proof_line
from conversations.turn import Turn
from conversations.validators import parse_document_date, parse_document_number
from domain.criteria import CRITERIA, unmet
from domain.errors import NotFound
from domain.registry import WAITING, Decision
from domain.scope import review_scope
from locales import N_, _
from reports.vocabulary import status_name
from storage.records import ModelRecord

LIST_LIMIT: Final = 30
DECISIONS: Final = (
    Option(Decision.RECOGNISE.value, N_("✅ Recognise the model")),
    Option(Decision.RETURN.value, N_("↩️ Return it with a question")),
    Option(Decision.REJECT.value, N_("⛔ Reject it")),
)
SCORES: Final = (Option("met", N_("✅ Met")), Option("not_met", N_("❌ Not met")))


async def waiting(turn: Turn) -> list[ModelRecord]:
    """The models in the reviewer's scope that wait for an appraisal."""
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


async def list_prompt(turn: Turn, data: Data) -> str:
    """The waiting models, numbered."""
    models = await waiting(turn)
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


async def model_options(turn: Turn, data: Data) -> Sequence[Option]:
    """A button for each waiting model."""
    return [Option(str(m.id), m.fields.name[:40], translate=False) for m in await waiting(turn)]


async def open_model(turn: Turn, data: Mapping[str, Any], value: Any) -> str:
    """Opening a model only checks the scope: looking at it is not a decision."""
    return str((await opened_model(turn, value)).id)


def unmet_criteria(data: Mapping[str, Any]) -> list[str]:
    """The titles (msgids) of the criteria scored "not met" (or not scored yet)."""
    scored = [data.get(f"c{index}") == "met" for index in range(1, len(CRITERIA) + 1)]
    return [criterion.title for criterion in unmet(scored)]


async def decision_options(turn: Turn, data: Data) -> Sequence[Option]:
    """Recognition is offered only when every criterion is met."""
    return DECISIONS if not unmet_criteria(data) else DECISIONS[1:]


async def decision_prompt(turn: Turn, data: Data) -> str:
    """The decision, saying which criteria are not met."""
    missing = unmet_criteria(data)
    if not missing:
        return _("All five criteria are met. Your decision?")
    return _(
        "Not met: {criteria}. A model can be recognised only when it meets all five criteria, "
        "so it can be returned with a question or rejected. Your decision?"
    ).format(criteria="; ".join(_(title) for title in missing))


async def message_prompt(turn: Turn, data: Data) -> str:
    """The question to the secretary, or the reason for rejecting."""
    if data.get("decision") == Decision.RETURN:
        return _("Your question to the secretary: what is missing?")
    return _("Why is the model rejected?")


async def model_photos(turn: Turn, data: Data) -> Sequence[StoredPhoto]:
    """The photos of the model being appraised, shown with its description."""
    return await photos_of(turn, (await opened_model(turn, data["model"])).id)


def _criterion_prompt(index: int, title: str, explanation: str) -> Any:
    async def prompt(turn: Turn, data: Data) -> str:
        head = ""
        if index == 1:  # the model itself comes with the first criterion
            model = await opened_model(turn, data["model"])
            unit = await turn.tx.units.get(model.unit_id)
            goals = await model_goals(turn, model.id)
            head = describe(model, unit.name if unit else "?", turn.config.zone, goals)
            proof = await proof_line(turn, model.id)  # from an earlier appraisal
            head += ("\n" + proof if proof else "") + "\n\n"
        return head + _("Criterion {title}: {explanation}").format(
            title=_(title), explanation=_(explanation)
        )

    return prompt


def direction_met(data: Mapping[str, Any]) -> bool:
    """Whether criterion 1 (direction: confirmed by the Party committee or the upper Union) is
    scored met: only then is its confirming document asked for."""
    return data.get("c1") == "met"


def has_proof(data: Mapping[str, Any]) -> bool:
    """Whether the confirming document of criterion 1 is attached (then its number and date
    are asked, and needed)."""
    return direction_met(data) and bool(data.get("proof"))


async def check_proof_date(turn: Turn, data: Mapping[str, Any], typed: Any) -> str:
    """The document's date, dd/mm/yyyy, not after today (in the organisation's time zone)."""
    return parse_document_date(str(typed), turn.today).isoformat()


#: the document confirming criterion 1: optional; when attached, its number and date are needed
PROOF_STEPS: Final = (
    kinds.document("proof", N_("Attach the document confirming it (the decision or letter of "
                               "the Party committee or the upper Union): send a photo of it or "
                               "its PDF file, or skip."),
                   N_("Confirming document"),
                   example=N_("the commune Party committee's decision, photographed or as a "
                              "PDF"),
                   when=direction_met),
    kinds.text("proof_number", N_("The document's number, as written on it."),
               N_("Document number"), example=N_("No. 12-QD/HD"), parse=parse_document_number,
               show=lambda value: _("No. {number}").format(number=value), when=has_proof),
    kinds.date("proof_date", N_("The document's date (dd/mm/yyyy)."), N_("Document date"),
               example=N_("05/11/2026"), check=check_proof_date, when=has_proof),
)  # fmt: skip


def _criterion_steps(index: int, title: str, explanation: str) -> tuple[Step, ...]:
    score = kinds.choice(
        f"c{index}",
        _criterion_prompt(index, title, explanation),
        title,
        SCORES,
        attach=model_photos if index == 1 else None,
    )
    note = kinds.text(
        f"c{index}_note",
        N_("A note on this criterion (optional)."),
        N_("Note"),
        example=N_("The commune Party committee has confirmed it in writing"),
        optional=True,
    )
    return (score, *PROOF_STEPS, note) if index == 1 else (score, note)


#: the five criteria, each scored with an optional note; the first with its confirming document
CRITERION_STEPS: Final = tuple(
    step
    for index, criterion in enumerate(CRITERIA, start=1)
    for step in _criterion_steps(index, criterion.title, criterion.explanation)
)
