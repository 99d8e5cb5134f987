"""Joining played whole: the name asked when the invite has none (a second code typed there is
not taken for a name), and wrong codes refused, counted, then blocked for the chat."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def test_the_name_is_asked_when_the_invite_has_none(pg_world: World) -> None:
    world = pg_world
    code = await world.invite(Role.SECRETARY, "BP-DP-TL-A1", name=None)
    chat = Chat(world, "new")
    assert "Họ và tên của bạn là gì?" in await chat.say(f"/start {code}")
    again = await chat.say(code)
    assert "Mã mời của bạn đã được chấp nhận." in again
    welcome = await chat.say("Đặng Thị Hoa")
    assert "Chào mừng Đặng Thị Hoa!" in welcome


async def test_wrong_codes_are_refused_then_the_chat_waits(world: World) -> None:
    chat = Chat(world, "guesser")
    for _ in range(5):
        refused = await chat.say("/start AAAABBBBCCCC")
        assert "Mã mời không đúng." in refused
    code = await world.invite(Role.SECRETARY, "BP-DP-TL-A1")
    blocked = await chat.say(f"/start {code}")  # even a right code waits now
    assert "Bạn đã nhập sai mã quá nhiều lần." in blocked
    async with world.runtime.database.read() as tx:
        assert await tx.accounts.account("console", "guesser") is None
