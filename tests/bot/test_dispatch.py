"""The dispatcher: a redelivered update is dropped, a photo nobody asked for is not downloaded,
a person who had blocked the bot is reachable again once they write, and one chat's events are
answered in order."""

from __future__ import annotations

import asyncio

from bot.dispatch import Attachment
from conversations.messages import Inbound
from domain.organisation import Role
from tests.support.world import World


def _inbound(text: str | None, update_id: int, chat: str = "501") -> Inbound:
    return Inbound(channel="telegram", chat_id=chat, user_id=chat, update_id=update_id, text=text)


async def test_a_redelivered_update_is_answered_once(world: World) -> None:
    dispatcher = world.runtime.dispatcher
    await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    first = await dispatcher.handle(_inbound("/register", 7))
    assert first and "Bước 1/" in first[0].text
    assert await dispatcher.handle(_inbound("/register", 7)) == []  # the same update again


async def test_a_photo_nobody_asked_for_is_not_downloaded(world: World) -> None:
    await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)

    async def download() -> bytes:
        raise AssertionError("downloaded a photo that nothing waits for")

    (reply,) = await world.runtime.dispatcher.handle(
        _inbound(None, 8), Attachment(download, 100, "image/jpeg")
    )
    assert "Lúc này tôi chưa cần ảnh." in reply.text


async def test_a_blocked_account_is_reachable_again_and_a_chat_answers_in_order(
    world: World,
) -> None:
    await world.bind_telegram(501, "BP-DP-TL-A1", Role.SECRETARY)
    async with world.runtime.database.transaction() as tx:
        account = await tx.accounts.account("telegram", "501")
        assert account is not None
        await tx.accounts.mark_unreachable(account.id, world.clock.now())
    dispatcher = world.runtime.dispatcher
    name, owner = await asyncio.gather(
        dispatcher.handle(_inbound("/register", 9)), dispatcher.handle(_inbound("Đường hoa", 10))
    )
    assert "Tên mô hình là gì?" in name[0].text and "Bước 2/" in owner[0].text
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("telegram", "501")
    assert account is not None and account.unreachable_at is None
