"""Joining and talking to the bot through the real Telegram stack and the Bot API emulator."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from domain.organisation import Role
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

USER = 5001


@pytest.fixture
async def emulator() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator() as emu:
        yield emu


async def test_start_with_code_joins_and_lists_help_in_vietnamese(
    world: World, emulator: TelegramEmulator
) -> None:
    code = await world.invite(Role.SECRETARY, "BP-DP-TL-A1", name="Nguyễn Thị Lan")
    async with world.telegram(emulator):
        emulator.send_text(USER, f"/start {code}")
        welcome, help_text = await emulator.wait_for_messages(USER, 2)
    assert welcome.text == (
        "Chào mừng Nguyễn Thị Lan! Bạn đã tham gia DVK Bot với vai trò bí thư của Chi đoàn ấp 1."
    )
    assert help_text.text.startswith("Bạn có thể:")
    assert "/lang — chọn tiếng Việt hoặc tiếng Anh" in help_text.text
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("telegram", str(USER))
        assert account is not None
        person = await tx.accounts.person(account.person_id)
    assert person is not None and person.name == "Nguyễn Thị Lan"
    assert person.has_role(Role.SECRETARY)
    assert person.units_where(Role.SECRETARY) == [await _unit_id(world, "BP-DP-TL-A1")]


async def _unit_id(world: World, code: str) -> int:
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code(code)
    assert unit is not None
    return unit.id


async def test_an_invite_without_a_name_asks_for_it_and_offers_the_telegram_name(
    world: World, emulator: TelegramEmulator
) -> None:
    code = await world.invite(Role.BTV, "BP-DP", name=None)
    async with world.telegram(emulator):
        emulator.send_text(USER, code.lower(), first_name="Bình")  # a typed code, any case
        (question,) = await emulator.wait_for_messages(USER)
        assert "Họ và tên" in question.text and "Bước 2/2" in question.text
        assert question.buttons == [[("Bình", "suggested")], [("⬅️ Quay lại", "/back")]]
        emulator.send_text(USER, "Trần Văn Bình")
        welcome, _help = await emulator.wait_for_messages(USER, 2)
    assert "Trần Văn Bình" in welcome.text and "ủy viên Ban Thường vụ" in welcome.text


async def test_help_and_language_switch_are_kept_per_person(
    world: World, emulator: TelegramEmulator
) -> None:
    code = await world.invite()
    async with world.telegram(emulator):
        emulator.send_text(USER, f"/start {code}")
        await emulator.wait_for_messages(USER, 2)
        emulator.send_text(USER, "/lang")
        (question,) = await emulator.wait_for_messages(USER)
        assert question.buttons == [[("Tiếng Việt", "vi"), ("English", "en")]]
        emulator.press_button(USER, question, "English")
        (done,) = await emulator.wait_for_messages(USER)
        assert done.text.startswith("From now on I will write in English.")
        emulator.send_text(USER, "/help")
        (help_text,) = await emulator.wait_for_messages(USER)
    assert help_text.text.startswith("What you can do:")
    assert any(a["callback_query_id"] for a in emulator.callback_answers)
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("telegram", str(USER))
        assert account is not None
        person = await tx.accounts.person(account.person_id)
    assert person is not None and person.locale == "en"


async def test_wrong_used_and_expired_codes_are_explained(
    world: World, emulator: TelegramEmulator
) -> None:
    used = await world.invite()
    expired = await world.invite(valid_for=dt.timedelta(hours=1))
    async with world.telegram(emulator):
        emulator.send_text(USER, f"/start {used}")
        await emulator.wait_for_messages(USER, 2)
        emulator.send_text(USER + 1, f"/start {used}")
        (reply,) = await emulator.wait_for_messages(USER + 1)
        assert "đã được sử dụng" in reply.text
        world.clock.advance(dt.timedelta(hours=2))
        emulator.send_text(USER + 1, f"/start {expired}")
        (reply,) = await emulator.wait_for_messages(USER + 1)
        assert "hết hạn" in reply.text
        emulator.send_text(USER + 1, "/start AAAABBBBCCCC")
        (reply,) = await emulator.wait_for_messages(USER + 1)
        assert "không đúng" in reply.text
        assert "Ví dụ:" in reply.text  # the question is asked again


async def test_repeated_wrong_codes_slow_the_chat_down(
    world: World, emulator: TelegramEmulator
) -> None:
    good = await world.invite()
    async with world.telegram(emulator):
        for _ in range(5):
            emulator.send_text(USER, "/start AAAABBBBCCCC")
            await emulator.wait_for_messages(USER)
        emulator.send_text(USER, f"/start {good}")
        (blocked,) = await emulator.wait_for_messages(USER)
        assert "quá nhiều lần" in blocked.text
        world.clock.advance(dt.timedelta(minutes=16))
        emulator.send_text(USER, f"/start {good}")
        welcome, _help = await emulator.wait_for_messages(USER, 2)
    assert welcome.text.startswith("Chào mừng")


async def test_an_unbound_user_is_told_how_to_join(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        emulator.send_text(USER, "xin chào")
        (reply,) = await emulator.wait_for_messages(USER)
        emulator.send_text(USER, "/help")
        (again,) = await emulator.wait_for_messages(USER)
    assert "mã mời" in reply.text and "/start" in reply.text
    assert again.text == reply.text


async def test_a_restart_in_the_middle_of_joining_loses_nothing(
    world: World, emulator: TelegramEmulator
) -> None:
    code = await world.invite(name=None)
    async with world.telegram(emulator):
        emulator.send_text(USER, f"/start {code}")
        (question,) = await emulator.wait_for_messages(USER)
        assert "Họ và tên" in question.text
    await world.runtime.close()
    restarted = world.restarted()
    try:
        async with world.telegram(emulator, restarted):
            emulator.send_text(USER, "Lê Thị Hoa")
            welcome, _help = await emulator.wait_for_messages(USER, 2)
    finally:
        await restarted.close()
    assert "Lê Thị Hoa" in welcome.text


async def test_a_redelivered_update_is_answered_once(
    world: World, emulator: TelegramEmulator
) -> None:
    code = await world.invite()
    async with world.telegram(emulator):
        update_id = emulator.send_text(USER, f"/start {code}")
        await emulator.wait_for_messages(USER, 2)
        emulator.redeliver(update_id)
        emulator.send_text(USER, "/help")
        (help_text,) = await emulator.wait_for_messages(USER)
        await emulator.wait_idle()
    assert help_text.text.startswith("Bạn có thể:")
    assert len(emulator.messages_to(USER)) == 3


async def test_a_code_typed_at_the_name_question_is_not_taken_for_a_name(
    world: World, emulator: TelegramEmulator
) -> None:
    code = await world.invite(Role.SECRETARY, "BP-DP-TL-A2", name=None)
    other = await world.invite(Role.SECRETARY, "BP-DP-TL-A1", name=None)
    async with world.telegram(emulator):
        emulator.send_text(USER, f"/start {code}")
        (question,) = await emulator.wait_for_messages(USER)
        assert "Họ và tên" in question.text
        for typed in (code, other.lower(), "7K3M 9QXR 2T5A"):
            emulator.send_text(USER, typed)
            (again,) = await emulator.wait_for_messages(USER)
            assert "Mã mời của bạn đã được chấp nhận" in again.text
            assert "Họ và tên" in again.text  # the name question is asked again
        # a name without diacritics may look like a code ("Nguyen Van Tai"): it is a name
        emulator.send_text(USER, "Nguyen Van Tai")
        welcome, _help = await emulator.wait_for_messages(USER, 2)
    assert welcome.text.startswith("Chào mừng Nguyen Van Tai!")
    async with world.runtime.database.read() as tx:
        unused = await tx.accounts.invite_for_code(other)
    assert unused is not None and unused.used_at is None


async def test_help_before_joining_says_what_the_bot_is_and_how_to_join(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        emulator.send_text(USER + 1, "/help")
        (vietnamese,) = await emulator.wait_for_messages(USER + 1)
        emulator.send_text(USER + 1, "/start")
        (ask_code,) = await emulator.wait_for_messages(USER + 1)
        emulator.send_text(USER + 1, "/help")
        help_in_join, question = await emulator.wait_for_messages(USER + 1, 2)
    assert "DVK Bot là trợ lý của Đoàn Thanh niên" in vietnamese.text
    assert "mã mời" in vietnamese.text and "/start 7K3M9QXR2T5A" in vietnamese.text
    assert help_in_join.text == vietnamese.text
    assert question.text == ask_code.text
