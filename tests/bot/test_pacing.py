"""The pacer keeps sends apart, overall and per chat, and pauses on a 429."""

from __future__ import annotations

import asyncio
import itertools

from bot.pacing import Pacer


class FakeTime:
    """A monotonic clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


async def test_overall_sends_are_spaced_by_the_rate() -> None:
    clock = FakeTime()
    pacer = Pacer(10, 1.0, monotonic=clock.monotonic, sleep=clock.sleep)
    starts = []
    for _ in range(5):
        await pacer.global_turn()
        starts.append(clock.now)
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(starts)]
    assert gaps == [0.1, 0.1, 0.1, 0.1]


async def test_one_chat_waits_its_interval_from_the_end_of_the_last_send() -> None:
    clock = FakeTime()
    pacer = Pacer(1000, 1.0, monotonic=clock.monotonic, sleep=clock.sleep)
    async with pacer.chat_turn("a"):
        clock.now += 0.5  # the send itself took half a second
    async with pacer.chat_turn("b"):
        pass
    assert clock.now == 100.5
    async with pacer.chat_turn("a"):
        started = clock.now
    assert started == 101.5


async def test_a_pause_holds_every_send() -> None:
    clock = FakeTime()
    pacer = Pacer(1000, 0.0, monotonic=clock.monotonic, sleep=clock.sleep)
    await pacer.global_turn()
    pacer.pause(3.0)
    await pacer.global_turn()
    assert clock.now == 103.0
