"""Periodic reports of units (6-month and annual) and what each model achieved in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped
from sqlmodel import col, select

from domain.scope import Scope
from domain.unit_moves import period_year, tree_day
from storage.model_registry import COUNTED, DomainTotals
from storage.tables import Evidence, Model, Report, ReportEntry, Unit
from storage.units import within


@dataclass(frozen=True, slots=True)
class EntryFields:
    """What one model achieved in the period."""

    model_id: int
    achieved: str
    beneficiaries: int | None = None
    money_vnd: int | None = None
    built: str | None = None


@dataclass(frozen=True, slots=True)
class EntryRecord:
    """A stored entry with its id and number of photos."""

    id: int
    fields: EntryFields
    photo_count: int


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """A stored report."""

    id: int
    unit_id: int
    period: str
    summary: str
    submitted_by: int
    submitted_at: dt.datetime
    amended_at: dt.datetime | None
    amendment_note: str | None
    entries: tuple[EntryRecord, ...]
    difficulties: str | None = None
    recommendations: str | None = None


@dataclass(frozen=True, slots=True)
class Voice:
    """One unit's difficulties or recommendations in a period, as it last sent them."""

    unit_id: int
    unit_name: str
    text: str
    sent_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Voices:
    """What the reports of a period say went wrong and ask for: how many say so, and the
    newest of each (the newest first)."""

    difficulties: int
    recommendations: int
    newest_difficulties: tuple[Voice, ...]
    newest_recommendations: tuple[Voice, ...]


@dataclass(frozen=True, slots=True)
class PeriodTotals:
    """What the reports of a period add up to."""

    reports: int
    beneficiaries: int
    money_vnd: int


class PeriodicReportRepository:
    """Reads and writes of periodic reports."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, unit_id: int, period: str) -> ReportRecord | None:
        """The report of a unit for a period, with its entries."""
        row = (
            await self.session.scalars(
                select(Report).where(col(Report.unit_id) == unit_id, col(Report.period) == period)
            )
        ).first()
        if row is None or row.id is None:
            return None
        photos = (
            sa.select(sa.func.count(col(Evidence.id)))
            .where(col(Evidence.report_entry_id) == ReportEntry.id)
            .scalar_subquery()
        )
        entries = await self.session.execute(
            select(ReportEntry, photos)
            .where(col(ReportEntry.report_id) == row.id)
            .order_by(col(ReportEntry.id))
        )
        return ReportRecord(
            id=row.id,
            unit_id=row.unit_id,
            period=row.period,
            summary=row.summary,
            submitted_by=row.submitted_by,
            submitted_at=row.submitted_at,
            amended_at=row.amended_at,
            amendment_note=row.amendment_note,
            difficulties=row.difficulties,
            recommendations=row.recommendations,
            entries=tuple(
                EntryRecord(
                    entry.id,
                    EntryFields(
                        entry.model_id,
                        entry.achieved,
                        entry.beneficiaries,
                        entry.money_vnd,
                        entry.built,
                    ),
                    count,
                )
                for entry, count in entries
                if entry.id is not None
            ),
        )

    async def save(
        self,
        unit_id: int,
        period: str,
        summary: str,
        entries: Sequence[EntryFields],
        person_id: int,
        now: dt.datetime,
        *,
        note: str | None = None,
        difficulties: str | None = None,
        recommendations: str | None = None,
    ) -> tuple[int, dict[int, int], bool]:
        """Submit or amend; returns the report id, entry ids by model, and whether it is new.

        ``difficulties`` and ``recommendations`` are kept as given: an amendment that leaves
        them out clears them (the flow offers the stored text to keep).
        """
        row = (
            await self.session.scalars(
                select(Report).where(col(Report.unit_id) == unit_id, col(Report.period) == period)
            )
        ).first()
        created = row is None
        if row is None:
            row = Report(
                unit_id=unit_id,
                period=period,
                summary=summary,
                submitted_by=person_id,
                submitted_at=now,
            )
            self.session.add(row)
        else:
            row.summary, row.amended_at = summary, now
            row.amendment_note = note if note is not None else row.amendment_note
        row.difficulties, row.recommendations = difficulties, recommendations
        await self.session.flush()
        assert row.id is not None
        stored = {
            entry.model_id: entry
            for entry in await self.session.scalars(
                select(ReportEntry).where(ReportEntry.report_id == row.id)
            )
        }
        for fields in entries:
            entry = stored.get(fields.model_id)
            if entry is None:
                entry = ReportEntry(report_id=row.id, model_id=fields.model_id, achieved="")
                self.session.add(entry)
                stored[fields.model_id] = entry
            entry.achieved = fields.achieved
            entry.beneficiaries = fields.beneficiaries
            entry.money_vnd = fields.money_vnd
            entry.built = fields.built
        await self.session.flush()
        ids = {model_id: entry.id for model_id, entry in stored.items() if entry.id is not None}
        return row.id, ids, created

    async def period_totals(self, scope: Scope, period: str) -> PeriodTotals:
        """Reports submitted in ``scope`` for a period, and the achievements they report (the
        figures of a period follow the tree of its year: ``domain.unit_moves``)."""
        in_scope = within(Report.unit_id, scope, tree_day(period_year(period)))
        reports = await self.session.execute(
            sa.select(sa.func.count())
            .select_from(Report)
            .where(col(Report.period) == period, in_scope)
        )
        sums = await self.session.execute(
            sa.select(
                sa.func.coalesce(sa.func.sum(col(ReportEntry.beneficiaries)), 0),
                sa.func.coalesce(sa.func.sum(col(ReportEntry.money_vnd)), 0),
            )
            .join(Report, col(Report.id) == ReportEntry.report_id)
            .where(col(Report.period) == period, in_scope)
        )
        beneficiaries, money = sums.one()
        # COALESCE makes both sums numbers; the column types still say NULL is possible
        return PeriodTotals(int(reports.scalar_one()), int(beneficiaries or 0), int(money or 0))

    async def achieved_by_domain(
        self, scope: Scope, year: int, period: str
    ) -> dict[str, DomainTotals]:
        """Per domain, the counted models of ``year`` in ``scope`` and what they achieved.

        A model's beneficiaries and money are those its unit reported for ``period``, or those it
        registered when the report has no figure for it (not sent yet, or the field skipped).
        The scope's subtrees are those at the end of ``year`` (``domain.unit_moves``).
        """
        reported = (
            sa.select(
                col(ReportEntry.model_id).label("model_id"),
                sa.func.max(col(ReportEntry.beneficiaries)).label("beneficiaries"),
                sa.func.max(col(ReportEntry.money_vnd)).label("money_vnd"),
            )
            .join(Report, col(Report.id) == ReportEntry.report_id)
            .where(col(Report.period) == period)
            .group_by(col(ReportEntry.model_id))
            .subquery()
        )
        beneficiaries = sa.func.coalesce(reported.c.beneficiaries, col(Model.beneficiaries), 0)
        money = sa.func.coalesce(reported.c.money_vnd, col(Model.money_vnd), 0)
        query = (
            sa.select(
                col(Model.domain),
                sa.func.count(),
                sa.func.coalesce(sa.func.sum(col(Model.participants)), 0),
                sa.func.coalesce(sa.func.sum(beneficiaries), 0),
                sa.func.coalesce(sa.func.sum(money), 0),
            )
            .outerjoin(reported, reported.c.model_id == Model.id)
            .where(
                col(Model.year) == year,
                col(Model.status).in_(COUNTED),
                within(Model.unit_id, scope, tree_day(year)),
            )
            .group_by(col(Model.domain))
        )
        return {
            domain: DomainTotals(int(n), int(people), int(benefit), int(raised))
            for domain, n, people, benefit, raised in await self.session.execute(query)
        }

    async def summaries(self, scope: Scope, period: str) -> list[tuple[int, str]]:
        """(unit id, summary) of the reports of a period in ``scope`` (the tree of its year)."""
        rows = await self.session.execute(
            sa.select(col(Report.unit_id), col(Report.summary)).where(
                col(Report.period) == period,
                within(Report.unit_id, scope, tree_day(period_year(period))),
            )
        )
        return [(unit_id, summary) for unit_id, summary in rows]

    async def voices(self, scope: Scope, period: str, newest: int = 3) -> Voices:
        """The difficulties and recommendations of a period's reports in ``scope``: how many
        reports state each, and the ``newest`` of each (by when they were last sent); the tree
        is that of the period's year."""
        sent_at = sa.func.coalesce(col(Report.amended_at), col(Report.submitted_at))
        in_period = (
            col(Report.period) == period,
            within(Report.unit_id, scope, tree_day(period_year(period))),
        )

        async def count(column: Mapped[str | None]) -> int:
            query = sa.select(sa.func.count()).select_from(Report).where(*in_period, column != "")
            return int((await self.session.execute(query)).scalar_one())

        async def latest(column: Mapped[str | None]) -> tuple[Voice, ...]:
            query = (
                sa.select(col(Report.unit_id), col(Unit.name), column, sent_at)
                .join(Unit, col(Unit.id) == Report.unit_id)
                .where(*in_period, column != "")
                .order_by(sent_at.desc(), col(Report.id).desc())
                .limit(newest)
            )
            rows = await self.session.execute(query)
            return tuple(Voice(unit_id, name, text or "", at) for unit_id, name, text, at in rows)

        difficulties = col(Report.difficulties)
        recommendations = col(Report.recommendations)
        return Voices(
            await count(difficulties),
            await count(recommendations),
            await latest(difficulties),
            await latest(recommendations),
        )
