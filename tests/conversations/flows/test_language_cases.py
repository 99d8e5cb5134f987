"""More cases.
``/lang``, played whole through the dispatcher: the language is kept per person."""

from __future__ import annotations

from domain.organisation import Role
from tests.support.chat import Chat
from tests.support.world import World


async def _locale(world: World, chat_id: str = "chat-1") -> str:
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("console", chat_id)
        assert account is not None
        person = await tx.accounts.person(account.person_id)
    assert person is not None
    return person.locale


async def test_the_language_chosen_is_kept_and_the_answer_comes_in_it(pg_world: World) -> None:
    world = pg_world
    chat = await Chat.joined(world, Role.SECRETARY)

    question = await chat.say("/lang")

    assert "Bạn muốn tôi dùng ngôn ngữ nào?" in question
    assert [b.label for b in chat.last[0].choices] == ["Tiếng Việt", "English"]
    assert (await chat.press("English")).startswith("From now on I will write in English.")
    assert await _locale(world) == "en"
    # the command's argument answers the question: nothing is asked
    back = await chat.say("/lang vi")
    assert back == "Từ giờ tôi sẽ trả lời bằng tiếng Việt. Gõ /help để xem bạn có thể làm gì."
    assert await _locale(world) == "vi"


async def test_a_language_not_offered_is_refused_and_asked_again(world: World) -> None:
    chat = await Chat.joined(world, Role.SECRETARY)

    refused = await chat.say("/lang fr")

    assert refused.startswith("⚠️ Vui lòng chọn một trong các lựa chọn: bấm nút hoặc gõ số thứ tự.")
    assert "Bạn muốn tôi dùng ngôn ngữ nào?" in refused
    again = await chat.say("Français")
    assert "Vui lòng chọn một trong các lựa chọn" in again
    assert (await chat.say("2")).startswith("From now on I will write in English.")
    assert await _locale(world) == "en"


async def test_someone_who_has_not_joined_is_told_how_to_join_instead(world: World) -> None:
    chat = Chat(world, "stranger")

    answer = await chat.say("/lang en")

    assert "mã mời" in answer and "/start" in answer
    async with world.runtime.database.read() as tx:
        assert await tx.conversations.all_in_chat("console", "stranger") == []
