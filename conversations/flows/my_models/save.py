"""What ``/models`` does with the model opened: add photos, or change one field."""

from __future__ import annotations

import dataclasses

from conversations.flow import Data
from conversations.flows.my_models.questions import opened
from conversations.messages import Reply
from conversations.steps.edit import saved
from conversations.steps.model import EDITABLE, GOALS, field_answers, goals_of, model_fields
from conversations.steps.photos import photo_links
from conversations.turn import Turn
from locales import _, ngettext


async def add_photos(turn: Turn, data: Data) -> list[Reply]:
    """Link the photos sent to the model."""
    person = turn.require_person()
    model = await opened(turn, data)
    added = await turn.tx.models.link_photos(
        photo_links(data), person.id, turn.now, model_id=model.id
    )
    text = ngettext(
        "📷 Added {added} photo to «{name}»; it now has {total}.",
        "📷 Added {added} photos to «{name}»; it now has {total}.",
        added,
    )
    return [
        Reply(text.format(added=added, name=model.fields.name, total=model.photo_count + added))
    ]


async def change_field(turn: Turn, data: Data) -> list[Reply]:
    """Save the new value of one field; each change is recorded with who and when."""
    person = turn.require_person()
    model = await opened(turn, data)
    field = data["field"]
    if field == GOALS:
        await turn.tx.goals.set_goals(model.id, goals_of(data["value"]), person.id, turn.now)
        return [Reply(saved(EDITABLE[field], data["value"]))]
    answers = field_answers(model.fields)
    answers[field] = data["value"]
    new_fields = dataclasses.asdict(model_fields(answers))
    old_fields = dataclasses.asdict(model.fields)
    changes = {k: v for k, v in new_fields.items() if old_fields[k] != v}
    await turn.tx.models.update(model.id, changes, person.id, turn.now)
    return [Reply(saved(EDITABLE[field], data["value"]))]


async def close(turn: Turn, data: Data) -> list[Reply]:
    """Nothing to save: say how to come back."""
    await opened(turn, data)  # still one's own model
    return [Reply(_("Closed. Type /models to open your models again."))]
