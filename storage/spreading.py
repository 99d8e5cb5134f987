"""Spreading the movement: recognised models marked for showcasing, and models registered as
replications (nhân rộng) of a recognised one. Every query takes a scope or a set of ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from domain.registry import RECOGNISED, Status
from domain.scope import Scope
from storage.model_registry import _model, _photo_count
from storage.records import ModelRecord
from storage.sql import non_null
from storage.tables import Evidence, EvidenceBlob, Model, RecordChange, Unit
from storage.units import chunked, within

#: the audit trail's name of the showcase mark (``record_change.field``)
SHOWCASED = "showcased"


@dataclass(frozen=True, slots=True)
class ShowcasedModel:
    """A showcased model as its article reads it: the model, its unit, how often replicated."""

    model: ModelRecord
    unit_name: str
    replications: int


@dataclass(frozen=True, slots=True)
class StoredPhotoRef:
    """A photo of a model in the evidence store."""

    sha256: str
    mime: str
    caption: str | None


class SpreadingRepository:
    """Reads and writes of showcase marks and replications."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def recognised(self, scope: Scope, *, limit: int = 30) -> list[ModelRecord]:
        """The recognised (or commended) models in ``scope``, newest first: what may be
        replicated or showcased."""
        if scope.empty:
            return []
        rows = await self.session.execute(
            select(Model, _photo_count(Model.id))
            .where(col(Model.status).in_(RECOGNISED), within(Model.unit_id, scope))
            .order_by(col(Model.registered_at).desc(), col(Model.id).desc())
            .limit(limit)
        )
        return [_model(model, photos) for model, photos in rows]

    async def replication_counts(self, model_ids: Sequence[int]) -> dict[int, int]:
        """How many models (rejected ones left out) replicate each of ``model_ids``; a model
        nobody replicated is not in the result."""
        counts: dict[int, int] = {}
        for part in chunked(sorted(set(model_ids))):
            rows = await self.session.execute(
                sa.select(non_null(Model.replicates_model_id), sa.func.count())
                .where(
                    col(Model.replicates_model_id).in_(part),
                    col(Model.status) != Status.REJECTED.value,
                )
                .group_by(col(Model.replicates_model_id))
            )
            counts.update({int(original): int(n) for original, n in rows})
        return counts

    async def set_showcased(
        self, model_id: int, showcased: bool, person_id: int, now: dt.datetime
    ) -> bool:
        """Mark a model for showcasing, or remove the mark, recording who and when in the audit
        trail; False when it already was so."""
        row = await self.session.get(Model, model_id)
        assert row is not None
        if (row.showcased_at is not None) == showcased:
            return False
        old = row.showcased_at
        row.showcased_at = now if showcased else None
        row.showcased_by = person_id if showcased else None
        self.session.add(
            RecordChange(
                model_id=model_id,
                field=SHOWCASED,
                old_value=None if old is None else old.isoformat(),
                new_value=now.isoformat() if showcased else None,
                changed_by=person_id,
                changed_at=now,
            )
        )
        await self.session.flush()
        return True

    async def showcased(self, scope: Scope, year: int | None) -> list[ShowcasedModel]:
        """The showcased recognised models in ``scope`` (of ``year``, when given), by unit code
        then by when they were registered, each with its unit's name and replications."""
        replica = aliased(Model)
        replications = (
            sa.select(sa.func.count())
            .where(
                col(replica.replicates_model_id) == Model.id,
                col(replica.status) != Status.REJECTED.value,
            )
            .scalar_subquery()
        )
        query = (
            select(Model, _photo_count(Model.id), col(Unit.name), replications)
            .join(Unit, col(Unit.id) == Model.unit_id)
            .where(
                col(Model.showcased_at).isnot(None),
                col(Model.status).in_(RECOGNISED),
                within(Model.unit_id, scope),
            )
            .order_by(col(Unit.code), col(Model.registered_at), col(Model.id))
        )
        if year is not None:
            query = query.where(col(Model.year) == year)
        rows = await self.session.execute(query)
        return [
            ShowcasedModel(_model(model, photos), unit_name, int(count))
            for model, photos, unit_name, count in rows
        ]

    async def first_photos(
        self, model_ids: Sequence[int], per_model: int
    ) -> dict[int, list[StoredPhotoRef]]:
        """The first ``per_model`` photos of each model, in the order they were sent."""
        found: dict[int, list[StoredPhotoRef]] = {}
        for part in chunked(sorted(set(model_ids))):
            numbered = (
                sa.select(
                    col(Evidence.id).label("id"),
                    col(Evidence.model_id).label("model_id"),
                    col(Evidence.sha256).label("sha256"),
                    col(Evidence.caption).label("caption"),
                    sa.func.row_number()
                    .over(partition_by=col(Evidence.model_id), order_by=col(Evidence.id))
                    .label("place"),
                )
                .where(col(Evidence.model_id).in_(part))
                .subquery()
            )
            rows = await self.session.execute(
                sa.select(
                    numbered.c.model_id,
                    numbered.c.sha256,
                    col(EvidenceBlob.mime),
                    numbered.c.caption,
                )
                .join(EvidenceBlob, col(EvidenceBlob.sha256) == numbered.c.sha256)
                .where(numbered.c.place <= per_model)
                .order_by(numbered.c.model_id, numbered.c.id)
            )
            row: Any  # the subquery's columns are untyped
            for row in rows:
                photo = StoredPhotoRef(row.sha256, row.mime, row.caption)
                found.setdefault(row.model_id, []).append(photo)
        return found

    async def new_replications(self, scope: Scope, since: dt.datetime) -> int:
        """Replications registered since ``since`` by units in ``scope``."""
        result = await self.session.execute(
            sa.select(sa.func.count())
            .select_from(Model)
            .where(
                col(Model.replicates_model_id).isnot(None),
                col(Model.registered_at) > since,
                within(Model.unit_id, scope),
            )
        )
        return int(result.scalar_one())
