"""``/report``: the 6-month or annual report of a unit, model by model, then a unit summary.

A report can be amended until its deadline; after the deadline an amendment needs a note saying
why. Amending starts from the stored answers, so only what changes needs typing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Option, Step
from conversations.flows.acting_unit import begin_with_unit, checked_unit, unit_step
from conversations.flows.register_model import REGISTRANTS, photo_links
from conversations.messages import InputKind, Reply
from conversations.turn import Turn
from conversations.validators import long_text, parse_count, parse_money, text
from domain.calendar import DeadlineKind
from domain.errors import InvalidInput
from domain.keys import nudge_topic
from locales import N_, _, format_date, format_money, format_number, ngettext
from reports.vocabulary import period_title
from storage.periodic_reports import EntryFields

_MODEL_KEY: Final = re.compile(r"^m\d+_")
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


async def _period_options(turn: Turn, data: Data) -> Sequence[Option]:
    return [
        Option(
            period,
            _("{title} (due {date})").format(title=period_title(period), date=format_date(due)),
            translate=False,
        )
        for period, due in open_periods(turn)
    ]


async def _load_period(turn: Turn, data: Data, period: Any) -> str:
    """Fix the models the report covers; when it was sent already, start from its answers."""
    unit = await checked_unit(turn, data, REGISTRANTS)
    for key in [k for k in data if _MODEL_KEY.match(k)]:
        del data[key]
    year = int(str(period).split("-")[0])
    models = await turn.tx.models.for_units([unit.id], year, limit=100)
    data["_models"] = [[m.id, m.fields.name] for m in reversed(models) if m.status != "rejected"]
    stored = await turn.tx.periodic_reports.get(unit.id, str(period))
    data["_amending"] = stored is not None
    due = turn.config.calendar.report_due(str(period))
    data["_late"] = stored is not None and due is not None and turn.today > due
    if stored is not None:
        data["summary"] = stored.summary
        for entry in stored.entries:
            key = f"m{entry.fields.model_id}_"
            data[key + "achieved"] = entry.fields.achieved
            data[key + "beneficiaries"] = entry.fields.beneficiaries
            data[key + "money"] = entry.fields.money_vnd
            data[key + "built"] = entry.fields.built
            data[key + "photos"] = []
    return str(period)


def _model_steps(index: int, total: int, model_id: int, name: str) -> list[Step]:
    key = f"m{model_id}_"

    def asking(question: str) -> Any:
        async def prompt(turn: Turn, data: Data) -> str:
            head = _("Model «{name}» ({index}/{total})").format(name=name, index=index, total=total)
            return head + "\n" + _(question)

        return prompt

    def label(what: str) -> str:
        return f"«{name}» · {_(what)}"

    return [
        Step(
            key + "achieved",
            InputKind.TEXT,
            prompt=asking(N_("What did it achieve in this period?")),
            label=label(N_("Achieved")),
            example=N_("Finished 2 km of flower road; held 4 volunteer days"),
            parse=long_text,
        ),
        Step(
            key + "beneficiaries",
            InputKind.NUMBER,
            prompt=asking(N_("How many people benefited? Type a number.")),
            label=label(N_("Beneficiaries")),
            example=N_("120"),
            parse=parse_count,
            show=format_number,
            optional=True,
        ),
        Step(
            key + "money",
            InputKind.NUMBER,
            prompt=asking(N_("How much money was raised, in đồng?")),
            label=label(N_("Money raised")),
            example=N_("600,000,000"),
            parse=parse_money,
            show=format_money,
            optional=True,
        ),
        Step(
            key + "built",
            InputKind.TEXT,
            prompt=asking(N_("What was built or made, with quantities?")),
            label=label(N_("Things built")),
            example=N_("2 km of concrete road, 5 bridges"),
            parse=text(500),
            optional=True,
        ),
        Step(
            key + "photos",
            InputKind.PHOTOS,
            prompt=asking(N_("Send photos of the results, then tap “Done”. You may skip this.")),
            label=label(N_("Photos")),
            optional=True,
        ),
    ]


class PeriodicReportFlow(Flow):
    """Choose the period, tell what each model achieved, sum up the unit; then confirm."""

    name: ClassVar[str] = "report"
    title: ClassVar[str] = N_("Periodic report")
    roles: ClassVar = frozenset(REGISTRANTS)
    confirm_label: ClassVar[str] = N_("✅ Send the report")
    argument_field: ClassVar[str | None] = "period"

    def steps(self, data: Mapping[str, Any]) -> Sequence[Step]:
        """Unit, period, five questions per model, the unit's summary, and a note when late."""
        steps = [
            unit_step(REGISTRANTS),
            Step(
                "period",
                InputKind.CHOICE,
                prompt=N_("Which report do you want to send?"),
                label=N_("Report"),
                options=_period_options,
                check=_load_period,
                show=period_title,
            ),
        ]
        models = data.get("_models", [])
        for index, (model_id, name) in enumerate(models, start=1):
            steps.extend(_model_steps(index, len(models), model_id, name))
        steps.append(
            Step(
                "summary",
                InputKind.TEXT,
                prompt=N_("Sum up the unit's results in this period."),
                label=N_("Unit summary"),
                example=N_("The branch kept up 2 models, with 80 union member turnouts"),
                parse=text(4000),
            )
        )
        steps.append(
            Step(
                "note",
                InputKind.TEXT,
                prompt=N_("The deadline has passed. Why is the report being changed now?"),
                label=N_("Note on the amendment"),
                example=N_("Adding the funding figures confirmed later"),
                parse=long_text,
                when=lambda d: bool(d.get("_late")),
            )
        )
        return steps

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Start with the person's unit chosen when they have only one."""
        data = await begin_with_unit(turn, REGISTRANTS)
        if argument and argument not in {p for p, _due in open_periods(turn)}:
            raise InvalidInput(N_("That report period is not open now."))
        return data

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The period, once chosen."""
        return period_title(data["period"]) if data.get("period") else None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Submit or amend the report, link the photos, and stop the reminders for it."""
        person = turn.require_person()
        unit = await checked_unit(turn, data, REGISTRANTS)
        period = data["period"]
        entries = []
        for model_id, _name in data.get("_models", []):
            key = f"m{model_id}_"
            entries.append(
                EntryFields(
                    model_id=model_id,
                    achieved=data[key + "achieved"],
                    beneficiaries=data.get(key + "beneficiaries"),
                    money_vnd=data.get(key + "money"),
                    built=data.get(key + "built"),
                )
            )
        _report_id, entry_ids, created = await turn.tx.periodic_reports.save(
            unit.id, period, data["summary"], entries, person.id, turn.now, note=data.get("note")
        )
        photos = 0
        for model_id, _name in data.get("_models", []):
            photos += await turn.tx.models.link_photos(
                photo_links(data, f"m{model_id}_photos"),
                person.id,
                turn.now,
                report_entry_id=entry_ids[model_id],
            )
        await turn.tx.outbox.cancel_topic(nudge_topic(DeadlineKind.REPORT, period, unit_id=unit.id))
        message = (
            ngettext(
                "✅ Sent {title} of {unit}, with {photos} new photo.",
                "✅ Sent {title} of {unit}, with {photos} new photos.",
                photos,
            )
            if created
            else ngettext(
                "✅ Updated {title} of {unit}, with {photos} new photo.",
                "✅ Updated {title} of {unit}, with {photos} new photos.",
                photos,
            )
        )
        return [Reply(message.format(title=period_title(period), unit=unit.name, photos=photos))]
