"""The HTTP server: health, a 1 MB body limit, and webhook secrets compared in constant time."""

from __future__ import annotations

import httpx
from aiohttp import web

from bot.http import HttpServer, secret_matches


def test_a_secret_matches_only_when_equal() -> None:
    assert secret_matches("s3cret-value", "s3cret-value")
    assert not secret_matches(None, "s3cret-value")
    assert not secret_matches("", "s3cret-value")
    assert not secret_matches("s3cret-valu", "s3cret-value")
    assert not secret_matches("S3cret-value", "s3cret-value")


async def test_health_and_a_body_over_one_megabyte_refused() -> None:
    received: list[int] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(len(await request.read()))
        return web.json_response({"ok": True})

    server = HttpServer("127.0.0.1", 0)
    server.post("/hook", hook)
    await server.start()
    root = f"http://127.0.0.1:{server.bound_port}"
    try:
        async with httpx.AsyncClient() as client:
            assert (await client.get(f"{root}/healthz")).json() == {"ok": True}
            assert (await client.post(f"{root}/hook", content=b"x" * 1000)).status_code == 200
            too_big = await client.post(f"{root}/hook", content=b"x" * (1024 * 1024 + 1))
            assert too_big.status_code == 413
    finally:
        await server.stop()
    assert received == [1000]
