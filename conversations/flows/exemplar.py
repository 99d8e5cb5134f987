"""``/exemplar``: register an individual exemplar (điển hình cá nhân), with photos."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from conversations.flow import Data, Flow, Step
from conversations.flows.acting_unit import begin_with_unit, checked_unit, unit_step
from conversations.flows.register_model import REGISTRANTS, photo_links
from conversations.messages import InputKind, Reply
from conversations.turn import Turn
from conversations.validators import long_text, parse_person_name, short_text
from locales import N_, ngettext

EXEMPLAR_STEPS: Sequence[Step] = (
    Step(
        "person_name",
        InputKind.TEXT,
        prompt=N_("Who is the exemplar? Type their full name."),
        label=N_("Full name"),
        example=N_("Nguyễn Thị Lan"),
        parse=parse_person_name,
    ),
    Step(
        "position",
        InputKind.TEXT,
        prompt=N_("Their position and where they work or live (optional)."),
        label=N_("Position"),
        example=N_("Deputy secretary of the hamlet 1 branch"),
        parse=short_text,
        optional=True,
    ),
    Step(
        "achievement",
        InputKind.TEXT,
        prompt=N_("What did they do for the movement? Give numbers where you can."),
        label=N_("Achievement"),
        example=N_(
            "Persuaded 30 households to give 1,200 m² of land for a road; gave 50 days of work"
        ),
        parse=long_text,
    ),
    Step(
        "photos",
        InputKind.PHOTOS,
        prompt=N_("Send photos as evidence, then tap “Done”. You may skip this."),
        label=N_("Photos"),
        optional=True,
    ),
)


class ExemplarFlow(Flow):
    """The person, what they did, photos; then confirm."""

    name: ClassVar[str] = "exemplar"
    title: ClassVar[str] = N_("Registering an individual exemplar")
    roles: ClassVar = frozenset(REGISTRANTS)
    confirm_label: ClassVar[str] = N_("✅ Register the exemplar")

    def steps(self, data: Mapping[str, Any]) -> Sequence[Step]:
        """Choose the unit (if several), then the questions."""
        return (unit_step(REGISTRANTS), *EXEMPLAR_STEPS)

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Start with the person's unit chosen when they have only one."""
        return await begin_with_unit(turn, REGISTRANTS)

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The exemplar's name, once given."""
        return data.get("person_name")

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Save the exemplar and link the photos."""
        person = turn.require_person()
        unit = await checked_unit(turn, data, REGISTRANTS)
        year = turn.today.year
        exemplar_id = await turn.tx.models.create_exemplar(
            unit.id,
            year,
            data["person_name"],
            data.get("position"),
            data["achievement"],
            person.id,
            turn.now,
        )
        photos = await turn.tx.models.link_photos(
            photo_links(data), person.id, turn.now, exemplar_id=exemplar_id
        )
        return [
            Reply(
                ngettext(
                    "✅ Registered {name} (no. {id}) as an individual exemplar of {unit}, "
                    "year {year}, with {photos} photo.",
                    "✅ Registered {name} (no. {id}) as an individual exemplar of {unit}, "
                    "year {year}, with {photos} photos.",
                    photos,
                ).format(
                    name=data["person_name"],
                    id=exemplar_id,
                    unit=unit.name,
                    year=year,
                    photos=photos,
                )
            )
        ]
