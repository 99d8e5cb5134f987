"""The commendation rounds of a phase that have been closed: when, by whom, forced or not, why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.sql import insert_ignoring_conflicts
from storage.tables import CommendationRound


@dataclass(frozen=True, slots=True)
class RoundClosure:
    """How a commendation round of a phase was closed."""

    phase: str
    round: int
    closed_at: dt.datetime
    #: closed before its date in the phase
    forced: bool
    reason: str | None
    closed_by: str


@dataclass(frozen=True, slots=True)
class Closing:
    """The closure in force after a close, and whether this close made it (False: closed before)."""

    closure: RoundClosure
    new: bool


class CommendationRoundRepository:
    """Reads and writes of the closed commendation rounds."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def close(
        self,
        phase: str,
        number: int,
        at: dt.datetime,
        *,
        forced: bool,
        reason: str | None,
        by: str,
    ) -> Closing:
        """Record round ``number`` of ``phase`` as closed; a round closed before keeps its first
        closure (when, by whom, why), so closing twice changes nothing here."""
        inserted = await insert_ignoring_conflicts(
            self.session,
            CommendationRound,
            [
                {
                    "phase": phase,
                    "round": number,
                    "closed_at": at,
                    "forced": forced,
                    "reason": reason,
                    "closed_by": by,
                }
            ],
            ["phase", "round"],
        )
        closure = await self.closure(phase, number)
        assert closure is not None
        return Closing(closure, inserted == 1)

    async def closure(self, phase: str, number: int) -> RoundClosure | None:
        """How round ``number`` of ``phase`` was closed, if it was."""
        rows = await self.of_phase(phase)
        return next((row for row in rows if row.round == number), None)

    async def of_phase(self, phase: str) -> list[RoundClosure]:
        """The closed rounds of ``phase``, by round."""
        rows = await self.session.execute(
            sa.select(CommendationRound)
            .where(col(CommendationRound.phase) == phase)
            .order_by(col(CommendationRound.round))
        )
        return [
            RoundClosure(r.phase, r.round, r.closed_at, r.forced, r.reason, r.closed_by)
            for r in rows.scalars()
        ]
