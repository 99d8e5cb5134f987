"""A local emulator of the Telegram Bot API for end-to-end tests.

The real python-telegram-bot ``Application``/``Bot`` talks to it over HTTP::

    async with TelegramEmulator() as emu:
        app = (
            ApplicationBuilder()
            .token(emu.token)
            .base_url(f"{emu.root}/bot")
            .base_file_url(f"{emu.root}/file/bot")
            .build()
        )
        emu.send_text(42, "/start")
        (reply,) = await emu.wait_for_messages(42)

Tests play the users (``send_text``, ``press_button`` ...), inspect what the bot did
(``sent``, ``requests`` ...) and inject faults (``block_chat``, ``fail_next`` ...).
"""

from __future__ import annotations

import asyncio
import copy
import io
import itertools
import json
import re
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from aiohttp import web
from PIL import Image, UnidentifiedImageError

__all__ = ["ApiError", "RequestLog", "SentMessage", "TelegramEmulator"]

JSON = dict[str, Any]
Buttons = list[list[tuple[str, str]]]

SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto", "editMessageText"})
# Parameters that PTB sends JSON-encoded inside form fields.
NESTED_PARAMS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "entities",
        "caption_entities",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
    }
)
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
BLOCKED = "Forbidden: bot was blocked by the user"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


@dataclass
class SentMessage:
    """A message the bot sent (or edited), as accepted by the emulator."""

    message_id: int
    chat_id: int
    text: str | None  # text, or caption for documents/photos
    buttons: Buttons  # inline keyboard rows of (button text, callback_data); [] if none
    document: bytes | None = None
    filename: str | None = None
    photo: bytes | None = None
    method: str = "sendMessage"
    at: float = 0.0  # time.monotonic() when accepted
    parse_mode: str | None = None
    reply_markup: JSON | None = None  # the raw reply_markup, of any kind


@dataclass
class RequestLog:
    """One HTTP request the bot made."""

    at: float
    method: str
    chat_id: int | None
    status: int


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes

    def as_json(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }


@dataclass
class _Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass
class _Queued:
    update: JSON
    forced: bool = False  # a redelivery: returned even if its id is below the offset
    delivered: bool = False


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        """Builds the error.

        Args:
            status: HTTP status, also used as ``error_code``.
            description: Telegram's ``description`` text.
            retry_after: Adds ``parameters.retry_after`` when given.
        """
        super().__init__(description)
        self.status = status
        self.body: JSON = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            self.body["parameters"] = {"retry_after": retry_after}


class TelegramEmulator:
    """An aiohttp server on 127.0.0.1 that behaves like the Telegram Bot API."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",  # noqa: S107 - a fake test token
        bot_username: str = "dvk_test_bot",
        *,
        flood_limits: bool = False,
        global_per_second: int = 30,
        per_chat_per_second: float = 1.0,
    ) -> None:
        """Creates a stopped emulator.

        Args:
            token: The only token accepted in URLs.
            bot_username: ``username`` returned by getMe.
            flood_limits: Answer 429 like Telegram when the bot sends too fast.
            global_per_second: Sends allowed in any sliding 1 s window.
            per_chat_per_second: Sends allowed per chat per second.
        """
        self.token = token
        self.bot_username = bot_username
        self.flood_limits = flood_limits
        self.global_per_second = global_per_second
        self.per_chat_per_second = per_chat_per_second
        self.root = ""
        self.bot_id = int(token.split(":")[0]) if token.split(":")[0].isdigit() else 1

        self.sent: list[SentMessage] = []
        self.callback_answers: list[dict] = []
        self.requests: list[RequestLog] = []
        self.commands: list[dict] = []
        self.flood_429_count = 0
        self.webhook_url = ""

        self._runner: web.AppRunner | None = None
        self._stopping = False
        self._queue: list[_Queued] = []
        self._updates: dict[int, JSON] = {}
        self._update_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._open_queries: set[str] = set()
        self._wakeup = asyncio.Event()
        self._sent_event = asyncio.Event()
        self._read_cursor: dict[int, int] = {}
        self._users: dict[int, JSON] = {}
        self._messages: dict[tuple[int, int], JSON] = {}
        self._last_message_id: dict[int, int] = {}
        self._files: dict[str, _StoredFile] = {}  # by file_id
        self._file_paths: dict[str, _StoredFile] = {}
        self._my_commands: dict[tuple[str, str], list[dict]] = {}
        self._blocked: set[int] = set()
        self._failures: dict[str, deque[ApiError]] = {}
        self._download_failures: deque[int] = deque()
        self._stalls: dict[str, int] = {}  # method → calls still answered before it stalls
        self._stall_released = asyncio.Event()
        self.stalled = 0
        self._send_times: deque[float] = deque()
        self._last_send_to: dict[int, float] = {}
        self._inflight = 0
        self._last_activity = time.monotonic()
        handlers: dict[str, Callable[[JSON], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setWebhook": self._set_webhook,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getFile": self._get_file,
        }
        self._methods = {name.lower(): (name, fn) for name, fn in handlers.items()}

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Binds a random free port on 127.0.0.1 and sets ``root``."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_download)
        self._stopping = False
        self._wakeup, self._sent_event = asyncio.Event(), asyncio.Event()  # bind to this loop
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        port = self._runner.addresses[0][1]
        self.root = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        """Releases pending long polls at once and shuts the server down."""
        self._stopping = True
        self._wakeup.set()
        self._stall_released.set()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> TelegramEmulator:
        """Starts the emulator."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stops the emulator."""
        await self.stop()

    # ------------------------------------------------------------ user actions

    def send_text(
        self, user_id: int, text: str, *, first_name: str = "Lan", language_code: str = "vi"
    ) -> int:
        """A user writes ``text`` in their private chat; returns the update_id."""
        self._users[user_id] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }
        content: JSON = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            length = len(command.encode("utf-16-le")) // 2
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._user_message(user_id, content)

    def send_photo(
        self,
        user_id: int,
        data: bytes,
        *,
        caption: str | None = None,
        media_group_id: str | None = None,
    ) -> int:
        """A user sends a photo; ``message.photo`` lists the original first, then a thumbnail."""
        content: JSON = {"photo": self._photo_sizes(data)}
        if caption is not None:
            content["caption"] = caption
        if media_group_id is not None:
            content["media_group_id"] = media_group_id
        return self._user_message(user_id, content)

    def send_document(
        self,
        user_id: int,
        data: bytes,
        *,
        filename: str,
        mime_type: str,
        caption: str | None = None,
    ) -> int:
        """A user sends a file as a document; returns the update_id."""
        content: JSON = {"document": self._document_json(data, filename, mime_type)}
        if caption is not None:
            content["caption"] = caption
        return self._user_message(user_id, content)

    def send_location(self, user_id: int, latitude: float, longitude: float) -> int:
        """A user shares a location; returns the update_id."""
        return self._user_message(
            user_id, {"location": {"latitude": latitude, "longitude": longitude}}
        )

    def press_button(self, user_id: int, message: SentMessage, label_or_data: str) -> int:
        """A user presses an inline button of a bot message; returns the update_id.

        Raises:
            LookupError: No callback button has that text or callback_data, or the
                message was deleted.
        """
        buttons = [button for row in message.buttons for button in row]
        match = next((b for b in buttons if b[0] == label_or_data), None) or next(
            (b for b in buttons if b[1] == label_or_data), None
        )
        if match is None or not match[1]:
            raise LookupError(
                f"no callback button {label_or_data!r} in message {message.message_id}; "
                f"buttons: {buttons}"
            )
        stored = self._messages.get((message.chat_id, message.message_id))
        if stored is None:
            raise LookupError(f"message {message.message_id} no longer exists")
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        query = {
            "id": query_id,
            "from": self._user(user_id),
            "message": stored,
            "chat_instance": str(message.chat_id),
            "data": match[1],
        }
        return self._enqueue({"callback_query": query})

    def redeliver(self, update_id: int) -> None:
        """Queues an already-seen update again, ignoring the offset (as after a crash)."""
        if update_id not in self._updates:
            raise LookupError(f"unknown update_id {update_id}")
        self._queue.append(_Queued(copy.deepcopy(self._updates[update_id]), forced=True))
        self._queue.sort(key=lambda item: item.update["update_id"])
        self._touch()

    # ------------------------------------------------------------- bot output

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """Every message sent to (or edited in) ``chat_id``, in order."""
        return [message for message in self.sent if message.chat_id == chat_id]

    async def wait_for_messages(
        self,
        chat_id: int,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the agreed API
    ) -> list[SentMessage]:
        """Waits for the next ``count`` messages to ``chat_id`` not returned before.

        Raises:
            AssertionError: Fewer messages arrived within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while True:
            cursor = self._read_cursor.get(chat_id, 0)
            fresh = self.messages_to(chat_id)[cursor:]
            if len(fresh) >= count:
                self._read_cursor[chat_id] = cursor + count
                return fresh[:count]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"expected {count} new message(s) to chat {chat_id} within {timeout}s, "
                    f"got {len(fresh)}: {fresh}"
                )
            self._sent_event.clear()
            try:
                await asyncio.wait_for(self._sent_event.wait(), remaining)
            except TimeoutError:
                pass

    async def wait_idle(
        self,
        quiet: float = 0.3,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the agreed API
    ) -> None:
        """Waits until no update is undelivered and no request arrived for ``quiet`` s.

        Raises:
            AssertionError: The bot was still busy after ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            waiting = any(not item.delivered for item in self._queue)
            if not waiting and not self._inflight and now - self._last_activity >= quiet:
                return
            if now >= deadline:
                raise AssertionError(f"bot not idle after {timeout}s")
            await asyncio.sleep(0.02)

    def message_json(self, chat_id: int, message_id: int) -> JSON | None:
        """The current Telegram JSON of a message (after edits), or None if deleted."""
        return self._messages.get((chat_id, message_id))

    # --------------------------------------------------------- fault injection

    def block_chat(self, chat_id: int) -> None:
        """Sends and edits to ``chat_id`` answer 403 from now on."""
        self._blocked.add(chat_id)

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        description: str = "Internal Server Error",
        retry_after: int | None = None,
        count: int = 1,
    ) -> None:
        """The next ``count`` calls of ``method`` fail with ``status``.

        A 429 gets Telegram's exact description and ``retry_after`` (1 unless given).
        """
        if status == 429:
            retry_after = retry_after or 1
            description = f"Too Many Requests: retry after {retry_after}"
        queue = self._failures.setdefault(method.lower(), deque())
        queue.extend(ApiError(status, description, retry_after) for _ in range(count))

    def stall(self, method: str, *, after: int = 0) -> None:
        """After ``after`` more calls of ``method``, calls hang without an answer (a platform
        that stopped answering, or a bot killed while waiting for it) until :meth:`unstall`.
        A stalled call is not carried out: its message is not recorded as sent."""
        self._stalls[method.lower()] = after
        self._stall_released = asyncio.Event()

    def unstall(self) -> None:
        """Answer normally again, and let the stalled calls end with a 502."""
        self._stalls.clear()
        self._stall_released.set()

    async def _maybe_stall(self, name: str) -> None:
        left = self._stalls.get(name.lower())
        if left is None:
            return
        if left > 0:
            self._stalls[name.lower()] = left - 1
            return
        self.stalled += 1
        await self._stall_released.wait()
        raise ApiError(502, "Bad Gateway")

    def fail_file_downloads(self, count: int, status: int = 500) -> None:
        """The next ``count`` file downloads fail with ``status``."""
        self._download_failures.extend([status] * count)

    def fail_get_file(self, count: int, description: str = "Bad Request: file is too big") -> None:
        """The next ``count`` getFile calls answer 400 with ``description``."""
        self.fail_next("getFile", status=400, description=description, count=count)

    # ---------------------------------------------------------------- HTTP layer

    async def _handle_api(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        name, handler = self._methods.get(
            request.match_info["method"].lower(), (request.match_info["method"], None)
        )
        polling = name == "getUpdates"
        if not polling:
            self._busy(+1)
        try:
            status, body, chat_id = await self._call(request, name, handler)
        finally:
            if not polling:
                self._busy(-1)
        self.requests.append(RequestLog(arrived, name, chat_id, status))
        return web.json_response(body, status=status)

    async def _call(
        self,
        request: web.Request,
        name: str,
        handler: Callable[[JSON], Awaitable[Any]] | None,
    ) -> tuple[int, JSON, int | None]:
        chat_id = None
        try:
            params = await _read_params(request)
            chat_id = _optional_int(params.get("chat_id"))
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            if handler is None:
                raise ApiError(404, "Not Found")
            self._check_faults(name, chat_id)
            await self._maybe_stall(name)
            result = await handler(params)
        except ApiError as error:
            return error.status, error.body, chat_id
        if name in SEND_METHODS and chat_id is not None:
            now = time.monotonic()
            self._send_times.append(now)
            self._last_send_to[chat_id] = now
        return 200, {"ok": True, "result": result}, chat_id

    def _check_faults(self, name: str, chat_id: int | None) -> None:
        failures = self._failures.get(name.lower())
        if failures:
            raise failures.popleft()
        if chat_id in self._blocked and name.startswith(("send", "edit")):
            raise ApiError(403, BLOCKED)
        if self.flood_limits and name in SEND_METHODS:
            self._check_flood(chat_id)

    def _check_flood(self, chat_id: int | None) -> None:
        now = time.monotonic()
        while self._send_times and now - self._send_times[0] >= 1.0:
            self._send_times.popleft()
        too_many = len(self._send_times) >= self.global_per_second
        last = self._last_send_to.get(chat_id) if chat_id is not None else None
        too_fast = last is not None and now - last < 1 / self.per_chat_per_second - 0.005
        if too_many or too_fast:
            self.flood_429_count += 1
            raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)

    async def _handle_download(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        self._busy(+1)
        stored = self._file_paths.get(request.match_info["file_path"])
        if request.match_info["token"] != self.token:
            error: ApiError | None = ApiError(401, "Unauthorized")
        elif self._download_failures:
            status = self._download_failures.popleft()
            error = ApiError(status, f"Download failed ({status})")
        else:
            error = ApiError(404, "Not Found") if stored is None else None
        self._busy(-1)
        status = error.status if error else 200
        self.requests.append(RequestLog(arrived, "downloadFile", None, status))
        if error is not None:
            return web.json_response(error.body, status=status)
        data = stored.data if stored else b""
        return web.Response(body=data, content_type="application/octet-stream")

    def _busy(self, delta: int) -> None:
        self._inflight += delta
        self._last_activity = time.monotonic()

    def _touch(self) -> None:
        self._last_activity = time.monotonic()
        self._wakeup.set()

    # ----------------------------------------------------------- update queue

    def _enqueue(self, payload: JSON) -> int:
        update_id = next(self._update_ids)
        update = {"update_id": update_id, **copy.deepcopy(payload)}
        self._updates[update_id] = update
        self._queue.append(_Queued(copy.deepcopy(update)))
        self._touch()
        return update_id

    async def _get_updates(self, p: JSON) -> list[JSON]:
        if self.webhook_url:
            raise ApiError(409, WEBHOOK_CONFLICT)
        self._confirm(int(p.get("offset") or 0))
        limit = min(max(int(p.get("limit") or 100), 1), 100)
        deadline = time.monotonic() + float(p.get("timeout") or 0)
        while not self._queue and not self._stopping:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._wakeup.clear()
            try:
                await asyncio.wait_for(self._wakeup.wait(), remaining)
            except TimeoutError:
                break
        batch = [] if self._stopping else self._queue[:limit]
        for item in batch:
            item.forced = False
            item.delivered = True
        if batch:
            self._last_activity = time.monotonic()
        return [item.update for item in batch]

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            self._queue = self._queue[offset:]
        elif offset > 0:
            self._queue = [i for i in self._queue if i.forced or i.update["update_id"] >= offset]

    async def _delete_webhook(self, p: JSON) -> bool:
        self.webhook_url = ""
        if _as_bool(p.get("drop_pending_updates")):
            self._queue.clear()
        return True

    async def _set_webhook(self, p: JSON) -> bool:
        self.webhook_url = str(p.get("url") or "")
        return True

    async def _get_webhook_info(self, p: JSON) -> JSON:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }

    # --------------------------------------------------------------- messages

    def _user(self, user_id: int) -> JSON:
        default = {"id": user_id, "is_bot": False, "first_name": "Lan", "language_code": "vi"}
        return self._users.setdefault(user_id, default)

    def _bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "DVK Bot",
            "username": self.bot_username,
        }

    def _chat(self, chat_id: int) -> JSON:
        if chat_id < 0:
            return {"id": chat_id, "type": "supergroup", "title": "Test group"}
        return {"id": chat_id, "type": "private", "first_name": self._user(chat_id)["first_name"]}

    def _new_message(self, chat_id: int, sender: JSON, content: JSON) -> JSON:
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        message = {
            "message_id": message_id,
            "from": sender,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            **content,
        }
        self._messages[(chat_id, message_id)] = message
        return message

    def _user_message(self, user_id: int, content: JSON) -> int:
        message = self._new_message(user_id, self._user(user_id), content)
        return self._enqueue({"message": message})

    def _bot_message(self, p: JSON, content: JSON, **recorded: Any) -> JSON:
        chat_id = _required_int(p, "chat_id")
        markup = _reply_markup(p)
        if markup and "inline_keyboard" in markup:
            content["reply_markup"] = markup
        message = self._new_message(chat_id, self._bot_user(), content)
        self._record(message, markup, p, **recorded)
        return message

    def _record(self, message: JSON, markup: JSON | None, p: JSON, **fields: Any) -> None:
        self.sent.append(
            SentMessage(
                message_id=message["message_id"],
                chat_id=message["chat"]["id"],
                text=message.get("text", message.get("caption")),
                buttons=_buttons(markup),
                at=time.monotonic(),
                parse_mode=p.get("parse_mode"),
                reply_markup=markup,
                **fields,
            )
        )
        self._sent_event.set()

    async def _send_message(self, p: JSON) -> JSON:
        text = _text(p, "text", 4096)
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        return self._bot_message(p, {"text": text})

    async def _send_document(self, p: JSON) -> JSON:
        data, filename, mime_type = self._file_param(p, "document")
        content = {"document": self._document_json(data, filename, mime_type), **_caption(p)}
        return self._bot_message(
            p, content, document=data, filename=filename, method="sendDocument"
        )

    async def _send_photo(self, p: JSON) -> JSON:
        data, filename, _ = self._file_param(p, "photo")
        try:
            sizes = self._photo_sizes(data)
        except (UnidentifiedImageError, OSError) as error:
            raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED") from error
        content = {"photo": sizes, **_caption(p)}
        return self._bot_message(p, content, photo=data, filename=filename, method="sendPhoto")

    async def _send_chat_action(self, p: JSON) -> bool:
        _required_int(p, "chat_id")
        return True

    def _editable(self, p: JSON) -> JSON:
        if p.get("inline_message_id"):
            raise ApiError(400, "Bad Request: inline messages are not emulated")
        key = (_required_int(p, "chat_id"), _required_int(p, "message_id"))
        message = self._messages.get(key)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    async def _edit_message_text(self, p: JSON) -> JSON:
        message = self._editable(p)
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        text = _text(p, "text", 4096)
        markup = _reply_markup(p)
        if text == message["text"] and markup == message.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        message["text"] = text
        _set_markup(message, markup)
        self._record(message, markup, p, method="editMessageText")
        return message

    async def _edit_message_reply_markup(self, p: JSON) -> JSON:
        message = self._editable(p)
        markup = _reply_markup(p)
        if markup == message.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        _set_markup(message, markup)
        return message

    async def _delete_message(self, p: JSON) -> bool:
        key = (_required_int(p, "chat_id"), _required_int(p, "message_id"))
        if self._messages.pop(key, None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    async def _answer_callback_query(self, p: JSON) -> bool:
        if str(p.get("callback_query_id")) not in self._open_queries:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self.callback_answers.append(p)
        return True

    # ------------------------------------------------------------------- bot info

    async def _get_me(self, p: JSON) -> JSON:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    @staticmethod
    def _commands_key(p: JSON) -> tuple[str, str]:
        scope = p.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(p.get("language_code") or "")

    async def _set_my_commands(self, p: JSON) -> bool:
        commands = p.get("commands") or []
        for command in commands:
            if not COMMAND_RE.match(str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        self._my_commands[self._commands_key(p)] = commands
        self.commands = commands
        return True

    async def _get_my_commands(self, p: JSON) -> list[dict]:
        return self._my_commands.get(self._commands_key(p), [])

    async def _delete_my_commands(self, p: JSON) -> bool:
        self._my_commands.pop(self._commands_key(p), None)
        self.commands = []
        return True

    # ---------------------------------------------------------------------- files

    def _store_file(self, data: bytes, folder: str, suffix: str) -> _StoredFile:
        number = next(self._file_ids)
        stored = _StoredFile(
            file_id=f"BQAC{number:04d}{secrets.token_hex(8)}",
            file_unique_id=f"AgAD{number:04d}",
            file_path=f"{folder}/file_{number}{suffix}",
            data=data,
        )
        self._files[stored.file_id] = stored
        self._file_paths[stored.file_path] = stored
        return stored

    def _photo_sizes(self, data: bytes) -> list[JSON]:
        """The original as the largest size (listed first), plus a 90 px JPEG thumbnail."""
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            suffix = ".jpg" if image.format in (None, "JPEG") else f".{image.format.lower()}"
            thumb = image.convert("RGB")
        thumb.thumbnail((90, 90))
        buffer = io.BytesIO()
        thumb.save(buffer, "JPEG")
        big = self._store_file(data, "photos", suffix)
        small = self._store_file(buffer.getvalue(), "photos", ".jpg")
        return [
            {**big.as_json(), "width": width, "height": height},
            {**small.as_json(), "width": thumb.width, "height": thumb.height},
        ]

    def _document_json(self, data: bytes, filename: str, mime_type: str) -> JSON:
        stored = self._store_file(data, "documents", PurePosixPath(filename).suffix)
        return {**stored.as_json(), "file_name": filename, "mime_type": mime_type}

    def _file_param(self, p: JSON, name: str) -> tuple[bytes, str | None, str]:
        value = p.get(name)
        if isinstance(value, _Upload):
            return value.data, value.filename, value.content_type
        stored = self._files.get(str(value))
        if stored is None:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        return stored.data, PurePosixPath(stored.file_path).name, "application/octet-stream"

    async def _get_file(self, p: JSON) -> JSON:
        stored = self._files.get(str(p.get("file_id", "")))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {**stored.as_json(), "file_path": stored.file_path}


# ---------------------------------------------------------------------- helpers


async def _read_params(request: web.Request) -> JSON:
    """Merges query-string, JSON, url-encoded and multipart parameters."""
    params: JSON = dict(request.query)
    if request.content_type == "application/json" and request.body_exists:
        try:
            params.update(await request.json())
        except ValueError as error:
            raise ApiError(400, "Bad Request: can't parse JSON body") from error
    elif request.body_exists:
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                value = _Upload(value.filename, value.content_type, value.file.read())
            params[key] = value
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.get(value.removeprefix("attach://"))
        elif isinstance(value, str) and key in NESTED_PARAMS:
            try:
                params[key] = json.loads(value)
            except ValueError as error:
                raise ApiError(400, f"Bad Request: can't parse {key}") from error
    return params


def _optional_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _required_int(p: JSON, key: str) -> int:
    if p.get(key) in (None, ""):
        raise ApiError(400, f"Bad Request: {key} is empty")
    value = _optional_int(p[key])
    if value is None:
        raise ApiError(400, "Bad Request: chat not found" if key == "chat_id" else key)
    return value


def _as_bool(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1")


def _text(p: JSON, key: str, max_length: int) -> str:
    text = str(p.get(key) or "")
    if len(text) > max_length:
        what = "caption" if key == "caption" else "text"
        raise ApiError(400, f"Bad Request: message {what} is too long")
    return text


def _caption(p: JSON) -> JSON:
    return {"caption": _text(p, "caption", 1024)} if p.get("caption") else {}


def _reply_markup(p: JSON) -> JSON | None:
    markup = p.get("reply_markup")
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if len(str(button.get("callback_data", "")).encode()) > 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def _set_markup(message: JSON, markup: JSON | None) -> None:
    message["edit_date"] = int(time.time())
    if markup and "inline_keyboard" in markup:
        message["reply_markup"] = markup
    else:
        message.pop("reply_markup", None)


def _buttons(markup: JSON | None) -> Buttons:
    rows = (markup or {}).get("inline_keyboard", [])
    return [[(b["text"], str(b.get("callback_data", ""))) for b in row] for row in rows]
