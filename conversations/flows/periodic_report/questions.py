"""What ``/report`` offers and loads: the open periods, and for the period chosen, the models
the report covers, their goals with the progress reported before, and the answers sent before.
All of it only reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from conversations.flow import Data, Loaded, Option, repeated_field
from conversations.steps import kinds
from conversations.steps.units import checked_unit
from conversations.turn import Turn
from domain.calendar import DeadlineKind
from domain.goals import latest_up_to, parse_achieved, quantity_text
from locales import N_, _, format_date
from reports.goal_progress import goal_text, progress_text, quantity
from reports.vocabulary import period_title

#: the repeated group of the models' answers (see ``steps.MODELS``)
MODELS_GROUP: Final = "models"
#: the repeated group of the goals' progress (see ``steps.GOALS``), keyed by goal id
GOALS_GROUP: Final = "goals"


#: report periods offered are those due from this many days ago to this many days ahead
WINDOW_BEFORE: Final = dt.timedelta(days=120)
WINDOW_AFTER: Final = dt.timedelta(days=200)


def parse_achieved_answer(raw: str) -> str:
    """How much of a goal is achieved (:func:`domain.goals.parse_achieved`), as kept: "1200"."""
    return quantity_text(parse_achieved(raw))


def show_quantity(value: str) -> str:
    """A kept amount as the reader reads it: "1.200"."""
    return quantity(Decimal(value))


#: how much of a goal is achieved so far (asked for each goal, see ``steps.GOALS``)
ACHIEVED: Final = kinds.text(
    "achieved",
    N_("How much of this goal is achieved so far, in all? Type a number; skip it to keep the "
       "last report's."),
    N_("Achieved so far"),
    example=N_("1,200"),
    parse=parse_achieved_answer,
    show=show_quantity,
    optional=True,
)  # fmt: skip


def open_periods(turn: Turn) -> list[tuple[str, dt.date]]:
    """The report periods one may send now, with their due dates, the nearest first."""
    today = turn.today
    calendar = turn.config.calendar
    periods = []
    for deadline in calendar.of_kind(DeadlineKind.REPORT):
        for due in deadline.occurrences(today):
            if today - WINDOW_BEFORE <= due <= today + WINDOW_AFTER:
                periods.append((deadline.period_of(due), due))
    return sorted(periods, key=lambda item: abs((item[1] - today).days))


async def period_options(turn: Turn, data: Data) -> Sequence[Option]:
    """The open periods, each with its due date."""
    return [
        Option(
            period,
            _("{title} (due {date})").format(title=period_title(period), date=format_date(due)),
            translate=False,
        )
        for period, due in open_periods(turn)
    ]


async def load_period(turn: Turn, data: Mapping[str, Any], period: Any) -> Loaded:
    """The models the report covers; when it was sent already, its answers to start from."""
    unit = await checked_unit(turn, data)
    year = int(str(period).split("-")[0])
    models = await turn.tx.models.for_units([unit.id], year, limit=100)
    stored = await turn.tx.periodic_reports.get(unit.id, str(period))
    due = turn.config.calendar.report_due(str(period))
    answers: Data = {
        "_models": [[m.id, m.fields.name] for m in reversed(models) if m.status != "rejected"],
        "_amending": stored is not None,
        "_late": stored is not None and due is not None and turn.today > due,
    }
    if stored is not None:
        answers["summary"] = stored.summary
        answers["difficulties"] = stored.difficulties
        answers["recommendations"] = stored.recommendations
        for entry in stored.entries:
            fields = entry.fields
            sent: Data = {
                "achieved": fields.achieved,
                "beneficiaries": fields.beneficiaries,
                "money": fields.money_vnd,
                "built": fields.built,
                "photos": [],
            }
            answers.update(
                {repeated_field(MODELS_GROUP, fields.model_id, k): v for k, v in sent.items()}
            )
    answers.update(
        await _goal_items(turn, unit.id, str(period), answers["_models"], stored is not None)
    )
    return Loaded(answers, clears=(MODELS_GROUP, GOALS_GROUP))


async def _goal_items(
    turn: Turn, unit_id: int, period: str, models: list[list[Any]], amending: bool
) -> Data:
    """The goals of the models reported on, each headed by what the report before said of it;
    when the report was sent already, what it said of each goal (None: skipped then)."""
    names = {model_id: name for model_id, name in models}
    goals = await turn.tx.goals.of_models(list(names))
    listed = [goal for model_id in names for goal in goals.get(model_id, [])]
    reported = await turn.tx.goals.reported([goal.id for goal in listed])
    items = []
    for goal in listed:
        before = [(each, value) for each, value in reported.get(goal.id, []) if each != period]
        previous = latest_up_to(before, period)
        note = (
            _("Last report: {progress}").format(progress=progress_text(goal.goal, previous))
            if previous is not None
            else _("Goal: {goal} (not reported yet)").format(goal=goal_text(goal.goal))
        )
        items.append([goal.id, f"{names[goal.model_id]} · {goal_text(goal.goal)}", note])
    answers: Data = {"_goals": items}
    if amending:
        sent = await turn.tx.goals.progress_of_report(unit_id, period)
        for goal in listed:
            value = sent.get(goal.id)
            answers[repeated_field(GOALS_GROUP, goal.id, "achieved")] = (
                None if value is None else quantity_text(value)
            )
    return answers
