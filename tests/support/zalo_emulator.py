"""A local emulator of the Zalo Bot API for end-to-end tests, over real HTTP.

It behaves as FACTS.md describes the platform: ``{root}/bot{token}/{method}`` with case-sensitive
method names, answers ``{ok, result, error_code, description}``, ``getUpdates`` returning one
update and answering an empty poll with error 408 (and refusing while a webhook is set), a
webhook POSTed with the secret in ``X-Bot-Api-Secret-Token``, texts of at most 2,000 characters,
no buttons, and photos as URLs (``sendPhoto`` takes a URL, which the emulator downloads, as the
platform would). It also serves the photos users "send", so the bot downloads them over HTTP::

    async with ZaloEmulator() as zalo:
        zalo.send_text("u1", "/start CODE")
        (reply,) = await zalo.wait_for_messages("u1")

Tests inject faults: ``fail_next`` (a 429 "Quota exceeded"), ``block`` (403 to a user),
photos that stall (``host_slow_photo``) or are too large (``host_large_photo``).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import httpx
from aiohttp import web

__all__ = ["SECRET_HEADER", "ZaloEmulator", "ZaloSent"]

JSON = dict[str, Any]
SECRET_HEADER = "X-Bot-Api-Secret-Token"
METHODS = frozenset(
    {
        "getMe",
        "getUpdates",
        "setWebhook",
        "deleteWebhook",
        "getWebhookInfo",
        "sendMessage",
        "sendPhoto",
        "sendSticker",
        "sendChatAction",
    }
)
MAX_TEXT = 2000


@dataclass
class ZaloSent:
    """A message the bot sent, as the emulator accepted it."""

    chat_id: str
    text: str | None
    method: str = "sendMessage"
    photo_url: str | None = None
    photo: bytes | None = None  # what the photo URL served when the emulator fetched it
    photo_status: int | None = None
    at: float = 0.0


@dataclass
class WebhookCall:
    """One update the emulator POSTed to the bot's webhook, and how the bot answered."""

    update: JSON
    status: int
    secret: str | None


@dataclass
class _Failure:
    error_code: int
    description: str
    status: int = 200  # Zalo answers most errors with HTTP 200 and ok: false
    extra: JSON = field(default_factory=dict)


class ZaloEmulator:
    """An aiohttp server on 127.0.0.1 that behaves like the Zalo Bot API."""

    def __init__(self, token: str = "zalo-test-token-0123") -> None:  # noqa: S107 - fake
        self.token = token
        self.root = ""
        self.sent: list[ZaloSent] = []
        self.calls: list[str] = []
        self.webhook_url = ""
        self.webhook_secret = ""
        self.webhook_calls: list[WebhookCall] = []
        #: set once the bot called setWebhook
        self.webhook_set = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._queue: deque[JSON] = deque()
        self._arrived = asyncio.Event()
        self._sent_event = asyncio.Event()
        self._message_ids = itertools.count(1)
        self._failures: dict[str, deque[_Failure]] = {}
        self._blocked: set[str] = set()
        self._photos: dict[str, bytes] = {}
        self._slow: dict[str, float] = {}
        self._large: dict[str, int] = {}
        self._photo_ids = itertools.count(1)
        self.photo_requests: dict[str, int] = {}
        self._client = httpx.AsyncClient(timeout=10)
        self._closing = False

    # ------------------------------------------------------------------ lifecycle

    async def __aenter__(self) -> ZaloEmulator:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/photos/{name}", self._photo)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.root = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._closing = True
        self._arrived.set()  # a poll still waiting answers at once, as a server shutting down
        await self._client.aclose()
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------------ the users' side

    def _message(self, user_id: str, name: str) -> JSON:
        return {
            "message_id": f"m{next(self._message_ids):06d}",
            "from": {"id": user_id, "display_name": name, "is_bot": False},
            "chat": {"id": user_id, "chat_type": "PRIVATE"},
            "date": int(time.time() * 1000),
        }

    def send_text(self, user_id: str, text: str, *, name: str = "Nguyễn Văn Zalo") -> JSON:
        """The user types ``text``; returns the update."""
        message = {**self._message(user_id, name), "text": text}
        return self._deliver({"event_name": "message.text.received", "message": message})

    def send_photo(
        self, user_id: str, url: str, *, caption: str | None = None, name: str = "Nguyễn Văn Zalo"
    ) -> JSON:
        """The user sends a photo, which reaches the bot as ``url``; returns the update."""
        message = {**self._message(user_id, name), "photo_url": url}
        if caption is not None:
            message["caption"] = caption
        return self._deliver({"event_name": "message.image.received", "message": message})

    def redeliver(self, update: JSON) -> None:
        """Deliver the same update again (a platform retry)."""
        self._deliver(update)

    def _deliver(self, update: JSON) -> JSON:
        if self.webhook_url:
            asyncio.get_running_loop().create_task(self._post_webhook(update))
        else:
            self._queue.append(update)
            self._arrived.set()
        return update

    async def _post_webhook(self, update: JSON, secret: str | None = None) -> int:
        sent = self.webhook_secret if secret is None else secret
        headers = {SECRET_HEADER: sent} if sent else {}
        response = await self._client.post(
            self.webhook_url, json={"ok": True, "result": update}, headers=headers
        )
        self.webhook_calls.append(WebhookCall(update, response.status_code, sent))
        return response.status_code

    async def post_webhook(self, update: JSON, *, secret: str | None) -> int:
        """POST an update to the webhook with the given secret header ('' sends none)."""
        return await self._post_webhook(update, secret=secret)

    def host_photo(self, data: bytes) -> str:
        """A URL on the emulator that serves ``data``."""
        name = f"p{next(self._photo_ids)}.jpg"
        self._photos[name] = data
        return f"{self.root}/photos/{name}"

    def host_slow_photo(self, data: bytes, delay: float) -> str:
        """A URL that answers only after ``delay`` seconds."""
        url = self.host_photo(data)
        self._slow[url.rsplit("/", 1)[1]] = delay
        return url

    def host_large_photo(self, size: int) -> str:
        """A URL that streams ``size`` bytes without announcing a length."""
        name = f"p{next(self._photo_ids)}.jpg"
        self._large[name] = size
        return f"{self.root}/photos/{name}"

    async def _photo(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.photo_requests[name] = self.photo_requests.get(name, 0) + 1
        if name in self._slow:
            await asyncio.sleep(self._slow[name])
        if name in self._large:
            response = web.StreamResponse(headers={"Content-Type": "image/jpeg"})
            response.enable_chunked_encoding()
            await response.prepare(request)
            chunk = b"\xff" * 65536
            left = self._large[name]
            try:
                while left > 0:
                    await response.write(chunk[: min(left, len(chunk))])
                    left -= len(chunk)
            except (ConnectionResetError, RuntimeError):
                return response  # the bot stopped reading: as it should
            await response.write_eof()
            return response
        if name not in self._photos:
            raise web.HTTPNotFound()
        return web.Response(body=self._photos[name], content_type="image/jpeg")

    # ------------------------------------------------------------------ faults

    def fail_next(
        self, method: str, error_code: int = 429, description: str = "Quota exceeded"
    ) -> None:
        """The next call of ``method`` fails with this error."""
        self._failures.setdefault(method, deque()).append(_Failure(error_code, description))

    def block(self, user_id: str) -> None:
        """The user blocked the bot: sends to them answer 403."""
        self._blocked.add(user_id)

    # ------------------------------------------------------------------ what the bot did

    def messages_to(self, chat_id: str) -> list[ZaloSent]:
        """Everything sent to a chat, in order."""
        return [m for m in self.sent if m.chat_id == chat_id]

    async def wait_for_messages(
        self, chat_id: str, count: int = 1, *, after: int = 0, within: float = 10.0
    ) -> list[ZaloSent]:
        """The ``count`` messages sent to ``chat_id`` after the first ``after`` ones."""
        deadline = time.monotonic() + within
        while True:
            found = self.messages_to(chat_id)[after:]
            if len(found) >= count:
                return found[:count]
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"expected {count} message(s) to {chat_id}, got {len(found)}: "
                    + json.dumps([m.text for m in found], ensure_ascii=False)
                )
            self._sent_event.clear()
            try:
                await asyncio.wait_for(self._sent_event.wait(), left)
            except TimeoutError:
                pass

    # ------------------------------------------------------------------ the API

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls.append(method)
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        if method not in METHODS:  # names are case-sensitive: sendmessage is not sendMessage
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        params: JSON = {}
        if request.can_read_body:
            try:
                params = await request.json()
            except ValueError:
                params = dict(await request.post())
        params.update(request.query)
        failures = self._failures.get(method)
        if failures:
            failure = failures.popleft()
            body = {
                "ok": False,
                "error_code": failure.error_code,
                "description": failure.description,
            }
            return web.json_response(body, status=failure.status)
        handler = getattr(self, f"_m_{method}")
        try:
            result = await handler(params)
        except _ApiRefusal as refusal:
            body = {"ok": False, "error_code": refusal.code, "description": str(refusal)}
            return web.json_response(body)
        return web.json_response({"ok": True, "result": result})

    async def _m_getMe(self, params: JSON) -> JSON:
        return {"id": "bot-1", "account_name": "dvk_test_zalo", "account_type": "BASIC"}

    async def _m_getUpdates(self, params: JSON) -> JSON:
        if self.webhook_url:
            raise _ApiRefusal(400, "getUpdates does not work while a webhook is set")
        timeout = float(params.get("timeout") or 30)
        deadline = time.monotonic() + timeout
        while not self._queue:
            left = deadline - time.monotonic()
            if left <= 0 or self._closing:
                raise _ApiRefusal(408, "Request timeout")
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), left)
            except TimeoutError:
                pass
        return self._queue.popleft()  # one update, and it is gone once delivered

    async def _m_setWebhook(self, params: JSON) -> JSON:
        secret = str(params.get("secret_token") or "")
        if not 8 <= len(secret) <= 256:
            raise _ApiRefusal(400, "secret_token must be 8-256 characters")
        self.webhook_url = str(params["url"])
        self.webhook_secret = secret
        self.webhook_set.set()
        return {"url": self.webhook_url, "updated_at": int(time.time() * 1000)}

    async def _m_deleteWebhook(self, params: JSON) -> JSON:
        self.webhook_url = ""
        self.webhook_secret = ""
        return {"url": "", "updated_at": int(time.time() * 1000)}

    async def _m_getWebhookInfo(self, params: JSON) -> JSON:
        return {"url": self.webhook_url, "updated_at": int(time.time() * 1000)}

    def _recipient(self, params: JSON) -> str:
        chat_id = str(params.get("chat_id") or "")
        if not chat_id:
            raise _ApiRefusal(400, "chat_id is required")
        if chat_id in self._blocked:
            raise _ApiRefusal(403, "The user has blocked the bot")
        return chat_id

    def _accepted(self, sent: ZaloSent) -> JSON:
        self.sent.append(sent)
        self._sent_event.set()
        return {"message_id": f"b{len(self.sent):06d}", "date": int(time.time() * 1000)}

    async def _m_sendMessage(self, params: JSON) -> JSON:
        chat_id = self._recipient(params)
        text = str(params.get("text") or "")
        if not text:
            raise _ApiRefusal(400, "text is required")
        if len(text) > MAX_TEXT:
            raise _ApiRefusal(400, f"text is longer than {MAX_TEXT} characters")
        return self._accepted(ZaloSent(chat_id, text, at=time.monotonic()))

    async def _m_sendPhoto(self, params: JSON) -> JSON:
        chat_id = self._recipient(params)
        url = str(params.get("photo") or "")
        if not url.startswith(("http://", "https://")):
            raise _ApiRefusal(400, "photo must be a URL")
        response = await self._client.get(url)  # the platform fetches the photo itself
        sent = ZaloSent(
            chat_id,
            params.get("caption"),
            method="sendPhoto",
            photo_url=url,
            photo=response.content if response.status_code == 200 else None,
            photo_status=response.status_code,
            at=time.monotonic(),
        )
        return self._accepted(sent)

    async def _m_sendSticker(self, params: JSON) -> JSON:
        return self._accepted(ZaloSent(self._recipient(params), None, method="sendSticker"))

    async def _m_sendChatAction(self, params: JSON) -> JSON:
        self._recipient(params)
        return {}


class _ApiRefusal(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
