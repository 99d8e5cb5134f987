"""What ``/exemplar`` saves."""

from __future__ import annotations

from conversations.flow import Data
from conversations.messages import Reply
from conversations.steps.photos import photo_links
from conversations.steps.units import checked_unit
from conversations.turn import Turn
from locales import ngettext


async def register_exemplar(turn: Turn, data: Data) -> list[Reply]:
    """Save the exemplar for this year and link the photos."""
    person = turn.require_person()
    unit = await checked_unit(turn, data)
    year = turn.today.year
    models = turn.tx.models
    exemplar_id = await models.create_exemplar(
        unit.id, year, data["person_name"], data.get("position"), data["achievement"],
        person.id, turn.now,
    )  # fmt: skip
    photos = await models.link_photos(
        photo_links(data), person.id, turn.now, exemplar_id=exemplar_id
    )
    saved = ngettext(
        "✅ Registered {name} (no. {id}) as an individual exemplar of {unit}, "
        "year {year}, with {photos} photo.",
        "✅ Registered {name} (no. {id}) as an individual exemplar of {unit}, "
        "year {year}, with {photos} photos.",
        photos,
    )
    values = {"name": data["person_name"], "id": exemplar_id, "unit": unit.name, "year": year}
    return [Reply(saved.format(**values, photos=photos))]
