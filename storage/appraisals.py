"""Appraisal of models: the five criteria, decisions, the status audit log and nominations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.registry import Status
from domain.scope import Scope
from storage.model_registry import _model, _photo_count
from storage.records import ModelRecord
from storage.tables import Appraisal, Model, Nomination, StatusChange
from storage.units import chunked, within


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """One of the five criteria: met or not, and a note."""

    met: bool
    note: str | None = None


@dataclass(frozen=True, slots=True)
class AppraisalRecord:
    """The latest appraisal of a model."""

    model_id: int
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
class StatusChangeRecord:
    """One entry of the audit log."""

    model_id: int
    from_status: str
    to_status: str
    changed_by: int | None
    changed_at: dt.datetime
    reason: str | None


class AppraisalRepository:
    """Reads and writes of appraisals, status changes and nominations."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def models_with_status(
        self, scope: Scope, statuses: Sequence[str], *, limit: int = 50
    ) -> list[ModelRecord]:
        """Models in ``scope`` with one of ``statuses``, oldest first."""
        query = select(Model, _photo_count(Model.id)).where(
            col(Model.status).in_(list(statuses)), within(Model.unit_id, scope)
        )
        rows = await self.session.execute(
            query.order_by(col(Model.registered_at), col(Model.id)).limit(limit)
        )
        return [_model(model, photos) for model, photos in rows]

    async def set_status(
        self,
        model_id: int,
        status: Status,
        changed_by: int | None,
        now: dt.datetime,
        reason: str | None = None,
    ) -> int | None:
        """Change a model's status and log it; returns the log entry's id (None: no change)."""
        row = await self.session.get(Model, model_id)
        assert row is not None
        if row.status == status.value:
            return None
        change = StatusChange(
            model_id=model_id,
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
        model_id: int,
        reviewer_id: int,
        criteria: Sequence[CriterionResult],
        decision: str,
        message: str | None,
        now: dt.datetime,
    ) -> None:
        """Store an appraisal."""
        self.session.add(
            Appraisal(
                model_id=model_id,
                reviewer_id=reviewer_id,
                criteria=[{"met": c.met, "note": c.note} for c in criteria],
                decision=decision,
                message=message,
                appraised_at=now,
            )
        )
        await self.session.flush()

    async def latest(self, model_ids: Sequence[int]) -> dict[int, AppraisalRecord]:
        """The latest appraisal of each model that has one."""
        found: dict[int, AppraisalRecord] = {}
        for part in chunked(sorted(set(model_ids))):
            rows = await self.session.scalars(
                select(Appraisal)
                .where(col(Appraisal.model_id).in_(part))
                .order_by(col(Appraisal.appraised_at), col(Appraisal.id))
            )
            for row in rows:
                found[row.model_id] = AppraisalRecord(
                    row.model_id,
                    row.reviewer_id,
                    tuple(CriterionResult(c["met"], c.get("note")) for c in row.criteria),
                    row.decision,
                    row.message,
                    row.appraised_at,
                )
        return found

    async def history(self, model_id: int) -> list[StatusChangeRecord]:
        """The audit log of one model, oldest first."""
        rows = await self.session.scalars(
            select(StatusChange)
            .where(StatusChange.model_id == model_id)
            .order_by(col(StatusChange.id))
        )
        return [
            StatusChangeRecord(
                r.model_id, r.from_status, r.to_status, r.changed_by, r.changed_at, r.reason
            )
            for r in rows
        ]

    async def nominate(self, model_id: int, round_number: int, by: int, now: dt.datetime) -> bool:
        """Propose a model for a round; False when it was proposed already."""
        exists = (
            await self.session.scalars(
                select(Nomination).where(
                    Nomination.model_id == model_id, Nomination.round == round_number
                )
            )
        ).first()
        if exists is not None:
            return False
        self.session.add(
            Nomination(model_id=model_id, round=round_number, nominated_by=by, nominated_at=now)
        )
        await self.session.flush()
        return True

    async def nominees(self, scope: Scope, round_number: int) -> list[ModelRecord]:
        """The models proposed for a round, in ``scope``."""
        query = (
            select(Model, _photo_count(Model.id))
            .join(Nomination, col(Nomination.model_id) == Model.id)
            .where(Nomination.round == round_number, within(Model.unit_id, scope))
        )
        rows = await self.session.execute(query.order_by(col(Nomination.nominated_at)))
        return [_model(model, photos) for model, photos in rows]
