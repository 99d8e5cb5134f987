"""One person on Telegram and Zalo: linked with /link, reminded once, on the messenger they wrote
from last, and reached on the other when one is blocked."""

from __future__ import annotations

import re

from domain.organisation import Role
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World
from tests.support.zalo_emulator import ZaloEmulator

TELEGRAM_USER = 7001
ZALO_USER = "zalo-7001"
LINK_CODE = re.compile(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b")


async def link_both(world: World, telegram: TelegramEmulator, zalo: ZaloEmulator) -> None:
    """A secretary joins on Telegram, asks for a link code and types it on Zalo."""
    code = await world.invite(Role.SECRETARY, "BP-DP-TL-A1", name="Nguyễn Thị Lan")
    telegram.send_text(TELEGRAM_USER, f"/start {code}")
    await telegram.wait_for_messages(TELEGRAM_USER, 2)
    telegram.send_text(TELEGRAM_USER, "/link")
    (answer,) = await telegram.wait_for_messages(TELEGRAM_USER)
    found = LINK_CODE.search(answer.text or "")
    assert found is not None, answer.text
    assert "https://t.me/" in (answer.text or "")
    zalo.send_text(ZALO_USER, found[1])
    linked, _help = await zalo.wait_for_messages(ZALO_USER, 2)
    assert (linked.text or "").startswith("Đã liên kết, Nguyễn Thị Lan!")
    async with world.runtime.database.read() as tx:
        on_telegram = await tx.accounts.account("telegram", str(TELEGRAM_USER))
        on_zalo = await tx.accounts.account("zalo", ZALO_USER)
    assert on_telegram is not None and on_zalo is not None
    assert on_telegram.person_id == on_zalo.person_id


async def test_a_person_on_both_channels_gets_one_reminder_where_they_wrote_last(
    running_world: World,
) -> None:
    world = running_world
    async with (
        TelegramEmulator() as telegram_emulator,
        ZaloEmulator() as zalo_emulator,
        world.telegram(telegram_emulator) as telegram,
        world.zalo(zalo_emulator) as zalo,
    ):
        await link_both(world, telegram_emulator, zalo_emulator)
        before = len(telegram_emulator.sent)
        assert await world.enqueue_due() == 1  # one person, one reminder
        counts = await world.runtime.sender({"telegram": telegram, "zalo": zalo}).drain()
        assert counts.sent == 1
        (nudge,) = await zalo_emulator.wait_for_messages(ZALO_USER, after=2)
        assert (nudge.text or "").startswith("⏰ Nhắc hạn: Đăng ký mô hình năm 2027")
        assert "[📝 Đăng ký mô hình: /register]" in (nudge.text or "")  # a command to type
        assert len(telegram_emulator.sent) == before  # nothing on Telegram
        assert await world.enqueue_due() == 0


async def test_a_person_blocked_on_one_channel_is_reached_on_the_other(
    running_world: World,
) -> None:
    world = running_world
    async with (
        TelegramEmulator() as telegram_emulator,
        ZaloEmulator() as zalo_emulator,
        world.telegram(telegram_emulator) as telegram,
        world.zalo(zalo_emulator) as zalo,
    ):
        await link_both(world, telegram_emulator, zalo_emulator)
        zalo_emulator.block(ZALO_USER)
        assert await world.enqueue_due() == 1
        counts = await world.runtime.sender({"telegram": telegram, "zalo": zalo}).drain()
        assert counts.moved == 1 and counts.sent == 1 and counts.unreachable == 0
        (nudge,) = await telegram_emulator.wait_for_messages(TELEGRAM_USER)
        assert (nudge.text or "").startswith("⏰ Nhắc hạn: Đăng ký mô hình năm 2027")
    async with world.runtime.database.read() as tx:
        on_zalo = await tx.accounts.account("zalo", ZALO_USER)
        assert (await tx.outbox.counts())["sent"] == 1
    assert on_zalo is not None and on_zalo.unreachable_at is not None
