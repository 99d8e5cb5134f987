"""The measurable goals of models, the progress reports give on them, and pilot models.

A goal keeps its row (and so the progress reported on it) while the model's goals are edited
in place, position by position; a goal taken off the list takes its progress with it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from domain.goals import Goal, latest_up_to, quantity_text
from domain.registry import Status
from domain.scope import Scope
from storage.model_registry import COUNTED
from storage.sql import non_null
from storage.tables import (
    Model,
    ModelGoal,
    ModelPilot,
    RecordChange,
    Report,
    ReportEntry,
    ReportGoalProgress,
    Unit,
)
from storage.units import chunked, within

#: statuses a pilot is best chosen among (listed first)
RECOGNISED = (Status.RECOGNISED.value, Status.COMMENDED_1.value, Status.COMMENDED_2.value)
#: the field name a change of a model's goals is recorded under
GOALS_FIELD = "goals"


@dataclass(frozen=True, slots=True)
class GoalRecord:
    """A stored goal of a model."""

    id: int
    model_id: int
    position: int
    goal: Goal


@dataclass(frozen=True, slots=True)
class GoalProgress:
    """A goal of a model in scope, with the amount achieved up to a period (None: not reported
    yet)."""

    model_id: int
    model_name: str
    unit_id: int
    unit_name: str
    goal: GoalRecord
    achieved: Decimal | None


@dataclass(frozen=True, slots=True)
class PilotRecord:
    """A model marked as a pilot (mô hình điểm) of a district or province."""

    model_id: int
    model_name: str
    model_unit_id: int
    model_unit_name: str
    pilot_unit_id: int
    pilot_unit_name: str
    year: int
    marked_by: int
    marked_at: dt.datetime


@dataclass(frozen=True, slots=True)
class PilotCandidate:
    """A model a district or province may mark as its pilot, and whether it is one now."""

    model_id: int
    model_name: str
    unit_name: str
    pilot: bool


def goals_text(goals: Sequence[Goal]) -> str:
    """Goals as the edit history records them: ``3000 trẻ em; 90 căn nhà``."""
    return "; ".join(f"{quantity_text(g.quantity)} {g.unit}" for g in goals)


def _record(row: ModelGoal) -> GoalRecord:
    assert row.id is not None
    return GoalRecord(row.id, row.model_id, row.position, Goal(Decimal(row.quantity), row.unit))


class GoalRepository:
    """Reads and writes of goals, their progress and pilot marks."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_models(self, model_ids: Sequence[int]) -> dict[int, list[GoalRecord]]:
        """The goals of each model (those with none are left out), in their order."""
        goals: dict[int, list[GoalRecord]] = defaultdict(list)
        for part in chunked(sorted(set(model_ids))):
            rows = await self.session.scalars(
                select(ModelGoal)
                .where(col(ModelGoal.model_id).in_(part))
                .order_by(col(ModelGoal.model_id), col(ModelGoal.position))
            )
            for row in rows:
                goals[row.model_id].append(_record(row))
        return dict(goals)

    async def set_goals(
        self, model_id: int, goals: Sequence[Goal], person_id: int, now: dt.datetime
    ) -> bool:
        """Make ``goals`` the model's goals, position by position; returns whether anything
        changed. A change of an existing model is recorded in its edit history (pass the
        registration's moment for a new model: nothing is recorded when there was nothing)."""
        rows = list(
            await self.session.scalars(
                select(ModelGoal)
                .where(col(ModelGoal.model_id) == model_id)
                .order_by(col(ModelGoal.position))
            )
        )
        old = [_record(row).goal for row in rows]
        if old == list(goals):
            return False
        for position, goal in enumerate(goals, start=1):
            if position <= len(rows):
                row = rows[position - 1]
                row.quantity, row.unit = quantity_text(goal.quantity), goal.unit
            else:
                self.session.add(
                    ModelGoal(
                        model_id=model_id,
                        position=position,
                        quantity=quantity_text(goal.quantity),
                        unit=goal.unit,
                    )
                )
        gone = [row.id for row in rows[len(goals) :] if row.id is not None]
        if gone:
            await self.session.execute(
                sa.delete(ReportGoalProgress).where(col(ReportGoalProgress.goal_id).in_(gone))
            )
            await self.session.execute(sa.delete(ModelGoal).where(col(ModelGoal.id).in_(gone)))
        if old:
            self.session.add(
                RecordChange(
                    model_id=model_id,
                    field=GOALS_FIELD,
                    old_value=goals_text(old),
                    new_value=goals_text(goals) or None,
                    changed_by=person_id,
                    changed_at=now,
                )
            )
        await self.session.flush()
        return True

    async def save_progress(self, entry_id: int, achieved: Mapping[int, Decimal]) -> None:
        """Make ``achieved`` (by goal id) what a report entry says; goals it leaves out keep
        no value of this entry (the previous report's stands). Goals of another model than the
        entry's are ignored."""
        entry = await self.session.get(ReportEntry, entry_id)
        assert entry is not None
        own = set(
            await self.session.scalars(
                select(col(ModelGoal.id)).where(col(ModelGoal.model_id) == entry.model_id)
            )
        )
        wanted = {goal: value for goal, value in achieved.items() if goal in own}
        rows = {
            row.goal_id: row
            for row in await self.session.scalars(
                select(ReportGoalProgress).where(
                    col(ReportGoalProgress.report_entry_id) == entry_id
                )
            )
        }
        for goal_id, row in rows.items():
            if goal_id not in wanted:
                await self.session.delete(row)
        for goal_id, value in wanted.items():
            if goal_id in rows:
                rows[goal_id].achieved = quantity_text(value)
            else:
                self.session.add(
                    ReportGoalProgress(
                        report_entry_id=entry_id, goal_id=goal_id, achieved=quantity_text(value)
                    )
                )
        await self.session.flush()

    async def progress_of_report(self, unit_id: int, period: str) -> dict[int, Decimal]:
        """What the unit's report of ``period`` says of each goal (by goal id)."""
        rows = await self.session.execute(
            sa.select(col(ReportGoalProgress.goal_id), col(ReportGoalProgress.achieved))
            .join(ReportEntry, col(ReportEntry.id) == ReportGoalProgress.report_entry_id)
            .join(Report, col(Report.id) == ReportEntry.report_id)
            .where(col(Report.unit_id) == unit_id, col(Report.period) == period)
        )
        return {goal_id: Decimal(value) for goal_id, value in rows}

    async def reported(self, goal_ids: Sequence[int]) -> dict[int, list[tuple[str, Decimal]]]:
        """Every value reported for each goal, as (period, achieved)."""
        reported: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
        for part in chunked(sorted(set(goal_ids))):
            rows = await self.session.execute(
                sa.select(
                    col(ReportGoalProgress.goal_id),
                    col(Report.period),
                    col(ReportGoalProgress.achieved),
                )
                .join(ReportEntry, col(ReportEntry.id) == ReportGoalProgress.report_entry_id)
                .join(Report, col(Report.id) == ReportEntry.report_id)
                .where(col(ReportGoalProgress.goal_id).in_(part))
            )
            for goal_id, period, value in rows:
                reported[goal_id].append((period, Decimal(value)))
        return dict(reported)

    async def achieved(
        self, goal_ids: Sequence[int], up_to: str | None = None
    ) -> dict[int, Decimal]:
        """The latest value reported for each goal, in a period up to ``up_to`` (None: any)."""
        latest = {}
        for goal_id, values in (await self.reported(goal_ids)).items():
            value = latest_up_to(values, up_to)
            if value is not None:
                latest[goal_id] = value
        return latest

    async def progress_in_scope(
        self, scope: Scope, year: int | None, up_to: str | None = None
    ) -> list[GoalProgress]:
        """The goals of the counted models in ``scope`` (of ``year``, when given), by unit and
        model, each with what is achieved up to the period ``up_to`` (None: the latest)."""
        query = (
            sa.select(ModelGoal, col(Model.name), col(Model.unit_id), col(Unit.name))
            .join(Model, col(Model.id) == ModelGoal.model_id)
            .join(Unit, col(Unit.id) == Model.unit_id)
            .where(within(Model.unit_id, scope), col(Model.status).in_(COUNTED))
            .order_by(col(Unit.code), col(Model.id), col(ModelGoal.position))
        )
        if year is not None:
            query = query.where(col(Model.year) == year)
        rows = [
            (_record(goal), name, unit_id, unit_name)
            for goal, name, unit_id, unit_name in await self.session.execute(query)
        ]
        achieved = await self.achieved([record.id for record, *_rest in rows], up_to)
        return [
            GoalProgress(record.model_id, name, unit_id, unit_name, record, achieved.get(record.id))
            for record, name, unit_id, unit_name in rows
        ]

    async def mark_pilot(
        self, model_id: int, unit_id: int, person_id: int, now: dt.datetime
    ) -> bool:
        """Mark a model as a pilot of ``unit_id``; False when it is one already."""
        row = (
            await self.session.scalars(
                select(ModelPilot).where(
                    col(ModelPilot.model_id) == model_id, col(ModelPilot.unit_id) == unit_id
                )
            )
        ).first()
        if row is not None and row.unmarked_at is None:
            return False
        if row is None:
            row = ModelPilot(model_id=model_id, unit_id=unit_id, marked_by=person_id)
        row.marked_by, row.marked_at = person_id, now
        row.unmarked_by, row.unmarked_at = None, None
        self.session.add(row)
        await self.session.flush()
        return True

    async def unmark_pilot(
        self, model_id: int, unit_id: int, person_id: int, now: dt.datetime
    ) -> bool:
        """Unmark a pilot of ``unit_id`` (the row stays, with who and when); False when it
        was none."""
        row = (
            await self.session.scalars(
                select(ModelPilot).where(
                    col(ModelPilot.model_id) == model_id,
                    col(ModelPilot.unit_id) == unit_id,
                    col(ModelPilot.unmarked_at).is_(None),
                )
            )
        ).first()
        if row is None:
            return False
        row.unmarked_by, row.unmarked_at = person_id, now
        await self.session.flush()
        return True

    async def pilots(
        self, scope: Scope | None, year: int, *, of_unit: int | None = None
    ) -> list[PilotRecord]:
        """The pilots of ``year`` whose models are in ``scope`` (None: anywhere), or that
        ``of_unit`` marked, by the marking unit and the model's name."""
        model_unit, pilot_unit = aliased(Unit), aliased(Unit)
        query = (
            sa.select(ModelPilot, col(Model.name), col(Model.unit_id), col(model_unit.name),
                      col(pilot_unit.name), col(Model.year))
            .join(Model, col(Model.id) == ModelPilot.model_id)
            .join(model_unit, col(model_unit.id) == Model.unit_id)
            .join(pilot_unit, col(pilot_unit.id) == ModelPilot.unit_id)
            .where(col(ModelPilot.unmarked_at).is_(None), col(Model.year) == year)
            .order_by(col(pilot_unit.code), col(Model.name), col(Model.id))
        )  # fmt: skip
        if scope is not None:
            query = query.where(within(Model.unit_id, scope))
        if of_unit is not None:
            query = query.where(col(ModelPilot.unit_id) == of_unit)
        rows = await self.session.execute(query)
        return [
            PilotRecord(
                pilot.model_id,
                name,
                unit_id,
                unit_name,
                pilot.unit_id,
                by_name,
                year_,
                pilot.marked_by,
                pilot.marked_at,
            )
            for pilot, name, unit_id, unit_name, by_name, year_ in rows
        ]

    async def pilot_units(self, model_ids: Sequence[int]) -> dict[int, list[int]]:
        """The units each model is a pilot of now."""
        units: dict[int, list[int]] = defaultdict(list)
        for part in chunked(sorted(set(model_ids))):
            rows = await self.session.execute(
                sa.select(col(ModelPilot.model_id), col(ModelPilot.unit_id)).where(
                    col(ModelPilot.model_id).in_(part), col(ModelPilot.unmarked_at).is_(None)
                )
            )
            for model_id, unit_id in rows:
                units[model_id].append(unit_id)
        return dict(units)

    async def candidates(self, unit_id: int, year: int, *, limit: int = 30) -> list[PilotCandidate]:
        """The counted models of ``year`` in the subtree of ``unit_id``: its pilots first, then
        the recognised and commended ones, then the newest."""
        pilot = (
            sa.select(col(ModelPilot.id))
            .where(
                col(ModelPilot.model_id) == Model.id,
                col(ModelPilot.unit_id) == unit_id,
                col(ModelPilot.unmarked_at).is_(None),
            )
            .exists()
        )
        recognised = sa.case((col(Model.status).in_(RECOGNISED), 0), else_=1)
        query = (
            sa.select(non_null(Model.id), col(Model.name), col(Unit.name), pilot)
            .join(Unit, col(Unit.id) == Model.unit_id)
            .where(
                within(Model.unit_id, Scope(roots=(unit_id,))),
                col(Model.year) == year,
                col(Model.status).in_(COUNTED),
            )
            .order_by(pilot.desc(), recognised, col(Model.registered_at).desc(), col(Model.id))
            .limit(limit)
        )
        return [
            PilotCandidate(model_id, name, unit_name, bool(is_pilot))
            for model_id, name, unit_name, is_pilot in await self.session.execute(query)
        ]
