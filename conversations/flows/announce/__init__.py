"""``/announce``: a BTV member or an administrator writes to the secretaries of their subtree.

The message goes through the outbox (paced, once per person: the key is the announcement and the
person), with the bot's own words in each reader's language. Secretaries who blocked the bot are
neither counted nor enqueued; the confirmation says how many they are.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.announce.save import announce
from conversations.flows.announce.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from locales import N_


class AnnounceFlow(Flow):
    """To whom, the text, an optional photo; then the count and the confirmation."""

    name: ClassVar[str] = "announce"
    title: ClassVar[str] = N_("Announcement")
    summary: ClassVar[bool] = False
    STEPS = STEPS

    async def begin(self, turn: Turn, argument: str) -> Data:
        """A fresh id: the outbox key of each message is this announcement and its reader."""
        return {"_announcement": uuid.uuid4().hex[:16]}

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """Nothing worth naming."""
        return None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Send it, or nothing (see :func:`announce`)."""
        return await announce(turn, data)
