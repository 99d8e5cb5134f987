"""``/register``: a branch secretary registers a "Dân vận khéo" model, with photos."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Option, Step
from conversations.flows.acting_unit import begin_with_unit, checked_unit, unit_step
from conversations.messages import InputKind, Reply
from conversations.turn import Turn
from conversations.validators import (
    long_text,
    parse_count,
    parse_money,
    parse_whole_number,
    short_text,
    text,
)
from domain.calendar import DeadlineKind
from domain.keys import nudge_topic
from domain.organisation import Role
from domain.registry import DIRECTION_NAMES, DOMAIN_NAMES, OWNER_KIND_NAMES, Domain
from locales import N_, format_money, format_number, ngettext
from reports.coverage import standing_text, unit_standing
from storage.records import ModelFields, PhotoLink

REGISTRANTS: Final = (Role.SECRETARY, Role.BTV)


def show_address(value: Mapping[str, Any]) -> str:
    """An address as typed, or the shared location."""
    parts = []
    if value.get("text"):
        parts.append(str(value["text"]))
    if value.get("lat") is not None:
        parts.append(f"📍 {value['lat']:.6f}, {value['lon']:.6f}")
    return " ".join(parts)


def _extras(data: Mapping[str, Any]) -> bool:
    return data.get("extras") == "add"


#: The questions about a model, in order; /models reuses them to edit one field.
MODEL_STEPS: Final[Sequence[Step]] = (
    Step(
        "name",
        InputKind.TEXT,
        prompt=N_("What is the name of the model?"),
        label=N_("Name of the model"),
        example=N_("Youth flower road of hamlet 1"),
        parse=short_text,
    ),
    Step(
        "owner_kind",
        InputKind.CHOICE,
        prompt=N_("Who runs the model (its owner): a collective or a person?"),
        label=N_("Owner is"),
        options=tuple(Option(k.value, v) for k, v in OWNER_KIND_NAMES.items()),
    ),
    Step(
        "owner_name",
        InputKind.TEXT,
        prompt=N_("What is the name of the collective or person that runs it?"),
        label=N_("Owner"),
        example=N_("Hamlet 1 Youth Union branch, or Mr Nguyễn Văn Tài"),
        parse=short_text,
    ),
    Step(
        "address",
        InputKind.LOCATION,
        prompt=N_("Where is the model? Type the address, or share a location (📎 → Location)."),
        label=N_("Address"),
        example=N_("Hamlet 1, Tân Lập commune, Đồng Phú district"),
        parse=text(500),
        show=show_address,
    ),
    Step(
        "domain",
        InputKind.CHOICE,
        prompt=N_("Which domain does the model belong to?"),
        label=N_("Domain"),
        options=tuple(Option(k.value, v) for k, v in DOMAIN_NAMES.items()),
    ),
    Step(
        "participants",
        InputKind.NUMBER,
        prompt=N_("How many people take part? Type a number."),
        label=N_("Participants"),
        example=N_("35"),
        parse=parse_whole_number,
        show=format_number,
    ),
    Step(
        "participants_note",
        InputKind.TEXT,
        prompt=N_("Who are they? (optional)"),
        label=N_("Who takes part"),
        example=N_("25 union members and 10 households of the hamlet"),
        parse=text(500),
        optional=True,
    ),
    Step(
        "extras",
        InputKind.CHOICE,
        prompt=N_(
            "Add the direction, method and expected effect now? "
            "You can also add them later with /models."
        ),
        label=N_("More details"),
        options=(Option("add", N_("➕ Add them now")),),
        optional=True,
        in_summary=False,
    ),
    Step(
        "direction",
        InputKind.CHOICE,
        prompt=N_("With whom is the model registered (its direction)?"),
        label=N_("Registered with"),
        options=tuple(Option(k.value, v) for k, v in DIRECTION_NAMES.items()),
        optional=True,
        when=_extras,
    ),
    Step(
        "method",
        InputKind.TEXT,
        prompt=N_("How does the model mobilise people (method)?"),
        label=N_("Method"),
        example=N_("Persuading households to donate land; union members give days of work"),
        parse=long_text,
        optional=True,
        when=_extras,
    ),
    Step(
        "effect",
        InputKind.TEXT,
        prompt=N_("What effect do you expect?"),
        label=N_("Expected effect"),
        example=N_("A clean, green and safe road for 120 households"),
        parse=long_text,
        optional=True,
        when=_extras,
    ),
    Step(
        "beneficiaries",
        InputKind.NUMBER,
        prompt=N_("How many people benefit? Type a number."),
        label=N_("Beneficiaries"),
        example=N_("120"),
        parse=parse_count,
        show=format_number,
        optional=True,
        when=_extras,
    ),
    Step(
        "money_vnd",
        InputKind.NUMBER,
        prompt=N_("How much money is raised, in đồng?"),
        label=N_("Money raised"),
        example=N_("600,000,000"),
        parse=parse_money,
        show=format_money,
        optional=True,
        when=_extras,
    ),
    Step(
        "built",
        InputKind.TEXT,
        prompt=N_("What is built or made, with quantities?"),
        label=N_("Things built"),
        example=N_("2 km of concrete road, 5 bridges"),
        parse=text(500),
        optional=True,
        when=_extras,
    ),
)

PHOTOS_STEP: Final = Step(
    "photos",
    InputKind.PHOTOS,
    prompt=N_("Send photos of the model as evidence, then tap “Done”. You may skip this."),
    label=N_("Photos"),
    optional=True,
)


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
    )


def field_answers(fields: ModelFields) -> Data:
    """The answers that would produce ``fields`` (to show or edit a stored model)."""
    answers: Data = {
        name: getattr(fields, name)
        for name in (s.field for s in MODEL_STEPS)
        if hasattr(fields, name)
    }
    answers["address"] = {"text": fields.address, "lat": fields.latitude, "lon": fields.longitude}
    return answers


def photo_links(data: Mapping[str, Any], field: str = "photos") -> list[PhotoLink]:
    """The photos gathered by a photos step, ready to link."""
    return [
        PhotoLink(
            sha256=p["sha256"],
            size=p["size"],
            width=p["width"],
            height=p["height"],
            mime=p["mime"],
            caption=p.get("caption"),
            sent_at=dt.datetime.fromisoformat(p["at"]),
        )
        for p in data.get(field) or []
    ]


class RegisterModelFlow(Flow):
    """Name, owner, address, domain, participants, optional details, photos; then confirm."""

    name: ClassVar[str] = "register"
    title: ClassVar[str] = N_("Registering a model")
    roles: ClassVar = frozenset(REGISTRANTS)
    confirm_label: ClassVar[str] = N_("✅ Register the model")

    def steps(self, data: Mapping[str, Any]) -> Sequence[Step]:
        """Choose the unit (if several), the model's questions, then the photos."""
        return (unit_step(REGISTRANTS), *MODEL_STEPS, PHOTOS_STEP)

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Start with the person's unit chosen when they have only one."""
        return await begin_with_unit(turn, REGISTRANTS)

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The model's name, once given."""
        return data.get("name")

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Save the model as registered, link its photos, and tell where the unit stands."""
        person = turn.require_person()
        unit = await checked_unit(turn, data, REGISTRANTS)
        year = turn.today.year
        models = turn.tx.models
        await turn.tx.units.hold(unit.id)  # a registration at the same moment counts this one
        model_id = await models.create(unit.id, year, model_fields(data), person.id, turn.now)
        photos = await models.link_photos(photo_links(data), person.id, turn.now, model_id=model_id)
        standing = await unit_standing(turn.tx, unit, year, turn.config.targets)
        if standing.met:  # the registration deadline is met: its pending reminders are moot
            await turn.tx.outbox.cancel_topic(
                nudge_topic(DeadlineKind.REGISTRATION, str(year), unit_id=unit.id)
            )
        saved = ngettext(
            "✅ Registered the model «{name}» (no. {id}) for {unit}, year {year}, "
            "with {photos} photo.",
            "✅ Registered the model «{name}» (no. {id}) for {unit}, year {year}, "
            "with {photos} photos.",
            photos,
        ).format(name=data["name"], id=model_id, unit=unit.name, year=year, photos=photos)
        return [Reply(saved + "\n" + standing_text(standing))]
