"""Models and exemplars of the movement, their photo links, their edit history, and the registry
as the exports and the written report read it (streamed, filtered by a scope)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from domain.registry import Status
from domain.scope import Scope
from domain.unit_moves import tree_day
from storage.records import ExemplarRecord, ModelFields, ModelRecord, PhotoLink
from storage.sql import insert_ignoring_conflicts, non_null
from storage.tables import Evidence, EvidenceBlob, Exemplar, Model, Person, RecordChange, Unit
from storage.units import chunked, within

MODEL_FIELDS: Final = tuple(f.name for f in dataclasses.fields(ModelFields))
#: statuses that count towards a unit's target (a rejected model does not)
COUNTED: Final = tuple(s.value for s in Status if s is not Status.REJECTED)


def _tree_of(year: int | None) -> dt.date | None:
    """The day whose tree a query of ``year`` follows (None, every year: today's tree)."""
    return None if year is None else tree_day(year)


def _photo_count(column: int | None) -> sa.ScalarSelect[int]:
    link = col(Evidence.model_id) if column is Model.id else col(Evidence.exemplar_id)
    return sa.select(sa.func.count(col(Evidence.id))).where(link == column).scalar_subquery()


def _model(row: Model, photos: int) -> ModelRecord:
    assert row.id is not None
    fields = ModelFields(**{name: getattr(row, name) for name in MODEL_FIELDS})
    return ModelRecord(
        row.id,
        row.unit_id,
        row.year,
        fields,
        Status(row.status),
        row.registered_by,
        row.registered_at,
        photos,
        row.replicates_model_id,
        row.showcased_at,
    )


def _exemplar(row: Exemplar, photos: int) -> ExemplarRecord:
    assert row.id is not None
    return ExemplarRecord(
        row.id,
        row.unit_id,
        row.year,
        row.person_name,
        row.position,
        row.achievement,
        Status(row.status),
        row.registered_by,
        row.registered_at,
        photos,
    )


_DETAIL: Final = "details."


def _flat(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes with ``details`` spelled out as one ``details.<field>`` change each (the
    audit trail says which answer changed)."""
    flat = {k: v for k, v in changes.items() if k != "details"}
    for key, value in (changes.get("details") or {}).items():
        flat[_DETAIL + key] = value
    return flat


def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclasses.dataclass(frozen=True, slots=True)
class RegistryRow:
    """One model as the registry export lists it."""

    model: ModelRecord
    unit_code: str
    unit_name: str
    registered_by_name: str
    #: the name of the model it replicates, if any
    replicates_name: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class DomainTotals:
    """Models of one domain and what they add up to."""

    models: int
    participants: int
    beneficiaries: int
    money_vnd: int


@dataclasses.dataclass(frozen=True, slots=True)
class PhotoOfModel:
    """A photo linked to a model, for the written report."""

    sha256: str
    mime: str
    caption: str | None
    model_name: str


class ModelRepository:
    """Reads and writes of models, exemplars and their evidence."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _inserted(self, row: Model | Exemplar) -> int:
        """Insert a new model or exemplar; its id."""
        self.session.add(row)
        await self.session.flush()
        assert row.id is not None
        return row.id

    async def create(
        self,
        unit_id: int,
        year: int,
        fields: ModelFields,
        person_id: int,
        now: dt.datetime,
        *,
        replicates: int | None = None,
    ) -> int:
        """Save a confirmed model as ``registered`` (a replication of the model ``replicates``,
        when given); returns its id."""
        row = Model(
            unit_id=unit_id,
            year=year,
            status=Status.REGISTERED.value,
            registered_by=person_id,
            registered_at=now,
            updated_at=now,
            replicates_model_id=replicates,
            **dataclasses.asdict(fields),
        )
        return await self._inserted(row)

    async def create_exemplar(
        self,
        unit_id: int,
        year: int,
        person_name: str,
        position: str | None,
        achievement: str,
        registered_by: int,
        now: dt.datetime,
    ) -> int:
        """Save a confirmed individual exemplar; returns its id."""
        row = Exemplar(
            unit_id=unit_id,
            year=year,
            person_name=person_name,
            position=position,
            achievement=achievement,
            status=Status.REGISTERED.value,
            registered_by=registered_by,
            registered_at=now,
            updated_at=now,
        )
        return await self._inserted(row)

    async def link_photos(
        self,
        photos: Sequence[PhotoLink],
        sent_by: int,
        now: dt.datetime,
        *,
        model_id: int | None = None,
        exemplar_id: int | None = None,
        report_entry_id: int | None = None,
        visit_id: int | None = None,
    ) -> int:
        """Link photos (already in the store) to what they prove; returns how many were new.

        A photo already linked to the same record, or sent twice in ``photos``, is linked once:
        the same evidence counted twice would inflate the record's photo count.
        """
        targets = {
            Evidence.model_id: model_id,
            Evidence.exemplar_id: exemplar_id,
            Evidence.report_entry_id: report_entry_id,
            Evidence.visit_id: visit_id,
        }
        conditions = [column == value for column, value in targets.items() if value is not None]
        linked: set[str] = set()
        if photos and conditions:
            linked = set(
                await self.session.scalars(
                    select(Evidence.sha256).where(
                        *conditions, col(Evidence.sha256).in_({p.sha256 for p in photos})
                    )
                )
            )
        new: list[PhotoLink] = []
        for photo in photos:
            if photo.sha256 not in linked:
                linked.add(photo.sha256)
                new.append(photo)
        photos = new
        if not photos:
            return 0
        await insert_ignoring_conflicts(
            self.session,
            EvidenceBlob,
            [
                {
                    "sha256": p.sha256,
                    "size": p.size,
                    "width": p.width,
                    "height": p.height,
                    "mime": p.mime,
                    "stored_at": now,
                }
                for p in photos
            ],
            ["sha256"],
        )
        for photo in photos:
            self.session.add(
                Evidence(
                    sha256=photo.sha256,
                    model_id=model_id,
                    exemplar_id=exemplar_id,
                    report_entry_id=report_entry_id,
                    visit_id=visit_id,
                    caption=photo.caption,
                    sent_by=sent_by,
                    sent_at=photo.sent_at,
                )
            )
        await self.session.flush()
        return len(photos)

    async def get(self, model_id: int) -> ModelRecord | None:
        """One model with its photo count."""
        row = (
            await self.session.execute(
                select(Model, _photo_count(Model.id)).where(col(Model.id) == model_id)
            )
        ).first()
        return _model(row[0], row[1]) if row else None

    async def for_units(
        self, unit_ids: Sequence[int], year: int | None = None, *, limit: int = 50
    ) -> list[ModelRecord]:
        """Models of these units (of one year, when given), newest first."""
        query = select(Model, _photo_count(Model.id)).where(col(Model.unit_id).in_(list(unit_ids)))
        if year is not None:
            query = query.where(Model.year == year)
        rows = await self.session.execute(
            query.order_by(col(Model.registered_at).desc(), col(Model.id).desc()).limit(limit)
        )
        return [_model(model, photos) for model, photos in rows]

    async def exemplar(self, exemplar_id: int) -> ExemplarRecord | None:
        """One exemplar with its photo count."""
        row = (
            await self.session.execute(
                select(Exemplar, _photo_count(Exemplar.id)).where(col(Exemplar.id) == exemplar_id)
            )
        ).first()
        return _exemplar(row[0], row[1]) if row else None

    async def counts_for_units(self, unit_ids: Sequence[int], year: int) -> dict[int, int]:
        """How many models that count towards the target each unit has in ``year``."""
        counts: dict[int, int] = {}
        for part in chunked(sorted(set(unit_ids))):
            rows = await self.session.execute(
                sa.select(col(Model.unit_id), sa.func.count())
                .where(
                    col(Model.unit_id).in_(part),
                    col(Model.year) == year,
                    col(Model.status).in_(COUNTED),
                )
                .group_by(col(Model.unit_id))
            )
            counts.update({unit_id: int(count) for unit_id, count in rows})
        return counts

    async def update(
        self, model_id: int, changes: Mapping[str, Any], person_id: int, now: dt.datetime
    ) -> list[tuple[str, Any, Any]]:
        """Change fields of a model, recording each change; returns (field, old, new) tuples.

        ``details`` changes only the answers it names, each recorded as ``details.<field>``.
        """
        row = await self.session.get(Model, model_id)
        assert row is not None
        changed = []
        for field, new in _flat(changes).items():
            if field not in MODEL_FIELDS and not field.startswith(_DETAIL):
                raise ValueError(f"{field} is not a model field")
            if field.startswith(_DETAIL):
                old = row.details.get(field.removeprefix(_DETAIL))
            else:
                old = getattr(row, field)
            if old == new:
                continue
            if field.startswith(_DETAIL):  # a new dict, so that the JSON column is written
                row.details = {**row.details, field.removeprefix(_DETAIL): new}
            else:
                setattr(row, field, new)
            changed.append((field, old, new))
            self.session.add(
                RecordChange(
                    model_id=model_id,
                    field=field,
                    old_value=_as_text(old),
                    new_value=_as_text(new),
                    changed_by=person_id,
                    changed_at=now,
                )
            )
        if changed:
            row.updated_at = now
        await self.session.flush()
        return changed

    async def changes(self, model_id: int) -> list[tuple[str, str | None, str | None, int]]:
        """The edit history of a model: (field, old, new, person) in order."""
        rows = await self.session.scalars(
            select(RecordChange)
            .where(col(RecordChange.model_id) == model_id)
            .order_by(col(RecordChange.id))
        )
        return [(r.field, r.old_value, r.new_value, r.changed_by) for r in rows]

    async def photos(self, model_id: int, limit: int = 10) -> list[tuple[str, str, str | None]]:
        """(sha256, mime, caption) of a model's photos, in the order they were sent."""
        rows = await self.session.execute(
            select(col(Evidence.sha256), col(EvidenceBlob.mime), col(Evidence.caption))
            .join(EvidenceBlob, col(EvidenceBlob.sha256) == Evidence.sha256)
            .where(col(Evidence.model_id) == model_id)
            .order_by(col(Evidence.id))
            .limit(limit)
        )
        return [(sha, mime, caption) for sha, mime, caption in rows]

    async def photo_hashes(self, model_id: int) -> list[str]:
        """The SHA-256 of each photo linked to a model, in the order they were sent."""
        rows = await self.session.scalars(
            select(col(Evidence.sha256))
            .where(col(Evidence.model_id) == model_id)
            .order_by(col(Evidence.id))
        )
        return list(rows)

    async def registry(
        self, scope: Scope, year: int | None, *, batch: int = 1000
    ) -> AsyncIterator[RegistryRow]:
        """Every model in ``scope`` (of ``year``, when given), by unit code, streamed in batches
        of ``batch`` rows: a national export never holds every model in memory. A year's
        registry takes the scope's subtrees as they stood at its end (``domain.unit_moves``)."""
        original = aliased(Model)
        query = (
            sa.select(
                Model,
                _photo_count(Model.id),
                col(Unit.code),
                col(Unit.name),
                col(Person.name),
                col(original.name),
            )
            .join(Unit, col(Unit.id) == Model.unit_id)
            .join(Person, col(Person.id) == Model.registered_by)
            .outerjoin(original, col(original.id) == Model.replicates_model_id)
            .where(within(Model.unit_id, scope, _tree_of(year)))
            .order_by(col(Unit.code), col(Model.registered_at), col(Model.id))
        )
        if year is not None:
            query = query.where(col(Model.year) == year)
        result = await self.session.stream(query.execution_options(yield_per=batch))
        async for model, photos, unit_code, unit_name, person_name, original_name in result:
            yield RegistryRow(
                _model(model, photos), unit_code, unit_name, person_name, original_name
            )

    async def counts_by_unit_and_domain(
        self, scope: Scope, year: int | None
    ) -> list[tuple[str, str, str, int]]:
        """(unit code, unit name, domain, models) in ``scope`` for the summary sheet, by unit
        code (a year's subtrees as they stood at its end)."""
        query = (
            sa.select(col(Unit.code), col(Unit.name), col(Model.domain), sa.func.count())
            .join(Unit, col(Unit.id) == Model.unit_id)
            .where(within(Model.unit_id, scope, _tree_of(year)))
            .group_by(col(Unit.code), col(Unit.name), col(Model.domain))
            .order_by(col(Unit.code))
        )
        if year is not None:
            query = query.where(col(Model.year) == year)
        rows = await self.session.execute(query)
        return [(code, name, domain, int(n)) for code, name, domain, n in rows]

    async def recent_photos(self, scope: Scope, year: int, limit: int) -> list[PhotoOfModel]:
        """The newest photos of the counted models of ``year`` in ``scope``, one per model at
        most (the scope's subtrees at the end of ``year``)."""
        query = (
            sa.select(
                col(Evidence.sha256),
                col(EvidenceBlob.mime),
                col(Evidence.caption),
                col(Model.name),
                non_null(Model.id),
            )
            .join(EvidenceBlob, col(EvidenceBlob.sha256) == Evidence.sha256)
            .join(Model, col(Model.id) == Evidence.model_id)
            .where(
                col(Model.year) == year,
                col(Model.status).in_(COUNTED),
                within(Model.unit_id, scope, tree_day(year)),
            )
            .order_by(col(Evidence.sent_at).desc(), col(Evidence.id).desc())
            .limit(limit * 10)
        )
        seen: set[int] = set()
        photos = []
        for sha256, mime, caption, name, model_id in await self.session.execute(query):
            if model_id in seen:
                continue
            seen.add(model_id)
            photos.append(PhotoOfModel(sha256, mime, caption, name))
            if len(photos) == limit:
                break
        return photos
