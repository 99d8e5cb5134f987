"""Photo intake: a real image is verified and stored byte for byte, a download that fails for a
while is retried, and what is no photo or too large is refused saying why."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bot.channel import DownloadFailed
from bot.dispatch import Attachment
from bot.photos import PhotoIntake
from conversations.messages import Pdf, Photo
from storage.evidence import EvidenceRejected, LocalEvidenceStore
from tests.support.images import jpeg
from tests.support.pdfs import pdf


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


def _document_intake(tmp_path: Path) -> tuple[PhotoIntake, LocalEvidenceStore]:
    store = LocalEvidenceStore(tmp_path / "evidence")
    return PhotoIntake(store, 5_000_000, max_pdf_bytes=2_000_000, backoff=0), store


def _bytes(data: bytes):  # type: ignore[no-untyped-def]
    async def download() -> bytes:
        return data

    return download


async def test_where_a_pdf_is_taken_a_real_one_is_stored_with_its_name(tmp_path: Path) -> None:
    intake, store = _document_intake(tmp_path)
    data = pdf(pages=3)
    sent = await intake.document(Attachment(_bytes(data), len(data), "application/pdf", "qd.pdf"))
    assert isinstance(sent, Pdf)
    assert (sent.pages, sent.filename, sent.sha256) == (
        3,
        "qd.pdf",
        hashlib.sha256(data).hexdigest(),
    )
    assert await store.get(sent.sha256, "application/pdf") == data
    # a photo of the document is taken there too, and so is a file whose bytes say what it is
    photo = await intake.document(Attachment(_bytes(jpeg(seed=22)), None, "image/jpeg"))
    assert isinstance(photo, Photo) and photo.mime == "image/jpeg"
    sniffed = await intake.document(Attachment(_bytes(data)))
    assert isinstance(sniffed, Pdf) and sniffed.sha256 == sent.sha256
    assert isinstance(await intake.document(Attachment(_bytes(jpeg(seed=23)))), Photo)


@pytest.mark.parametrize(
    ("attachment", "says"),
    [
        (Attachment(_bytes(jpeg(seed=24)), None, "application/pdf", "qd.pdf"), "not a real PDF"),
        (Attachment(_bytes(pdf()[:200]), None, None, "qd.pdf"), "damaged or incomplete"),
        (Attachment(_bytes(b"PK\x03\x04"), None, "application/msword", "qd.doc"), "neither"),
        (Attachment(_bytes(b""), 3_000_000, "application/pdf", "big.pdf"), "too large"),
        (Attachment(_bytes(pdf() + b" " * 2_000_000), None, None, "big.pdf"), "too large"),
    ],
    ids=["renamed-jpeg", "truncated", "word-file", "declared-too-large", "too-large"],
)
async def test_where_a_pdf_is_taken_what_is_not_one_is_refused(
    tmp_path: Path, attachment: Attachment, says: str
) -> None:
    intake, store = _document_intake(tmp_path)
    with pytest.raises(EvidenceRejected) as refused:
        await intake.document(attachment)
    assert says in refused.value.message
    assert [found async for found in store.stored()] == []  # nothing was kept


async def test_elsewhere_a_pdf_is_no_photo(tmp_path: Path) -> None:
    intake, _store = _document_intake(tmp_path)
    data = pdf()
    with pytest.raises(EvidenceRejected):
        await intake(Attachment(_bytes(data), len(data), "application/pdf", "qd.pdf"))
    with pytest.raises(EvidenceRejected):
        await intake(Attachment(_bytes(data)))
