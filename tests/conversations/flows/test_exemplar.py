"""``/exemplar`` played whole through the dispatcher: an individual exemplar with a photo, a
name made of symbols refused, and no exemplar for a role that registers nothing."""

from __future__ import annotations

import re

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def test_a_secretary_registers_an_exemplar_with_a_photo(pg_world: World) -> None:
    world = pg_world
    chat = await Chat.joined(world, Role.SECRETARY, "BP-BD-DL-T4")
    assert "Điển hình cá nhân là ai?" in await chat.say("/exemplar")
    await chat.say("Y Sơn Niê")
    await chat.say("/skip")  # no position
    await chat.say("Vận động 30 hộ hiến 1.200 m² đất làm đường")
    await chat.photo(seed=7)
    await chat.say("/done")
    saved = await chat.press("✅")
    assert "✅ Đã đăng ký Y Sơn Niê" in saved and "Chi đoàn thôn 4" in saved
    assert "kèm 1 ảnh" in saved
    number = re.search(r"\(số (\d+)\)", saved)
    assert number is not None
    async with world.runtime.database.read() as tx:
        exemplar = await tx.models.exemplar(int(number[1]))
    assert exemplar is not None
    assert (exemplar.person_name, exemplar.position) == ("Y Sơn Niê", None)
    assert exemplar.achievement == "Vận động 30 hộ hiến 1.200 m² đất làm đường"
    assert exemplar.photo_count == 1


async def test_a_name_of_symbols_is_refused_and_the_question_stays(world: World) -> None:
    chat = await Chat.joined(world, Role.SECRETARY, "BP-BD-DL-T4")
    await chat.say("/exemplar")
    refused = await chat.say("🌟🌟 !!")
    assert "⚠️" in refused and "Điển hình cá nhân là ai?" in refused
    assert "Bước 2/" in await chat.say("Y Sơn Niê")


async def test_a_cluster_lead_may_not_register_an_exemplar(world: World) -> None:
    chat = await Chat.joined(world, Role.CLUSTER_LEAD, None, cluster="C2", name="Lê Thị Cúc")
    assert "không dành cho vai trò" in await chat.say("/exemplar")
