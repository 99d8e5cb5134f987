"""Fixtures of the end-to-end tests: the Bot API emulator and a secretary who has joined."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from domain.organisation import Role
from tests.support.clock import RunningClock
from tests.support.telegram_emulator import SentMessage, TelegramEmulator
from tests.support.world import World


@pytest.fixture
async def emulator() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator() as emu:
        yield emu


@dataclass
class Phone:
    """A person on Telegram: sends, reads the next replies, presses buttons."""

    emulator: TelegramEmulator
    user_id: int

    async def say(self, text: str, count: int = 1) -> list[SentMessage]:
        self.emulator.send_text(self.user_id, text)
        return await self.emulator.wait_for_messages(self.user_id, count)

    async def press(self, message: SentMessage, label: str, count: int = 1) -> list[SentMessage]:
        """Press the button whose label is or contains ``label``."""
        labels = [text for row in message.buttons for text, _data in row]
        exact = label if label in labels else next((t for t in labels if label in t), label)
        self.emulator.press_button(self.user_id, message, exact)
        return await self.emulator.wait_for_messages(self.user_id, count)

    async def photo(self, data: bytes, count: int = 1, **kwargs: object) -> list[SentMessage]:
        self.emulator.send_photo(self.user_id, data, **kwargs)  # type: ignore[arg-type]
        return await self.emulator.wait_for_messages(self.user_id, count)

    async def document(
        self, data: bytes, filename: str, mime_type: str = "application/pdf", count: int = 1
    ) -> list[SentMessage]:
        """Send a file as a document (downloaded by the bot through getFile)."""
        self.emulator.send_document(self.user_id, data, filename=filename, mime_type=mime_type)
        return await self.emulator.wait_for_messages(self.user_id, count)


async def join(world: World, emulator: TelegramEmulator, user_id: int, **invite: object) -> Phone:
    """A person who joined with an invite (secretary of Chi đoàn ấp 1 by default)."""
    code = await world.invite(**invite)  # type: ignore[arg-type]
    phone = Phone(emulator, user_id)
    await phone.say(f"/start {code}", count=2)
    return phone


@pytest.fixture
def secretary_invite() -> dict[str, object]:
    return {"role": Role.SECRETARY, "unit": "BP-DP-TL-A1", "name": "Nguyễn Thị Lan"}


#: three days before 15/01, at the reminder hour
MORNING = dt.datetime(2027, 1, 12, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
async def running_world(tmp_path: Path) -> AsyncIterator[World]:
    """The sample organisation with a clock that runs, from :data:`MORNING`."""
    async with World.open(tmp_path, RunningClock(MORNING)) as world:
        yield world
