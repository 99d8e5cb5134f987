"""What ``/report`` offers and loads: the open periods, and for the period chosen, the models
the report covers and the answers sent before. All of it only reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final

from conversations.flow import Data, Loaded, Option, repeated_field
from conversations.steps.units import checked_unit
from conversations.turn import Turn
from domain.calendar import DeadlineKind
from locales import _, format_date
from reports.vocabulary import period_title

#: the repeated group of the models' answers (see ``steps.MODELS``)
MODELS_GROUP: Final = "models"


#: report periods offered are those due from this many days ago to this many days ahead
WINDOW_BEFORE: Final = dt.timedelta(days=120)
WINDOW_AFTER: Final = dt.timedelta(days=200)


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
    return Loaded(answers, clears=(MODELS_GROUP,))
