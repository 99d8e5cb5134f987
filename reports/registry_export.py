"""Exports of the registry: streamed from the database to a file, never held whole in memory.

CSV for machines, XLSX for committees: a registry sheet (every field, status, criteria results,
photo count) with a frozen header and sensible widths, a summary sheet by unit and domain, and an
exemplars sheet (each individual exemplar with its status and its three criteria). The CSV holds
the models only: one table per file.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any, Final, TypedDict, Unpack

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from domain.criteria import CRITERIA_COUNT, EXEMPLAR_CRITERIA_COUNT
from domain.registry import DOMAIN_NAMES
from domain.scope import Scope
from locales import N_, _, format_datetime
from reports.goal_progress import goal_text, per_cent_text, quantity
from reports.vocabulary import (
    direction_name,
    domain_name,
    owner_kind_name,
    proof_text,
    status_name,
)
from storage.appraisals import AppraisalRecord
from storage.db import Database
from storage.exemplars import ExemplarAppraisalRecord, ExemplarRow
from storage.model_registry import RegistryRow

BATCH: Final = 500

#: The registry's columns: header msgid, width in the spreadsheet, and how to read the value.
REGISTRY_COLUMNS: Final = (
    (N_("No."), 7, lambda r, z: r.model.id),
    (N_("Unit code"), 14, lambda r, z: r.unit_code),
    (N_("Unit"), 28, lambda r, z: r.unit_name),
    (N_("Year"), 7, lambda r, z: r.model.year),
    (N_("Name of the model"), 36, lambda r, z: r.model.fields.name),
    (N_("Owner is"), 11, lambda r, z: owner_kind_name(r.model.fields.owner_kind)),
    (N_("Owner"), 26, lambda r, z: r.model.fields.owner_name),
    (N_("Address"), 30, lambda r, z: r.model.fields.address),
    (N_("Latitude"), 10, lambda r, z: r.model.fields.latitude),
    (N_("Longitude"), 10, lambda r, z: r.model.fields.longitude),
    (N_("Domain"), 22, lambda r, z: domain_name(r.model.fields.domain)),
    (N_("Participants"), 11, lambda r, z: r.model.fields.participants),
    (N_("Who takes part"), 30, lambda r, z: r.model.fields.participants_note),
    (N_("Registered with"), 20, lambda r, z: _opt(direction_name, r.model.fields.direction)),
    (N_("Method"), 36, lambda r, z: r.model.fields.method),
    (N_("Expected effect"), 36, lambda r, z: r.model.fields.effect),
    (N_("Beneficiaries"), 11, lambda r, z: r.model.fields.beneficiaries),
    (N_("Money raised (đồng)"), 16, lambda r, z: r.model.fields.money_vnd),
    (N_("Things built"), 26, lambda r, z: r.model.fields.built),
    (N_("Status"), 18, lambda r, z: status_name(r.model.status)),
    (N_("Number of photos"), 8, lambda r, z: r.model.photo_count),
    (N_("Registered by"), 22, lambda r, z: r.registered_by_name),
    (N_("Registered at"), 17, lambda r, z: format_datetime(r.model.registered_at, z)),
    (N_("Replication of"), 30, lambda r, z: _original(r)),
)


def _original(row: RegistryRow) -> str | None:
    """The model it replicates, by name and number."""
    if row.replicates_name is None:
        return None
    return _("{name} (no. {id})").format(name=row.replicates_name, id=row.model.replicates_model_id)


#: The exemplars sheet's columns, as the registry's; then the criteria of the latest appraisal.
EXEMPLAR_COLUMNS: Final = (
    (N_("No."), 7, lambda r, z: r.exemplar.id),
    (N_("Unit code"), 14, lambda r, z: r.unit_code),
    (N_("Unit"), 28, lambda r, z: r.unit_name),
    (N_("Year"), 7, lambda r, z: r.exemplar.year),
    (N_("Full name"), 26, lambda r, z: r.exemplar.person_name),
    (N_("Position"), 26, lambda r, z: r.exemplar.position),
    (N_("Achievement"), 48, lambda r, z: r.exemplar.achievement),
    (N_("Status"), 18, lambda r, z: status_name(r.exemplar.status)),
    (N_("Number of photos"), 8, lambda r, z: r.exemplar.photo_count),
    (N_("Registered by"), 22, lambda r, z: r.registered_by_name),
    (N_("Registered at"), 17, lambda r, z: format_datetime(r.exemplar.registered_at, z)),
)


def _opt(render: Any, value: str | None) -> str | None:
    return None if value is None else render(value)


#: registration questions without a column of their own, as (field, label msgid): their answers
#: are the model's ``details``, one column each after the fixed ones
Details = Sequence[tuple[str, str]]


class Options(TypedDict, total=False):
    """What an export of the registry may be told: the year (all years when left out), and the
    detail columns."""

    year: int | None
    details: Details


def registry_header(*, criteria: bool, details: Details = ()) -> list[str]:
    """The column titles in the current language."""
    titles = [_(title) for title, _width, _read in REGISTRY_COLUMNS]
    titles.extend(_(label) for _field, label in details)
    if criteria:
        titles.append(_("Criteria met"))
        titles.extend(
            _("Criterion {number}").format(number=n) for n in range(1, CRITERIA_COUNT + 1)
        )
        titles.append(_("Appraisal note"))
    return titles


def registry_values(
    row: RegistryRow,
    zone: dt.tzinfo,
    appraisal: AppraisalRecord | None = None,
    *,
    criteria: bool,
    details: Details = (),
) -> list[Any]:
    """One model's cells: texts exactly as typed, choices in the reader's language."""
    values = [read(row, zone) for _title, _width, read in REGISTRY_COLUMNS]
    values.extend(row.model.fields.details.get(field) for field, _label in details)
    if criteria:
        if appraisal is None:
            values.extend([None] * (CRITERIA_COUNT + 2))
        else:
            values.append(f"{appraisal.met}/{CRITERIA_COUNT}")
            for index, c in enumerate(appraisal.criteria):
                said = [c.note or ""]
                if index == 0 and appraisal.proof is not None:  # what confirms criterion 1
                    said = [part for part in (c.note, proof_text(appraisal.proof)) if part]
                values.append(("✓ " if c.met else "✗ ") + " · ".join(said))
            values.append(appraisal.message)
    return values


async def registry_batches(
    database: Database, scope: Scope, year: int | None
) -> AsyncIterator[tuple[list[RegistryRow], dict[int, AppraisalRecord]]]:
    """The models in scope in batches, each with the latest appraisals of its models."""
    async with database.read() as tx, database.read() as side:
        batch: list[RegistryRow] = []
        async for row in tx.models.registry(scope, year):
            batch.append(row)
            if len(batch) == BATCH:
                yield batch, await side.appraisals.latest([r.model.id for r in batch])
                batch = []
        if batch:
            yield batch, await side.appraisals.latest([r.model.id for r in batch])


async def export_registry_csv(
    database: Database, path: Path, zone: dt.tzinfo, scope: Scope, **options: Unpack[Options]
) -> int:
    """Write the registry as CSV (UTF-8 with BOM, so Excel shows the diacritics); returns rows."""
    year, details = options.get("year"), options.get("details", ())
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(registry_header(criteria=True, details=details) + goal_header())
        async for batch, appraisals in registry_batches(database, scope, year):
            goals = await goal_cells(database, batch)
            for row in batch:
                appraisal = appraisals.get(row.model.id)
                values = registry_values(row, zone, appraisal, criteria=True, details=details)
                values += goals.get(row.model.id, NO_GOALS)
                writer.writerow(["" if v is None else v for v in values])
            count += len(batch)
    return count


# --- Goals and pilots: four columns after the others -------------------------------------------

#: the goal columns of a model without goals nor pilot marks
NO_GOALS: Final[list[Any]] = [None, None, None, None]
GOAL_WIDTHS: Final = [30, 22, 14, 26]


def goal_header() -> list[str]:
    """The titles of the goal columns, in the current language."""
    return [_("Goals"), _("Achieved so far"), _("Per cent achieved"), _("Pilot model of")]


async def goal_cells(database: Database, batch: Sequence[RegistryRow]) -> dict[int, list[Any]]:
    """For each model of the batch with goals or pilot marks: its goals, what is achieved of
    each (the latest report) and the per cent, each list joined by "; ", and the units it is a
    pilot of."""
    ids = [row.model.id for row in batch]
    async with database.read() as tx:
        goals = await tx.goals.of_models(ids)
        achieved = await tx.goals.achieved([g.id for listed in goals.values() for g in listed])
        pilots = await tx.goals.pilot_units(ids)
        names = await tx.units.many({u for units in pilots.values() for u in units})
    cells: dict[int, list[Any]] = {}
    for model_id in set(goals) | set(pilots):
        listed = goals.get(model_id, [])
        done = [achieved.get(g.id) for g in listed]
        cells[model_id] = [
            "; ".join(goal_text(g.goal) for g in listed) or None,
            "; ".join("–" if d is None else quantity(d) for d in done) or None,
            "; ".join(
                "–" if d is None else per_cent_text(d, g.goal)
                for g, d in zip(listed, done, strict=True)
            )
            or None,
            ", ".join(sorted(names[u].name for u in pilots.get(model_id, []))) or None,
        ]
    return cells


_HEADER_FONT: Final = Font(bold=True, color="FFFFFF")
_HEADER_FILL: Final = PatternFill("solid", fgColor="1F4E79")
_WRAP: Final = Alignment(wrap_text=True, vertical="top")


def header_cells(sheet: Any, titles: Sequence[str]) -> list[WriteOnlyCell]:
    """A header row: bold white on dark blue, wrapped."""
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        cells.append(cell)
    return cells


async def export_registry_xlsx(
    database: Database, path: Path, zone: dt.tzinfo, scope: Scope, **options: Unpack[Options]
) -> int:
    """Write the registry as XLSX in write-only (streaming) mode; returns how many models."""
    year, details = options.get("year"), options.get("details", ())
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Registry"))
    sheet.freeze_panes = "A2"
    widths = [width for _title, width, _read in REGISTRY_COLUMNS] + [26] * len(details)
    widths += [9] + [14] * CRITERIA_COUNT + [30] + GOAL_WIDTHS
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    titles_here = registry_header(criteria=True, details=details) + goal_header()
    sheet.append(header_cells(sheet, titles_here))
    titles = [title for title, _width, _read in REGISTRY_COLUMNS]
    money_at, moment_at = titles.index("Money raised (đồng)"), titles.index("Registered at")
    count = 0
    async for batch, appraisals in registry_batches(database, scope, year):
        goals = await goal_cells(database, batch)
        for row in batch:
            appraisal = appraisals.get(row.model.id)
            values = registry_values(row, zone, appraisal, criteria=True, details=details)
            values += goals.get(row.model.id, NO_GOALS)
            # Real numbers and dates, so that the committee can sort and add them up.
            money = WriteOnlyCell(sheet, value=row.model.fields.money_vnd)
            money.number_format = "#,##0"
            moment = WriteOnlyCell(
                sheet, value=row.model.registered_at.astimezone(zone).replace(tzinfo=None)
            )
            moment.number_format = "dd/mm/yyyy hh:mm"
            values[money_at], values[moment_at] = money, moment
            sheet.append(values)
        count += len(batch)
    await _summary_sheet(book, database, scope, year)
    await _exemplar_sheet(book, database, zone, scope, year)
    book.save(path)
    return count


_MISSING_FILL: Final = PatternFill("solid", fgColor="F8CBAD")


async def _summary_sheet(
    book: Workbook, database: Database, scope: Scope, year: int | None
) -> None:
    """The coverage matrix: the units below the scope's top (rows) × the four domains
    (columns), counting the models of each unit's subtree that count towards the targets; a
    domain without a model is filled in red and named in the last column. Totals at the end."""
    sheet = book.create_sheet(_("Summary"))
    sheet.freeze_panes = "C2"
    domains = list(DOMAIN_NAMES)
    titles = [
        _("Unit code"),
        _("Unit"),
        *(_(DOMAIN_NAMES[d]) for d in domains),
        _("Total"),
        _("Domains without a model"),
    ]
    for index, width in enumerate([14, 32, *([16] * len(domains)), 10, 40], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(header_cells(sheet, titles))
    async with database.read() as tx:
        matrix = await tx.digest.domain_matrix(scope, year)
    totals = dict.fromkeys(domains, 0)
    for row in sorted(matrix, key=lambda r: r.unit.code):
        values = [row.by_domain.get(d.value, 0) for d in domains]
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if not value:
                cell.fill = _MISSING_FILL
            cells.append(cell)
        missing = ", ".join(
            _(DOMAIN_NAMES[d]) for d, v in zip(domains, values, strict=True) if not v
        )
        sheet.append([row.unit.code, row.unit.name, *cells, sum(values), missing])
        for domain, value in zip(domains, values, strict=True):
            totals[domain] += value
    total_cells = [WriteOnlyCell(sheet, value=_("Total")), WriteOnlyCell(sheet, value="")]
    total_cells += [WriteOnlyCell(sheet, value=totals[d]) for d in domains]
    total_cells.append(WriteOnlyCell(sheet, value=sum(totals.values())))
    for cell in total_cells:
        cell.font = Font(bold=True)
    sheet.append(total_cells)


def exemplar_header() -> list[str]:
    """The exemplars sheet's column titles in the current language."""
    titles = [_(title) for title, _width, _read in EXEMPLAR_COLUMNS]
    titles.append(_("Criteria met"))
    titles.extend(
        _("Criterion {number}").format(number=n) for n in range(1, EXEMPLAR_CRITERIA_COUNT + 1)
    )
    titles.append(_("Appraisal note"))
    return titles


def exemplar_values(
    row: ExemplarRow, zone: dt.tzinfo, appraisal: ExemplarAppraisalRecord | None
) -> list[Any]:
    """One exemplar's cells: texts as typed, the status in the reader's language."""
    values = [read(row, zone) for _title, _width, read in EXEMPLAR_COLUMNS]
    if appraisal is None:
        values.extend([None] * (EXEMPLAR_CRITERIA_COUNT + 2))
    else:
        values.append(f"{appraisal.met}/{EXEMPLAR_CRITERIA_COUNT}")
        values.extend(("✓ " if c.met else "✗ ") + (c.note or "") for c in appraisal.criteria)
        values.append(appraisal.message)
    return values


async def _exemplar_sheet(
    book: Workbook, database: Database, zone: dt.tzinfo, scope: Scope, year: int | None
) -> None:
    """Every individual exemplar in scope, streamed in batches like the registry."""
    sheet = book.create_sheet(_("Exemplars"))
    sheet.freeze_panes = "A2"
    widths = [width for _title, width, _read in EXEMPLAR_COLUMNS]
    widths += [9] + [14] * EXEMPLAR_CRITERIA_COUNT + [30]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(header_cells(sheet, exemplar_header()))
    moment_at = [title for title, _width, _read in EXEMPLAR_COLUMNS].index("Registered at")

    def write(batch: list[ExemplarRow], appraisals: dict[int, ExemplarAppraisalRecord]) -> None:
        for row in batch:
            values = exemplar_values(row, zone, appraisals.get(row.exemplar.id))
            moment = WriteOnlyCell(
                sheet, value=row.exemplar.registered_at.astimezone(zone).replace(tzinfo=None)
            )
            moment.number_format = "dd/mm/yyyy hh:mm"
            values[moment_at] = moment
            sheet.append(values)

    async with database.read() as tx, database.read() as side:
        batch: list[ExemplarRow] = []
        async for row in tx.exemplars.registry(scope, year):
            batch.append(row)
            if len(batch) == BATCH:
                write(batch, await side.exemplars.latest([r.exemplar.id for r in batch]))
                batch = []
        if batch:
            write(batch, await side.exemplars.latest([r.exemplar.id for r in batch]))
