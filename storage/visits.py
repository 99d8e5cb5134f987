"""Visits of BTV members to grassroots units (the monthly visit log)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import Visit


@dataclass(frozen=True, slots=True)
class VisitFields:
    """What a BTV member logs about one visit."""

    unit_id: int
    visit_date: dt.date
    attended_meeting: bool
    findings: str
    advice: str


class VisitRepository:
    """Reads and writes of the visit log."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def log(self, person_id: int, fields: VisitFields, now: dt.datetime) -> int:
        """Record a visit; returns its id."""
        row = Visit(
            person_id=person_id,
            unit_id=fields.unit_id,
            visit_date=fields.visit_date,
            attended_meeting=fields.attended_meeting,
            findings=fields.findings,
            advice=fields.advice,
            created_at=now,
            updated_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        assert row.id is not None
        return row.id
