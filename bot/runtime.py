"""The assembled program: database, engine, dispatcher and channels for one settings object."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from pathlib import Path
from typing import Final

from bot.console import ConsoleChannel
from bot.dispatch import Dispatcher
from bot.photos import PhotoIntake
from bot.settings import Settings
from bot.telegram import TelegramChannel
from conversations.flows import build_engine
from conversations.turn import EngineConfig
from locales import N_
from storage.clock import Clock, SystemClock
from storage.db import Database
from storage.errors import DvkError
from storage.evidence import EvidenceStore, LocalEvidenceStore, S3EvidenceStore, S3Location
from storage.migrate import current_revision, head_revision

log = logging.getLogger(__name__)

SAMPLE_ORGANISATION: Final = Path(__file__).parent / "samples" / "organisation.csv"


class SchemaOutdated(DvkError):
    """The database was never initialised, or was made by an older version."""

    message = N_("The database is not ready (revision {found}, needed {needed}). Run: dvk init")


class Runtime:
    """Everything one process needs, built from the settings."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.database = Database(settings.effective_database_url)
        self.engine = build_engine()
        self.config = EngineConfig(
            zone=settings.zone,
            default_locale=settings.locale,
            targets=settings.target_by_level,
        )
        self.evidence = evidence_store(settings)
        self.dispatcher = Dispatcher(
            self.database,
            self.engine,
            self.clock,
            self.config,
            photo_intake=PhotoIntake(self.evidence, settings.evidence_max_bytes),
        )

    async def check_schema(self) -> None:
        """Refuse to run on a database that ``dvk init`` has not brought up to date."""
        found = await current_revision(self.database)
        needed = head_revision()
        if found != needed:
            raise SchemaOutdated(found=found or "-", needed=needed)

    def telegram(self, *, poll_timeout: float = 10.0) -> TelegramChannel | None:
        """The Telegram channel, when a token is set."""
        token = self.settings.telegram_token
        if token is None or not token.get_secret_value():
            return None
        return TelegramChannel(
            token.get_secret_value(),
            self.settings.telegram_api_base,
            self.dispatcher,
            poll_timeout=poll_timeout,
        )

    async def close(self) -> None:
        """Release the database and evidence store connections."""
        await self.evidence.close()
        await self.database.dispose()


def evidence_store(settings: Settings) -> EvidenceStore:
    """The bucket when ``DVK_EVIDENCE_URL`` is set, otherwise the local folder."""
    if settings.evidence_url:
        secret = settings.s3_secret_access_key
        return S3EvidenceStore(
            S3Location.parse(settings.evidence_url),
            endpoint_url=settings.s3_endpoint_url,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=secret.get_secret_value() if secret else None,
            region=settings.s3_region,
        )
    return LocalEvidenceStore(settings.effective_evidence_dir)


async def serve(runtime: Runtime, *, console_input: bool = True) -> None:
    """``dvk run``: Telegram when a token is set, otherwise the console, until stopped."""
    await runtime.check_schema()
    telegram = runtime.telegram()
    if telegram is None:
        console = ConsoleChannel(runtime.dispatcher)
        if console_input:
            await console.run(prompt=True)
        return
    await telegram.start()
    log.info("Telegram bot @%s is polling", telegram.username)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await telegram.stop()
