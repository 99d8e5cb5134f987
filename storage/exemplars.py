"""The cycle of individual exemplars after registration: appraisal against their three criteria,
the status log, nominations for the commendation rounds, and the lists and counts that the view,
the exports, the digest and the written report read (each filtered by a scope, set-based)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.registry import Status
from domain.scope import Scope
from domain.unit_moves import tree_day
from storage.appraisals import CriterionResult
from storage.model_registry import _exemplar, _photo_count
from storage.records import ExemplarRecord
from storage.tables import (
    Evidence,
    EvidenceBlob,
    Exemplar,
    ExemplarAppraisal,
    ExemplarNomination,
    ExemplarStatusChange,
    Person,
    Unit,
)
from storage.units import chunked, within


@dataclass(frozen=True, slots=True)
class ExemplarAppraisalRecord:
    """The latest appraisal of an exemplar."""

    exemplar_id: int
    reviewer_id: int
    criteria: tuple[CriterionResult, ...]
    decision: str
    message: str | None
    appraised_at: dt.datetime

    @property
    def met(self) -> int:
        """How many criteria are met."""
        return sum(1 for c in self.criteria if c.met)


@dataclass(frozen=True, slots=True)
class ExemplarStatusChangeRecord:
    """One entry of an exemplar's audit log."""

    exemplar_id: int
    from_status: str
    to_status: str
    changed_by: int | None
    changed_at: dt.datetime
    reason: str | None


@dataclass(frozen=True, slots=True)
class ExemplarRow:
    """One exemplar as the exports and the written report list it."""

    exemplar: ExemplarRecord
    unit_code: str
    unit_name: str
    registered_by_name: str


class ExemplarRepository:
    """Reads and writes of exemplars' appraisals, status changes and nominations."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def with_status(
        self, scope: Scope, statuses: Sequence[str], *, limit: int = 50
    ) -> list[ExemplarRecord]:
        """Exemplars in ``scope`` with one of ``statuses``, oldest first."""
        query = select(Exemplar, _photo_count(Exemplar.id)).where(
            col(Exemplar.status).in_(list(statuses)), within(Exemplar.unit_id, scope)
        )
        rows = await self.session.execute(
            query.order_by(col(Exemplar.registered_at), col(Exemplar.id)).limit(limit)
        )
        return [_exemplar(row, photos) for row, photos in rows]

    async def of_year(self, scope: Scope, year: int, *, limit: int = 50) -> list[ExemplarRecord]:
        """Exemplars of ``year`` in ``scope`` (its subtrees as they stood at the end of the
        year: ``domain.unit_moves``), newest first."""
        query = select(Exemplar, _photo_count(Exemplar.id)).where(
            col(Exemplar.year) == year, within(Exemplar.unit_id, scope, tree_day(year))
        )
        rows = await self.session.execute(
            query.order_by(col(Exemplar.registered_at).desc(), col(Exemplar.id).desc()).limit(limit)
        )
        return [_exemplar(row, photos) for row, photos in rows]

    async def photos(self, exemplar_id: int, limit: int = 10) -> list[tuple[str, str, str | None]]:
        """(sha256, mime, caption) of an exemplar's photos, in the order they were sent."""
        rows = await self.session.execute(
            select(col(Evidence.sha256), col(EvidenceBlob.mime), col(Evidence.caption))
            .join(EvidenceBlob, col(EvidenceBlob.sha256) == Evidence.sha256)
            .where(col(Evidence.exemplar_id) == exemplar_id)
            .order_by(col(Evidence.id))
            .limit(limit)
        )
        return [(sha, mime, caption) for sha, mime, caption in rows]

    async def set_status(
        self,
        exemplar_id: int,
        status: Status,
        changed_by: int | None,
        now: dt.datetime,
        reason: str | None = None,
    ) -> int | None:
        """Change an exemplar's status and log it; the log entry's id (None: no change).

        The same status again with a ``reason`` is logged too: a returned exemplar waits for
        appraisal again, and a second question to the secretary is a change worth telling.
        """
        row = await self.session.get(Exemplar, exemplar_id)
        assert row is not None
        if row.status == status.value and reason is None:
            return None
        change = ExemplarStatusChange(
            exemplar_id=exemplar_id,
            from_status=row.status,
            to_status=status.value,
            changed_by=changed_by,
            changed_at=now,
            reason=reason,
        )
        row.status, row.updated_at = status.value, now
        self.session.add(change)
        await self.session.flush()
        assert change.id is not None
        return change.id

    async def record(
        self,
        exemplar_id: int,
        reviewer_id: int,
        criteria: Sequence[CriterionResult],
        decision: str,
        message: str | None,
        now: dt.datetime,
    ) -> None:
        """Store an appraisal of an exemplar."""
        self.session.add(
            ExemplarAppraisal(
                exemplar_id=exemplar_id,
                reviewer_id=reviewer_id,
                criteria=[{"met": c.met, "note": c.note} for c in criteria],
                decision=decision,
                message=message,
                appraised_at=now,
            )
        )
        await self.session.flush()

    async def latest(self, exemplar_ids: Sequence[int]) -> dict[int, ExemplarAppraisalRecord]:
        """The latest appraisal of each exemplar that has one."""
        found: dict[int, ExemplarAppraisalRecord] = {}
        for part in chunked(sorted(set(exemplar_ids))):
            rows = await self.session.scalars(
                select(ExemplarAppraisal)
                .where(col(ExemplarAppraisal.exemplar_id).in_(part))
                .order_by(col(ExemplarAppraisal.appraised_at), col(ExemplarAppraisal.id))
            )
            for row in rows:
                found[row.exemplar_id] = ExemplarAppraisalRecord(
                    row.exemplar_id,
                    row.reviewer_id,
                    tuple(CriterionResult(c["met"], c.get("note")) for c in row.criteria),
                    row.decision,
                    row.message,
                    row.appraised_at,
                )
        return found

    async def history(self, exemplar_id: int) -> list[ExemplarStatusChangeRecord]:
        """The audit log of one exemplar, oldest first."""
        rows = await self.session.scalars(
            select(ExemplarStatusChange)
            .where(ExemplarStatusChange.exemplar_id == exemplar_id)
            .order_by(col(ExemplarStatusChange.id))
        )
        return [
            ExemplarStatusChangeRecord(
                r.exemplar_id, r.from_status, r.to_status, r.changed_by, r.changed_at, r.reason
            )
            for r in rows
        ]

    async def nominate(
        self, exemplar_id: int, round_number: int, by: int, now: dt.datetime
    ) -> bool:
        """Propose an exemplar for a round; False when it was proposed already."""
        exists = (
            await self.session.scalars(
                select(ExemplarNomination).where(
                    ExemplarNomination.exemplar_id == exemplar_id,
                    ExemplarNomination.round == round_number,
                )
            )
        ).first()
        if exists is not None:
            return False
        self.session.add(
            ExemplarNomination(
                exemplar_id=exemplar_id, round=round_number, nominated_by=by, nominated_at=now
            )
        )
        await self.session.flush()
        return True

    async def nominees(self, scope: Scope, round_number: int) -> list[ExemplarRecord]:
        """The exemplars proposed for a round, in ``scope``, in the order they were proposed."""
        query = (
            select(Exemplar, _photo_count(Exemplar.id))
            .join(ExemplarNomination, col(ExemplarNomination.exemplar_id) == Exemplar.id)
            .where(ExemplarNomination.round == round_number, within(Exemplar.unit_id, scope))
        )
        rows = await self.session.execute(
            query.order_by(col(ExemplarNomination.nominated_at), col(ExemplarNomination.id))
        )
        return [_exemplar(row, photos) for row, photos in rows]

    async def status_counts(self, scope: Scope, year: int) -> dict[Status, int]:
        """How many exemplars of ``year`` in ``scope`` (in the tree of that year) have each
        status (one query)."""
        rows = await self.session.execute(
            sa.select(col(Exemplar.status), sa.func.count())
            .where(col(Exemplar.year) == year, within(Exemplar.unit_id, scope, tree_day(year)))
            .group_by(col(Exemplar.status))
        )
        return {Status(status): int(count) for status, count in rows}

    async def registry(
        self, scope: Scope, year: int | None, *, batch: int = 1000
    ) -> AsyncIterator[ExemplarRow]:
        """Every exemplar in ``scope`` (of ``year``, when given, in the tree of that year), by
        unit code, streamed."""
        query = (
            sa.select(
                Exemplar,
                _photo_count(Exemplar.id),
                col(Unit.code),
                col(Unit.name),
                col(Person.name),
            )
            .join(Unit, col(Unit.id) == Exemplar.unit_id)
            .join(Person, col(Person.id) == Exemplar.registered_by)
            .where(within(Exemplar.unit_id, scope, None if year is None else tree_day(year)))
            .order_by(col(Unit.code), col(Exemplar.registered_at), col(Exemplar.id))
        )
        if year is not None:
            query = query.where(col(Exemplar.year) == year)
        result = await self.session.stream(query.execution_options(yield_per=batch))
        async for row, photos, unit_code, unit_name, person_name in result:
            yield ExemplarRow(_exemplar(row, photos), unit_code, unit_name, person_name)
