"""``/nominate`` and ``/nominees`` played whole: only a recognised model is offered for round 1,
proposing it twice says so, and the list shows the proposals of one's subtree."""

from __future__ import annotations

from domain.organisation import Role
from domain.registry import Status
from tests.support.chat import Chat
from tests.support.world import World


async def test_a_recognised_model_is_proposed_once(pg_world: World) -> None:
    world = pg_world
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    road = await secretary.register("Đường hoa")
    await secretary.register("Sân chơi")  # registered, not recognised: never offered
    async with world.runtime.database.transaction() as tx:
        await tx.appraisals.set_status(road, Status.RECOGNISED, None, world.clock.now())
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    await btv.say("/nominate")
    await btv.press("1")
    assert btv.buttons() == ["Đường hoa · Chi đoàn ấp 1"]
    assert "Đã đề nghị khen thưởng đợt 1 cho «Đường hoa»." in await btv.press("Đường hoa")
    await btv.say("/nominate")
    await btv.press("1")
    again = await btv.press("Đường hoa")
    assert "«Đường hoa» đã được đề nghị khen thưởng đợt 1 từ trước." in again
    listed = await btv.say("/nominees")
    assert "1. «Đường hoa» · Chi đoàn ấp 1" in listed and "Sân chơi" not in listed


async def test_a_round_with_nothing_to_propose_says_so(world: World) -> None:
    secretary = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    await secretary.register("Đường hoa")
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    await btv.say("/nominate")
    nothing = await btv.press("2")
    assert "Chưa có mô hình nào trong đơn vị của bạn đủ điều kiện đề nghị cho đợt này." in nothing
