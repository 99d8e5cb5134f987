"""The outbox on Telegram: sent once, within the flood limits, waiting out 429s, never twice."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from bot.outbox_sender import OutboxSender
from conversations.messages import Reply
from storage.outbox import OutgoingMessage
from tests.e2e.conftest import MORNING
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_a_reminder_arrives_once_and_its_button_starts_the_registration(
    running_world: World,
) -> None:
    world = running_world
    async with TelegramEmulator() as emulator, world.telegram(emulator) as telegram:
        await world.bind_telegram(101, "BP-DP-TL-A1")
        assert await world.enqueue_due() == 1
        counts = await world.runtime.sender({"telegram": telegram}).drain()
        assert counts.sent == 1
        (nudge,) = await emulator.wait_for_messages(101)
        assert nudge.text.startswith("⏰ Nhắc hạn: Đăng ký mô hình năm 2027")
        assert nudge.buttons == [[("📝 Đăng ký mô hình", "/register")]]
        emulator.press_button(101, nudge, "📝 Đăng ký mô hình")
        (question,) = await emulator.wait_for_messages(101)
        assert "Tên mô hình là gì?" in question.text
        assert await world.enqueue_due() == 0
        again = await world.runtime.sender({"telegram": telegram}).drain()
        assert again.sent == 0
    async with world.runtime.database.read() as tx:
        assert (await tx.outbox.counts())["sent"] == 1


async def test_a_429_is_waited_out_and_the_limits_are_never_exceeded(running_world: World) -> None:
    world = running_world
    async with (
        TelegramEmulator(flood_limits=True) as emulator,
        world.telegram(emulator) as telegram,
    ):
        for user, unit in ((101, "BP-DP-TL-A1"), (102, "BP-DP-TL-A2"), (103, "BP-DP-DT-TH")):
            await world.bind_telegram(user, unit)
        assert await world.enqueue_due() == 3
        async with world.runtime.database.transaction() as tx:  # two more for chat 101
            await tx.outbox.enqueue(
                [
                    OutgoingMessage(
                        f"notice:{n}", "notice", "notice", 1, 1, "telegram", "101", f"Tin {n}"
                    )
                    for n in (1, 2)
                ],
                world.clock.now(),
            )
        emulator.fail_next("sendMessage", status=429, retry_after=2)
        counts = await world.runtime.sender({"telegram": telegram}).drain(patience=10)
    assert counts.sent == 5 and counts.retried == 1
    sends = [r for r in emulator.requests if r.method == "sendMessage"]
    refused = [r for r in sends if r.status == 429]
    accepted = [r for r in sends if r.status == 200]
    assert len(refused) == 1 and len(accepted) == 5
    # A send already on its way when the 429 came back may land just after it; nothing is
    # started after it until retry_after has passed.
    hit = refused[0].at
    assert [r for r in accepted if hit + 0.1 < r.at < hit + 2.0] == []
    assert len([r for r in accepted if r.at >= hit + 2.0]) >= 4
    to_101 = [r.at for r in accepted if r.chat_id == 101]
    assert len(to_101) == 3
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(to_101))
    assert emulator.flood_429_count == 0


async def test_a_user_who_blocked_the_bot_is_marked_unreachable(running_world: World) -> None:
    world = running_world
    async with TelegramEmulator() as emulator, world.telegram(emulator) as telegram:
        await world.bind_telegram(101, "BP-DP-TL-A1")
        await world.bind_telegram(102, "BP-DP-TL-A2")
        emulator.block_chat(102)
        await world.enqueue_due()
        counts = await world.runtime.sender({"telegram": telegram}).drain()
        assert (counts.sent, counts.unreachable) == (1, 1)
        world.clock.set(MORNING + dt.timedelta(days=2))  # the next reminder, on 14/01
        assert await world.enqueue_due() == 1  # only the reachable person
    async with world.runtime.database.read() as tx:
        counts_now = await tx.outbox.counts()
        account = await tx.accounts.account("telegram", "102")
    assert counts_now["unreachable"] == 1
    assert account is not None and account.unreachable_at is not None


async def test_network_errors_are_retried_and_a_bad_request_is_given_up(
    running_world: World,
) -> None:
    world = running_world
    async with TelegramEmulator() as emulator, world.telegram(emulator) as telegram:
        await world.bind_telegram(101, "BP-DP-TL-A1")
        await world.enqueue_due()
        emulator.fail_next("sendMessage", status=502, description="Bad Gateway")
        counts = await world.runtime.sender({"telegram": telegram}).drain(patience=5)
        assert (counts.sent, counts.retried) == (1, 1)
        async with world.runtime.database.transaction() as tx:
            await tx.outbox.enqueue(
                [OutgoingMessage("notice:x", "notice", "notice", 1, 1, "telegram", "101", "x")],
                world.clock.now(),
            )
        emulator.fail_next("sendMessage", status=400, description="Bad Request: chat not found")
        counts = await world.runtime.sender({"telegram": telegram}).drain()
        assert counts.failed == 1
    async with world.runtime.database.read() as tx:
        row = await tx.outbox.by_key("notice:x")
    assert row is not None and row["status"] == "failed"
    assert "chat not found" in row["last_error"].lower()


class CrashingChannel:
    """Telegram, until the n-th message: then the process "dies" before sending it."""

    name = "telegram"

    def __init__(self, inner: object, survive: int) -> None:
        self.inner = inner
        self.left = survive
        self.died = asyncio.Event()

    async def send(self, chat_id: str, reply: Reply) -> None:
        if self.left == 0:
            self.died.set()
            await asyncio.Event().wait()  # hangs until the task is cancelled, like a dead process
        self.left -= 1
        await self.inner.send(chat_id, reply)  # type: ignore[attr-defined]


async def test_a_crash_in_the_middle_of_sending_never_sends_twice(running_world: World) -> None:
    world = running_world
    users = [201 + n for n in range(10)]
    async with TelegramEmulator() as emulator, world.telegram(emulator) as telegram:
        for user, unit in zip(users, itertools.cycle(["BP-DP-TL-A1", "BP-DP-TL-A2"]), strict=False):
            await world.bind_telegram(user, unit)
        assert await world.enqueue_due() == 10
        crashing = CrashingChannel(telegram, survive=4)
        first = OutboxSender(
            world.runtime.database, {"telegram": crashing}, world.clock, world.runtime.pacer,
            zone=HCM, policy=world.runtime.calendar.policy, workers=1,
            lease=dt.timedelta(seconds=1),
        )  # fmt: skip
        task = asyncio.create_task(first.drain())
        await crashing.died.wait()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        assert len(emulator.sent) == 4
        await asyncio.sleep(1.1)  # the dead sender's lease runs out
        counts = await world.runtime.sender({"telegram": telegram}).drain()
    assert counts.sent == 6
    assert sorted(m.chat_id for m in emulator.sent) == users
