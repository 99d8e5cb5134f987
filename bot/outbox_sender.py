"""The sender: drains the outbox within the flood limits, retrying what may succeed later."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
from collections.abc import Mapping
from typing import Final
from zoneinfo import ZoneInfo

from bot.channel import (
    Channel,
    PermanentFailure,
    RateLimited,
    RecipientBlocked,
    TemporaryFailure,
)
from bot.pacing import Pacer
from bot.processes import is_gone, this_process
from conversations.messages import Reply, StoredPhoto, buttons_of
from domain.calendar import NudgePolicy
from storage.clock import Clock
from storage.db import Database
from storage.outbox import OutboxItem

log = logging.getLogger(__name__)

MAX_ATTEMPTS: Final = 8
BACKOFF_CAP: Final = dt.timedelta(minutes=10)


@dataclasses.dataclass
class SendCounts:
    """What one drain did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    unreachable: int = 0
    #: blocked on one messenger, moved to the person's account on another
    moved: int = 0
    skipped: int = 0

    @property
    def worked(self) -> bool:
        """Whether a row was handled (so more may be due at once)."""
        return bool(self.sent or self.retried or self.failed or self.unreachable or self.moved)


def reply_of(item: OutboxItem) -> Reply:
    """The stored message as a reply a channel can send."""
    choices, navigation = buttons_of(item.buttons)
    if item.photo_sha256 and item.photo_mime:
        photo = StoredPhoto(item.photo_sha256, item.photo_mime)
        return Reply(
            item.text,
            choices=choices,
            navigation=navigation,
            photos=(photo,),
            text_as_caption=True,
        )
    return Reply(item.text, choices=choices, navigation=navigation)


class OutboxSender:
    """Claims due rows with a lease and sends them through their channel, a few at a time."""

    def __init__(
        self,
        database: Database,
        channels: Mapping[str, Channel],
        clock: Clock,
        pacer: Pacer,
        *,
        zone: ZoneInfo,
        policy: NudgePolicy,
        workers: int = 8,
        batch: int = 200,
        lease: dt.timedelta = dt.timedelta(minutes=2),
        idle_poll: float = 1.0,
        pacers: Mapping[str, Pacer] | None = None,
    ) -> None:
        self.database = database
        #: a channel with limits of its own (Zalo) paces its chats with its own pacer
        self.pacers = dict(pacers or {})
        self.channels = dict(channels)
        self.clock = clock
        self.pacer = pacer
        self.zone = zone
        self.policy = policy
        self.workers = workers
        self.batch = batch
        self.lease = lease
        self.idle_poll = idle_poll
        self.name = this_process()
        self._wake = asyncio.Event()
        self._took_over = False

    def quiet_now(self) -> bool:
        """Whether reminders are held now (quiet hours)."""
        return self.policy.quiet(self.clock.now(), self.zone)

    def wake(self) -> None:
        """Something was enqueued: look now rather than at the next poll."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Send until ``stop`` is set."""
        while not stop.is_set():
            try:
                counts = await self.send_due()
            except Exception:  # a database hiccup must not end the sender
                log.exception("outbox sender failed; retrying")
                counts = SendCounts()
            if counts.worked:
                continue
            self._wake.clear()
            waits = [asyncio.create_task(stop.wait()), asyncio.create_task(self._wake.wait())]
            await asyncio.wait(waits, timeout=self.idle_poll, return_when=asyncio.FIRST_COMPLETED)
            for task in waits:
                task.cancel()

    async def drain(self, *, patience: float = 0.0) -> SendCounts:
        """Send everything due now, waiting for retries due within ``patience`` seconds."""
        total = SendCounts()
        while True:
            counts = await self.send_due()
            for field in dataclasses.fields(SendCounts):
                setattr(total, field.name, getattr(total, field.name) + getattr(counts, field.name))
            if counts.worked:
                continue
            async with self.database.read() as tx:
                due = await tx.outbox.next_due()
            now = self.clock.now()
            # Rows due already but not claimed are held by quiet hours or by another sender's
            # lease: waiting here would not send them. Only retries due soon are worth a wait.
            if due is None or due <= now or (due - now).total_seconds() > patience:
                return total
            await asyncio.sleep((due - now).total_seconds())

    async def take_over_dead_claims(self) -> int:
        """Release the rows claimed by sender processes that are gone (a crash), at once rather
        than when their lease runs out. Live processes of this host, and other hosts' claims
        within their lease, are left alone: releasing those could send a row twice."""
        async with self.database.transaction() as tx:
            holders = await tx.outbox.claim_holders(self.clock.now())
            gone = [holder for holder in holders if is_gone(holder)]
            released = await tx.outbox.release_claims(gone)
        if released:
            log.info("took over %d outbox row(s) of ended senders %s", released, ", ".join(gone))
        self._took_over = True
        return released

    async def send_due(self) -> SendCounts:
        """Claim one batch of due rows and send it (first taking over what dead senders held)."""
        if not self._took_over:
            await self.take_over_dead_claims()
        now = self.clock.now()
        quiet = self.policy.quiet(now, self.zone)
        async with self.database.transaction() as tx:
            items = await tx.outbox.claim(
                now, self.lease, self.batch, quiet=quiet, holder=self.name
            )
        counts = SendCounts()
        if not items:
            return counts
        queue: asyncio.Queue[OutboxItem] = asyncio.Queue()
        for item in items:
            queue.put_nowait(item)

        async def worker() -> None:
            while not queue.empty():
                await self._deliver(queue.get_nowait(), counts)

        await asyncio.gather(*(worker() for _ in range(min(self.workers, len(items)))))
        return counts

    async def _deliver(self, item: OutboxItem, counts: SendCounts) -> None:
        channel = self.channels.get(item.channel)
        if channel is None:  # another process owns that channel; the lease will run out
            counts.skipped += 1
            return
        retry_in: float | None = None
        error = ""
        attempts = item.attempts
        try:
            # The channel keeps the overall pace; the outbox also spaces messages to one chat.
            pacer = self.pacers.get(item.channel, self.pacer)
            async with pacer.chat_turn(f"{item.channel}:{item.chat_id}"):
                await channel.send(item.chat_id, reply_of(item))
            outcome = "sent"
        except RateLimited as limited:
            log.warning("429 from %s: waiting %.0f s", item.channel, limited.retry_after)
            outcome, retry_in, error = "retry", limited.retry_after, str(limited)
        except RecipientBlocked:
            outcome = "unreachable"
        except TemporaryFailure as failure:
            attempts += 1
            error = str(failure)
            outcome = "failed" if attempts >= MAX_ATTEMPTS else "retry"
            retry_in = min(2.0**attempts, BACKOFF_CAP.total_seconds())
        except PermanentFailure as failure:
            outcome, attempts, error = "failed", attempts + 1, str(failure)
        now = self.clock.now()
        # Each outcome is stored in its own short transaction right after the platform answered:
        # a crash between the two is the only way a row could be sent twice.
        async with self.database.transaction() as tx:
            if outcome == "sent":
                await tx.outbox.mark_sent(item.id, now)
                counts.sent += 1
            elif outcome == "retry":
                assert retry_in is not None
                moment = now + dt.timedelta(seconds=retry_in)
                await tx.outbox.retry_at(item.id, moment, error, attempts=attempts)
                counts.retried += 1
            elif outcome == "unreachable":
                if await tx.outbox.unreachable(item.id, item.account_id, now):
                    counts.moved += 1  # to the person's other messenger
                else:
                    counts.unreachable += 1
            else:
                await tx.outbox.fail(item.id, error, attempts=attempts)
                counts.failed += 1
