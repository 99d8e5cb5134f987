"""Photo intake: a real image is verified and stored byte for byte, a download that fails for a
while is retried, and what is no photo or too large is refused saying why."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bot.channel import DownloadFailed
from bot.dispatch import Attachment
from bot.photos import PhotoIntake
from storage.evidence import EvidenceRejected, LocalEvidenceStore
from tests.support.images import jpeg


def _intake(tmp_path: Path) -> tuple[PhotoIntake, LocalEvidenceStore]:
    store = LocalEvidenceStore(tmp_path / "evidence")
    return PhotoIntake(store, 5_000_000, backoff=0), store


async def test_a_photo_is_stored_as_sent_after_a_retried_download(tmp_path: Path) -> None:
    intake, store = _intake(tmp_path)
    data = jpeg(seed=21)
    tries: list[int] = []

    async def flaky() -> bytes:
        tries.append(1)
        if len(tries) < 3:
            raise DownloadFailed("timeout")
        return data

    photo = await intake(Attachment(flaky, len(data), "image/jpeg", caption="  Ra quân "))
    assert len(tries) == 3
    assert photo.sha256 == hashlib.sha256(data).hexdigest() and photo.caption == "Ra quân"
    assert (photo.width, photo.height, photo.mime) == (640, 480, "image/jpeg")
    assert await store.get(photo.sha256, photo.mime) == data


async def test_what_is_no_photo_is_refused_by_name(tmp_path: Path) -> None:
    intake, _store = _intake(tmp_path)

    async def never() -> bytes:
        raise AssertionError("no download for what is plainly no photo")

    with pytest.raises(EvidenceRejected) as big:
        await intake(Attachment(never, 9_000_000, "image/jpeg"))
    assert big.value.params == {"size": 9.0, "limit": 5}
    with pytest.raises(EvidenceRejected) as pdf:
        await intake(Attachment(never, 100, "application/pdf", filename="kế hoạch.pdf"))
    assert pdf.value.params == {"name": "kế hoạch.pdf"}

    async def broken() -> bytes:
        return b"\xff\xd8\xff not really a jpeg"

    with pytest.raises(EvidenceRejected):
        await intake(Attachment(broken, 30, "image/jpeg"))

    async def gone() -> bytes:
        raise DownloadFailed("404", retryable=False)

    with pytest.raises(EvidenceRejected) as failed:
        await intake(Attachment(gone, 30, "image/jpeg"))
    assert "could not download" in failed.value.message
