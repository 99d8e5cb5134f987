"""Appraisal of models: the five criteria, decisions, the status audit log and nominations.

The document confirming the first criterion (the Party committee's or the upper Union's), when
the appraiser attaches one, is an evidence link to the appraisal (``evidence.appraisal_id``): a
photo of it or a PDF, in the evidence store like any photo, so the clean-up of the store keeps it.
Its number and date are kept on the appraisal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.registry import Status
from domain.scope import Scope
from storage.model_registry import _model, _photo_count
from storage.records import ModelRecord, PhotoLink
from storage.sql import insert_ignoring_conflicts
from storage.tables import Appraisal, Evidence, EvidenceBlob, Model, Nomination, StatusChange
from storage.units import chunked, within


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """One of the five criteria: met or not, and a note."""

    met: bool
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Proof:
    """The document confirming criterion 1: its file (a photo of it, or a PDF with width and
    height 0 and its file name as the caption), its number ("12-QĐ/HĐ") and its date."""

    file: PhotoLink
    number: str
    date: dt.date


@dataclass(frozen=True, slots=True)
class ProofRecord:
    """The confirming document of a stored appraisal."""

    number: str | None
    date: dt.date | None
    sha256: str | None = None
    mime: str | None = None
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class AppraisalRecord:
    """The latest appraisal of a model."""

    model_id: int
    reviewer_id: int
    criteria: tuple[CriterionResult, ...]
    decision: str
    message: str | None
    appraised_at: dt.datetime
    #: the document confirming criterion 1, when one was attached
    proof: ProofRecord | None = None

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
        proof: Proof | None = None,
    ) -> int:
        """Store an appraisal, linked to its confirming document if any; returns its id."""
        row = Appraisal(
            model_id=model_id,
            reviewer_id=reviewer_id,
            criteria=[{"met": c.met, "note": c.note} for c in criteria],
            decision=decision,
            message=message,
            proof_number=proof.number if proof else None,
            proof_date=proof.date if proof else None,
            appraised_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        assert row.id is not None
        if proof is not None:
            await self._link_proof(row.id, reviewer_id, proof.file, now)
        return row.id

    async def _link_proof(
        self, appraisal_id: int, sent_by: int, file: PhotoLink, now: dt.datetime
    ) -> None:
        await insert_ignoring_conflicts(
            self.session,
            EvidenceBlob,
            [
                {
                    "sha256": file.sha256,
                    "size": file.size,
                    "width": file.width,
                    "height": file.height,
                    "mime": file.mime,
                    "stored_at": now,
                }
            ],
            ["sha256"],
        )
        self.session.add(
            Evidence(
                sha256=file.sha256,
                appraisal_id=appraisal_id,
                caption=file.caption,
                sent_by=sent_by,
                sent_at=file.sent_at,
            )
        )
        await self.session.flush()

    async def latest(self, model_ids: Sequence[int]) -> dict[int, AppraisalRecord]:
        """The latest appraisal of each model that has one."""
        found: dict[int, AppraisalRecord] = {}
        for part in chunked(sorted(set(model_ids))):
            # one appraisal has at most one confirming document: the outer join adds no rows
            rows = await self.session.execute(
                select(
                    Appraisal, col(Evidence.sha256), col(EvidenceBlob.mime), col(Evidence.caption)
                )
                .outerjoin(Evidence, col(Evidence.appraisal_id) == Appraisal.id)
                .outerjoin(EvidenceBlob, col(EvidenceBlob.sha256) == Evidence.sha256)
                .where(col(Appraisal.model_id).in_(part))
                .order_by(col(Appraisal.appraised_at), col(Appraisal.id))
            )
            for row, sha256, mime, caption in rows:
                proof = None
                if row.proof_number is not None or sha256 is not None:
                    proof = ProofRecord(row.proof_number, row.proof_date, sha256, mime, caption)
                found[row.model_id] = AppraisalRecord(
                    row.model_id,
                    row.reviewer_id,
                    tuple(CriterionResult(c["met"], c.get("note")) for c in row.criteria),
                    row.decision,
                    row.message,
                    row.appraised_at,
                    proof,
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
