"""The visit log as a spreadsheet: one sheet per cluster, the visits and then the matrix."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from locales import _
from reports.registry_export import header_cells
from reports.visit_matrix import cluster_months
from storage.db import Database

_SHEET_NAME: Final = re.compile(r"[\[\]:*?/\\]")


async def export_visits_xlsx(
    database: Database,
    path: Path,
    cluster_ids: Sequence[int],
    year: int,
    month: int,
    *,
    person_id: int | None = None,
) -> int:
    """Write the month's visits of the clusters (of one member, when given); returns visits."""
    async with database.read() as tx:
        clusters = await cluster_months(tx, cluster_ids, year, month)
    book = Workbook(write_only=True)
    count = 0
    for cluster in clusters:
        members = [m for m in cluster.members if person_id in (None, m.person_id)]
        visits = [v for v in cluster.visits if person_id in (None, v.person_id)]
        title = _SHEET_NAME.sub(" ", cluster.cluster.name)[:31]
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        for index, width in enumerate([12, 24, 28, 12, 50, 50, 8], start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.append(
            header_cells(
                sheet,
                [
                    _("Date"),
                    _("BTV member"),
                    _("Unit"),
                    _("Attended a branch meeting"),
                    _("Findings"),
                    _("Advice"),
                    _("Photos"),
                ],
            )
        )
        for visit in visits:
            day = WriteOnlyCell(sheet, value=visit.fields.visit_date)
            day.number_format = "dd/mm/yyyy"
            sheet.append(
                [
                    day,
                    visit.person_name,
                    visit.unit_name,
                    _("yes") if visit.fields.attended_meeting else _("no"),
                    visit.fields.findings,
                    visit.fields.advice,
                    visit.photo_count,
                ]
            )
        count += len(visits)
        sheet.append([])
        sheet.append(header_cells(sheet, [_("BTV member"), *(u.name for u in cluster.units)]))
        for member in members:
            marks = [
                "✓" if cluster.visits_of(member.person_id, unit.id) else "✗"
                for unit in cluster.units
            ]
            sheet.append([member.name, *marks])
    if not clusters:
        book.create_sheet(_("Visits")).append([_("No cluster to show.")])
    book.save(path)
    return count
