"""``/invite`` played whole: a BTV member invites a secretary into a unit of their subtree and
the code lets that person join; a unit outside the subtree is refused by name."""

from __future__ import annotations

import re

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def test_an_invited_secretary_joins_with_the_code(pg_world: World) -> None:
    world = pg_world
    btv = await Chat.joined(world, Role.BTV, "BP-DP", chat_id="btv", name="Trần Văn Bình")
    assert "Bạn muốn mời ai?" in await btv.say("/invite")
    await btv.press("👤 Bí thư")
    await btv.say("bp-dp-tl-a2")  # typed in lower case
    await btv.say("Lê Thị Mai")
    made = await btv.press("✅ Tạo mã mời")
    assert "✅ Mã mời làm bí thư của Chi đoàn ấp 2:" in made
    code = re.search(r"\b[0-9A-Z]{12}\b", made)
    assert code is not None
    newcomer = Chat(world, "mai")
    welcome = await newcomer.say(code[0])  # the code typed alone
    assert "Chào mừng Lê Thị Mai!" in welcome and "Chi đoàn ấp 2" in welcome
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("console", "mai")
        assert account is not None
        person = await tx.accounts.person(account.person_id)
    assert person is not None and person.name == "Lê Thị Mai"


async def test_a_unit_outside_the_subtree_is_refused(world: World) -> None:
    btv = await Chat.joined(world, Role.BTV, "BP-DP", name="Trần Văn Bình")
    await btv.say("/invite")
    await btv.press("👤 Bí thư")
    refused = await btv.say("BP-BD-DL-T4")
    assert "Không có đơn vị «BP-BD-DL-T4» trong phạm vi của bạn." in refused
