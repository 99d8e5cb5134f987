"""Photo evidence on Telegram: stored once by content, refused when it is no photo, retried."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.e2e.conftest import join
from tests.e2e.test_register_model import register_minimal
from tests.support.images import PDF, huge_jpeg, jpeg, png
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World

USER = 7001


def stored_files(world: World) -> list[Path]:
    root = world.runtime.settings.effective_evidence_dir
    return sorted(p for p in root.rglob("*") if p.is_file())


async def saved_photos(world: World) -> list[list[str]]:
    async with world.runtime.database.read() as tx:
        unit = await tx.units.by_code("BP-DP-TL-A1")
        assert unit is not None
        models = await tx.models.for_units([unit.id])
        return [await tx.models.photo_hashes(m.id) for m in reversed(models)]


async def test_the_same_photo_twice_is_stored_once_and_linked_twice(
    world: World, emulator: TelegramEmulator
) -> None:
    photo = jpeg(seed=31)
    digest = hashlib.sha256(photo).hexdigest()
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan, "Mô hình A")
        await lan.photo(photo)
        (ack,) = await lan.photo(photo)
        assert "2" in ack.text
        (summary,) = await lan.say("/done")
        await lan.press(summary, "✅ Đăng ký mô hình")
        await register_minimal(lan, "Mô hình B")
        await lan.photo(photo)
        (summary,) = await lan.say("/done")
        await lan.press(summary, "✅ Đăng ký mô hình")
    assert await saved_photos(world) == [[digest, digest], [digest]]
    assert [p.name for p in stored_files(world)] == [f"{digest}.jpg"]


async def test_a_pdf_sent_as_a_file_is_refused_and_the_step_stays(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan)
        emulator.send_document(USER, PDF, filename="bien-ban.pdf", mime_type="application/pdf")
        (refused,) = await emulator.wait_for_messages(USER)
        assert "«bien-ban.pdf» không phải là ảnh" in refused.text
        assert "Gửi ảnh minh chứng" in refused.text  # the question again
        emulator.send_document(USER, PDF, filename="anh.jpg", mime_type="image/jpeg")
        (refused,) = await emulator.wait_for_messages(USER)
        assert "không phải ảnh đọc được" in refused.text
        image = png(seed=41)
        emulator.send_document(USER, image, filename="anh-goc.png", mime_type="image/png")
        (ack,) = await emulator.wait_for_messages(USER)
        assert "1 ảnh" in ack.text
    assert [p.name for p in stored_files(world)] == [f"{hashlib.sha256(image).hexdigest()}.png"]


async def test_an_oversized_photo_is_refused_before_downloading(
    tmp_path: Path, emulator: TelegramEmulator, clock
) -> None:
    async with World.open(tmp_path, clock, evidence_max_mb=1) as world:
        async with world.telegram(emulator):
            lan = await join(world, emulator, USER)
            await register_minimal(lan)
            (refused,) = await lan.photo(huge_jpeg(1_200_000))
            assert "Ảnh quá lớn" in refused.text and "giới hạn là 1 MB" in refused.text
            (ack,) = await lan.photo(jpeg(seed=2))
            assert "1 ảnh" in ack.text
        downloads = [r for r in emulator.requests if r.method == "downloadFile"]
        assert len(downloads) == 1
        assert len(stored_files(world)) == 1


async def test_an_album_stores_every_photo_and_is_acknowledged_once(
    world: World, emulator: TelegramEmulator
) -> None:
    photos = [jpeg(seed=50 + i) for i in range(3)]
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan)
        for photo in photos:
            emulator.send_photo(USER, photo, media_group_id="album-1")
        (ack,) = await emulator.wait_for_messages(USER)
        await emulator.wait_idle(quiet=1.5)
        assert "3 ảnh" in ack.text
        assert emulator.messages_to(USER)[-1] is ack
        (summary,) = await lan.press(ack, "✅ Xong")
        await lan.press(summary, "✅ Đăng ký mô hình")
    (hashes,) = await saved_photos(world)
    assert hashes == [hashlib.sha256(p).hexdigest() for p in photos]


async def test_a_failed_download_is_retried(world: World, emulator: TelegramEmulator) -> None:
    photo = jpeg(seed=61)
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan)
        emulator.fail_file_downloads(2)
        (ack,) = await lan.photo(photo)
    assert "1 ảnh" in ack.text
    assert len([r for r in emulator.requests if r.method == "downloadFile"]) == 3


async def test_a_download_that_keeps_failing_is_reported_and_the_model_is_kept(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan, "Vẫn được lưu")
        emulator.fail_get_file(3)
        (failed,) = await lan.photo(jpeg(seed=62))
        assert "không tải được ảnh" in failed.text
        (summary,) = await lan.say("/done")
        (saved,) = await lan.press(summary, "✅ Đăng ký mô hình")
    assert "«Vẫn được lưu»" in saved.text and "kèm 0 ảnh" in saved.text


async def test_a_photo_outside_a_photo_step_is_not_downloaded(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        (reply,) = await lan.photo(jpeg(seed=63))
        assert "/models" in reply.text
        await lan.say("/register")
        (reply,) = await lan.photo(jpeg(seed=64))
        assert "Tên mô hình là gì?" in reply.text
    assert not [r for r in emulator.requests if r.method in {"getFile", "downloadFile"}]
    assert stored_files(world) == []
