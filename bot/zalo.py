"""The Zalo channel: the Zalo Bot Platform's HTTP API through httpx, choices as numbered lines.

The API is shaped like Telegram's Bot API (``{root}/bot{token}/{method}``, answers
``{ok, result, error_code, description}``), with differences that shape this module (see FACTS.md):
no buttons (choices are numbered and answered by number or words), photos arrive as URLs (they are
downloaded by :class:`bot.fetch.UrlFetcher`), ``sendPhoto`` takes a URL only and there is no
``sendDocument`` (photos and exports go as signed links, :mod:`bot.links`), a text holds at most
2,000 characters, ``getUpdates`` returns one update and answers an empty poll with error 408, and
updates carry no update id (the message id, hashed, drops a redelivered one).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Coroutine, Mapping
from typing import Any, Final
from urllib.parse import urlsplit

import httpx
from aiohttp import web

from bot.channel import (
    PermanentFailure,
    RateLimited,
    RecipientBlocked,
    SendError,
    TemporaryFailure,
    choice_lines,
    send_with_retries,
    split_text,
)
from bot.dispatch import Attachment, Dispatcher
from bot.fetch import UrlFetcher
from bot.http import secret_matches
from bot.links import FileLinks
from bot.pacing import Pacer
from conversations.messages import Inbound, Reply
from locales import _, use_locale

log = logging.getLogger(__name__)

CHANNEL: Final = "zalo"
MAX_TEXT: Final = 2000  # characters in one message
SECRET_HEADER: Final = "X-Bot-Api-Secret-Token"  # noqa: S105 - a header name
EMPTY_POLL: Final = 408  # getUpdates' error code when nothing arrived in time
DEFAULT_RETRY_AFTER: Final = 5.0  # seconds, when a 429 does not say
POLL_BACKOFF_CAP: Final = 30.0


class ZaloError(Exception):
    """The Zalo API refused a call (``ok: false``) or answered with an HTTP error."""

    def __init__(self, method: str, code: int, description: str, retry_after: float | None) -> None:
        super().__init__(f"{method}: {code} {description}")
        self.code = code
        self.description = description
        self.retry_after = retry_after


def send_error(error: ZaloError | httpx.HTTPError) -> SendError:
    """The channel-wide send error a Zalo failure amounts to (the outbox's rules are the same
    as for Telegram: retry later, back off, give up, or mark the account unreachable)."""
    if isinstance(error, httpx.HTTPError):  # network trouble; its text names no token
        return TemporaryFailure(type(error).__name__)
    text = str(error)
    if error.code == 429 or "quota" in error.description.lower():
        return RateLimited(error.retry_after or DEFAULT_RETRY_AFTER, text)
    if error.code == 403:
        return RecipientBlocked(text)
    if error.code >= 500 or error.code == EMPTY_POLL:
        return TemporaryFailure(text)
    return PermanentFailure(text)


class ZaloApi:
    """Calls of the Zalo Bot API. The token is in every URL: nothing here logs a URL, and an
    error's text names only the method."""

    def __init__(self, token: str, api_base: str, *, timeout: float = 15.0) -> None:
        self._root = f"{api_base.rstrip('/')}/bot{token}"
        self.client = httpx.AsyncClient(timeout=timeout)

    async def call(
        self,
        method: str,
        params: Mapping[str, Any] | None = None,
        *,
        read_timeout: float | None = None,
    ) -> Any:
        """The ``result`` of ``method``; raises :class:`ZaloError` or an ``httpx.HTTPError``."""
        response = await self.client.post(
            f"{self._root}/{method}",
            json=dict(params or {}),
            timeout=read_timeout if read_timeout is not None else httpx.USE_CLIENT_DEFAULT,
        )
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        if response.status_code >= 400 or not body.get("ok", False):
            code = int(body.get("error_code") or response.status_code)
            parameters = body.get("parameters") or {}
            retry_after = parameters.get("retry_after") if isinstance(parameters, dict) else None
            raise ZaloError(
                method,
                code,
                str(body.get("description") or response.reason_phrase),
                float(retry_after) if retry_after is not None else None,
            )
        return body.get("result")

    async def close(self) -> None:
        """Close the connections."""
        await self.client.aclose()


def update_id_of(message_id: object) -> int | None:
    """A stable number for a message id (Zalo's are strings): redeliveries share it."""
    if message_id in (None, ""):
        return None
    return int.from_bytes(hashlib.sha256(str(message_id).encode()).digest()[:7], "big")


def unwrap(body: object) -> list[dict[str, Any]]:
    """The updates in a getUpdates result or a webhook body (``{ok, result}`` or bare)."""
    if isinstance(body, dict) and "result" in body and "event_name" not in body:
        body = body["result"]
    if isinstance(body, dict):
        return [body]
    if isinstance(body, list):
        return [update for update in body if isinstance(update, dict)]
    return []


def as_text(reply: Reply) -> str:
    """A reply as Zalo text: the message, then its numbered choices and commands."""
    return "\n".join([reply.text, *choice_lines(reply)]).strip()


class ZaloChannel:
    """Receives updates by long polling or by webhook, and answers through the same API."""

    name: Final = CHANNEL

    def __init__(
        self,
        api: ZaloApi,
        dispatcher: Dispatcher,
        fetcher: UrlFetcher,
        *,
        links: FileLinks | None = None,
        pacer: Pacer | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        poll_timeout: float = 30.0,
        default_locale: str = "vi",
        sleep: Any = asyncio.sleep,
    ) -> None:
        self.api = api
        self.dispatcher = dispatcher
        self.fetcher = fetcher
        self.links = links
        self.pacer = pacer
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.poll_timeout = poll_timeout
        self.default_locale = default_locale
        self._sleep = sleep
        self.bot_name: str | None = None
        self._poller: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopping = asyncio.Event()

    @property
    def webhook_path(self) -> str:
        """The route the webhook is served on: the path of ``DVK_ZALO_WEBHOOK_URL``."""
        assert self.webhook_url is not None
        return urlsplit(self.webhook_url).path or "/"

    async def connect(self) -> None:
        """Check the token (getMe) without receiving updates: for sending only."""
        me = await self.api.call("getMe")
        if isinstance(me, dict):
            self.bot_name = str(me.get("account_name") or me.get("display_name") or me.get("id"))

    async def start(self) -> None:
        """Receive updates: register the webhook when a URL is set, otherwise long-poll."""
        await self.connect()
        if self.webhook_url is not None:
            assert self.webhook_secret is not None
            await self.api.call(
                "setWebhook", {"url": self.webhook_url, "secret_token": self.webhook_secret}
            )
            log.info("Zalo bot %s takes webhooks on %s", self.bot_name, self.webhook_path)
            return
        # getUpdates does not work while a webhook is set, so one left from before goes
        await self.api.call("deleteWebhook")
        self._poller = asyncio.create_task(self._poll())
        log.info("Zalo bot %s is polling", self.bot_name)

    async def stop(self) -> None:
        """Stop polling, finish the updates being handled, and close the connections."""
        self._stopping.set()
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.api.close()
        await self.fetcher.close()

    # ------------------------------------------------------------------ inbound

    async def _poll(self) -> None:
        backoff = 1.0
        while not self._stopping.is_set():
            try:
                result = await self.api.call(
                    "getUpdates",
                    {"timeout": str(int(self.poll_timeout))},
                    read_timeout=self.poll_timeout + 10,
                )
            except ZaloError as error:
                if error.code == EMPTY_POLL:  # nothing arrived in time: poll again at once
                    backoff = 1.0
                    continue
                log.warning("Zalo getUpdates failed: %s; again in %.0f s", error, backoff)
                await self._sleep(backoff)
                backoff = min(backoff * 2, POLL_BACKOFF_CAP)
                continue
            except httpx.HTTPError as error:
                log.warning(
                    "Zalo getUpdates failed: %s; again in %.0f s", type(error).__name__, backoff
                )
                await self._sleep(backoff)
                backoff = min(backoff * 2, POLL_BACKOFF_CAP)
                continue
            backoff = 1.0
            for update in unwrap(result):
                # one task per update: a slow chat does not hold the others up (the dispatcher
                # keeps the updates of one chat in order)
                self._spawn(self.receive(update))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def on_webhook(self, request: web.Request) -> web.Response:
        """``POST <webhook path>``: an update, accepted only with the right secret header.

        The update is handled (and committed) before the 200, so one that could not be is
        delivered again; the replies are sent after it.
        """
        assert self.webhook_secret is not None
        if not secret_matches(request.headers.get(SECRET_HEADER), self.webhook_secret):
            log.warning("Zalo webhook call without the right secret from %s", request.remote)
            return web.json_response({"ok": False, "description": "forbidden"}, status=403)
        try:
            body = await request.json()
        except ValueError:
            return web.json_response({"ok": False, "description": "not JSON"}, status=400)
        for update in unwrap(body):
            handled = await self._dispatch(update)
            if handled is not None:
                chat_id, replies = handled
                self._spawn(self._answer(chat_id, replies))
        return web.json_response({"ok": True})

    async def receive(self, update: Mapping[str, Any]) -> None:
        """Handle one update and send the replies."""
        try:
            handled = await self._dispatch(update)
            if handled is not None:
                await self._answer(*handled)
        except Exception:  # one bad update must not end the polling
            log.exception("failed to handle a Zalo update")

    async def _dispatch(self, update: Mapping[str, Any]) -> tuple[str, list[Reply]] | None:
        translated = self.translate(update)
        if translated is None:
            return None
        inbound, attachment = translated
        return inbound.chat_id, await self.dispatcher.handle(inbound, attachment)

    async def _answer(self, chat_id: str, replies: list[Reply]) -> None:
        for reply in replies:
            try:
                await send_with_retries(self.send, chat_id, reply)
            except SendError as error:
                log.warning("could not answer Zalo chat: %s", error)

    def translate(self, update: Mapping[str, Any]) -> tuple[Inbound, Attachment | None] | None:
        """An update as an inbound event, with its photo not downloaded yet (None: not for
        the bot, such as a group message)."""
        message = update.get("message")
        if not isinstance(message, dict):
            return None
        sender = message.get("from") or {}
        chat = message.get("chat") or {}
        if str(chat.get("chat_type") or "PRIVATE").upper() != "PRIVATE" or sender.get("is_bot"):
            return None
        user_id = str(sender.get("id") or chat.get("id") or "")
        chat_id = str(chat.get("id") or user_id)
        if not user_id or not chat_id:
            return None
        event = str(update.get("event_name") or "")
        photo_url = message.get("photo_url") or message.get("photo")
        attachment = None
        text = message.get("text") if isinstance(message.get("text"), str) else None
        if event == "message.image.received" or (photo_url and not text):
            text = None
            if isinstance(photo_url, str) and photo_url:
                attachment = self._attachment(photo_url, message.get("caption"))
        inbound = Inbound(
            channel=CHANNEL,
            chat_id=chat_id,
            user_id=user_id,
            update_id=update_id_of(message.get("message_id")),
            text=text,
            display_name=sender.get("display_name") or sender.get("name"),
        )
        return inbound, attachment

    def _attachment(self, url: str, caption: object) -> Attachment:
        async def download() -> bytes:
            return await self.fetcher.fetch(url)

        return Attachment(download=download, caption=caption if isinstance(caption, str) else None)

    # ------------------------------------------------------------------ outbound

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Deliver one reply: its photos as links, its file as a link, its text in pieces of
        at most 2,000 characters cut at line ends."""
        try:
            for photo in reply.photos:
                if self.links is None:
                    raise PermanentFailure("photos need DVK_PUBLIC_URL on Zalo")
                params = {"chat_id": chat_id, "photo": self.links.photo(photo)}
                if photo.caption:
                    params["caption"] = photo.caption[:MAX_TEXT]
                await self._call("sendPhoto", params)
            text = as_text(reply)
            if reply.document is not None:
                text = "\n".join(part for part in (text, self._document_line(reply)) if part)
            for piece in split_text(text, MAX_TEXT):
                if piece:
                    await self._call("sendMessage", {"chat_id": chat_id, "text": piece})
        except (ZaloError, httpx.HTTPError) as error:
            raise send_error(error) from error

    def _document_line(self, reply: Reply) -> str:
        """Zalo takes no file: the export goes as a link that works for 24 hours."""
        assert reply.document is not None
        if self.links is None:
            raise PermanentFailure("files need DVK_PUBLIC_URL on Zalo")
        url = self.links.document(reply.document)
        with use_locale(reply.locale or self.default_locale):
            return _("📎 {name} (download within 24 hours): {url}").format(
                name=reply.document.filename, url=url
            )

    async def _call(self, method: str, params: Mapping[str, Any]) -> None:
        if self.pacer is not None:
            await self.pacer.global_turn()
        try:
            await self.api.call(method, params)
        except ZaloError as error:
            failure = send_error(error)
            if isinstance(failure, RateLimited) and self.pacer is not None:
                self.pacer.pause(failure.retry_after)
            raise
