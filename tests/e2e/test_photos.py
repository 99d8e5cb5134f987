"""Photo evidence on Telegram: stored once by content, refused when it is no photo, retried."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.e2e.conftest import join
from tests.e2e.test_register_model import register_minimal
from tests.support.images import PDF, huge_jpeg, jpeg, png, truncated_jpeg, wide_png
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


async def test_the_same_photo_twice_is_linked_once_per_model_and_stored_once(
    world: World, emulator: TelegramEmulator
) -> None:
    photo = jpeg(seed=31)
    digest = hashlib.sha256(photo).hexdigest()
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan, "Mô hình A")
        await lan.photo(photo)
        (ack,) = await lan.photo(photo)
        assert "Ảnh này đã được đính kèm rồi" in ack.text and "hiện có 1 ảnh" in ack.text
        (summary,) = await lan.say("/done")
        (saved,) = await lan.press(summary, "✅ Đăng ký mô hình")
        assert "kèm 1 ảnh" in saved.text
        await register_minimal(lan, "Mô hình B")
        (ack,) = await lan.photo(photo)  # another model: the same photo is welcome
        assert "hiện có 1 ảnh" in ack.text and "đính kèm rồi" not in ack.text
        (summary,) = await lan.say("/done")
        await lan.press(summary, "✅ Đăng ký mô hình")
    assert await saved_photos(world) == [[digest], [digest]]
    assert [p.name for p in stored_files(world)] == [f"{digest}.jpg"]
    assert stored_files(world)[0].read_bytes() == photo  # the bytes as sent, not re-encoded


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


async def test_a_truncated_jpeg_is_refused_and_the_question_stays(
    world: World, emulator: TelegramEmulator
) -> None:
    broken = truncated_jpeg(seed=81)
    whole = jpeg(seed=81, width=1200, height=900)
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan, "Ảnh bị cắt")
        emulator.send_document(USER, broken, filename="IMG_0001.jpg", mime_type="image/jpeg")
        (refused,) = await emulator.wait_for_messages(USER)
        assert "Ảnh này bị hỏng hoặc không đầy đủ" in refused.text
        assert "Gửi ảnh minh chứng" in refused.text  # the question again
        assert stored_files(world) == []
        emulator.send_document(USER, whole, filename="IMG_0001.jpg", mime_type="image/jpeg")
        (ack,) = await emulator.wait_for_messages(USER)
        assert "hiện có 1 ảnh" in ack.text
        (summary,) = await lan.say("/done")
        await lan.press(summary, "✅ Đăng ký mô hình")
    assert await saved_photos(world) == [[hashlib.sha256(whole).hexdigest()]]
    (stored,) = stored_files(world)
    assert stored.read_bytes() == whole  # the original bytes are the evidence


async def test_an_image_with_too_many_pixels_is_refused_naming_the_limit(
    world: World, emulator: TelegramEmulator
) -> None:
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan)
        big = wide_png(8000, 6000)  # 48 megapixels, a few kilobytes
        emulator.send_document(USER, big, filename="ban-do.png", mime_type="image/png")
        (refused,) = await emulator.wait_for_messages(USER)
        assert "quá nhiều điểm ảnh" in refused.text and "giới hạn là 40 megapixel" in refused.text
        assert "Gửi ảnh minh chứng" in refused.text
        bomb = wide_png(14000, 14000)  # beyond Pillow's own bomb limit too
        emulator.send_document(USER, bomb, filename="bom.png", mime_type="image/png")
        (refused,) = await emulator.wait_for_messages(USER)
        assert "giới hạn là 40 megapixel" in refused.text
    assert stored_files(world) == []


async def test_a_lower_pixel_limit_is_the_one_in_force(
    tmp_path: Path, emulator: TelegramEmulator, clock
) -> None:
    async with World.open(tmp_path, clock, evidence_max_pixels=1_000_000) as world:
        async with world.telegram(emulator):
            lan = await join(world, emulator, USER)
            await register_minimal(lan)
            (refused,) = await lan.photo(jpeg(1600, 1200, seed=82))
            assert "giới hạn là 1 megapixel" in refused.text
            (ack,) = await lan.photo(jpeg(1000, 1000, seed=83))
            assert "hiện có 1 ảnh" in ack.text


async def test_a_photo_the_model_has_is_not_added_again_through_models(
    world: World, emulator: TelegramEmulator
) -> None:
    first, second = jpeg(seed=84), jpeg(seed=85)
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan, "Sân chơi")
        await lan.photo(first)
        (summary,) = await lan.say("/done")
        await lan.press(summary, "✅ Đăng ký mô hình")
        (listing,) = await lan.say("/models")
        _shown, details = await lan.press(listing, "Sân chơi", count=2)
        await lan.press(details, "📷 Thêm ảnh")
        (again,) = await lan.photo(first)
        assert "Ảnh này đã được đính kèm rồi" in again.text and "hiện có 0 ảnh" in again.text
        (ack,) = await lan.photo(second)
        assert "hiện có 1 ảnh" in ack.text
        (added,) = await lan.press(ack, "✅ Xong")
        assert "Đã thêm 1 ảnh" in added.text and "hiện có 2 ảnh" in added.text
    digests = [hashlib.sha256(p).hexdigest() for p in (first, second)]
    assert await saved_photos(world) == [digests]


async def test_an_album_with_a_repeated_photo_is_acknowledged_once_saying_so(
    world: World, emulator: TelegramEmulator
) -> None:
    one, two = jpeg(seed=86), jpeg(seed=87)
    async with world.telegram(emulator):
        lan = await join(world, emulator, USER)
        await register_minimal(lan)
        for photo in (one, two, one):  # the repeat comes last: its answer is the album's
            emulator.send_photo(USER, photo, media_group_id="album-2")
        (ack,) = await emulator.wait_for_messages(USER)
        await emulator.wait_idle(quiet=1.5)
        assert emulator.messages_to(USER)[-1] is ack  # one answer for the album
        assert "hiện có 2 ảnh" in ack.text
        assert "1 ảnh trong album này đã được đính kèm từ trước" in ack.text
        (summary,) = await lan.press(ack, "✅ Xong")
        await lan.press(summary, "✅ Đăng ký mô hình")
    assert await saved_photos(world) == [[hashlib.sha256(p).hexdigest() for p in (one, two)]]
