"""After a kill -9 of a sender (`dvk outbox send` or `dvk run`) in the middle of sending, the next
`dvk outbox send` sends what the dead one held at once, not when its two-minute lease ends, and
sends nothing twice. Real processes, the Bot API emulator, every backend."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from storage.clock import SystemClock
from storage.outbox import OutgoingMessage
from tests.support.cli import DVK, dvk, environment
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

USERS = list(range(301, 311))


@pytest.fixture
def clock() -> SystemClock:
    """The processes under test run on the real clock, so the world does too."""
    return SystemClock()


async def _enqueue_notices(world: World) -> None:
    now = world.clock.now()
    messages = []
    for user in USERS:
        person = await world.bind_telegram(user)
        async with world.runtime.database.read() as tx:
            account = await tx.accounts.account("telegram", str(user))
        assert account is not None
        messages.append(
            OutgoingMessage(
                f"notice:{user}",
                "notice",
                "notice",
                person,
                account.id,
                "telegram",
                str(user),
                f"Thông báo {user}",
                quiet_hours=False,
            )
        )
    async with world.runtime.database.transaction() as tx:
        assert await tx.outbox.enqueue(messages, now) == len(USERS)


async def _sent_count(world: World) -> int:
    async with world.runtime.database.read() as tx:
        return (await tx.outbox.counts())["sent"]


@pytest.mark.parametrize("command", [("outbox", "send"), ("run",)], ids=["outbox-send", "run"])
async def test_the_next_sender_takes_over_what_a_killed_one_held(
    pg_world: World, tmp_path: Path, command: tuple[str, ...]
) -> None:
    world = pg_world
    await _enqueue_notices(world)
    async with TelegramEmulator() as emulator:
        env = environment(
            tmp_path / "data",
            database_url=world.runtime.database.url,
            telegram_token=emulator.token,
            telegram_api_base=emulator.root,
        )
        emulator.stall("sendMessage", after=3)  # three are delivered, then the platform hangs
        process = await asyncio.create_subprocess_exec(
            DVK, *command, env=env, cwd=tmp_path,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        try:
            async with asyncio.timeout(60):  # a guard against a hang, not a timing goal
                while not (emulator.stalled and await _sent_count(world) == 3):  # noqa: ASYNC110
                    await asyncio.sleep(0.05)
        finally:
            process.kill()  # kill -9, in the middle of sending the batch it claimed
            await process.wait()
        emulator.unstall()
        async with world.runtime.database.read() as tx:
            held = [r for r in await tx.outbox.rows("notice") if r["status"] == "pending"]
        assert len(held) == 7 and all(r["claimed_until"] is not None for r in held)

        again = await dvk("outbox", "send", env=env, cwd=tmp_path)
    assert again.code == 0, again.err
    notices = sorted(int(m.chat_id) for m in emulator.sent if m.text.startswith("Thông báo"))
    assert notices == USERS  # each once: the three sent before the kill were not sent again
    async with world.runtime.database.read() as tx:
        rows = await tx.outbox.rows("notice")
    assert {r["status"] for r in rows} == {"sent"}
