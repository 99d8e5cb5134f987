"""Small SQL pieces that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeVar, cast

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult, Result
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlmodel import SQLModel, col

_ROWS_PER_STATEMENT: Final = 500
T = TypeVar("T")


def non_null(column: T | None) -> Mapped[T]:
    """A column as a query reads it where it cannot be NULL: a primary key, or a column the query
    filters with ``IS NOT NULL``. SQLModel types such columns ``Optional`` for rows not yet
    saved; this says what the query guarantees, and checks that ``column`` is a column."""
    return cast(Mapped[T], col(column))


def cursor(result: Result[Any]) -> CursorResult[Any]:
    """The result of an INSERT, UPDATE or DELETE, with its ``rowcount`` (the session types every
    result as a plain ``Result``)."""
    assert isinstance(result, CursorResult)
    return result


async def insert_ignoring_conflicts(
    session: AsyncSession,
    table: sa.Table | type[SQLModel],
    rows: Sequence[Mapping[str, Any]],
    conflict_columns: Sequence[str],
) -> int:
    """Insert ``rows``, skipping those that clash on ``conflict_columns``; return how many went in.

    This is what makes enqueueing and update bookkeeping idempotent: a second insert of the same
    key is a no-op on both backends, even when two processes race.
    """
    if not rows:
        return 0
    assert session.bind is not None
    dialect = session.bind.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    inserted = 0
    for start in range(0, len(rows), _ROWS_PER_STATEMENT):
        part = [dict(row) for row in rows[start : start + _ROWS_PER_STATEMENT]]
        statement = (
            insert(table).values(part).on_conflict_do_nothing(index_elements=list(conflict_columns))
        )
        result = cursor(await session.execute(statement))
        inserted += max(int(result.rowcount or 0), 0)
    return inserted
