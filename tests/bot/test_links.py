"""Signed links to exports and photos: they open what they were made for, for 24 hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.http import HttpServer
from bot.links import ROUTE, FileLinks
from conversations.messages import Document, StoredPhoto
from storage.clock import FixedClock
from storage.evidence import LocalEvidenceStore, inspect_image
from tests.support.images import jpeg


@pytest.fixture
async def served(tmp_path: Path, clock: FixedClock) -> AsyncIterator[FileLinks]:
    store = LocalEvidenceStore(tmp_path / "evidence")
    links = FileLinks("key-for-tests", "http://x", tmp_path / "links", store, clock)
    server = HttpServer("127.0.0.1", 0)
    server.get(ROUTE, links.serve)
    await server.start()
    links.public_url = f"http://127.0.0.1:{server.bound_port}"
    yield links
    await server.stop()


async def test_an_export_link_downloads_the_file_until_it_expires(
    served: FileLinks, tmp_path: Path, clock: FixedClock
) -> None:
    made = tmp_path / "made.xlsx"
    made.write_bytes(b"PK\x03\x04 an export")
    url = served.document(Document(made, "mô-hình.xlsx", temporary=True))
    assert not made.exists()  # a temporary file is moved, not copied
    async with httpx.AsyncClient() as client:
        fetched = await client.get(url)
        assert fetched.status_code == 200 and fetched.content == b"PK\x03\x04 an export"
        assert "filename*=UTF-8''m%C3%B4-h%C3%ACnh.xlsx" in fetched.headers["content-disposition"]
        clock.advance(dt.timedelta(hours=23, minutes=59))
        assert (await client.get(url)).status_code == 200
        clock.advance(dt.timedelta(minutes=2))
        assert (await client.get(url)).status_code == 410
    assert served.sweep() == 1 and not any((tmp_path / "links").iterdir())


async def test_a_forged_or_altered_link_opens_nothing(served: FileLinks, tmp_path: Path) -> None:
    made = tmp_path / "made.csv"
    made.write_text("a,b\n")
    url = served.document(Document(made, "x.csv"))
    token = url.split("/files/")[1].split("/")[0]
    body, mac = token.split(".")
    other = FileLinks(
        "another-key", served.public_url, served.folder, served.evidence, served.clock
    )
    forged = other.document(Document(made, "x.csv"))
    async with httpx.AsyncClient() as client:
        assert (await client.get(forged)).status_code == 404  # signed with another key
        assert (await client.get(url.replace(mac, mac[::-1]))).status_code == 404
        assert (await client.get(url.replace(body, body[:-2] + "AA"))).status_code == 404
        assert (await client.get(f"{served.public_url}/files/garbage/x.csv")).status_code == 404


async def test_a_photo_link_serves_the_stored_photo(served: FileLinks) -> None:
    data = jpeg(seed=5)
    info = inspect_image(data, 10_000_000, 40_000_000)
    await served.evidence.put(info, data)
    url = served.photo(StoredPhoto(info.sha256, info.mime))
    async with httpx.AsyncClient() as client:
        fetched = await client.get(url)
    assert fetched.status_code == 200 and fetched.content == data
    assert fetched.headers["content-type"] == "image/jpeg"
