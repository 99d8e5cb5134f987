"""Transactions: a read-only block refuses every write, on each backend, and reads go on."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.db import Database, WriteRefused

NOW = dt.datetime(2026, 11, 4, 2, 0, tzinfo=dt.UTC)


async def test_a_read_only_block_refuses_writes_and_allows_reads(database: Database) -> None:
    async with database.transaction() as tx:
        person = await tx.accounts.create_person("Nguyễn An", "vi", NOW)
    with pytest.raises(WriteRefused):
        async with database.transaction() as tx, tx.read_only():
            assert await tx.accounts.person(person) is not None  # reading is fine
            await tx.accounts.create_person("Trần Bình", "vi", NOW)
    with pytest.raises(WriteRefused):
        async with database.transaction() as tx, tx.read_only():
            await tx.accounts.set_locale(person, "en")
    async with database.transaction() as tx:
        async with tx.read_only():
            pass
        await tx.accounts.set_locale(person, "en")  # after the block, writes are allowed again
    async with database.read() as tx:
        people = await tx.accounts.people(range(1, 1000))
    assert [(p.name, p.locale) for p in people.values()] == [("Nguyễn An", "en")]
