"""``/lang``: Vietnamese or English, kept per person."""

from __future__ import annotations

from typing import ClassVar

from conversations.flow import Data, Flow
from conversations.flows.language.save import choose_language
from conversations.flows.language.steps import STEPS
from conversations.messages import Reply
from conversations.turn import Turn
from locales import N_


class LanguageFlow(Flow):
    """Choose the language the bot writes in."""

    name: ClassVar[str] = "lang"
    title: ClassVar[str] = N_("Language")
    summary: ClassVar[bool] = False
    argument_field: ClassVar[str | None] = "locale"
    STEPS = STEPS

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Store the choice (see :func:`choose_language`)."""
        return await choose_language(turn, data)
