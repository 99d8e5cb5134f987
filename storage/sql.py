"""Small SQL pieces that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

_ROWS_PER_STATEMENT: Final = 500


async def insert_ignoring_conflicts(
    session: AsyncSession,
    table: Any,
    rows: Sequence[Mapping[str, Any]],
    conflict_columns: Sequence[str],
) -> int:
    """Insert ``rows``, skipping those that clash on ``conflict_columns``; return how many went in.

    This is what makes enqueueing and update bookkeeping idempotent: a second insert of the same
    key is a no-op on both backends, even when two processes race.
    """
    if not rows:
        return 0
    dialect = session.bind.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    inserted = 0
    for start in range(0, len(rows), _ROWS_PER_STATEMENT):
        part = [dict(row) for row in rows[start : start + _ROWS_PER_STATEMENT]]
        statement = (
            insert(table).values(part).on_conflict_do_nothing(index_elements=list(conflict_columns))
        )
        result = await session.execute(statement)
        inserted += max(int(result.rowcount or 0), 0)  # type: ignore[attr-defined]
    return inserted
