"""From an inbound event to replies: one transaction per event, in order within a chat."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Protocol

from conversations.engine import Engine
from conversations.messages import Inbound, Pdf, Photo, Reply
from conversations.turn import EngineConfig, Turn
from domain.errors import DvkError
from locales import N_, _, use_locale, user_message
from storage.clock import Clock
from storage.db import Database
from storage.evidence import EvidenceStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Attachment:
    """A photo or file a person sent, not downloaded yet.

    ``declared_size`` and ``mime`` come from the platform and may be missing or wrong; the bytes
    are checked again after ``download``.
    """

    download: Callable[[], Awaitable[bytes]]
    declared_size: int | None = None
    mime: str | None = None
    filename: str | None = None
    caption: str | None = None


class PhotoIntakePort(Protocol):
    """Turns an attachment into a verified photo (or PDF) in the evidence store."""

    async def __call__(self, attachment: Attachment) -> Photo:
        """A photo; raises ``DvkError`` saying why it cannot be one."""
        ...

    async def document(self, attachment: Attachment) -> Photo | Pdf:
        """A photo of a document or the document as a PDF; raises ``DvkError`` saying why."""
        ...


NOT_EXPECTING_PHOTO = N_("I was not expecting a photo now. To add photos to a model, use /models.")


class Dispatcher:
    """Finds the person and their conversation, runs the engine, and returns the replies."""

    def __init__(
        self,
        database: Database,
        engine: Engine,
        clock: Clock,
        config: EngineConfig,
        *,
        photo_intake: PhotoIntakePort | None = None,
        evidence: EvidenceStore | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.database = database
        self.sleep = sleep
        self.evidence = evidence
        self.engine = engine
        self.clock = clock
        self.config = config
        self.photo_intake = photo_intake
        self._locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    def _lock(self, inbound: Inbound) -> asyncio.Lock:
        key = (inbound.channel, inbound.chat_id)
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    async def handle(self, inbound: Inbound, attachment: Attachment | None = None) -> list[Reply]:
        """Answer one event; events of one chat are answered one after another, in order."""
        async with self._lock(inbound):
            if attachment is not None:
                inbound = await self._take_attachment(inbound, attachment)
            replies, delay, locale = await self._handle(inbound)
            if delay > 0:
                # After the commit and inside this chat's lock: this chat waits, no other does.
                await self.sleep(delay)
        with use_locale(locale):
            return [await self._produced(reply, inbound, locale) for reply in replies]

    async def _produced(self, reply: Reply, inbound: Inbound, locale: str) -> Reply:
        """Make a reply's file now that the turn's transaction is over, and say whose
        language the reply is in."""
        if reply.produce is None:
            return replace(reply, locale=locale)
        try:
            document = await reply.produce()
        except Exception:  # the export failed: say so rather than leave the person waiting
            log.exception("export failed for %s/%s", inbound.channel, inbound.chat_id)
            text = _("Sorry, the file could not be made. Please try again later.")
            return Reply(text, locale=locale)
        return replace(reply, document=document, produce=None, locale=locale)

    async def _take_attachment(self, inbound: Inbound, attachment: Attachment) -> Inbound:
        async with self.database.read() as tx:
            turn = Turn(tx, self.clock, self.config, inbound)
            step = await self.engine.photo_step(turn)
        if step is None or self.photo_intake is None:
            return replace(inbound, rejected_file=NOT_EXPECTING_PHOTO)
        try:
            if step.takes_pdf:  # the document confirming an appraisal: a photo or a PDF
                sent = await self.photo_intake.document(attachment)
            else:
                sent = await self.photo_intake(attachment)
        except DvkError as refusal:
            return replace(inbound, rejected_file=refusal.message, rejected_params=refusal.params)
        if isinstance(sent, Pdf):
            return replace(inbound, pdf=sent)
        return replace(inbound, photo=sent)

    async def _handle(self, inbound: Inbound) -> tuple[list[Reply], float, str]:
        """The replies, how long to wait before giving them (``Turn.answer_delay``), and the
        language they are in."""
        locale = self.config.default_locale
        try:
            async with self.database.transaction() as tx:
                if inbound.update_id is not None and not await tx.conversations.first_delivery(
                    inbound.channel, inbound.update_id, self.clock.now()
                ):
                    log.info("dropped redelivered update %s/%s", inbound.channel, inbound.update_id)
                    return [], 0.0, locale
                account = await tx.accounts.account(inbound.channel, inbound.user_id)
                person = await tx.accounts.person(account.person_id) if account else None
                if account is not None:
                    # the account written from last is the one the bot writes to on its own
                    await tx.accounts.seen(account.id, self.clock.now())
                if person is not None:
                    locale = person.locale
                turn = Turn(
                    tx,
                    self.clock,
                    self.config,
                    inbound,
                    person,
                    account,
                    database=self.database,
                    evidence=self.evidence,
                )
                with use_locale(locale):
                    replies = await self.engine.handle(turn)
            return replies, turn.answer_delay, locale
        except DvkError as error:
            with use_locale(locale):
                return [Reply("⚠️ " + user_message(error))], 0.0, locale
        except Exception:
            log.exception("failed to handle %s update %s", inbound.channel, inbound.update_id)
            with use_locale(locale):
                text = _("Sorry, something went wrong on my side. Please try again.")
                return [Reply(text)], 0.0, locale
