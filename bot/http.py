"""The HTTP server of ``dvk run``: webhooks, the file links, and ``/healthz``, on one port.

Bodies over 1 MB are refused before they are read (a platform's update is a few kilobytes).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Final

from aiohttp import web

log = logging.getLogger(__name__)

MAX_BODY: Final = 1024 * 1024

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def secret_matches(sent: str | None, expected: str) -> bool:
    """Whether a webhook's secret header is the expected one, compared in constant time."""
    if sent is None:
        return False
    return hmac.compare_digest(sent.encode(), expected.encode())


async def healthz(_request: web.Request) -> web.Response:
    """``GET /healthz``: the process is up."""
    return web.json_response({"ok": True})


class HttpServer:
    """One aiohttp application, started on ``host:port`` with the routes added before."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.app = web.Application(client_max_size=MAX_BODY)
        self.app.router.add_get("/healthz", healthz)
        self._runner: web.AppRunner | None = None

    def post(self, path: str, handler: Handler) -> None:
        """Route ``POST path`` to ``handler``."""
        self.app.router.add_post(path, handler)

    def get(self, path: str, handler: Handler) -> None:
        """Route ``GET path`` to ``handler``."""
        self.app.router.add_get(path, handler)

    @property
    def bound_port(self) -> int:
        """The port listened on (the one the system chose when ``port`` was 0)."""
        assert self._runner is not None, "not started"
        for site in self._runner.sites:
            server = getattr(site, "_server", None)
            sockets = getattr(server, "sockets", None) or []
            for sock in sockets:
                return int(sock.getsockname()[1])
        return self.port

    async def start(self) -> None:
        """Listen."""
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        log.info("HTTP server on %s:%d", self.host, self.bound_port)

    async def stop(self) -> None:
        """Stop listening and finish the requests in flight."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
