"""The Telegram channel: python-telegram-bot in long-polling mode, inline keyboards for choices.

The Bot API root is configurable (``DVK_TELEGRAM_API_BASE``): the bot calls
``{root}/bot{token}/{method}`` and downloads from ``{root}/file/bot{token}/{path}``, the convention
of a self-hosted Bot API server, which is also how the tests point it at a local emulator.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
from collections.abc import Sequence
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler
from telegram.helpers import create_deep_linked_url

from bot.channel import (
    DownloadFailed,
    PermanentFailure,
    RateLimited,
    RecipientBlocked,
    TemporaryFailure,
    send_with_retries,
    split_text,
)
from bot.dispatch import Attachment, Dispatcher
from bot.pacing import Pacer
from conversations.messages import Button, Inbound, Reply
from storage.evidence import EvidenceStore

log = logging.getLogger(__name__)

CHANNEL: Final = "telegram"
MAX_TEXT: Final = 4096  # Bot API limit for a message's text
MAX_CAPTION: Final = 1024  # Bot API limit for a photo's caption
ALBUM_WINDOW: Final = 1.2  # seconds: photos of one album arrive as separate updates
REPLY_ATTEMPTS: Final = 3
ROW_WIDTH: Final = 2  # choices with short labels, side by side
SHORT_LABEL: Final = 18  # characters; a longer label takes a row of its own


def retry_after_seconds(error: RetryAfter) -> float:
    """``RetryAfter.retry_after`` as seconds (PTB 22 returns an int or a timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def deep_link(bot_username: str, payload: str) -> str:
    """``https://t.me/<bot>?start=<payload>``: opening it sends ``/start PAYLOAD`` to the bot."""
    return create_deep_linked_url(bot_username, payload)


def rows(choices: Sequence[Button]) -> list[list[Button]]:
    """Short labels two to a row, long ones on their own row."""
    laid: list[list[Button]] = []
    pending: list[Button] = []
    for button in choices:
        if len(button.label) > SHORT_LABEL:
            if pending:
                laid.append(pending)
                pending = []
            laid.append([button])
            continue
        pending.append(button)
        if len(pending) == ROW_WIDTH:
            laid.append(pending)
            pending = []
    if pending:
        laid.append(pending)
    return laid


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The reply's choices as an inline keyboard, its navigation commands in a row below.

    Button values are short ids, because callback data is limited to 64 bytes.
    """
    laid = rows(reply.choices) + ([list(reply.navigation)] if reply.navigation else [])
    if not laid:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.value) for b in row] for row in laid]
    )


class TelegramChannel:
    """Receives updates by long polling and answers through the same Bot API server."""

    name: Final = CHANNEL

    def __init__(
        self,
        token: str,
        api_base: str,
        dispatcher: Dispatcher,
        *,
        poll_timeout: float = 10.0,
        pacer: Pacer | None = None,
        evidence: EvidenceStore | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        self.pacer = pacer
        self.evidence = evidence
        self.poll_timeout = poll_timeout
        self.application: Application = (  # type: ignore[type-arg]
            ApplicationBuilder()
            .token(token)
            .base_url(f"{api_base}/bot")
            .base_file_url(f"{api_base}/file/bot")
            .concurrent_updates(True)
            .get_updates_read_timeout(poll_timeout + 10)
            .build()
        )
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_error)
        self._pending: dict[str, asyncio.Task[None]] = {}

    @property
    def username(self) -> str | None:
        """The bot's username, known after :meth:`start` or :meth:`connect` (from getMe)."""
        try:
            return self.application.bot.username
        except RuntimeError:  # not initialised yet
            return None

    async def connect(self) -> None:
        """Initialise the bot (calls getMe) without receiving updates: for sending only."""
        await self.application.initialize()

    async def start(self) -> None:
        """Start receiving updates by long polling."""
        await self.application.initialize()
        await self.application.start()
        assert self.application.updater is not None
        await self.application.updater.start_polling(
            poll_interval=0.0,
            timeout=dt.timedelta(seconds=self.poll_timeout),
            allowed_updates=["message", "callback_query"],
        )

    async def stop(self) -> None:
        """Stop polling, send acknowledgements still waiting, and close the connection."""
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.application.running:
            await self.application.stop()
        for task in list(self._pending.values()):
            await task
        await self.application.shutdown()

    # ------------------------------------------------------------------ inbound

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        translated = self._translate(update)
        if translated is None:
            return
        inbound, attachment = translated
        query = update.callback_query
        if query is not None:
            try:
                await query.answer()
            except TelegramError as error:  # an old query cannot be answered: harmless
                log.debug("could not answer callback query: %s", error)
        replies = await self.dispatcher.handle(inbound, attachment)
        for reply in replies:
            await self.reply(inbound.chat_id, reply)

    def _translate(self, update: Update) -> tuple[Inbound, Attachment | None] | None:
        query = update.callback_query
        if query is not None:
            message = query.message
            if message is None or message.chat.type != "private" or query.from_user is None:
                return None
            return (
                Inbound(
                    channel=CHANNEL,
                    chat_id=str(message.chat.id),
                    user_id=str(query.from_user.id),
                    update_id=update.update_id,
                    choice=query.data,
                    display_name=query.from_user.full_name,
                    language=query.from_user.language_code,
                ),
                None,
            )
        message = update.message
        if message is None or message.chat.type != "private" or message.from_user is None:
            return None
        user = message.from_user
        location = (
            (message.location.latitude, message.location.longitude) if message.location else None
        )
        inbound = Inbound(
            channel=CHANNEL,
            chat_id=str(message.chat.id),
            user_id=str(user.id),
            update_id=update.update_id,
            text=message.text,
            location=location,
            media_group_id=message.media_group_id,
            display_name=user.full_name,
            language=user.language_code,
        )
        return inbound, self._attachment(message)

    def _attachment(self, message: Message) -> Attachment | None:
        bot = self.application.bot
        if message.photo:
            # Sizes are not promised in any order: take the largest by area.
            largest = max(message.photo, key=lambda size: size.width * size.height)
            file_id = largest.file_id
            size, mime, filename = largest.file_size, "image/jpeg", None
        elif message.document is not None:
            document = message.document
            file_id = document.file_id
            size, mime, filename = document.file_size, document.mime_type, document.file_name
        else:
            return None

        async def download() -> bytes:
            try:
                telegram_file = await bot.get_file(file_id)
                return bytes(await telegram_file.download_as_bytearray())
            except TelegramError as error:  # network trouble or a Bot API error: worth a retry
                raise DownloadFailed(str(error)) from error

        return Attachment(
            download=download,
            declared_size=size,
            mime=mime,
            filename=filename,
            caption=message.caption,
        )

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        update_id = getattr(update, "update_id", None)
        log.error("error while handling update %s", update_id, exc_info=context.error)

    # ------------------------------------------------------------------ outbound

    async def reply(self, chat_id: str, reply: Reply) -> None:
        """Answer a person; a burst of replies sharing a ``coalesce_key`` sends only the last."""
        if reply.coalesce_key is None:
            await self._reply_now(chat_id, reply)
            return
        key = f"{chat_id}:{reply.coalesce_key}"
        previous = self._pending.pop(key, None)
        if previous is not None:
            previous.cancel()

        async def later() -> None:
            await asyncio.sleep(ALBUM_WINDOW)
            self._pending.pop(key, None)
            await self._reply_now(chat_id, reply)

        self._pending[key] = asyncio.create_task(later())

    async def _reply_now(self, chat_id: str, reply: Reply) -> None:
        await send_with_retries(self.send, chat_id, reply, attempts=REPLY_ATTEMPTS)

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Deliver one reply, mapping Bot API errors to the channel's send errors."""
        bot = self.application.bot
        try:
            if self.evidence is not None:
                # An announcement's text rides on its photo when it fits a caption; a longer one
                # follows the photo as a message of its own.
                captioned = (
                    reply.text_as_caption
                    and bool(reply.photos)
                    and reply.document is None
                    and 0 < len(reply.text) <= MAX_CAPTION
                )
                for index, photo in enumerate(reply.photos):
                    try:
                        data = await self.evidence.get(photo.sha256, photo.mime)
                    except OSError as error:  # the photo is gone from the store: do not retry
                        raise PermanentFailure(f"photo {photo.sha256[:12]}: {error}") from error
                    if self.pacer is not None:
                        await self.pacer.global_turn()
                    caption = (photo.caption or "")[:MAX_CAPTION] or None
                    last = index == len(reply.photos) - 1
                    if captioned and last:
                        await bot.send_photo(
                            int(chat_id),
                            photo=data,
                            caption=reply.text,
                            reply_markup=keyboard(reply),
                        )
                        return
                    await bot.send_photo(int(chat_id), photo=data, caption=caption)
            if self.pacer is not None:
                await self.pacer.global_turn()
            if reply.document is not None:
                with reply.document.path.open("rb") as document:
                    await bot.send_document(
                        int(chat_id),
                        document=document,
                        filename=reply.document.filename,
                        caption=reply.text[:1024] or None,
                        reply_markup=keyboard(reply),
                    )
                if reply.document.temporary:
                    reply.document.path.unlink(missing_ok=True)
                return
            pieces = split_text(reply.text, MAX_TEXT)
            for index, piece in enumerate(pieces):
                last = index == len(pieces) - 1
                if index and self.pacer is not None:
                    await self.pacer.global_turn()
                await bot.send_message(
                    int(chat_id), piece, reply_markup=keyboard(reply) if last else None
                )
        except RetryAfter as error:
            seconds = retry_after_seconds(error)
            if self.pacer is not None:
                self.pacer.pause(seconds)
            raise RateLimited(seconds, str(error)) from error
        except Forbidden as error:
            raise RecipientBlocked(str(error)) from error
        except BadRequest as error:
            raise PermanentFailure(str(error)) from error
        except TelegramError as error:  # NetworkError, TimedOut, 5xx
            raise TemporaryFailure(str(error)) from error
