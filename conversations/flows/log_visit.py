"""``/visit``: a BTV member logs a visit to a grassroots unit of their clusters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from conversations.flow import Data, Flow, Option, Step
from conversations.messages import InputKind, Reply
from conversations.notify import notify_unit
from conversations.steps.photos import photo_links
from conversations.steps.visits import VISIT_STEPS, assigned_units
from conversations.turn import Turn
from domain.calendar import DeadlineKind
from domain.errors import DvkError, NotAllowed
from domain.keys import nudge_topic, visit_topic
from locales import N_, _, format_date
from reports.visit_matrix import month_bounds
from storage.visit_log import VisitFields


async def _unit_options(turn: Turn, data: Data) -> Sequence[Option]:
    return [Option(str(u.id), u.name, translate=False) for u in await assigned_units(turn)]


class VisitFlow(Flow):
    """The unit, the date, the meeting, what was found and advised, photos; then confirm."""

    name: ClassVar[str] = "visit"
    title: ClassVar[str] = N_("Logging a visit")
    confirm_label: ClassVar[str] = N_("✅ Log the visit")

    def steps(self, data: Mapping[str, Any]) -> Sequence[Step]:
        """The unit, the visit's questions, and optional photos."""
        return (
            Step(
                "unit",
                InputKind.CHOICE,
                prompt=N_("Which unit did you visit?"),
                label=N_("Unit"),
                options=_unit_options,
            ),
            *VISIT_STEPS,
            Step(
                "photos",
                InputKind.PHOTOS,
                prompt=N_("Send photos of the visit, then tap “Done”. You may skip this."),
                label=N_("Photos"),
                optional=True,
            ),
        )

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Refuse kindly when the person has no cluster."""
        if not await assigned_units(turn):
            raise DvkError(N_("You are not assigned to an emulation cluster yet."))
        return {}

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The unit, once chosen."""
        return labels.get("unit")

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Log the visit, link its photos, tell the unit's secretary, and stop the reminders
        once every unit of the person's clusters has been visited this month."""
        person = turn.require_person()
        units = {str(u.id): u for u in await assigned_units(turn)}
        unit = units.get(str(data["unit"]))
        if unit is None:
            raise NotAllowed()
        day = dt.date.fromisoformat(data["visit_date"])
        fields = VisitFields(
            unit.id, day, data["attended_meeting"] == "yes", data["findings"], data["advice"]
        )
        visit_id = await turn.tx.visits.log(person.id, fields, turn.now)
        await turn.tx.models.link_photos(photo_links(data), person.id, turn.now, visit_id=visit_id)

        def render() -> str:
            return _(
                "{person}, member of the standing committee, visited {unit} on {date}.\n"
                "Advice: {advice}"
            ).format(
                person=person.name, unit=unit.name, date=format_date(day), advice=data["advice"]
            )

        await notify_unit(turn.tx, turn.now, unit.id, visit_topic(visit_id), render)
        first, last = month_bounds(day.year, day.month)
        visited = {
            v.unit_id for v in await turn.tx.visits.between(first, last, person_ids=[person.id])
        }
        missing = [u.name for u in units.values() if u.id not in visited]
        if not missing:
            period = f"{day.year}-{day.month:02d}"
            await turn.tx.outbox.cancel_topic(
                nudge_topic(DeadlineKind.VISIT, period, person_id=person.id)
            )
        text = _("✅ Logged your visit to {unit} on {date}.").format(
            unit=unit.name, date=format_date(day)
        )
        # The month of the visit, not today's: a visit of 30/11 logged on 02/12 counts for November.
        month = f"{day.month:02d}/{day.year}"
        text += "\n" + (
            _("Still to visit in {month}: {units}.").format(month=month, units=", ".join(missing))
            if missing
            else _("You have visited every unit of your clusters in {month}. 👏").format(
                month=month
            )
        )
        return [Reply(text)]
