"""Tests of the Telegram Bot API emulator, driven by the real python-telegram-bot."""

import asyncio
import datetime as dtm
import io
import time

import aiohttp
import pytest
from PIL import Image
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from tests.support.telegram_emulator import TelegramEmulator

USER = 42


def png_bytes(width: int = 320, height: int = 200) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def make_bot(emu: TelegramEmulator, token: str | None = None) -> Bot:
    return Bot(
        token or emu.token,
        base_url=f"{emu.root}/bot",
        base_file_url=f"{emu.root}/file/bot",
    )


@pytest.fixture
async def emu():
    async with TelegramEmulator() as emulator:
        yield emulator


@pytest.fixture
async def bot(emu):
    async with make_bot(emu) as the_bot:
        yield the_bot


@pytest.fixture
async def running_app(emu):
    """A polling Application that replies to texts with a keyboard and answers buttons."""
    seen: list[Update] = []

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(update)
        if update.message and update.message.text:
            keyboard = InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton("Có", callback_data="yes")],
                    [InlineKeyboardButton("Không", callback_data="no")],
                ]
            )
            await update.message.reply_text("Bạn đồng ý?", reply_markup=keyboard)
        elif update.callback_query:
            await update.callback_query.answer("OK")

    app: Application = (
        ApplicationBuilder()
        .token(emu.token)
        .base_url(f"{emu.root}/bot")
        .base_file_url(f"{emu.root}/file/bot")
        .build()
    )
    app.add_handler(TypeHandler(Update, on_update))
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)
        yield seen
        await app.updater.stop()
        await app.stop()


async def post(emu: TelegramEmulator, path: str, **kwargs) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as session, session.post(emu.root + path, **kwargs) as r:
        return r.status, await r.json()


async def test_get_me_returns_the_bot_identity(bot):
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.first_name, me.username) == (
        123456,
        True,
        "DVK Bot",
        "dvk_test_bot",
    )


async def test_user_text_reaches_handler_and_reply_keyboard_is_recorded(emu, running_app):
    emu.send_text(USER, "/start hello")
    (reply,) = await emu.wait_for_messages(USER)

    message = running_app[0].message
    assert message.text == "/start hello"
    assert message.from_user.id == USER and message.chat.type == "private"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bot_command", 0, 6)]
    assert reply.text == "Bạn đồng ý?" and reply.method == "sendMessage"
    assert reply.buttons == [[("Có", "yes")], [("Không", "no")]]


async def test_press_button_delivers_callback_query_with_its_data(emu, running_app):
    emu.send_text(USER, "hi")
    (reply,) = await emu.wait_for_messages(USER)

    emu.press_button(USER, reply, "Không")
    await emu.wait_idle(quiet=0.2)

    query = running_app[-1].callback_query
    assert query.data == "no"
    assert query.message.message_id == reply.message_id
    assert [a["text"] for a in emu.callback_answers] == ["OK"]
    with pytest.raises(LookupError, match="Có"):
        emu.press_button(USER, reply, "missing")


async def test_photo_sizes_and_download_return_the_original_bytes(emu, bot):
    original = png_bytes()
    emu.send_photo(USER, original, caption="ảnh")

    (update,) = await bot.get_updates()
    photo = update.message.photo
    assert [(p.width, p.height) for p in photo] == [(320, 200), (90, 56)]
    assert len({p.file_id for p in photo}) == 2 and update.message.caption == "ảnh"
    largest = max(photo, key=lambda p: p.width * p.height)
    data = await (await bot.get_file(largest.file_id)).download_as_bytearray()
    assert bytes(data) == original


async def test_user_document_round_trip(emu, bot):
    emu.send_document(USER, b"a,b\n1,2\n", filename="list.csv", mime_type="text/csv")

    (update,) = await bot.get_updates()
    document = update.message.document
    assert (document.file_name, document.mime_type, document.file_size) == (
        "list.csv",
        "text/csv",
        8,
    )
    file = await bot.get_file(document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"a,b\n1,2\n"


async def test_send_document_upload_bytes_are_captured(emu, bot):
    message = await bot.send_document(
        USER, document=b"\x00report\xff", filename="report.xlsx", caption="Báo cáo"
    )

    captured = emu.sent[-1]
    assert captured.method == "sendDocument"
    assert (captured.document, captured.filename, captured.text) == (
        b"\x00report\xff",
        "report.xlsx",
        "Báo cáo",
    )
    assert message.document.file_name == "report.xlsx"


async def test_blocked_chat_raises_forbidden(emu, bot):
    emu.block_chat(USER)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(USER, "hello")
    assert emu.sent == []
    assert emu.requests[-1].status == 403


async def test_fail_next_429_raises_retry_after(emu, bot, monkeypatch):
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    emu.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(USER, "hello")
    assert caught.value.retry_after == dtm.timedelta(seconds=3)


async def test_429_body_is_exactly_telegrams(emu):
    emu.fail_next("sendMessage", status=429, retry_after=5)
    status, body = await post(emu, f"/bot{emu.token}/sendMessage", data={"chat_id": 1})
    assert status == 429
    assert body == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 5",
        "parameters": {"retry_after": 5},
    }


async def test_fail_next_502_raises_network_error_once(emu, bot):
    emu.fail_next("sendMessage", status=502, description="Bad Gateway")
    with pytest.raises(NetworkError) as caught:
        await bot.send_message(USER, "hello")
    assert caught.type is NetworkError
    assert (await bot.send_message(USER, "again")).text == "again"


async def test_wrong_token_is_rejected(emu):
    status, body = await post(emu, "/bot999:WRONG/getMe")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    with pytest.raises(InvalidToken):
        async with make_bot(emu, token="999:WRONG"):
            pass


async def test_unknown_method_is_404_and_names_are_case_insensitive(emu):
    status, body = await post(emu, f"/bot{emu.token}/noSuchMethod")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    status, body = await post(emu, f"/bot{emu.token}/GETME")
    assert status == 200 and body["result"]["username"] == "dvk_test_bot"


async def test_json_and_query_string_params_are_accepted(emu):
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    status, body = await post(
        emu,
        f"/bot{emu.token}/sendMessage",
        json={"chat_id": 7, "reply_markup": markup, "text": "x"},
    )
    assert status == 200 and body["result"]["reply_markup"] == markup
    status, _ = await post(emu, f"/bot{emu.token}/sendMessage?chat_id=7&text=y")
    assert status == 200
    assert [(m.text, m.buttons) for m in emu.messages_to(7)] == [("x", [[("A", "a")]]), ("y", [])]


async def test_get_file_faults_and_unknown_file_id(emu, bot):
    emu.send_document(USER, b"data", filename="a.txt", mime_type="text/plain")
    (update,) = await bot.get_updates()
    emu.fail_get_file(1)
    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await bot.get_file(update.message.document.file_id)
    with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
        await bot.get_file("nope")
    file = await bot.get_file(update.message.document.file_id)
    emu.fail_file_downloads(1, status=500)
    with pytest.raises(NetworkError):
        await file.download_as_bytearray()
    assert bytes(await file.download_as_bytearray()) == b"data"


async def test_offset_confirms_updates_and_redeliver_brings_one_back(emu, bot):
    first = emu.send_text(USER, "one")
    second = emu.send_text(USER, "two")

    assert [u.update_id for u in await bot.get_updates()] == [first, second]
    assert [u.update_id for u in await bot.get_updates(offset=first + 1)] == [second]
    assert await bot.get_updates(offset=second + 1) == ()

    emu.redeliver(first)
    (again,) = await bot.get_updates(offset=second + 1)
    assert (again.update_id, again.message.text) == (first, "one")
    assert await bot.get_updates(offset=second + 1) == ()


@pytest.fixture
async def flood_bot(monkeypatch):
    """A bot talking to an emulator with flood limits: 30/s overall, 20/s per chat."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    async with TelegramEmulator(flood_limits=True, per_chat_per_second=20) as emu:
        async with make_bot(emu) as bot:
            yield emu, bot


async def test_flood_limits_reject_the_31st_rapid_send(flood_bot):
    emu, bot = flood_bot
    with pytest.raises(RetryAfter) as caught:
        for chat_id in range(1, 32):  # distinct chats: only the global limit applies
            await bot.send_message(chat_id, "hi")
    assert caught.value.retry_after == dtm.timedelta(seconds=1)
    assert (emu.flood_429_count, len(emu.sent)) == (1, 30)
    sends = [r.status for r in emu.requests if r.method == "sendMessage"]
    assert sends == [200] * 30 + [429]


async def test_flood_limits_allow_spaced_sends_but_not_bursts_to_one_chat(flood_bot):
    emu, bot = flood_bot
    for _ in range(4):  # 20 per second per chat: 60 ms apart is allowed
        await bot.send_message(USER, "spaced")
        await asyncio.sleep(0.06)
    assert emu.flood_429_count == 0

    with pytest.raises(RetryAfter):
        await bot.send_message(USER, "first")
        await bot.send_message(USER, "too soon")
    assert emu.flood_429_count == 1
    assert [m.text for m in emu.messages_to(USER)] == ["spaced"] * 4 + ["first"]


async def test_long_poll_returns_promptly_when_an_update_arrives(emu, bot):
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    emu.send_text(USER, "wake up")
    (update,) = await asyncio.wait_for(poll, 2)
    assert update.message.text == "wake up"
    assert time.monotonic() - started < 1.0


async def test_long_poll_waits_then_stop_releases_it(emu, bot):
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    assert not poll.done()
    started = time.monotonic()
    await emu.stop()
    assert await asyncio.wait_for(poll, 2) == ()
    assert time.monotonic() - started < 1.0


async def test_wait_for_messages_times_out_with_what_it_saw(emu, bot):
    await bot.send_message(USER, "only one")
    with pytest.raises(AssertionError, match="only one"):
        await emu.wait_for_messages(USER, count=2, timeout=0.1)
    (first,) = await emu.wait_for_messages(USER)
    assert first.text == "only one"


async def test_edit_message_text_is_recorded_and_not_modified_is_rejected(emu, bot):
    message = await bot.send_message(USER, "v1")
    edited = await bot.edit_message_text("v2", chat_id=USER, message_id=message.message_id)
    assert edited.text == "v2"
    assert [(m.method, m.message_id) for m in emu.sent][-1] == (
        "editMessageText",
        message.message_id,
    )
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("v2", chat_id=USER, message_id=message.message_id)


async def test_set_my_commands_is_recorded_and_returned(bot, emu):
    await bot.set_my_commands([("start", "Bắt đầu"), ("help", "Trợ giúp")])
    assert emu.commands == [
        {"command": "start", "description": "Bắt đầu"},
        {"command": "help", "description": "Trợ giúp"},
    ]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
