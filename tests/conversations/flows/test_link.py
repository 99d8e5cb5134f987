"""``/link`` played whole: a code from one chat binds a second chat to the same person, once."""

from __future__ import annotations

import datetime as dt
import re

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World

GROUPED = re.compile(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b")


async def _link_code(chat: Chat) -> str:
    answer = await chat.say("/link")
    assert "Mã liên kết của bạn (dùng một lần" in answer
    found = GROUPED.search(answer)
    assert found is not None, answer
    return found[1]


async def test_a_link_code_binds_another_chat_to_the_same_person(world: World) -> None:
    first = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="phone-a")
    code = await _link_code(first)
    second = Chat(world, "phone-b")
    linked = await second.say(code.lower())  # typed by hand: any case, dashes kept
    assert linked.startswith("Đã liên kết, Nguyễn Thị Lan!")
    assert "Đăng ký mô hình" in await second.say("/register")  # the same roles
    async with world.runtime.database.read() as tx:
        a = await tx.accounts.account("console", "phone-a")
        b = await tx.accounts.account("console", "phone-b")
        assert a is not None and b is not None and a.person_id == b.person_id
        person = await tx.accounts.person(a.person_id)
    assert person is not None and len(person.roles) == 1  # no role was doubled
    third = Chat(world, "phone-c")
    assert "đã được sử dụng" in await third.say(f"/start {code}")  # single use


async def test_a_link_code_expires_after_15_minutes(world: World) -> None:
    first = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1", chat_id="phone-a")
    code = await _link_code(first)
    world.clock.advance(dt.timedelta(minutes=16))
    assert "hết hạn" in await Chat(world, "phone-b").say(code)
    async with world.runtime.database.read() as tx:
        assert await tx.accounts.account("console", "phone-b") is None


async def test_link_is_only_for_people_who_joined(world: World) -> None:
    answer = await Chat(world, "stranger").say("/link")
    assert "mã mời" in answer and "Mã liên kết" not in answer
