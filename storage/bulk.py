"""Bulk loading for benchmarks: rows straight into a table, thousands per statement.

It skips every check the repositories make, so the product never uses it; ``bench/`` seeds large
organisations with it without writing SQL of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

from storage import tables  # noqa: F401  (registers every table in the metadata)
from storage.sql import insert_ignoring_conflicts


class BulkLoader:
    """Inserts of many rows into a table named as in the schema (``model``, ``person``, ...)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def insert(
        self, table: str, rows: Sequence[Mapping[str, Any]], conflict: Sequence[str]
    ) -> int:
        """Insert ``rows`` into ``table``, skipping those that clash on ``conflict``; returns how
        many went in."""
        return await insert_ignoring_conflicts(
            self.session, SQLModel.metadata.tables[table], rows, list(conflict)
        )
