"""``/showcase`` played whole: a BTV member marks a recognised model of the subtree for
showcasing (recorded with who and when), sees it starred, and removes the mark; a waiting model
or one of another district is never offered, and with nothing recognised the command says so."""

from __future__ import annotations

from domain.organisation import Role
from domain.registry import Status
from storage.spreading import SHOWCASED
from tests.support.chat import Chat
from tests.support.registry import add_model, model
from tests.support.world import World


async def test_a_recognised_model_is_marked_then_unmarked(pg_world: World) -> None:
    world = pg_world
    road = await add_model(world, "Đường hoa", status=Status.RECOGNISED)
    await add_model(world, "Đang chờ", status=Status.REGISTERED)
    await add_model(world, "Bon xanh", "BP-BD-DL-T4", status=Status.RECOGNISED)
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    asked = await btv.say("/showcase")
    assert "trang thông tin điện tử" in asked and "⭐" in asked
    assert btv.buttons() == ["Đường hoa · Chi đoàn ấp 1"]
    assert "Vui lòng chọn một trong các lựa chọn" in await btv.say("Bon xanh")
    marked = await btv.press("Đường hoa")
    assert "⭐ Đã chọn giới thiệu mô hình «Đường hoa»" in marked
    assert (await model(world, road)).showcased_at == world.clock.now()

    await btv.say("gioi thieu")  # the command's word, without the slash
    assert btv.buttons() == ["⭐ Đường hoa · Chi đoàn ấp 1"]
    unmarked = await btv.press("Đường hoa")
    assert "Đã bỏ chọn giới thiệu mô hình «Đường hoa»." in unmarked
    assert (await model(world, road)).showcased_at is None
    async with world.runtime.database.read() as tx:
        trail = [c for c in await tx.models.changes(road) if c[0] == SHOWCASED]
        account = await tx.accounts.account("console", "btv")
    assert account is not None
    moment, who = world.clock.now().isoformat(), account.person_id
    assert trail == [(SHOWCASED, None, moment, who), (SHOWCASED, moment, None, who)]


async def test_with_nothing_recognised_the_command_says_so(world: World) -> None:
    await add_model(world, "Đang chờ", status=Status.REGISTERED)
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    refused = await btv.say("/showcase")
    assert "Chưa có mô hình nào trong đơn vị của bạn được công nhận" in refused


async def test_a_secretary_may_not_showcase(world: World) -> None:
    await add_model(world, "Đường hoa", status=Status.RECOGNISED)
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    assert "không dành cho vai trò" in await chat.say("/showcase")
