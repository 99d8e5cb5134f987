"""What ``/export`` offers and checks: the kinds of file, the units, the periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Option
from conversations.turn import Turn
from domain.calendar import DeadlineKind
from domain.errors import InvalidInput
from domain.organisation import Role
from domain.scope import scope_of
from locales import N_, _, format_date, sort_key
from reports.vocabulary import period_title

KINDS: Final = (
    Option("registry", N_("📊 The registry of models (XLSX)")),
    Option("report", N_("📝 The written report (DOCX)")),
    Option("visits", N_("🗓 The visit log (XLSX)")),
)
#: report periods offered: due from this many days ago to this many days ahead
PAST: Final = dt.timedelta(days=400)
AHEAD: Final = dt.timedelta(days=200)


async def unit_suggestions(turn: Turn, data: Mapping[str, Any]) -> Sequence[Option]:
    """The units where the person is secretary or on the committee, as suggestions."""
    person = turn.require_person()
    ids = person.units_where(Role.BTV, Role.SECRETARY)
    units = sorted((await turn.tx.units.many(ids)).values(), key=lambda u: sort_key(u.name))
    return [Option(u.code, u.name, translate=False) for u in units[:8]]


async def resolve_unit(turn: Turn, data: Mapping[str, Any], typed: Any) -> str:
    """A unit code or name typed (or a suggestion pressed), checked against the scope."""
    text = str(typed).strip()
    unit = await turn.tx.units.by_code(text)
    if unit is None:
        suggestions = {o.label: o.value for o in await unit_suggestions(turn, data)}
        unit = await turn.tx.units.by_code(suggestions.get(text, ""))
    scope = scope_of(turn.require_person())
    if unit is None or not await turn.tx.units.scope_contains(scope, unit.id):
        raise InvalidInput(N_("There is no unit “{typed}” among your units."), typed=text)
    return unit.code


async def periods(turn: Turn, data: Data) -> Sequence[Option]:
    """The report periods due within a year back and 200 days ahead, the latest first."""
    today = turn.today
    found = []
    for deadline in turn.config.calendar.of_kind(DeadlineKind.REPORT):
        for due in deadline.occurrences(today):
            if today - PAST <= due <= today + AHEAD:
                found.append((due, deadline.period_of(due)))
    return [
        Option(
            period,
            _("{title} (due {date})").format(title=period_title(period), date=format_date(due)),
            translate=False,
        )
        for due, period in sorted(found, reverse=True)
    ]
