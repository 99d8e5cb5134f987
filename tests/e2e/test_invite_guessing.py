"""Invite guessing from many chats at once: every further answer comes late, one warning is
logged, and a right code still works. On Telegram through the emulator, on every backend."""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World


class HeldSleep:
    """The dispatcher's sleep: records each wait, and holds it while ``gate`` is closed."""

    def __init__(self) -> None:
        self.calls: list[float] = []
        self.gate: asyncio.Event | None = None
        self.held = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        if self.gate is not None:
            self.held.set()
            await self.gate.wait()


async def test_guessing_across_chats_slows_every_answer_and_warns_once(
    pg_world: World, caplog: pytest.LogCaptureFixture
) -> None:
    world = pg_world
    sleep = HeldSleep()
    world.runtime.dispatcher.sleep = sleep
    code = await world.invite()
    caplog.set_level(logging.WARNING, logger="conversations.flows.join")
    async with TelegramEmulator() as emulator, world.telegram(emulator):
        attempt = 0
        for chat in range(501, 508):  # five wrong codes a chat (each chat is then blocked): 35
            for _ in range(5):
                attempt += 1
                emulator.send_text(chat, f"/start ZZZZZZZZ{attempt:04d}")
                (answer,) = await emulator.wait_for_messages(chat)
                assert "Chào mừng" not in answer.text
        # Up to 31 wrong codes (more than 30) nothing waits; then each answer waits longer.
        assert sleep.calls == pytest.approx([2**0.2, 2**0.4, 2**0.6, 2**0.8])
        warnings = [r for r in caplog.records if "wrong invite codes" in r.getMessage()]
        assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING

        # The right code, from a new chat, waits too; another chat is answered meanwhile.
        sleep.gate = asyncio.Event()
        emulator.send_text(600, f"/start {code}")
        await asyncio.wait_for(sleep.held.wait(), timeout=10)
        emulator.send_text(601, "/help")
        (help_text,) = await emulator.wait_for_messages(601)
        assert help_text.text and emulator.messages_to(600) == []
        sleep.gate.set()
        welcome, _help = await emulator.wait_for_messages(600, 2)
    assert welcome.text.startswith("Chào mừng Nguyễn Thị Lan!")
    assert sleep.calls[-1] == pytest.approx(2.0)
