"""What ``/pilot`` saves: the mark (who and when), or its removal."""

from __future__ import annotations

from conversations.flow import Data
from conversations.flows.pilot.questions import MARK, check_limit, opened, pilot_unit
from conversations.messages import Reply
from conversations.turn import Turn
from locales import _


async def mark_or_unmark(turn: Turn, data: Data) -> list[Reply]:
    """Mark the model as a pilot of the unit (within the limit), or unmark it."""
    person = turn.require_person()
    unit = await pilot_unit(turn, data)
    model = await opened(turn, data)
    goals = turn.tx.goals
    if data["action"] == MARK:
        await turn.tx.units.hold(unit.id)  # two marks at once both count against the limit
        await check_limit(turn, unit)
        await goals.mark_pilot(model.id, unit.id, person.id, turn.now)
        count = len(await goals.pilots(None, turn.today.year, of_unit=unit.id))
        text = _("⭐ «{name}» is now a pilot model of {unit} ({count} of at most {limit}).")
        return [
            Reply(
                text.format(
                    name=model.fields.name,
                    unit=unit.name,
                    count=count,
                    limit=turn.config.pilots_per_unit,
                )
            )
        ]
    await goals.unmark_pilot(model.id, unit.id, person.id, turn.now)
    text = _("«{name}» is no longer a pilot model of {unit}.")
    return [Reply(text.format(name=model.fields.name, unit=unit.name))]
