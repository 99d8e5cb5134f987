"""``/lang``: Vietnamese or English, kept per person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from conversations.flow import Data, Flow, Option, Step
from conversations.messages import InputKind, Reply
from conversations.turn import Turn
from locales import N_, _, use_locale


class LanguageFlow(Flow):
    """Choose the language the bot writes in."""

    name: ClassVar[str] = "lang"
    title: ClassVar[str] = N_("Language")
    summary: ClassVar[bool] = False
    argument_field: ClassVar[str | None] = "locale"
    STEPS: ClassVar[Sequence[Step]] = (
        Step(
            "locale",
            InputKind.CHOICE,
            prompt=N_("Which language should I write in?"),
            label=N_("Language"),
            options=(
                Option("vi", "Tiếng Việt", translate=False),
                Option("en", "English", translate=False),
            ),
        ),
    )

    async def finish(self, turn: Turn, data: Data) -> list[Reply]:
        """Store the choice and answer in the new language."""
        person = turn.require_person()
        await turn.tx.accounts.set_locale(person.id, data["locale"])
        with use_locale(data["locale"]):
            return [
                Reply(_("From now on I will write in English. Type /help to see what you can do."))
            ]
