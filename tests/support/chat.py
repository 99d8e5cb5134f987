"""One person talking to the whole bot through its dispatcher, as a channel would: for playing
a flow end to end (real database, real photo intake and evidence store, the sample organisation).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from bot.dispatch import Attachment
from conversations.messages import Inbound, Reply
from domain.organisation import Role
from tests.support.images import jpeg
from tests.support.world import World

_update_ids = itertools.count(1)


@dataclass
class Chat:
    """A chat on the console channel; every call is one inbound event, one committed turn."""

    world: World
    chat_id: str = "chat-1"
    display_name: str = "Lan"
    #: the replies to the last event
    last: list[Reply] = field(default_factory=list)

    @classmethod
    async def joined(
        cls,
        world: World,
        role: Role = Role.SECRETARY,
        unit: str | None = "BP-DP-TL-A1",
        *,
        chat_id: str = "chat-1",
        name: str = "Nguyễn Thị Lan",
        cluster: str | None = None,
    ) -> Chat:
        """A person who joined with an invite of ``role`` for ``unit`` (or ``cluster``)."""
        chat = cls(world, chat_id)
        code = await world.invite(role, unit, name=name, cluster=cluster)
        text = await chat.say(f"/start {code}")
        assert "Chào mừng" in text or "Welcome" in text, text
        return chat

    async def send(self, text: str | None = None, *, choice: str | None = None) -> list[Reply]:
        """One message (or one button pressed); the replies."""
        self.last = await self.world.runtime.dispatcher.handle(self._inbound(text, choice))
        return self.last

    async def say(self, text: str) -> str:
        """One message; the replies' texts, joined."""
        return _joined(await self.send(text))

    async def press(self, label: str) -> str:
        """Press the button of the last replies whose label contains ``label``."""
        for reply in self.last:
            for button in reply.all_buttons():
                if label in button.label:
                    return _joined(await self.send(choice=button.value))
        shown = [b.label for r in self.last for b in r.all_buttons()]
        raise AssertionError(f"no button {label!r} among {shown}")

    async def photo(self, seed: int = 1, *, caption: str | None = None) -> str:
        """A real JPEG sent as a photo (downloaded, checked and stored as a channel does)."""
        data = jpeg(seed=seed)

        async def download() -> bytes:
            return data

        attachment = Attachment(download, len(data), "image/jpeg", caption=caption)
        inbound = self._inbound(None, None)
        self.last = await self.world.runtime.dispatcher.handle(inbound, attachment)
        return _joined(self.last)

    async def document(
        self, data: bytes, filename: str | None, mime: str | None = "application/pdf"
    ) -> str:
        """A file sent as a document (a PDF, or anything named and typed as given)."""

        async def download() -> bytes:
            return data

        attachment = Attachment(download, len(data), mime, filename)
        self.last = await self.world.runtime.dispatcher.handle(
            self._inbound(None, None), attachment
        )
        return _joined(self.last)

    async def register(self, name: str, *, participants: int = 20) -> int:
        """Register a model through ``/register`` (one unit, no details, no photos); its id."""
        await self.say("/register")
        for answer in [name, "1", "Chi đoàn", "Ấp 1", "1", str(participants), "/skip", "/skip"]:
            asked = await self.say(answer)
        if "nhân rộng" in asked:  # a recognised model in scope: this one replicates none
            await self.say("/skip")
        await self.say("/skip")
        saved = await self.press("✅")
        found = re.search(r"\(số (\d+)\)", saved)
        assert found is not None, saved
        return int(found[1])

    def buttons(self) -> list[str]:
        """The labels of the last replies' choices (navigation commands left out)."""
        return [b.label for r in self.last for b in r.all_buttons() if not b.is_command]

    def _inbound(self, text: str | None, choice: str | None) -> Inbound:
        return Inbound(
            channel="console",
            chat_id=self.chat_id,
            user_id=self.chat_id,
            update_id=next(_update_ids),
            text=text,
            choice=choice,
            display_name=self.display_name,
        )


def _joined(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)
