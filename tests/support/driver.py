"""Drive the conversation engine directly, one turn per call, on a real database."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from conversations.engine import Engine
from conversations.messages import Inbound, Photo, Reply
from conversations.turn import EngineConfig, Turn
from locales import use_locale
from storage.clock import Clock
from storage.db import Database

_update_ids = itertools.count(1)


@dataclass
class Driver:
    """One chat talking to an engine; every call is one committed transaction, like a real turn."""

    database: Database
    engine: Engine
    clock: Clock
    chat_id: str = "chat-1"
    config: EngineConfig = field(default_factory=EngineConfig)
    locale: str = "vi"

    async def send(
        self,
        text: str | None = None,
        *,
        choice: str | None = None,
        photo: Photo | None = None,
        location: tuple[float, float] | None = None,
        media_group_id: str | None = None,
    ) -> list[Reply]:
        """One inbound event; returns the replies."""
        inbound = Inbound(
            channel="test",
            chat_id=self.chat_id,
            user_id=self.chat_id,
            update_id=next(_update_ids),
            text=text,
            choice=choice,
            photo=photo,
            location=location,
            media_group_id=media_group_id,
            display_name="Lan",
        )
        async with self.database.transaction() as tx:
            account = await tx.accounts.account("test", self.chat_id)
            person = await tx.accounts.person(account.person_id) if account else None
            turn = Turn(tx, self.clock, self.config, inbound, person, account)
            with use_locale(person.locale if person else self.locale):
                return await self.engine.handle(turn)

    async def press(self, reply: Reply, label: str) -> list[Reply]:
        """Press the button of ``reply`` whose label contains ``label``."""
        for button in reply.all_buttons():
            if label in button.label:
                return await self.send(choice=button.value)
        raise LookupError(f"no button {label!r} in {[b.label for b in reply.all_buttons()]}")

    async def bind(self, name: str = "Nguyễn Thị Lan") -> int:
        """Make this chat belong to a new person (reading ``locale``); returns the person id."""
        async with self.database.transaction() as tx:
            person_id = await tx.accounts.create_person(name, self.locale, self.clock.now())
            await tx.accounts.bind(
                "test", self.chat_id, self.chat_id, person_id, None, self.clock.now()
            )
        return person_id
