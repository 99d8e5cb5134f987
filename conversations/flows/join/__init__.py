"""Joining: an invite code (``/start CODE`` or typed) binds this chat to a person and a role."""

from __future__ import annotations

from typing import ClassVar

from conversations.flow import Data, Flow
from conversations.flows.join.save import join
from conversations.flows.join.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from locales import N_
from storage.accounts import looks_like_code


class JoinFlow(Flow):
    """Send an invite code, give your name if the invite has none, and you are in."""

    name: ClassVar[str] = "join"
    title: ClassVar[str] = N_("Joining")
    summary: ClassVar[bool] = False
    for_unbound: ClassVar[bool] = True
    argument_field: ClassVar[str | None] = "invite"
    then_help: ClassVar[bool] = True
    STEPS = STEPS

    def starts_on(self, text: str) -> bool:
        """A message that looks like an invite code starts joining."""
        return looks_like_code(text)

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Join (see :func:`join`)."""
        return await join(turn, data)
