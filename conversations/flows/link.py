"""``/link``: a code that binds this person's account on another messenger (Telegram or Zalo).

Typed in the other messenger (alone, or as ``/start CODE``), the code joins that chat to the same
person with the roles they hold; what the bot sends on its own then goes once, to the messenger
the person wrote from last.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from conversations.messages import Reply
from conversations.turn import Turn
from locales import _, format_datetime
from storage.accounts import new_invite_code

LINK_VALIDITY: Final = dt.timedelta(minutes=15)


def grouped(code: str) -> str:
    """A code in groups of four, easier to copy by hand (``7K3M-9QXR-2T5A``)."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


async def link_code(turn: Turn, argument: str) -> list[Reply]:
    """A fresh single-use link code, valid for 15 minutes."""
    person = turn.require_person()
    code = new_invite_code()
    expires_at = turn.now + LINK_VALIDITY
    await turn.tx.accounts.create_link(code, person, expires_at, turn.now)
    lines = [
        _("🔗 Your link code (single use, valid until {moment}):").format(
            moment=format_datetime(expires_at, turn.config.zone)
        ),
        grouped(code),
        _(
            "Open DVK Bot on your other messenger (Zalo or Telegram) and send it the code. "
            "Both chats are then one account: reminders come once, to the one you wrote from last."
        ),
    ]
    link = turn.config.start_link(code)
    if link:
        lines.append(_("On Telegram you can open this link instead: {link}").format(link=link))
    return [Reply("\n".join(lines))]
