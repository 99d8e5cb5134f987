"""The UTC column: aware datetimes go in, aware UTC comes out, on each backend; naive ones are
refused as the bug they are."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.organisation import Role
from storage.db import Database

HANOI = dt.timezone(dt.timedelta(hours=7))


async def test_a_moment_comes_back_in_utc_whatever_zone_it_went_in(database: Database) -> None:
    moment = dt.datetime(2026, 11, 23, 16, 0, tzinfo=HANOI)
    async with database.transaction() as tx:
        invite = await tx.accounts.create_invite(
            "ABCDEFGHJKMN", Role.ADMIN, None, None, None, moment, moment
        )
    async with database.read() as tx:
        stored = await tx.accounts.invite(invite)
    assert stored is not None
    assert stored.expires_at == dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    assert stored.expires_at.utcoffset() == dt.timedelta(0)


async def test_a_naive_moment_is_refused(database: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        async with database.transaction() as tx:
            await tx.accounts.create_person("Nguyễn An", "vi", dt.datetime(2026, 11, 23, 9, 0))
