"""The sender's own rules, with a recording channel: quiet hours and claims."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.pacing import Pacer
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


async def test_zalo_chats_are_spaced_by_zalo_s_own_setting(world: World) -> None:
    now = world.clock.now()
    async with world.runtime.database.transaction() as tx:
        person = await tx.accounts.create_person("Lan", "vi", now)
        account = await tx.accounts.bind("zalo", "z1", "z1", person, None, now)
        await tx.outbox.enqueue(
            [
                OutgoingMessage(f"notice:{n}", "t", "notice", person, account.id, "zalo", "z1",
                                f"Tin {n}", quiet_hours=False)
                for n in (1, 2)
            ],
            now,
        )  # fmt: skip
    waits: dict[str, list[float]] = {"telegram": [], "zalo": []}

    def pacer(channel: str, interval: float) -> Pacer:
        async def sleep(seconds: float) -> None:
            waits[channel].append(seconds)
            ticks[0] += seconds

        ticks = [0.0]
        return Pacer(100.0, interval, monotonic=lambda: ticks[0], sleep=sleep)

    recorder = Recorder()
    recorder.name = "zalo"
    sender = world.runtime.sender({"zalo": recorder})
    sender.pacer = pacer("telegram", 1.1)
    sender.pacers = {"zalo": pacer("zalo", 4.0)}
    counts = await sender.drain()
    assert counts.sent == 2 and [text for _chat, text in recorder.sent] == ["Tin 1", "Tin 2"]
    assert waits["zalo"] == [4.0] and waits["telegram"] == []  # the second waited Zalo's spacing
