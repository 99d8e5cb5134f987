"""``/lang`` played whole: the choice is kept for the person and every answer follows it."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def test_english_is_chosen_kept_and_used(world: World) -> None:
    chat = await Chat.joined(world, Role.SECRETARY, "BP-DP-TL-A1")
    assert "Bạn muốn tôi dùng ngôn ngữ nào?" in await chat.say("/lang")
    answer = await chat.press("English")
    assert answer == "From now on I will write in English. Type /help to see what you can do."
    assert "What is the name of the model?" in await chat.say("/register")
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("console", chat.chat_id)
        assert account is not None
        person = await tx.accounts.person(account.person_id)
    assert person is not None and person.locale == "en"
    assert "Từ giờ tôi sẽ trả lời bằng tiếng Việt." in await chat.say("/lang vi")
