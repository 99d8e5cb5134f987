"""The evidence stores: content-addressed, atomic, and refusing what is not a photo."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from storage.evidence import (
    EvidenceRejected,
    EvidenceStore,
    LocalEvidenceStore,
    S3EvidenceStore,
    S3Location,
    evidence_key,
    inspect_image,
)
from tests.support.images import PDF, gif, huge_jpeg, jpeg, png
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


def test_a_photo_over_the_limit_is_refused() -> None:
    data = huge_jpeg(MB)
    with pytest.raises(EvidenceRejected) as caught:
        inspect_image(data, MB)
    assert caught.value.params["limit"] == 1


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
