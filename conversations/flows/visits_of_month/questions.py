"""What ``/visits`` shows: the month's matrix of the person's clusters and their own log, a
visit's notes, and the value a field of it has now. All of it only reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Option
from conversations.steps.edit import Current, value_steps
from conversations.steps.visits import EDITABLE, assigned_units
from conversations.turn import Turn
from domain.errors import NotFound
from domain.organisation import Role
from locales import N_, _, format_date
from reports.visit_matrix import (
    cluster_months,
    month_bounds,
    render_log,
    render_matrix,
    render_visit,
)
from storage.visit_log import VisitRecord

EDITABLE_FOR: Final = dt.timedelta(days=7)


def _year_month(data: Mapping[str, Any]) -> tuple[int, int]:
    year, month = str(data["month"]).split("-")
    return int(year), int(month)


async def _clusters_shown(turn: Turn) -> list[int]:
    person = turn.require_person()
    if person.has_role(Role.ADMIN):
        return [c.id for c in await turn.tx.units.clusters()]
    return await turn.tx.visits.led_clusters(person.id)


async def _overview(turn: Turn, data: Data) -> tuple[str, list[VisitRecord]]:
    """The text to show and the visits the person may open."""
    person = turn.require_person()
    year, month = _year_month(data)
    blocks: list[str] = []
    visible: dict[int, VisitRecord] = {}
    for cluster in await cluster_months(turn.tx, await _clusters_shown(turn), year, month):
        blocks.append(render_matrix(cluster))
        visible.update({v.id: v for v in cluster.visits})
    if person.has_role(Role.BTV):
        first, last = month_bounds(year, month)
        own = await turn.tx.visits.between(first, last, person_ids=[person.id])
        visited = {v.unit_id for v in own}
        missing = [u.name for u in await assigned_units(turn) if u.id not in visited]
        blocks.append(render_log(own, missing, year, month))
        visible.update({v.id: v for v in own})
    visits = sorted(visible.values(), key=lambda v: (v.fields.visit_date, v.id))
    return "\n\n".join(blocks), visits


async def opened(turn: Turn, data: Data) -> VisitRecord:
    """The chosen visit, checked against what the person may see (whatever id was sent)."""
    _text, visits = await _overview(turn, data)
    chosen = next((v for v in visits if str(v.id) == str(data["visit"])), None)
    if chosen is None:
        raise NotFound()
    return chosen


def editable(turn: Turn, visit: VisitRecord) -> bool:
    """Whether the person may change the visit: their own, for 7 days."""
    return (
        visit.person_id == turn.require_person().id and turn.now - visit.created_at <= EDITABLE_FOR
    )


async def overview_prompt(turn: Turn, data: Data) -> str:
    """The month's matrix or log, and how to open a visit."""
    text, visits = await _overview(turn, data)
    hint = _("Choose a visit to read its notes.") if visits else ""
    return "\n\n".join(part for part in (text, hint) if part)


async def visit_options(turn: Turn, data: Data) -> Sequence[Option]:
    """A button for each visit the person may open."""
    _text, visits = await _overview(turn, data)
    return [
        Option(
            str(v.id),
            f"{v.fields.visit_date:%d/%m} · {v.unit_name[:22]} · {v.person_name.split()[-1]}",
            translate=False,
        )
        for v in visits[:30]
    ]


async def notes_prompt(turn: Turn, data: Data) -> str:
    """The visit's notes, and until when it can be changed."""
    visit = await opened(turn, data)
    text = render_visit(visit)
    if editable(turn, visit):
        until = (visit.created_at + EDITABLE_FOR).astimezone(turn.config.zone)
        text += "\n" + _("You can change it until {date}.").format(date=format_date(until))
    return text


async def actions(turn: Turn, data: Data) -> Sequence[Option]:
    """Change (one's own visit, for 7 days) or close."""
    visit = await opened(turn, data)
    close = Option("close", N_("✔️ Close"))
    return [Option("edit", N_("✏️ Change it")), close] if editable(turn, visit) else [close]


def _current(field: str) -> Current:
    async def current(turn: Turn, data: Data) -> object:
        fields = (await opened(turn, data)).fields
        return {
            "visit_date": fields.visit_date.isoformat(),
            "attended_meeting": "yes" if fields.attended_meeting else "no",
            "findings": fields.findings,
            "advice": fields.advice,
        }[field]

    return current


#: the new value of the field chosen
VALUE_STEPS: Final = value_steps(EDITABLE, _current)
