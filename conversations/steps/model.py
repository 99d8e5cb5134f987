"""The questions about a model, shared by registration (``/register``) and by changing one field
(``/models``), and how a stored model reads (``/models``, ``/review``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from conversations.flow import Data, Option, Step
from conversations.messages import StoredPhoto
from conversations.steps import kinds
from conversations.turn import Turn
from conversations.validators import long_text, short_text
from domain.goals import Goal, parse_goals
from domain.registry import DIRECTION_NAMES, DOMAIN_NAMES, OWNER_KIND_NAMES, Domain
from locales import N_, _, format_datetime, ngettext
from reports.goal_progress import model_progress, progress_text, show_goals
from reports.vocabulary import proof_text, status_name
from storage.records import ModelFields, ModelRecord

#: the field of the model's measurable goals, kept as ``[["3000", "trẻ em"], ...]``
GOALS: Final = "goals"


def parse_goal_list(raw: str) -> list[list[str]]:
    """Goals as typed (see :func:`domain.goals.parse_goals`), as the conversation keeps them."""
    return [goal.as_json() for goal in parse_goals(raw)]


def _extras(data: Mapping[str, Any]) -> bool:
    return data.get("extras") == "add"


def _options(names: Mapping[Any, str]) -> tuple[Option, ...]:
    return tuple(Option(key.value, name) for key, name in names.items())


#: The questions about a model, in order.
MODEL_STEPS: Final[Sequence[Step]] = (
    kinds.text("name", N_("What is the name of the model?"), N_("Name of the model"),
               example=N_("Youth flower road of hamlet 1"), parse=short_text),
    kinds.choice("owner_kind", N_("Who runs the model (its owner): a collective or a person?"),
                 N_("Owner is"), _options(OWNER_KIND_NAMES)),
    kinds.text("owner_name", N_("What is the name of the collective or person that runs it?"),
               N_("Owner"), example=N_("Hamlet 1 Youth Union branch, or Mr Nguyễn Văn Tài"),
               parse=short_text),
    kinds.location("address", N_("Where is the model? Type the address, or share a location "
                                 "(📎 → Location)."),
                   N_("Address"), example=N_("Hamlet 1, Tân Lập commune, Đồng Phú district")),
    kinds.choice("domain", N_("Which domain does the model belong to?"), N_("Domain"),
                 _options(DOMAIN_NAMES)),
    kinds.number("participants", N_("How many people take part? Type a number."),
                 N_("Participants"), example=N_("35")),
    kinds.text("participants_note", N_("Who are they? (optional)"), N_("Who takes part"),
               example=N_("25 union members and 10 households of the hamlet"), optional=True),
    kinds.choice("extras", N_("Add more details now: the direction, method, expected effect "
                              "and goals (and the model it replicates, if any)? You can add "
                              "most of them later with /models."),
                 N_("More details"), (Option("add", N_("➕ Add them now")),), optional=True,
                 in_summary=False),
    kinds.choice("direction", N_("With whom is the model registered (its direction)?"),
                 N_("Registered with"), _options(DIRECTION_NAMES), optional=True, when=_extras),
    kinds.text("method", N_("How does the model mobilise people (method)?"), N_("Method"),
               example=N_("Persuading households to donate land; union members give days of "
                          "work"), parse=long_text, optional=True, when=_extras),
    kinds.text("effect", N_("What effect do you expect?"), N_("Expected effect"),
               example=N_("A clean, green and safe road for 120 households"), parse=long_text,
               optional=True, when=_extras),
    kinds.count("beneficiaries", N_("How many people benefit? Type a number."),
                N_("Beneficiaries"), example=N_("120"), optional=True, when=_extras),
    kinds.money("money_vnd", N_("How much money is raised, in đồng?"), N_("Money raised"),
                example=N_("600,000,000"), optional=True, when=_extras),
    kinds.text("built", N_("What is built or made, with quantities?"), N_("Things built"),
               example=N_("2 km of concrete road, 5 bridges"), optional=True, when=_extras),
    kinds.text(GOALS, N_("What are its measurable goals? A number and what it counts for each, "
                         "separated by “;”."),
               N_("Goals"), example=N_("3,000 children; 90 houses"), parse=parse_goal_list,
               show=show_goals, optional=True, when=_extras),
)  # fmt: skip
#: the questions one can change later, by field
EDITABLE: Final = {step.field: step for step in MODEL_STEPS if step.in_summary}
#: the answers with a column of their own; any other question's answer is kept in ``details``
#: (so a new optional question is one more line above, and one catalog entry)
COLUMNS: Final = frozenset(f.name for f in dataclasses.fields(ModelFields)) - {"details"}
#: the answers kept in a table of their own (``tx.goals``), neither a column nor a detail
OWN_TABLES: Final = frozenset({GOALS})
DETAILS: Final = tuple(field for field in EDITABLE if field not in COLUMNS | OWN_TABLES)
#: the registry export's columns for them, as (field, label msgid)
DETAIL_COLUMNS: Final = tuple((field, EDITABLE[field].label) for field in DETAILS)


def goals_of(value: Any) -> list[Goal]:
    """The goals of an answer to the goals question (None: none)."""
    return [Goal.from_json(goal) for goal in value or ()]


def goals_answer(goals: Sequence[Goal]) -> list[list[str]] | None:
    """The answer that would produce ``goals`` (None when there are none)."""
    return [goal.as_json() for goal in goals] or None


def model_fields(data: Mapping[str, Any]) -> ModelFields:
    """The model's fields from the answers of the conversation."""
    address = data.get("address") or {}
    return ModelFields(
        name=data["name"],
        owner_kind=data["owner_kind"],
        owner_name=data["owner_name"],
        address=address.get("text"),
        latitude=address.get("lat"),
        longitude=address.get("lon"),
        domain=Domain(data["domain"]).value,
        participants=data["participants"],
        participants_note=data.get("participants_note"),
        direction=data.get("direction"),
        method=data.get("method"),
        effect=data.get("effect"),
        beneficiaries=data.get("beneficiaries"),
        money_vnd=data.get("money_vnd"),
        built=data.get("built"),
        details={field: data.get(field) for field in DETAILS},
    )


def field_answers(fields: ModelFields) -> Data:
    """The answers that would produce ``fields`` (to show or edit a stored model)."""
    answers: Data = {
        name: getattr(fields, name)
        for name in (s.field for s in MODEL_STEPS)
        if hasattr(fields, name)
    }
    answers["address"] = {"text": fields.address, "lat": fields.latitude, "lon": fields.longitude}
    answers.update({field: fields.details.get(field) for field in DETAILS})
    return answers


def describe(
    model: ModelRecord,
    unit_name: str,
    zone: Any,
    goals: Sequence[tuple[Goal, Decimal | None]] = (),
) -> str:
    """Every field of a model, its status and photos, as the secretary reads it; ``goals``
    are its goals with the amount achieved of each (:func:`model_goals`)."""
    answers = field_answers(model.fields)
    answers[GOALS] = goals_answer([goal for goal, _achieved in goals])
    lines = [
        _("«{name}» (no. {id}) · {unit} · {year}").format(
            name=model.fields.name, id=model.id, unit=unit_name, year=model.year
        ),
        ngettext(
            "Status: {status} · {photos} photo · registered {moment}",
            "Status: {status} · {photos} photos · registered {moment}",
            model.photo_count,
        ).format(
            status=status_name(model.status),
            photos=model.photo_count,
            moment=format_datetime(model.registered_at, zone),
        ),
    ]
    for step in EDITABLE.values():
        if step.field == GOALS and goals:
            lines.append(f"• {_(step.label)}:")
            lines.extend(f"   – {progress_text(goal, achieved)}" for goal, achieved in goals)
            continue
        lines.append(f"• {_(step.label)}: {step.display(answers.get(step.field))}")
    return "\n".join(lines)


async def model_goals(turn: Turn, model_id: int) -> list[tuple[Goal, Decimal | None]]:
    """A model's goals with the latest amount reported of each, for :func:`describe`."""
    return await model_progress(turn.tx, model_id)


async def proof_line(turn: Turn, model_id: int) -> str | None:
    """The document confirming criterion 1 in the model's latest appraisal, if one was
    attached: "Confirming document: No. 12-QĐ/HĐ, dated 05/11/2026"."""
    appraisal = (await turn.tx.appraisals.latest([model_id])).get(model_id)
    if appraisal is None or appraisal.proof is None:
        return None
    return proof_text(appraisal.proof)


async def photos_of(turn: Turn, model_id: int) -> Sequence[StoredPhoto]:
    """A model's photos, to send with its description."""
    return [
        StoredPhoto(sha, mime, caption)
        for sha, mime, caption in await turn.tx.models.photos(model_id)
    ]
