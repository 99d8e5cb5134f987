"""``/export``: the registry (XLSX) or the written report (DOCX), sent as a file in the chat."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Option, Step
from conversations.messages import Document, InputKind, Reply
from conversations.steps.months import MONTH
from conversations.turn import Turn
from domain.calendar import DeadlineKind
from domain.errors import InvalidInput
from domain.organisation import Role
from domain.scope import scope_of
from locales import N_, _, format_date, sort_key
from reports.registry_export import export_registry_xlsx
from reports.visit_export import export_visits_xlsx
from reports.vocabulary import period_title
from reports.written_report import export_written_report

KINDS: Final = (
    Option("registry", N_("📊 The registry of models (XLSX)")),
    Option("report", N_("📝 The written report (DOCX)")),
    Option("visits", N_("🗓 The visit log (XLSX)")),
)
#: report periods offered: due from this many days ago to this many days ahead
PAST: Final = dt.timedelta(days=400)
AHEAD: Final = dt.timedelta(days=200)


async def _unit_suggestions(turn: Turn, data: Mapping[str, Any]) -> Sequence[Option]:
    person = turn.require_person()
    ids = person.units_where(Role.BTV, Role.SECRETARY)
    units = sorted((await turn.tx.units.many(ids)).values(), key=lambda u: sort_key(u.name))
    return [Option(u.code, u.name, translate=False) for u in units[:8]]


async def _resolve_unit(turn: Turn, data: Mapping[str, Any], typed: Any) -> str:
    """A unit code or name typed (or a suggestion pressed), checked against the scope."""
    text = str(typed).strip()
    unit = await turn.tx.units.by_code(text)
    if unit is None:
        suggestions = {o.label: o.value for o in await _unit_suggestions(turn, data)}
        unit = await turn.tx.units.by_code(suggestions.get(text, ""))
    scope = scope_of(turn.require_person())
    if unit is None or not await turn.tx.units.scope_contains(scope, unit.id):
        raise InvalidInput(N_("There is no unit “{typed}” among your units."), typed=text)
    return unit.code


async def _periods(turn: Turn, data: Data) -> Sequence[Option]:
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


class ExportFlow(Flow):
    """What to export, and for the report, which unit and period."""

    name: ClassVar[str] = "export"
    title: ClassVar[str] = N_("Export")
    summary: ClassVar[bool] = False
    keeps_draft: ClassVar[bool] = False
    STEPS: ClassVar[Sequence[Step]] = (
        Step(
            "kind",
            InputKind.CHOICE,
            prompt=N_("What do you need?"),
            label=N_("File"),
            options=KINDS,
        ),
        Step(
            "unit",
            InputKind.TEXT,
            prompt=N_("For which unit? Tap one, or type a unit code."),
            label=N_("Unit"),
            example=N_("BP-DP-TL"),
            options=_unit_suggestions,
            check=_resolve_unit,
            when=lambda d: d.get("kind") == "report",
        ),
        Step(
            "period",
            InputKind.CHOICE,
            prompt=N_("Which period?"),
            label=N_("Report"),
            options=_periods,
            when=lambda d: d.get("kind") == "report",
        ),
        dataclasses.replace(MONTH, when=lambda d: d.get("kind") == "visits"),
    )

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """Nothing worth naming."""
        return None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Promise the file; it is made after the turn, so that no transaction waits for it."""
        person = turn.require_person()
        database, store = turn.database, turn.evidence
        assert database is not None and store is not None
        scope = scope_of(person)
        zone, targets, today = turn.config.zone, dict(turn.config.targets), turn.today
        folder = Path(tempfile.mkdtemp(prefix="dvk-export-"))
        if data["kind"] == "registry":
            name = _("registry-{year}.xlsx").format(year=today.year)

            async def registry() -> Document:
                path = folder / name
                await export_registry_xlsx(database, path, zone, scope, year=today.year)
                return Document(path, name, temporary=True)

            text = _("📊 The registry of models of {year}.").format(year=today.year)
            return [Reply(text, produce=registry)]
        if data["kind"] == "visits":
            return [await self._visits(turn, data["month"], folder)]
        unit = await turn.tx.units.by_code(data["unit"])
        assert unit is not None
        period = data["period"]
        name = _("report-{period}-{unit}.docx").format(period=period, unit=unit.code)

        async def report() -> Document:
            path = folder / name
            await export_written_report(
                database, store, path, unit=unit, period=period, targets=targets, today=today
            )
            return Document(path, name, temporary=True)

        text = _("📝 {title} of {unit}.").format(title=period_title(period), unit=unit.name)
        return [Reply(text, produce=report)]

    async def _visits(self, turn: Turn, month_text: str, folder: Path) -> Reply:
        """The visit log of the clusters the person leads (or, for a member, their own)."""
        person = turn.require_person()
        database = turn.database
        assert database is not None
        year, month = (int(part) for part in month_text.split("-"))
        only: int | None = None
        if person.has_role(Role.ADMIN):
            clusters = [c.id for c in await turn.tx.units.clusters()]
        else:
            clusters = await turn.tx.visits.led_clusters(person.id)
            if not clusters:
                clusters, only = await turn.tx.visits.assigned_clusters(person.id), person.id
        name = _("visits-{year}-{month:02d}.xlsx").format(year=year, month=month)

        async def visits() -> Document:
            path = folder / name
            await export_visits_xlsx(database, path, clusters, year, month, person_id=only)
            return Document(path, name, temporary=True)

        text = _("🗓 The visit log of {month:02d}/{year}.").format(month=month, year=year)
        return Reply(text, produce=visits)
