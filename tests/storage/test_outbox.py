"""The outbox, on each backend: a key is enqueued once, a claim is a lease that keeps others off
until it ends, quiet hours hold all but urgent rows, and a met deadline drops its pending nudges."""

from __future__ import annotations

import datetime as dt

from storage.db import Database
from storage.outbox import OutgoingMessage

NOW = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=5)


def _message(key: str, topic: str, *, quiet_hours: bool = True) -> OutgoingMessage:
    return OutgoingMessage(
        key=key, topic=topic, kind="nudge", person_id=1, account_id=1, channel="telegram",
        chat_id="501", text=f"Nhắc {key}", quiet_hours=quiet_hours,
    )  # fmt: skip


async def _person(database: Database) -> None:
    async with database.transaction() as tx:
        person = await tx.accounts.create_person("Nguyễn An", "vi", NOW)
        await tx.accounts.bind("telegram", "501", "501", person, None, NOW)


async def test_a_key_goes_in_once_and_a_claim_is_a_lease(database: Database) -> None:
    await _person(database)
    async with database.transaction() as tx:
        messages = [_message("a", "t1"), _message("b", "t2", quiet_hours=False)]
        assert await tx.outbox.enqueue(messages, NOW) == 2
        assert await tx.outbox.enqueue([_message("a", "t1")], NOW) == 0  # a repeat adds nothing
    async with database.transaction() as tx:
        quiet = await tx.outbox.claim(NOW, LEASE, 10, quiet=True, holder="p1")
        assert [item.key for item in quiet] == ["b"]  # only the urgent one in quiet hours
        first = await tx.outbox.claim(NOW, LEASE, 10, quiet=False, holder="p1")
        assert [item.key for item in first] == ["a"]  # b is leased already
        assert await tx.outbox.claim(NOW, LEASE, 10, quiet=False, holder="p2") == []
        assert await tx.outbox.claim_holders(NOW) == ["p1"]
        await tx.outbox.mark_sent(first[0].id, NOW)
    async with database.transaction() as tx:
        later = NOW + LEASE + dt.timedelta(seconds=1)  # b's lease ran out, unsent
        assert [item.key for item in await tx.outbox.claim(later, LEASE, 10, quiet=False)] == ["b"]
        counts = await tx.outbox.counts()
    assert counts.get("sent") == 1 and counts.get("pending") == 1


async def test_a_met_deadline_drops_its_pending_nudges_only(database: Database) -> None:
    await _person(database)
    async with database.transaction() as tx:
        await tx.outbox.enqueue(
            [_message("a", "t1"), _message("b", "t1"), _message("c", "t2")], NOW
        )
        (sent,) = [i for i in await tx.outbox.claim(NOW, LEASE, 1, quiet=False) if i.key == "a"]
        await tx.outbox.mark_sent(sent.id, NOW)
        assert await tx.outbox.cancel_topic("t1") == 1  # b; a was sent already
        left = await tx.outbox.claim(NOW, LEASE, 10, quiet=False)
    assert [item.key for item in left] == ["c"]
