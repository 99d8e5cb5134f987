"""``/visit``: a BTV member logs a visit to a grassroots unit of their clusters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Option, Step
from conversations.flows.register_model import photo_links
from conversations.messages import InputKind, Reply
from conversations.notify import notify_unit
from conversations.turn import Turn
from conversations.validators import long_text, parse_visit_date
from domain.calendar import DeadlineKind
from domain.errors import DvkError, NotAllowed
from domain.keys import nudge_topic, visit_topic
from domain.organisation import Role
from locales import N_, _, format_date
from reports.visit_matrix import month_bounds
from storage.records import UnitRecord
from storage.visit_log import VisitFields

VISITORS: Final = frozenset({Role.BTV})
YES_NO: Final = (Option("yes", N_("Yes")), Option("no", N_("No")))


async def assigned_units(turn: Turn) -> list[UnitRecord]:
    """The units of the clusters the person is assigned to."""
    clusters = await turn.tx.visits.assigned_clusters(turn.require_person().id)
    units = await turn.tx.visits.units_of_clusters(clusters)
    return [unit for cluster in clusters for unit in units[cluster]]


async def _unit_options(turn: Turn, data: Data) -> Sequence[Option]:
    return [Option(str(u.id), u.name, translate=False) for u in await assigned_units(turn)]


async def _day_options(turn: Turn, data: Data) -> Sequence[Option]:
    return [Option("today", N_("Today")), Option("yesterday", N_("Yesterday"))]


async def _check_date(turn: Turn, data: Data, typed: Any) -> str:
    return parse_visit_date(str(typed), turn.today).isoformat()


def show_day(value: Any) -> str:
    """An ISO date as dd/mm/yyyy."""
    return format_date(dt.date.fromisoformat(str(value)))


def show_yes_no(value: Any) -> str:
    """yes/no in the reader's language."""
    return _("Yes") if value == "yes" else _("No")


#: The questions about a visit; /visits reuses them to edit one.
VISIT_STEPS: Final[Sequence[Step]] = (
    Step(
        "visit_date",
        InputKind.TEXT,
        prompt=N_("When was the visit? Tap Today, or type the date."),
        label=N_("Date"),
        example=N_("05/11 or 05/11/2026"),
        options=_day_options,
        check=_check_date,
        show=show_day,
    ),
    Step(
        "attended_meeting",
        InputKind.CHOICE,
        prompt=N_("Did you attend a branch meeting?"),
        label=N_("Attended a branch meeting"),
        options=YES_NO,
        show=show_yes_no,
    ),
    Step(
        "findings",
        InputKind.TEXT,
        prompt=N_("What did you find?"),
        label=N_("Findings"),
        example=N_("The branch meets regularly; the flower road model is kept up"),
        parse=long_text,
    ),
    Step(
        "advice",
        InputKind.TEXT,
        prompt=N_("What did you advise?"),
        label=N_("Advice"),
        example=N_("Add photo evidence; register one more economic model"),
        parse=long_text,
    ),
)


class VisitFlow(Flow):
    """The unit, the date, the meeting, what was found and advised, photos; then confirm."""

    name: ClassVar[str] = "visit"
    title: ClassVar[str] = N_("Logging a visit")
    roles: ClassVar = VISITORS
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
