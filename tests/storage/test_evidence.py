"""The evidence stores: content-addressed, atomic, and refusing what is not a photo."""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from PIL import Image

from storage.evidence import (
    PILLOW_PIXEL_LIMIT,
    EvidenceRejected,
    EvidenceStore,
    LocalEvidenceStore,
    S3EvidenceStore,
    S3Location,
    evidence_key,
    inspect_image,
    inspect_pdf,
)
from tests.support.images import PDF, gif, huge_jpeg, jpeg, png, truncated_jpeg, wide_png
from tests.support.pdfs import pdf
from tests.support.s3 import ACCESS_KEY, REGION, SECRET_KEY, S3Server, s3_server

MB = 1_000_000


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    with s3_server() as server:
        yield server


@pytest.fixture(params=["folder", "bucket"])
async def store(
    request: pytest.FixtureRequest, tmp_path: Path, s3: S3Server
) -> AsyncIterator[EvidenceStore]:
    if request.param == "folder":
        chosen: EvidenceStore = LocalEvidenceStore(tmp_path / "evidence")
    else:
        chosen = S3EvidenceStore(
            S3Location.parse(f"s3://{s3.new_bucket()}/dvk/evidence"),
            endpoint_url=s3.endpoint,
            access_key_id=ACCESS_KEY,
            secret_access_key=SECRET_KEY,
            region=REGION,
        )
    yield chosen
    await chosen.close()


def test_jpeg_png_and_webp_are_accepted_with_their_size() -> None:
    data = jpeg(640, 480)
    info = inspect_image(data, 20 * MB)
    assert (info.width, info.height, info.mime, info.size) == (640, 480, "image/jpeg", len(data))
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert inspect_image(png(), 20 * MB).mime == "image/png"


@pytest.mark.parametrize("data", [PDF, b"", b"\xff\xd8\xff" + b"\x00" * 50, gif()])
def test_anything_else_is_refused(data: bytes) -> None:
    with pytest.raises(EvidenceRejected):
        inspect_image(data, 20 * MB)


def test_a_real_pdf_is_accepted_with_its_pages_and_hash() -> None:
    data = pdf(pages=2)
    info = inspect_pdf(data, 10 * MB)
    assert (info.pages, info.mime, info.size) == (2, "application/pdf", len(data))
    assert info.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (jpeg(seed=30), "not a real PDF"),  # a photo renamed .pdf
        (b"", "not a real PDF"),
        (pdf()[: len(pdf()) // 2], "damaged or incomplete"),  # cut off: no %%EOF
        (PDF, "damaged or incomplete"),  # header and trailer, but nothing pypdf can read
        (b"%PDF-1.7\n" + b"x" * 500 + b"\n%%EOF\n", "damaged or incomplete"),
    ],
    ids=["renamed-jpeg", "empty", "truncated", "no-pages", "garbage-between"],
)
def test_what_is_not_a_whole_pdf_is_refused_saying_why(data: bytes, says: str) -> None:
    with pytest.raises(EvidenceRejected) as caught:
        inspect_pdf(data, 10 * MB)
    assert says in caught.value.message


def test_a_pdf_over_the_limit_is_refused_before_it_is_read() -> None:
    data = pdf()
    with pytest.raises(EvidenceRejected) as caught:
        inspect_pdf(data + b" " * MB, MB)
    assert caught.value.message.startswith("This PDF is too large")
    assert caught.value.params == {"size": round((len(data) + MB) / MB, 1), "limit": 1}


async def test_a_pdf_is_stored_under_its_hash_with_its_extension(store: EvidenceStore) -> None:
    data = pdf(title="Số 12-QĐ/HĐ")
    info = inspect_pdf(data, 10 * MB)
    assert await store.put(info, data) is True
    assert await store.get(info.sha256, info.mime) == data
    keys = [found.key async for found in store.stored()]
    assert keys == [f"{info.sha256[:2]}/{info.sha256}.pdf"]


def test_a_photo_over_the_limit_is_refused() -> None:
    data = huge_jpeg(MB)
    with pytest.raises(EvidenceRejected) as caught:
        inspect_image(data, MB)
    assert caught.value.params["limit"] == 1


def test_a_truncated_jpeg_is_refused_although_its_header_reads() -> None:
    data = truncated_jpeg()
    with Image.open(io.BytesIO(data)) as image:
        image.verify()  # what the old check relied on: it passes
    with pytest.raises(EvidenceRejected) as caught:
        inspect_image(data, 20 * MB)
    assert "damaged or incomplete" in caught.value.message


def test_too_many_pixels_are_refused_from_the_header_before_decoding() -> None:
    whole = wide_png(8000, 6000)  # 48 megapixels in a few kilobytes
    with pytest.raises(EvidenceRejected) as caught:
        inspect_image(whole, 20 * MB)
    assert "too many pixels" in caught.value.message and caught.value.params["limit"] == 40
    # cut short, it could not be decoded: refused for its pixels, so nothing was decoded
    with pytest.raises(EvidenceRejected) as caught:
        inspect_image(whole[: len(whole) // 2], 20 * MB)
    assert "too many pixels" in caught.value.message
    assert inspect_image(wide_png(4000, 3000), 20 * MB, max_pixels=12_000_000).width == 4000
    with pytest.raises(EvidenceRejected) as caught:
        inspect_image(wide_png(4000, 3000), 20 * MB, max_pixels=11_500_000)
    assert caught.value.params["limit"] == 11.5


def test_pillows_own_bomb_guard_becomes_the_same_refusal() -> None:
    # Above twice Pillow's limit Pillow raises DecompressionBombError while opening.
    with pytest.raises(EvidenceRejected) as caught:
        inspect_image(wide_png(14000, 14000), 20 * MB, max_pixels=PILLOW_PIXEL_LIMIT)
    assert "too many pixels" in caught.value.message
    # Above its limit it warns; where warnings are errors, the warning must not escape either.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(EvidenceRejected) as caught:
            inspect_image(wide_png(10000, 10000), 20 * MB, max_pixels=PILLOW_PIXEL_LIMIT)
    assert "too many pixels" in caught.value.message


async def test_the_same_photo_is_stored_once(store: EvidenceStore) -> None:
    data = jpeg(seed=7)
    info = inspect_image(data, 20 * MB)
    assert await store.put(info, data) is True
    assert await store.put(info, data) is False
    assert await store.exists(info.sha256, info.mime)
    assert await store.get(info.sha256, info.mime) == data
    assert not await store.exists("0" * 64, "image/jpeg")


async def test_the_folder_keeps_photos_under_their_hash_without_leftovers(tmp_path: Path) -> None:
    store = LocalEvidenceStore(tmp_path)
    data = png(seed=9)
    info = inspect_image(data, 20 * MB)
    await store.put(info, data)
    path = tmp_path / info.sha256[:2] / f"{info.sha256}.png"
    assert path.read_bytes() == data
    assert [p.name for p in path.parent.iterdir()] == [path.name]


async def test_the_bucket_keeps_photos_under_their_hash(s3: S3Server) -> None:
    bucket = s3.new_bucket()
    store = S3EvidenceStore(
        S3Location.parse(f"s3://{bucket}/dvk"),
        endpoint_url=s3.endpoint,
        access_key_id=ACCESS_KEY,
        secret_access_key=SECRET_KEY,
    )
    data = jpeg(seed=21)
    info = inspect_image(data, 20 * MB)
    await store.put(info, data)
    await store.close()
    listed = s3.client().list_objects_v2(Bucket=bucket)["Contents"]
    assert [o["Key"] for o in listed] == [f"dvk/{evidence_key(info.sha256, info.mime)}"]
    assert listed[0]["Size"] == len(data)
