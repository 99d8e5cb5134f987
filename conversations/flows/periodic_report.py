"""``/report``: the 6-month or annual report of a unit, model by model, then a unit summary.

A report can be amended until its deadline; after the deadline an amendment needs a note saying
why. Amending starts from the stored answers, so only what changes needs typing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

from conversations.flow import Data, Flow, Loaded, Option, Repeat
from conversations.messages import Reply
from conversations.steps import kinds
from conversations.steps.photos import photo_links
from conversations.steps.units import UNIT, begin_with_unit, checked_unit
from conversations.turn import Turn
from conversations.validators import long_text
from domain.calendar import DeadlineKind
from domain.errors import InvalidInput
from domain.keys import nudge_topic
from locales import N_, _, format_date, ngettext
from reports.vocabulary import period_title
from storage.periodic_reports import EntryFields

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


async def _load_period(turn: Turn, data: Mapping[str, Any], period: Any) -> Loaded:
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
        for entry in stored.entries:
            fields = entry.fields
            sent: Data = {
                "achieved": fields.achieved,
                "beneficiaries": fields.beneficiaries,
                "money": fields.money_vnd,
                "built": fields.built,
                "photos": [],
            }
            answers.update({MODELS.field(fields.model_id, k): v for k, v in sent.items()})
    return Loaded(answers, clears=(MODELS.group,))


#: the same questions for each model of the unit
MODELS: Final = Repeat(
    "models",
    items="_models",
    heading=N_("Model «{name}» ({index}/{total})"),
    steps=(
        kinds.text("achieved", N_("What did it achieve in this period?"), N_("Achieved"),
                   example=N_("Finished 2 km of flower road; held 4 volunteer days"),
                   parse=long_text),
        kinds.count("beneficiaries", N_("How many people benefited? Type a number."),
                    N_("Beneficiaries"), example=N_("120"), optional=True),
        kinds.money("money", N_("How much money was raised, in đồng?"), N_("Money raised"),
                    example=N_("600,000,000"), optional=True),
        kinds.text("built", N_("What was built or made, with quantities?"), N_("Things built"),
                   example=N_("2 km of concrete road, 5 bridges"), optional=True),
        kinds.photos("photos",
                     N_("Send photos of the results, then tap “Done”. You may skip this."),
                     N_("Photos")),
    ),
)  # fmt: skip


class PeriodicReportFlow(Flow):
    """Choose the period, tell what each model achieved, sum up the unit; then confirm."""

    name: ClassVar[str] = "report"
    title: ClassVar[str] = N_("Periodic report")
    confirm_label: ClassVar[str] = N_("✅ Send the report")
    argument_field: ClassVar[str | None] = "period"

    STEPS = (
        UNIT,
        kinds.choice("period", N_("Which report do you want to send?"), N_("Report"),
                     _period_options, loads=_load_period, show=period_title),
        MODELS,
        kinds.text("summary", N_("Sum up the unit's results in this period."), N_("Unit summary"),
                   example=N_("The branch kept up 2 models, with 80 union member turnouts"),
                   limit=4000),
        kinds.text("note", N_("The deadline has passed. Why is the report being changed now?"),
                   N_("Note on the amendment"),
                   example=N_("Adding the funding figures confirmed later"), parse=long_text,
                   when=lambda d: bool(d.get("_late"))),
    )  # fmt: skip

    async def begin(self, turn: Turn, argument: str) -> Data:
        """Start with the person's unit chosen when they have only one."""
        data = await begin_with_unit(turn)
        if argument and argument not in {p for p, _due in open_periods(turn)}:
            raise InvalidInput(N_("That report period is not open now."))
        return data

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """The period, once chosen."""
        return period_title(data["period"]) if data.get("period") else None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Submit or amend the report, link the photos, and stop the reminders for it."""
        person = turn.require_person()
        unit = await checked_unit(turn, data)
        period = data["period"]
        answers = MODELS.answers(data)
        entries = [
            EntryFields(
                model_id=int(key),
                achieved=given["achieved"],
                beneficiaries=given["beneficiaries"],
                money_vnd=given["money"],
                built=given["built"],
            )
            for key, given in answers.items()
        ]
        _report_id, entry_ids, created = await turn.tx.periodic_reports.save(
            unit.id, period, data["summary"], entries, person.id, turn.now, note=data.get("note")
        )
        photos = 0
        for key in answers:
            photos += await turn.tx.models.link_photos(
                photo_links(data, MODELS.field(key, "photos")),
                person.id,
                turn.now,
                report_entry_id=entry_ids[int(key)],
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
