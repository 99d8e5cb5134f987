"""What ``/showcase`` does: mark the chosen model for showcasing, or remove its mark."""

from __future__ import annotations

from conversations.flow import Data
from conversations.messages import Reply
from conversations.turn import Turn
from domain.errors import DvkError, NotFound
from domain.registry import RECOGNISED
from domain.scope import review_scope
from locales import N_, _


async def toggle_showcase(turn: Turn, data: Data) -> list[Reply]:
    """Mark the model (recognised, in the person's subtree: checked again) or unmark it; who and
    when go in its audit trail."""
    person = turn.require_person()
    model = await turn.tx.models.get(int(data["model"]))
    if model is None or not await turn.tx.units.scope_contains(review_scope(person), model.unit_id):
        raise NotFound()
    marking = model.showcased_at is None
    if marking and model.status.value not in RECOGNISED:
        raise DvkError(N_("Only a recognised model can be showcased."))
    await turn.tx.spreading.set_showcased(model.id, marking, person.id, turn.now)
    if marking:
        text = _(
            "⭐ «{name}» is marked for showcasing: its article is in the file of "
            "`dvk export showcase`. To remove the mark, choose it again in /showcase."
        )
    else:
        text = _("«{name}» is no longer marked for showcasing.")
    return [Reply(text.format(name=model.fields.name))]
