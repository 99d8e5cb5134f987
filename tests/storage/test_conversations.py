"""The bot-wide count of wrong invite codes: shared by processes, one number per failure."""

from __future__ import annotations

import asyncio
import datetime as dt

from storage.db import Database

NOW = dt.datetime(2027, 1, 8, 3, 0, tzinfo=dt.UTC)
WINDOW = dt.timedelta(minutes=10)


async def test_two_processes_count_together_each_failure_once(database: Database) -> None:
    other = Database(database.url)  # a second process on the same database
    try:

        async def fail(db: Database) -> int:
            async with db.transaction() as tx:
                return await tx.conversations.record_bot_wide_join_failure(NOW, WINDOW)

        counts = await asyncio.gather(*(fail(database if n % 2 else other) for n in range(40)))
    finally:
        await other.dispose()
    assert sorted(counts) == list(range(1, 41))  # exactly one of them saw 31
    async with database.read() as tx:
        assert await tx.conversations.bot_wide_join_failures(NOW, WINDOW) == 40
        later = NOW + WINDOW + dt.timedelta(seconds=1)
        assert await tx.conversations.bot_wide_join_failures(later, WINDOW) == 0
    async with database.transaction() as tx:  # a new window starts from one
        assert await tx.conversations.record_bot_wide_join_failure(later, WINDOW) == 1
        # a chat's own count is not the bot-wide one
        assert await tx.conversations.join_blocked_until("*", "*", later) is None
