"""Which claims a starting sender takes over: only those of processes known to be gone."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from zoneinfo import ZoneInfo

from bot.processes import HOST, is_gone, start_marker, this_process
from conversations.messages import Reply
from storage.clock import FixedClock
from storage.outbox import OutgoingMessage
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOON = dt.datetime(2027, 1, 12, 12, 0, tzinfo=HCM)


class Recorder:
    name = "telegram"

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send(self, chat_id: str, reply: Reply) -> None:
        self.sent.append(reply.text)


async def _claimed_by(world: World, holder: str) -> None:
    """One pending row, claimed at noon for two minutes by ``holder``."""
    person = await world.bind_telegram(101)
    async with world.runtime.database.transaction() as tx:
        await tx.outbox.enqueue(
            [OutgoingMessage("n:1", "t", "notice", person, 1, "telegram", "101", "Một")], NOON
        )
        (item,) = await tx.outbox.claim(
            NOON, dt.timedelta(minutes=2), 10, quiet=False, holder=holder
        )
    assert item.key == "n:1"


async def _sent_by_a_new_sender(world: World) -> list[str]:
    recorder = Recorder()
    sender = world.runtime.sender({"telegram": recorder})
    sender.clock = FixedClock(NOON + dt.timedelta(seconds=5))  # well within the lease
    await sender.drain()
    return recorder.sent


async def test_a_claim_of_an_ended_process_of_this_host_is_taken_over(world: World) -> None:
    child = await asyncio.create_subprocess_exec("true")
    await child.wait()
    holder = f"{HOST}:{child.pid}:{start_marker(os.getpid())}"
    assert is_gone(holder)
    await _claimed_by(world, holder)
    assert await _sent_by_a_new_sender(world) == ["Một"]


async def test_a_live_process_of_this_host_keeps_its_claim(world: World) -> None:
    child = await asyncio.create_subprocess_exec("sleep", "60")
    try:
        holder = f"{HOST}:{child.pid}:{start_marker(child.pid)}"
        assert not is_gone(holder)
        await _claimed_by(world, holder)
        assert await _sent_by_a_new_sender(world) == []
        # The same pid with another start: the pid was reused, the claimant is gone.
        assert is_gone(f"{HOST}:{child.pid}:00000000-1")
    finally:
        child.kill()
        await child.wait()


async def test_this_process_keeps_its_own_claims(world: World) -> None:
    await _claimed_by(world, this_process())
    assert await _sent_by_a_new_sender(world) == []


async def test_a_claim_of_another_host_is_kept_until_its_lease_ends(world: World) -> None:
    await _claimed_by(world, "another-host:4242:abc")
    assert not is_gone("another-host:4242:abc")
    assert await _sent_by_a_new_sender(world) == []
    recorder = Recorder()
    sender = world.runtime.sender({"telegram": recorder})
    sender.clock = FixedClock(NOON + dt.timedelta(minutes=3))
    await sender.drain()
    assert recorder.sent == ["Một"]
