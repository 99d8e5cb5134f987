"""Inserting while ignoring clashes, on each backend: the count of rows that went in, across the
statement size, and a clash inside one batch skipped too."""

from __future__ import annotations

import datetime as dt

from storage.db import Database

NOW = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)


async def test_clashing_rows_are_skipped_and_counted_out(database: Database) -> None:
    rows = [
        {"id": n, "name": f"Người {n}", "locale": "vi", "created_at": NOW} for n in range(1, 1201)
    ]
    async with database.transaction() as tx:
        assert await tx.bulk.insert("person", rows, ["id"]) == 1200  # three statements of 500
        again = [*rows[1195:], {"id": 5000, "name": "Mới", "locale": "vi", "created_at": NOW}]
        assert await tx.bulk.insert("person", again, ["id"]) == 1
        assert await tx.bulk.insert("person", [], ["id"]) == 0
        people = await tx.accounts.people([1, 1200, 5000, 5001])
    assert sorted(people) == [1, 1200, 5000]
