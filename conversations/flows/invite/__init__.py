"""``/invite``: a BTV member or an administrator makes an invite code to forward.

A BTV member invites only into their own subtree: the unit typed is checked against it, the
clusters offered lie wholly inside it, and ``finish`` checks everything again (never trust a
draft). ``bulk`` makes the secretary invites of every branch without one, as an XLSX file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conversations.flow import Data, Flow
from conversations.flows.invite.save import make_invite
from conversations.flows.invite.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from locales import N_


class InviteFlow(Flow):
    """Who is invited, into which unit or cluster, their name; then the code (or the file)."""

    name: ClassVar[str] = "invite"
    title: ClassVar[str] = N_("Inviting someone")
    confirm_label: ClassVar[str] = N_("✅ Make the invite")
    STEPS = STEPS

    def draft_name(self, data: Mapping[str, Any], labels: Mapping[str, str | None]) -> str | None:
        """Nothing worth naming."""
        return None

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Make the invite (see :func:`make_invite`)."""
        return await make_invite(turn, data)
