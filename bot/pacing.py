"""Keeping under the platform's flood limits: so many messages a second overall, one per chat.

PTB's ``AIORateLimiter`` paces only overall and per group, has no per-private-chat limit, and
pauses everything on a 429 without telling the caller when to retry; the outbox needs all three,
so the bot paces itself with this one gate, shared by replies and the outbox.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Final

_PRUNE_AT: Final = 50_000


class Pacer:
    """Spaces sends: at most ``per_second`` overall, one per ``chat_interval`` seconds per chat.

    Overall, slots follow each other at the given rate, and a send that starts late moves the next
    slot back, so a stall never turns into a burst; a 429 pauses everything for the time the
    platform asked.
    """

    def __init__(
        self,
        per_second: float,
        chat_interval: float,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / per_second
        self.chat_interval = chat_interval
        self._monotonic = monotonic
        self._sleep = sleep
        self._lock = asyncio.Lock()
        self._last = float("-inf")
        self._paused_until = float("-inf")
        self._chat_locks: dict[str, asyncio.Lock] = {}
        self._chat_last: dict[str, float] = {}

    async def global_turn(self) -> None:
        """Wait for the next overall slot."""
        async with self._lock:
            while True:
                now = self._monotonic()
                ready = max(self._last + self.interval, self._paused_until)
                if ready <= now:
                    break
                await self._sleep(ready - now)
            # Count from the slot when woken on time, so that the sleep's overshoot does not slow
            # the pace; after a stall, from now, so that a late send never starts a burst.
            now = self._monotonic()
            self._last = ready if now - ready < self.interval / 4 else now

    @asynccontextmanager
    async def chat_turn(self, chat: str) -> AsyncIterator[None]:
        """Hold one chat's turn while sending to it.

        The spacing is measured from the moment the previous send to the chat ended (so after it
        reached the platform), so a send delayed by the overall gate or a pause never bunches up
        with the next one.
        """
        lock = self._chat_locks.get(chat)
        if lock is None:
            lock = self._chat_locks[chat] = asyncio.Lock()
        async with lock:
            wait = self._chat_last.get(chat, float("-inf")) + self.chat_interval - self._monotonic()
            if wait > 0:
                await self._sleep(wait)
            try:
                yield
            finally:
                self._chat_last[chat] = self._monotonic()
        if len(self._chat_locks) > _PRUNE_AT:
            self._prune()

    def _prune(self) -> None:
        now = self._monotonic()
        stale = [
            chat
            for chat, lock in self._chat_locks.items()
            if not lock.locked() and self._chat_last.get(chat, now) + self.chat_interval < now
        ]
        for chat in stale:
            self._chat_locks.pop(chat, None)
            self._chat_last.pop(chat, None)

    def pause(self, seconds: float) -> None:
        """Send nothing for ``seconds`` (the platform answered 429 with retry_after)."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)
