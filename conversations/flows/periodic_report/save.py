"""What ``/report`` saves: the report (sent or amended), its photos, and the end of its
reminders."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from conversations.flow import Data
from conversations.flows.periodic_report.steps import GOALS, MODELS
from conversations.messages import Reply
from conversations.steps.photos import photo_links
from conversations.steps.units import checked_unit
from conversations.turn import Turn
from domain.calendar import DeadlineKind
from domain.keys import nudge_topic
from locales import ngettext
from reports.vocabulary import period_title
from storage.periodic_reports import EntryFields


async def send_report(turn: Turn, data: Data) -> list[Reply]:
    """Submit or amend the report with the progress of the goals, link the photos, and stop
    the reminders for it."""
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
        unit.id,
        period,
        data["summary"],
        entries,
        person.id,
        turn.now,
        note=data.get("note"),
        difficulties=data.get("difficulties"),
        recommendations=data.get("recommendations"),
    )
    await _save_progress(turn, data, entry_ids)
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


async def _save_progress(turn: Turn, data: Data, entry_ids: Mapping[int, int]) -> None:
    """What each entry says of its model's goals; a goal skipped keeps the last report's."""
    progress = GOALS.answers(data)
    goals = await turn.tx.goals.of_models(list(entry_ids))
    for model_id, entry_id in entry_ids.items():
        achieved = {
            goal.id: Decimal(given)
            for goal in goals.get(model_id, [])
            if (given := progress.get(str(goal.id), {}).get("achieved")) is not None
        }
        await turn.tx.goals.save_progress(entry_id, achieved)
