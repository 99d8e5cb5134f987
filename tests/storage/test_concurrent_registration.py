"""Two secretaries of one unit confirming at the same moment: both models are saved."""

from __future__ import annotations

import asyncio

from conversations.messages import Inbound
from domain.organisation import Role
from tests.support.world import World


async def say(world: World, chat: str, text: str) -> str:
    replies = await world.runtime.dispatcher.handle(
        Inbound(channel="console", chat_id=chat, user_id=chat, text=text)
    )
    return "\n".join(r.text for r in replies)


async def test_two_registrations_at_the_same_moment_are_both_saved(pg_world: World) -> None:
    world = pg_world
    chats = ["secretary-a", "secretary-b"]
    for chat, name in zip(chats, ["Nguyễn An", "Trần Bình"], strict=True):
        code = await world.invite(Role.SECRETARY, "BP-DP-TL", name=name)
        assert "Chào mừng" in await say(world, chat, f"/start {code}")
        await say(world, chat, "/register")
        for answer in [f"Mô hình của {name}", "1", "Chi đoàn", "Ấp 1", "2", "20", "/skip", "/skip"]:
            await say(world, chat, answer)
        assert "Vui lòng kiểm tra lại" in await say(world, chat, "/skip")

    results = await asyncio.gather(*(say(world, chat, "1") for chat in chats))

    assert all("Đã đăng ký mô hình" in text for text in results)
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL")
        assert unit is not None
        models = await tx.models.for_units([unit.id])
        counts = await tx.models.counts_for_units([unit.id], 2026)
    assert sorted(m.fields.name for m in models) == [
        "Mô hình của Nguyễn An",
        "Mô hình của Trần Bình",
    ]
    assert counts == {unit.id: 2}
    assert any("2/2" in text for text in results)
