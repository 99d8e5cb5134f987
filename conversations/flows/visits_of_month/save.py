"""What ``/visits`` does with the visit opened: close it, or change one field of one's own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from conversations.flow import Data
from conversations.flows.visits_of_month.questions import editable, opened
from conversations.messages import Reply
from conversations.steps.edit import saved
from conversations.steps.visits import EDITABLE
from conversations.turn import Turn
from domain.errors import DvkError
from locales import N_, _


async def close_or_change(turn: Turn, data: Data) -> list[Reply]:
    """Close, or save the change (only one's own visit, within 7 days)."""
    if data.get("action") != "edit":
        return [Reply(_("Closed. Type /visits to open the log again."))]
    visit = await opened(turn, data)
    if not editable(turn, visit):
        raise DvkError(N_("Only your own visits of the last 7 days can be changed."))
    field, value = data["field"], data["value"]
    as_stored: dict[str, Callable[[Any], object]] = {
        "visit_date": lambda v: dt.date.fromisoformat(v),
        "attended_meeting": lambda v: v == "yes",
    }
    convert = as_stored.get(field)
    stored = value if convert is None else convert(value)
    await turn.tx.visits.update(visit.id, {field: stored}, turn.now)
    return [Reply(saved(EDITABLE[field], value))]
