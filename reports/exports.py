"""Exports of the registry: streamed from the database to a file, never held whole in memory."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any, Final

from locales import N_, _, format_datetime
from reports.vocabulary import direction_name, domain_name, owner_kind_name, status_name
from storage.db import Database
from storage.models import RegistryRow, stream_registry

#: The registry's columns: a header msgid and how to read the value from a row.
REGISTRY_COLUMNS: Final = (
    (N_("No."), lambda r, z: r.model.id),
    (N_("Unit code"), lambda r, z: r.unit_code),
    (N_("Unit"), lambda r, z: r.unit_name),
    (N_("Year"), lambda r, z: r.model.year),
    (N_("Name of the model"), lambda r, z: r.model.fields.name),
    (N_("Owner is"), lambda r, z: owner_kind_name(r.model.fields.owner_kind)),
    (N_("Owner"), lambda r, z: r.model.fields.owner_name),
    (N_("Address"), lambda r, z: r.model.fields.address),
    (N_("Latitude"), lambda r, z: r.model.fields.latitude),
    (N_("Longitude"), lambda r, z: r.model.fields.longitude),
    (N_("Domain"), lambda r, z: domain_name(r.model.fields.domain)),
    (N_("Participants"), lambda r, z: r.model.fields.participants),
    (N_("Who takes part"), lambda r, z: r.model.fields.participants_note),
    (N_("Registered with"), lambda r, z: _opt(direction_name, r.model.fields.direction)),
    (N_("Method"), lambda r, z: r.model.fields.method),
    (N_("Expected effect"), lambda r, z: r.model.fields.effect),
    (N_("Beneficiaries"), lambda r, z: r.model.fields.beneficiaries),
    (N_("Money raised (đồng)"), lambda r, z: r.model.fields.money_vnd),
    (N_("Things built"), lambda r, z: r.model.fields.built),
    (N_("Status"), lambda r, z: status_name(r.model.status)),
    (N_("Number of photos"), lambda r, z: r.model.photo_count),
    (N_("Registered by"), lambda r, z: r.registered_by_name),
    (N_("Registered at"), lambda r, z: format_datetime(r.model.registered_at, z)),
)


def _opt(render: Any, value: str | None) -> str | None:
    return None if value is None else render(value)


def registry_header() -> list[str]:
    """The column titles in the current language."""
    return [_(title) for title, _read in REGISTRY_COLUMNS]


def registry_values(row: RegistryRow, zone: dt.tzinfo) -> list[Any]:
    """One model's cells, texts exactly as typed, choices in the reader's language."""
    return [read(row, zone) for _title, read in REGISTRY_COLUMNS]


async def registry_rows(
    database: Database, unit_ids: Sequence[int] | None, year: int | None
) -> AsyncIterator[RegistryRow]:
    """The models in scope, streamed."""
    async with database.read() as tx:
        subtree = tx.units.subtree_query(unit_ids) if unit_ids is not None else None
        async for row in stream_registry(tx.session, subtree, year):
            yield row


async def export_registry_csv(
    database: Database,
    path: Path,
    zone: dt.tzinfo,
    *,
    unit_ids: Sequence[int] | None = None,
    year: int | None = None,
) -> int:
    """Write the registry as CSV (UTF-8 with BOM, so Excel shows the diacritics); returns rows."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(registry_header())
        async for row in registry_rows(database, unit_ids, year):
            writer.writerow(["" if v is None else v for v in registry_values(row, zone)])
            count += 1
    return count
