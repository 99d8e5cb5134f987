"""What ``/visit`` saves: the visit and its photos, a notice to the unit, and the end of the
month's reminders once every unit of the member's clusters was visited."""

from __future__ import annotations

import datetime as dt

from conversations.flow import Data
from conversations.messages import Reply
from conversations.notify import notify_unit
from conversations.steps.photos import photo_links
from conversations.steps.visits import assigned_units
from conversations.turn import Turn
from domain.calendar import DeadlineKind
from domain.errors import NotAllowed
from domain.keys import nudge_topic, visit_topic
from locales import _, format_date
from reports.visit_matrix import month_bounds
from storage.visit_log import VisitFields


async def log_visit(turn: Turn, data: Data) -> list[Reply]:
    """Log the visit, link its photos, tell the unit's secretary, and stop the reminders once
    every unit of the person's clusters has been visited in the visit's month."""
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
        ).format(person=person.name, unit=unit.name, date=format_date(day), advice=data["advice"])

    await notify_unit(turn.tx, turn.now, unit.id, visit_topic(visit_id), render)
    first, last = month_bounds(day.year, day.month)
    visited = {v.unit_id for v in await turn.tx.visits.between(first, last, person_ids=[person.id])}
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
        else _("You have visited every unit of your clusters in {month}. 👏").format(month=month)
    )
    return [Reply(text)]
