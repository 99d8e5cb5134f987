"""``/announce`` played whole: the count before sending, one outbox message per secretary of the
subtree, and nothing sent when the person declines."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def _secretaries(world: World) -> None:
    for chat_id, unit in [("a1", "BP-DP-TL-A1"), ("a2", "BP-DP-TL-A2"), ("t4", "BP-BD-DL-T4")]:
        await Chat.joined(world, Role.SECRETARY, unit, chat_id=chat_id, name=f"Bí thư {chat_id}")


async def test_an_announcement_reaches_the_secretaries_of_the_subtree(pg_world: World) -> None:
    world = pg_world
    await _secretaries(world)
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    await btv.say("/announce")
    await btv.press("Mọi bí thư các đơn vị của tôi")
    await btv.say("Họp bí thư lúc 8:00 thứ Bảy 05/12 tại hội trường xã.")
    asked = await btv.say("/skip")  # no photo
    assert "Thông báo sẽ đến 2 bí thư." in asked  # thôn 4 is in another district
    sent = await btv.press("📣 Gửi")
    assert "📣 Đã đưa vào hàng đợi gửi cho 2 bí thư." in sent
    async with world.runtime.database.read() as tx:
        rows = await tx.outbox.rows("announcement")
    assert sorted(row["chat_id"] for row in rows) == ["a1", "a2"]
    assert all(row["text"].startswith("📣 Thông báo từ Trần Văn Bình:") for row in rows)


async def test_declining_sends_nothing(world: World) -> None:
    await _secretaries(world)
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    await btv.say("/announce")
    await btv.press("Mọi bí thư")
    await btv.say("Họp bí thư lúc 8:00 thứ Bảy.")
    await btv.say("/skip")
    await btv.press("❌")
    async with world.runtime.database.read() as tx:
        assert await tx.outbox.rows("announcement") == []
