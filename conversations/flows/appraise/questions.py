"""What ``/appraise`` shows and checks: the waiting exemplars, the one opened, its three
criteria, the decisions offered. All of it only reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Option, Step
from conversations.messages import StoredPhoto
from conversations.steps import kinds
from conversations.turn import Turn
from domain.criteria import EXEMPLAR_CRITERIA, unmet
from domain.errors import NotFound
from domain.registry import EXEMPLAR_WAITING, Decision
from domain.scope import review_scope
from locales import N_, _, format_datetime, ngettext
from reports.vocabulary import status_name
from storage.records import ExemplarRecord

LIST_LIMIT: Final = 30
DECISIONS: Final = (
    Option(Decision.RECOGNISE.value, N_("✅ Recognise the exemplar")),
    Option(Decision.RETURN.value, N_("↩️ Return it with a question")),
    Option(Decision.REJECT.value, N_("⛔ Reject it")),
)
SCORES: Final = (Option("met", N_("✅ Met")), Option("not_met", N_("❌ Not met")))


async def waiting(turn: Turn) -> list[ExemplarRecord]:
    """The exemplars in the reviewer's scope that wait for an appraisal."""
    scope = review_scope(turn.require_person())
    if scope.empty:
        return []
    return await turn.tx.exemplars.with_status(scope, EXEMPLAR_WAITING, limit=LIST_LIMIT)


async def opened_exemplar(turn: Turn, exemplar_id: Any) -> ExemplarRecord:
    """The exemplar, checked against the reviewer's scope (whatever id was sent)."""
    exemplar = await turn.tx.models.exemplar(int(exemplar_id))
    scope = review_scope(turn.require_person())
    if exemplar is None or not await turn.tx.units.scope_contains(scope, exemplar.unit_id):
        raise NotFound()
    return exemplar


async def list_prompt(turn: Turn, data: Data) -> str:
    """The waiting exemplars, numbered."""
    exemplars = await waiting(turn)
    units = await turn.tx.units.many({e.unit_id for e in exemplars})
    lines = [_("Individual exemplars waiting for appraisal:")]
    for number, exemplar in enumerate(exemplars, start=1):
        lines.append(
            _("{number}. {name} · {unit} · {status}").format(
                number=number,
                name=exemplar.person_name,
                unit=units[exemplar.unit_id].name,
                status=status_name(exemplar.status),
            )
        )
    lines.append(_("Choose the one to appraise."))
    return "\n".join(lines)


async def exemplar_options(turn: Turn, data: Data) -> Sequence[Option]:
    """A button for each waiting exemplar."""
    return [Option(str(e.id), e.person_name[:40], translate=False) for e in await waiting(turn)]


async def open_exemplar(turn: Turn, data: Mapping[str, Any], value: Any) -> str:
    """Opening an exemplar only checks the scope: looking at it is not a decision."""
    return str((await opened_exemplar(turn, value)).id)


def unmet_criteria(data: Mapping[str, Any]) -> list[str]:
    """The titles (msgids) of the criteria scored "not met" (or not scored yet)."""
    scored = [data.get(f"c{index}") == "met" for index in range(1, len(EXEMPLAR_CRITERIA) + 1)]
    return [criterion.title for criterion in unmet(scored, EXEMPLAR_CRITERIA)]


async def decision_options(turn: Turn, data: Data) -> Sequence[Option]:
    """Recognition is offered only when every criterion is met."""
    return DECISIONS if not unmet_criteria(data) else DECISIONS[1:]


async def decision_prompt(turn: Turn, data: Data) -> str:
    """The decision, saying which criteria are not met."""
    missing = unmet_criteria(data)
    if not missing:
        return _("All three criteria are met. Your decision?")
    return _(
        "Not met: {criteria}. An individual exemplar can be recognised only when all three "
        "criteria are met, so it can be returned with a question or rejected. Your decision?"
    ).format(criteria="; ".join(_(title) for title in missing))


async def message_prompt(turn: Turn, data: Data) -> str:
    """The question to the secretary, or the reason for rejecting."""
    if data.get("decision") == Decision.RETURN:
        return _("Your question to the secretary: what is missing?")
    return _("Why is the individual exemplar not recognised?")


async def exemplar_photos(turn: Turn, data: Data) -> Sequence[StoredPhoto]:
    """The photos of the exemplar being appraised, shown with its description."""
    exemplar = await opened_exemplar(turn, data["exemplar"])
    return [
        StoredPhoto(sha, mime, caption)
        for sha, mime, caption in await turn.tx.exemplars.photos(exemplar.id)
    ]


def describe(exemplar: ExemplarRecord, unit_name: str, zone: Any) -> str:
    """The exemplar as the appraiser reads it: who, where, what they did, status and photos."""
    lines = [
        _("{name} (no. {id}) · {unit} · {year}").format(
            name=exemplar.person_name, id=exemplar.id, unit=unit_name, year=exemplar.year
        ),
        ngettext(
            "Status: {status} · {photos} photo · registered {moment}",
            "Status: {status} · {photos} photos · registered {moment}",
            exemplar.photo_count,
        ).format(
            status=status_name(exemplar.status),
            photos=exemplar.photo_count,
            moment=format_datetime(exemplar.registered_at, zone),
        ),
    ]
    if exemplar.position:
        lines.append(f"• {_('Position')}: {exemplar.position}")
    lines.append(f"• {_('Achievement')}: {exemplar.achievement}")
    return "\n".join(lines)


def _criterion_prompt(index: int, title: str, explanation: str) -> Any:
    async def prompt(turn: Turn, data: Data) -> str:
        head = ""
        if index == 1:  # the exemplar itself comes with the first criterion
            exemplar = await opened_exemplar(turn, data["exemplar"])
            unit = await turn.tx.units.get(exemplar.unit_id)
            head = describe(exemplar, unit.name if unit else "?", turn.config.zone) + "\n\n"
        return head + _("Criterion {title}: {explanation}").format(
            title=_(title), explanation=_(explanation)
        )

    return prompt


def _criterion_steps(index: int, title: str, explanation: str) -> tuple[Step, Step]:
    score = kinds.choice(
        f"c{index}",
        _criterion_prompt(index, title, explanation),
        title,
        SCORES,
        attach=exemplar_photos if index == 1 else None,
    )
    note = kinds.text(
        f"c{index}_note",
        N_("A note on this criterion (optional)."),
        N_("Note"),
        example=N_("Confirmed in writing by the commune Party committee"),
        optional=True,
    )
    return score, note


#: the three criteria, each scored with an optional note
CRITERION_STEPS: Final = tuple(
    step
    for index, criterion in enumerate(EXEMPLAR_CRITERIA, start=1)
    for step in _criterion_steps(index, criterion.title, criterion.explanation)
)
