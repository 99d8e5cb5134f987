"""Secrets the bot generates once and keeps: the same in every process and after a restart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from storage.sql import insert_ignoring_conflicts
from storage.tables import BotSecret


class SecretRepository:
    """Reads and writes of the kept secrets."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def kept(self, name: str, make: Callable[[], str], now: dt.datetime) -> str:
        """The secret called ``name``, made with ``make`` and kept the first time it is asked
        for; two processes asking at once get the same one."""
        await insert_ignoring_conflicts(
            self.session,
            BotSecret,
            [{"name": name, "value": make(), "created_at": now}],
            ["name"],
        )
        row = await self.session.get(BotSecret, name, populate_existing=True)
        assert row is not None
        return row.value
