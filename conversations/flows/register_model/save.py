"""What ``/register`` saves."""

from __future__ import annotations

from conversations.flow import Data
from conversations.messages import Reply
from conversations.steps.model import GOALS, goals_of, model_fields
from conversations.steps.photos import photo_links
from conversations.steps.replication import checked_original
from conversations.steps.units import checked_unit
from conversations.turn import Turn
from domain.calendar import DeadlineKind
from domain.keys import nudge_topic
from locales import ngettext
from reports.coverage import standing_text, unit_standing


async def register_model(turn: Turn, data: Data) -> list[Reply]:
    """Save the model as registered with its goals, link its photos, and tell where the unit
    stands; once the unit meets its target, its registration reminders are moot."""
    person = turn.require_person()
    unit = await checked_unit(turn, data)
    year = turn.today.year
    models = turn.tx.models
    original = await checked_original(turn, data)
    await turn.tx.units.hold(unit.id)  # a registration at the same moment counts this one
    model_id = await models.create(
        unit.id, year, model_fields(data), person.id, turn.now, replicates=original
    )
    await turn.tx.goals.set_goals(model_id, goals_of(data.get(GOALS)), person.id, turn.now)
    photos = await models.link_photos(photo_links(data), person.id, turn.now, model_id=model_id)
    standing = await unit_standing(turn.tx, unit, year, turn.config.targets)
    if standing.met:
        topic = nudge_topic(DeadlineKind.REGISTRATION, str(year), unit_id=unit.id)
        await turn.tx.outbox.cancel_topic(topic)
    saved = ngettext(
        "✅ Registered the model «{name}» (no. {id}) for {unit}, year {year}, with {photos} photo.",
        "✅ Registered the model «{name}» (no. {id}) for {unit}, year {year}, "
        "with {photos} photos.",
        photos,
    ).format(name=data["name"], id=model_id, unit=unit.name, year=year, photos=photos)
    return [Reply(saved + "\n" + standing_text(standing))]
