"""``/visits [mm/yyyy]``: the month's visit log. A cluster lead sees the member × unit matrix of
their cluster and what is missing; a BTV member sees their own log. Each visit's notes open on
request; a member may change their own visit for 7 days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Option, Step
from conversations.messages import InputKind, Reply
from conversations.steps.edit import changing
from conversations.steps.months import MONTH
from conversations.steps.visits import EDITABLE, assigned_units
from conversations.turn import Turn
from domain.errors import DvkError, NotFound
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


async def _opened(turn: Turn, data: Data) -> VisitRecord:
    """The chosen visit, checked against what the person may see (whatever id was sent)."""
    _text, visits = await _overview(turn, data)
    chosen = next((v for v in visits if str(v.id) == str(data["visit"])), None)
    if chosen is None:
        raise NotFound()
    return chosen


def _editable(turn: Turn, visit: VisitRecord) -> bool:
    return (
        visit.person_id == turn.require_person().id and turn.now - visit.created_at <= EDITABLE_FOR
    )


async def _overview_prompt(turn: Turn, data: Data) -> str:
    text, visits = await _overview(turn, data)
    hint = _("Choose a visit to read its notes.") if visits else ""
    return "\n\n".join(part for part in (text, hint) if part)


async def _visit_options(turn: Turn, data: Data) -> Sequence[Option]:
    _text, visits = await _overview(turn, data)
    return [
        Option(
            str(v.id),
            f"{v.fields.visit_date:%d/%m} · {v.unit_name[:22]} · {v.person_name.split()[-1]}",
            translate=False,
        )
        for v in visits[:30]
    ]


async def _notes_prompt(turn: Turn, data: Data) -> str:
    visit = await _opened(turn, data)
    text = render_visit(visit)
    if _editable(turn, visit):
        until = (visit.created_at + EDITABLE_FOR).astimezone(turn.config.zone)
        text += "\n" + _("You can change it until {date}.").format(date=format_date(until))
    return text


async def _actions(turn: Turn, data: Data) -> Sequence[Option]:
    visit = await _opened(turn, data)
    close = Option("close", N_("✔️ Close"))
    return [Option("edit", N_("✏️ Change it")), close] if _editable(turn, visit) else [close]


def _value_step(field: str) -> Step:
    """The visit's question for ``field``, answering into ``value``, with the current value."""

    async def current(turn: Turn, data: Data) -> object:
        fields = (await _opened(turn, data)).fields
        return {
            "visit_date": fields.visit_date.isoformat(),
            "attended_meeting": "yes" if fields.attended_meeting else "no",
            "findings": fields.findings,
            "advice": fields.advice,
        }[field]

    return changing(EDITABLE[field], current)


class VisitsFlow(Flow):
    """The month, then optionally one visit to read (and change, when it is one's own)."""

    name: ClassVar[str] = "visits"
    title: ClassVar[str] = N_("Visit log")
    summary: ClassVar[bool] = False
    keeps_draft: ClassVar[bool] = False
    argument_field: ClassVar[str | None] = "month"

    def steps(self, data: Mapping[str, Any]) -> Sequence[Step]:
        """The month, a visit, what to do with it, and the change."""
        steps = [
            MONTH,
            Step(
                "visit",
                InputKind.CHOICE,
                prompt=_overview_prompt,
                label=N_("Visit"),
                options=_visit_options,
                optional=True,
            ),
            Step(
                "action",
                InputKind.CHOICE,
                prompt=_notes_prompt,
                label=N_("Action"),
                options=_actions,
                when=lambda d: d.get("visit") is not None,
            ),
            Step(
                "field",
                InputKind.CHOICE,
                prompt=N_("Which field do you want to change?"),
                label=N_("Field"),
                options=tuple(Option(f, s.label) for f, s in EDITABLE.items()),
                when=lambda d: d.get("action") == "edit",
            ),
        ]
        if data.get("action") == "edit" and data.get("field") in EDITABLE:
            steps.append(_value_step(data["field"]))
        return steps

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Close, or save the change (only one's own visit, within 7 days)."""
        if data.get("action") != "edit":
            return [Reply(_("Closed. Type /visits to open the log again."))]
        visit = await _opened(turn, data)
        if not _editable(turn, visit):
            raise DvkError(N_("Only your own visits of the last 7 days can be changed."))
        field, value = data["field"], data["value"]
        as_stored: dict[str, Callable[[Any], object]] = {
            "visit_date": lambda v: dt.date.fromisoformat(v),
            "attended_meeting": lambda v: v == "yes",
        }
        convert = as_stored.get(field)
        stored = value if convert is None else convert(value)
        await turn.tx.visits.update(visit.id, {field: stored}, turn.now)
        step = EDITABLE[field]
        return [
            Reply(
                _("✏️ Saved. {label}: {value}").format(
                    label=_(step.label), value=step.display(value)
                )
            )
        ]
