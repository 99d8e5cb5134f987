"""The sender's own rules, with a recording channel: quiet hours and claims."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from conversations.messages import Reply
from storage.clock import FixedClock
from storage.outbox import OutgoingMessage
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


class Recorder:
    name = "telegram"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, chat_id: str, reply: Reply) -> None:
        self.sent.append((chat_id, reply.text))


async def test_quiet_hours_hold_reminders_but_not_urgent_messages(world: World) -> None:
    person = await world.bind_telegram(101)
    late = dt.datetime(2027, 1, 12, 22, 0, tzinfo=HCM)
    async with world.runtime.database.transaction() as tx:
        await tx.outbox.enqueue(
            [
                OutgoingMessage("nudge:x", "t", "nudge", person, 1, "telegram", "101", "Nhắc hạn"),
                OutgoingMessage(
                    "notice:y",
                    "t",
                    "notice",
                    person,
                    1,
                    "telegram",
                    "101",
                    "Gấp",
                    quiet_hours=False,
                ),
            ],
            late,
        )
    clock = FixedClock(late)
    recorder = Recorder()
    sender = world.runtime.sender({"telegram": recorder})
    sender.clock = clock
    assert sender.quiet_now()
    counts = await sender.drain(patience=5)
    assert counts.sent == 1 and recorder.sent == [("101", "Gấp")]
    clock.set(dt.datetime(2027, 1, 13, 7, 0, tzinfo=HCM))
    counts = await sender.drain(patience=5)
    assert counts.sent == 1 and recorder.sent[-1] == ("101", "Nhắc hạn")


async def test_a_row_held_by_another_sender_is_not_sent_until_its_lease_ends(world: World) -> None:
    person = await world.bind_telegram(101)
    noon = dt.datetime(2027, 1, 12, 12, 0, tzinfo=HCM)
    async with world.runtime.database.transaction() as tx:
        await tx.outbox.enqueue(
            [OutgoingMessage("n:1", "t", "nudge", person, 1, "telegram", "101", "Một")], noon
        )
        (claimed,) = await tx.outbox.claim(noon, dt.timedelta(minutes=2), 10, quiet=False)
    clock = FixedClock(noon + dt.timedelta(minutes=1))
    recorder = Recorder()
    sender = world.runtime.sender({"telegram": recorder})
    sender.clock = clock
    assert (await sender.drain()).sent == 0
    clock.set(noon + dt.timedelta(minutes=3))
    assert (await sender.drain()).sent == 1
    assert recorder.sent == [("101", "Một")] and claimed.key == "n:1"
