"""The bot on Zalo, end to end: the real channel over HTTP against the Zalo emulator, by long
polling and by webhook, with real photos downloaded from URLs and a real SQLite database."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import AsyncIterator

import httpx
import pytest

from conversations.messages import Reply
from domain.organisation import Role
from storage.evidence import inspect_image
from storage.outbox import OutgoingMessage
from tests.support.images import jpeg
from tests.support.world import World
from tests.support.zalo_emulator import ZaloEmulator, ZaloSent

USER = "zalo-user-1"


@pytest.fixture
async def zalo() -> AsyncIterator[ZaloEmulator]:
    async with ZaloEmulator() as emulator:
        yield emulator


class ZaloPhone:
    """A person on Zalo: types, sends photo URLs, reads the next replies."""

    def __init__(self, emulator: ZaloEmulator, user_id: str = USER) -> None:
        self.emulator = emulator
        self.user_id = user_id
        self.seen = 0

    async def _next(self, count: int) -> list[ZaloSent]:
        found = await self.emulator.wait_for_messages(self.user_id, count, after=self.seen)
        self.seen += count
        return found

    async def say(self, text: str, count: int = 1) -> str:
        self.emulator.send_text(self.user_id, text)
        return "\n".join(m.text or "" for m in await self._next(count))

    async def photo(self, url: str, count: int = 1) -> str:
        self.emulator.send_photo(self.user_id, url)
        return "\n".join(m.text or "" for m in await self._next(count))


async def register_with_a_photo(world: World, phone: ZaloPhone, data: bytes) -> str:
    """Join with a typed code and register a model with one photo, answering by numbers and
    words; the confirmation."""
    code = await world.invite(Role.SECRETARY, "BP-DP-TL-A1", name="Nguyễn Thị Lan")
    joined = await phone.say(code, count=2)  # the code typed alone
    assert "Chào mừng Nguyễn Thị Lan!" in joined
    question = await phone.say("/register")
    assert "Bước 1/" in question and "Ví dụ:" in question
    owner_kind = await phone.say("Tuyến đường hoa Zalo")
    assert "  1. " in owner_kind and "  2. " in owner_kind  # choices are numbered lines
    await phone.say("1")
    await phone.say("Chi đoàn ấp 1")
    domain = await phone.say("Ấp 1, xã Đại Phước")
    assert "  4. " in domain
    await phone.say("van hoa")  # a label typed without diacritics
    await phone.say("25")
    await phone.say("bo qua")
    await phone.say("bo qua")
    received = await phone.photo(phone.emulator.host_photo(data))
    assert "Đã nhận ảnh (hiện có 1 ảnh)" in received, received
    summary = await phone.say("xong")
    assert "Tuyến đường hoa Zalo" in summary and "  1. ✅" in summary
    return await phone.say("1")


async def test_joining_and_registering_with_a_photo_by_long_polling(
    world: World, zalo: ZaloEmulator
) -> None:
    data = jpeg(seed=7)
    async with world.zalo(zalo):
        phone = ZaloPhone(zalo)
        saved = await register_with_a_photo(world, phone, data)
    assert "Đã đăng ký mô hình «Tuyến đường hoa Zalo»" in saved
    assert phone.seen <= 14  # every bot message, from the code to the saved answer
    assert "deleteWebhook" in zalo.calls and "getUpdates" in zalo.calls
    digest = hashlib.sha256(data).hexdigest()
    stored = world.runtime.settings.effective_evidence_dir / digest[:2] / f"{digest}.jpg"
    assert stored.read_bytes() == data
    async with world.runtime.database.read() as tx:
        account = await tx.accounts.account("zalo", USER)
    assert account is not None and account.chat_id == USER


async def test_joining_and_registering_with_a_photo_by_webhook(
    world: World, zalo: ZaloEmulator
) -> None:
    data = jpeg(seed=8)
    async with world.zalo(zalo, webhook=True) as channel:
        assert zalo.webhook_url == channel.webhook_url and zalo.webhook_secret
        phone = ZaloPhone(zalo)
        saved = await register_with_a_photo(world, phone, data)
        assert "getUpdates" not in zalo.calls
    assert "Đã đăng ký mô hình «Tuyến đường hoa Zalo»" in saved
    assert zalo.webhook_calls and all(call.status == 200 for call in zalo.webhook_calls)


async def test_the_webhook_refuses_a_missing_or_wrong_secret(
    world: World, zalo: ZaloEmulator
) -> None:
    code = await world.invite(Role.SECRETARY, "BP-DP-TL-A1")
    async with world.zalo(zalo, webhook=True):
        update = {
            "event_name": "message.text.received",
            "message": {
                "message_id": "forged-1",
                "from": {"id": "intruder", "display_name": "X"},
                "chat": {"id": "intruder", "chat_type": "PRIVATE"},
                "text": f"/start {code}",
            },
        }
        assert await zalo.post_webhook(update, secret="") == 403
        assert await zalo.post_webhook(update, secret="wrong-secret-123") == 403
        assert await zalo.post_webhook(update, secret="test-secret-0123"[:-1]) == 403
    assert zalo.messages_to("intruder") == []
    async with world.runtime.database.read() as tx:
        assert await tx.accounts.account("zalo", "intruder") is None
        invite = await tx.accounts.invite_for_code(code)
    assert invite is not None and invite.used_at is None  # nothing was processed


async def _at_the_photo_step(world: World, phone: ZaloPhone) -> None:
    code = await world.invite(Role.SECRETARY, "BP-DP-TL-A1", name="Nguyễn Thị Lan")
    await phone.say(code, count=2)
    await phone.say("/register")
    for answer in ["Nhà nhân ái", "1", "Chi đoàn ấp 1", "Ấp 1", "1", "25", "bo qua"]:
        await phone.say(answer)
    question = await phone.say("bo qua")
    assert "ảnh" in question.lower()


async def test_photo_urls_that_stall_are_too_large_or_are_private_are_refused(
    world: World, zalo: ZaloEmulator
) -> None:
    async with world.zalo(zalo, download_timeout=0.3) as channel:
        phone = ZaloPhone(zalo)
        await _at_the_photo_step(world, phone)
        slow = zalo.host_slow_photo(jpeg(seed=1), delay=2.0)
        answer = await phone.photo(slow)
        assert "không tải được ảnh" in answer, answer
        assert zalo.photo_requests[slow.rsplit("/", 1)[1]] == 3  # three tries, then it gives up

        large = zalo.host_large_photo(world.runtime.settings.evidence_max_bytes + 500_000)
        answer = await phone.photo(large)
        assert "vượt giới hạn 20 MB" in answer, answer
        assert zalo.photo_requests[large.rsplit("/", 1)[1]] == 1  # no retry for that

        channel.fetcher.allow_private = False  # as in production: 127.0.0.1 is not public
        local = zalo.host_photo(jpeg(seed=2))
        answer = await phone.photo(local)
        assert "không tải được ảnh" in answer, answer
        assert local.rsplit("/", 1)[1] not in zalo.photo_requests  # never even asked

        channel.fetcher.allow_private = True
        answer = await phone.photo(zalo.host_photo(jpeg(seed=3)))
        assert (
            "Đã nhận ảnh (hiện có 1 ảnh)" in answer
        )  # the question stayed: the next photo is taken


async def test_a_text_over_2000_characters_is_split_at_line_ends(
    world: World, zalo: ZaloEmulator
) -> None:
    lines = [f"Dòng số {n:03d}: chi đoàn ấp {n} đã đăng ký mô hình dân vận khéo" for n in range(80)]
    text = "\n".join(lines)
    assert len(text) > 4000
    async with world.zalo(zalo) as channel:
        await channel.send(USER, Reply(text))
    sent = zalo.messages_to(USER)
    assert len(sent) == 3 and all(len(m.text or "") <= 2000 for m in sent)
    assert "\n".join(m.text or "" for m in sent) == text  # nothing lost, no line cut
    assert all((m.text or "").startswith("Dòng số") for m in sent)


async def test_a_quota_error_is_retried_and_the_reply_arrives(
    world: World, zalo: ZaloEmulator
) -> None:
    async with world.zalo(zalo) as channel:
        channel.pacer = None
        zalo.fail_next("sendMessage", 429, "Quota exceeded")
        phone = ZaloPhone(zalo)
        answer = await phone.say("xin chào")
    assert "mã mời" in answer  # the answer to someone who has not joined, after the 429
    assert zalo.calls.count("sendMessage") == 2


async def test_an_export_goes_as_a_link_that_works_for_a_day(
    world: World, zalo: ZaloEmulator
) -> None:
    async with world.zalo(zalo) as channel:
        phone = ZaloPhone(zalo)
        await register_with_a_photo(world, phone, jpeg(seed=9))
        menu = await phone.say("/export")
        assert "  1. " in menu
        answer = await phone.say("1")
        while "📎" not in answer:  # answer the export's questions with their first choice
            answer = await phone.say("1")
        url = answer.split("): ", 1)[1].split()[0]
        assert channel.links is not None and url.startswith(channel.links.public_url)
        async with httpx.AsyncClient() as client:
            fetched = await client.get(url)
            assert fetched.status_code == 200 and fetched.content[:2] == b"PK"  # a real XLSX
            forged = await client.get(url.replace("/files/", "/files/x"))
            assert forged.status_code == 404
            world.clock.advance(dt.timedelta(days=1, minutes=1))
            expired = await client.get(url)
            assert expired.status_code == 410


async def test_an_announcement_with_a_photo_reaches_zalo_as_a_photo_link(
    world: World, zalo: ZaloEmulator
) -> None:
    data = jpeg(seed=11)
    info = inspect_image(data, 10_000_000, 40_000_000)
    await world.runtime.evidence.put(info, data)
    now = world.clock.now()
    async with world.zalo(zalo) as channel:
        async with world.runtime.database.transaction() as tx:
            person = await tx.accounts.create_person("Lan", "vi", now)
            account = await tx.accounts.bind("zalo", USER, USER, person, None, now)
            await tx.outbox.enqueue(
                [
                    OutgoingMessage(
                        "announce:1", "announce:1", "announce", person, account.id, "zalo",
                        USER, "📣 Ra quân Chủ nhật xanh sáng 07/12", photo_sha256=info.sha256,
                        photo_mime=info.mime, quiet_hours=False,
                    )
                ],
                now,
            )  # fmt: skip
        counts = await world.runtime.sender({"zalo": channel}).drain()
    assert counts.sent == 1
    photo, text = zalo.messages_to(USER)
    assert photo.method == "sendPhoto" and photo.photo_status == 200 and photo.photo == data
    assert text.text == "📣 Ra quân Chủ nhật xanh sáng 07/12"
