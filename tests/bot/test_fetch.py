"""Photo URLs: public addresses only, https only, redirects checked, size and time bounded."""

from __future__ import annotations

import pytest
from aiohttp import web

from bot.channel import DownloadFailed
from bot.fetch import PhotoTooLarge, UrlFetcher, is_public
from tests.support.images import jpeg
from tests.support.zalo_emulator import ZaloEmulator


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # the cloud metadata address
        ("100.64.0.1", False),  # carrier-grade NAT
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # loopback written as IPv6
        ("0.0.0.0", False),  # noqa: S104 - an address judged, not bound
        ("224.0.0.1", False),
    ],
)
def test_only_public_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(address) is public


async def test_a_host_resolving_to_a_private_address_is_refused_without_a_request() -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.5"]  # one bad answer is enough to refuse

    fetcher = UrlFetcher(1_000_000, 2.0, resolver=resolver)
    with pytest.raises(DownloadFailed) as refused:
        await fetcher.fetch("https://photos.example/a.jpg")
    assert not refused.value.retryable and "10.0.0.5" in str(refused.value)
    await fetcher.close()


async def test_plain_http_is_refused_unless_private_urls_are_allowed() -> None:
    fetcher = UrlFetcher(1_000_000, 2.0)
    with pytest.raises(DownloadFailed) as refused:
        await fetcher.fetch("http://photos.example/a.jpg")
    assert not refused.value.retryable
    await fetcher.close()


async def test_a_photo_is_downloaded_and_a_large_one_stops_at_the_limit() -> None:
    data = jpeg(seed=4)
    async with ZaloEmulator() as zalo:
        fetcher = UrlFetcher(200_000, 2.0, allow_private=True)
        assert await fetcher.fetch(zalo.host_photo(data)) == data
        with pytest.raises(PhotoTooLarge):
            await fetcher.fetch(zalo.host_large_photo(5_000_000))
        with pytest.raises(DownloadFailed) as missing:
            await fetcher.fetch(f"{zalo.root}/photos/none.jpg")
        assert not missing.value.retryable  # a 404 will not change
        await fetcher.close()


async def test_a_redirect_is_checked_again_and_a_private_target_refused(
    unused_tcp_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def redirect(_request: web.Request) -> web.Response:
        raise web.HTTPFound("http://metadata.test/latest/credentials")

    app = web.Application()
    app.router.add_get("/photo.jpg", redirect)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", unused_tcp_port).start()
    addresses = {"photos.test": "127.0.0.1", "metadata.test": "169.254.169.254"}

    async def resolver(host: str, port: int) -> list[str]:
        return [addresses[host]]

    # the test server stands for a public host; the metadata address stays what it is
    monkeypatch.setattr("bot.fetch.is_public", lambda address: address != "169.254.169.254")
    fetcher = UrlFetcher(1_000_000, 2.0, allow_http=True, resolver=resolver)
    try:
        with pytest.raises(DownloadFailed) as refused:
            await fetcher.fetch(f"http://photos.test:{unused_tcp_port}/photo.jpg")
    finally:
        await fetcher.close()
        await runner.cleanup()
    assert "169.254.169.254" in str(refused.value) and not refused.value.retryable
