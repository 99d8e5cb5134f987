"""What ``/export`` sends: each file is promised now and made after the turn, so that no
transaction waits for it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conversations.flow import Data
from conversations.messages import Document, Reply
from conversations.steps.model import DETAIL_COLUMNS
from conversations.turn import Turn
from domain.errors import NotAllowed
from domain.organisation import Role
from domain.scope import scope_of
from locales import _
from reports.vocabulary import period_title


def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="dvk-export-"))


async def registry_file(turn: Turn, data: Data) -> list[Reply]:
    """The registry of the year's models in the person's scope (XLSX)."""
    from reports.registry_export import export_registry_xlsx  # openpyxl only when used

    database, scope = turn.database, scope_of(turn.require_person())
    assert database is not None
    zone, year = turn.config.zone, turn.today.year
    name = _("registry-{year}.xlsx").format(year=year)
    path = _folder() / name

    async def registry() -> Document:
        await export_registry_xlsx(database, path, zone, scope, year=year, details=DETAIL_COLUMNS)
        return Document(path, name, temporary=True)

    text = _("📊 The registry of models of {year}.").format(year=year)
    return [Reply(text, produce=registry)]


async def report_file(turn: Turn, data: Data) -> list[Reply]:
    """The written report of a unit for a period (DOCX)."""
    from reports.written_report import export_written_report  # python-docx only when used

    database, store = turn.database, turn.evidence
    assert database is not None and store is not None
    targets, today = turn.config.targets, turn.today
    unit = await turn.tx.units.by_code(data["unit"])
    scope = scope_of(turn.require_person())
    if unit is None or not await turn.tx.units.scope_contains(scope, unit.id):
        raise NotAllowed()  # checked again: never trust a draft
    period = data["period"]
    name = _("report-{period}-{unit}.docx").format(period=period, unit=unit.code)
    path = _folder() / name

    async def report() -> Document:
        await export_written_report(
            database, store, path, unit=unit, period=period, targets=targets, today=today
        )
        return Document(path, name, temporary=True)

    text = _("📝 {title} of {unit}.").format(title=period_title(period), unit=unit.name)
    return [Reply(text, produce=report)]


async def visits_file(turn: Turn, data: Data) -> list[Reply]:
    """The visit log of the clusters the person leads (or, for a member, their own)."""
    from reports.visit_export import export_visits_xlsx  # openpyxl only when used

    person = turn.require_person()
    database = turn.database
    assert database is not None
    year, month = (int(part) for part in str(data["month"]).split("-"))
    only: int | None = None
    if person.has_role(Role.ADMIN):
        clusters = [c.id for c in await turn.tx.units.clusters()]
    else:
        clusters = await turn.tx.visits.led_clusters(person.id)
        if not clusters:
            clusters, only = await turn.tx.visits.assigned_clusters(person.id), person.id
    name = _("visits-{year}-{month:02d}.xlsx").format(year=year, month=month)
    path = _folder() / name

    async def visits() -> Document:
        await export_visits_xlsx(database, path, clusters, year, month, person_id=only)
        return Document(path, name, temporary=True)

    text = _("🗓 The visit log of {month:02d}/{year}.").format(month=month, year=year)
    return [Reply(text, produce=visits)]
