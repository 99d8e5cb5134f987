"""What ``/lang`` saves."""

from __future__ import annotations

from conversations.flow import Data
from conversations.messages import Reply
from conversations.turn import Turn
from locales import _, use_locale


async def choose_language(turn: Turn, data: Data) -> list[Reply]:
    """Store the choice and answer in the new language."""
    person = turn.require_person()
    await turn.tx.accounts.set_locale(person.id, data["locale"])
    with use_locale(data["locale"]):
        text = _("From now on I will write in English. Type /help to see what you can do.")
    return [Reply(text)]
