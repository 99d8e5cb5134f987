"""Secretary invites for many units at once, as a spreadsheet for a mail merge.

The invites are created and the file written in one transaction: when the file cannot be written,
nothing is committed, so no code exists that nobody was given.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from domain.scope import Scope
from locales import N_, _, format_datetime
from reports.registry_export import header_cells
from storage.db import Database
from storage.invites import UnitInvite, issue_unit_invites

#: header msgid and width of each column
INVITE_COLUMNS: Final = (
    (N_("Unit code"), 16),
    (N_("Unit"), 34),
    (N_("Invite code"), 16),
    (N_("Link"), 48),
    (N_("Valid until"), 18),
)

StartLink = Callable[[str], str | None]


def write_invites_xlsx(
    path: Path, invites: Sequence[UnitInvite], zone: dt.tzinfo, link: StartLink
) -> None:
    """One row per invite: unit code, unit name, code, link (empty when none), expiry.

    Written to a temporary name beside ``path`` and renamed, so a failure leaves no half file.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Invites"))
    sheet.freeze_panes = "A2"
    for index, (_title, width) in enumerate(INVITE_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(header_cells(sheet, [_(title) for title, _width in INVITE_COLUMNS]))
    for made in invites:
        sheet.append(
            [
                made.unit.code,
                made.unit.name,
                made.code,
                link(made.code) or "",
                format_datetime(made.invite.expires_at, zone),
            ]
        )
    temporary = path.with_name(f".{path.name}.partial")
    try:
        book.save(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


async def export_unit_invites(
    database: Database,
    path: Path,
    zone: dt.tzinfo,
    scope: Scope,
    *,
    level: str,
    expires_at: dt.datetime,
    now: dt.datetime,
    link: StartLink,
    created_by: int | None = None,
) -> int:
    """Invite the secretary of every unit of ``level`` in ``scope`` that has none, into ``path``.

    Returns how many invites were made. Raises ``OSError`` (and commits nothing) when the file
    cannot be written.
    """
    async with database.transaction() as tx:
        made = await issue_unit_invites(
            tx,
            level=level,
            scope=scope,
            expires_at=expires_at,
            now=now,
            created_by=created_by,
        )
        # Still inside the transaction: an error here rolls the invites back.
        await asyncio.to_thread(write_invites_xlsx, path, made, zone, link)
    return len(made)
