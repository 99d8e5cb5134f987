"""Closed commendation rounds: recorded once with when, who, forced and why; a second close keeps
the first record (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from storage.commendation_rounds import RoundClosure
from storage.db import Database

EARLY = dt.datetime(2027, 6, 1, 3, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2027, 12, 2, 3, 0, tzinfo=dt.UTC)


async def test_a_forced_close_is_recorded_with_its_reason_and_kept(database: Database) -> None:
    async with database.transaction() as tx:
        first = await tx.commendation_rounds.close(
            "2026-2028", 1, EARLY, forced=True, reason="Tổng kết sớm theo chỉ đạo", by="cli:lan"
        )
    assert first.new
    assert first.closure == RoundClosure(
        "2026-2028", 1, EARLY, True, "Tổng kết sớm theo chỉ đạo", "cli:lan"
    )
    async with database.transaction() as tx:
        again = await tx.commendation_rounds.close(
            "2026-2028", 1, LATER, forced=False, reason=None, by="cli:minh"
        )
        other = await tx.commendation_rounds.close(
            "2026-2028", 2, LATER, forced=False, reason=None, by="cli:minh"
        )
        elsewhere = await tx.commendation_rounds.close(
            "2029-2031", 1, LATER, forced=False, reason=None, by="cli:minh"
        )
    assert not again.new and again.closure == first.closure  # closing twice changes nothing
    assert other.new and elsewhere.new
    async with database.read() as tx:
        closed = await tx.commendation_rounds.of_phase("2026-2028")
        missing = await tx.commendation_rounds.closure("2026-2028", 3)
    assert [(c.round, c.closed_at, c.forced, c.closed_by) for c in closed] == [
        (1, EARLY, True, "cli:lan"),
        (2, LATER, False, "cli:minh"),
    ]
    assert missing is None
