"""The assembled program: database, engine, dispatcher and channels for one settings object."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import secrets
import signal
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

from bot.channel import Channel
from bot.console import ConsoleChannel
from bot.dispatch import Dispatcher
from bot.jobs.nudges import SweepResult
from bot.jobs.visit_summaries import month_end_summaries
from bot.links import KEY_NAME as LINKS_KEY
from bot.links import ROUTE as LINK_ROUTE
from bot.links import FileLinks, new_key
from bot.outbox_sender import OutboxSender
from bot.pacing import Pacer
from bot.photos import PhotoIntake
from bot.scheduler import Jobs, digest_job, evidence_gc_job, nudge_sweep
from bot.settings import Settings
from conversations.flows import build_engine
from conversations.turn import EngineConfig
from domain.calendar import load_calendar
from domain.errors import DvkError
from locales import N_
from storage.clock import Clock, SystemClock
from storage.db import Database
from storage.evidence import EvidenceStore, LocalEvidenceStore, S3EvidenceStore, S3Location
from storage.evidence_gc import Collected
from storage.migrate import current_revision, head_revision

if TYPE_CHECKING:
    from bot.http import HttpServer
    from bot.telegram import TelegramChannel
    from bot.zalo import ZaloChannel

#: the Zalo channel's name (``bot.zalo.CHANNEL``, not imported: the channels, their HTTP clients
#: and the HTTP server are loaded only when they run, so that every ``dvk`` command starts fast)
ZALO: Final = "zalo"

log = logging.getLogger(__name__)

SAMPLE_ORGANISATION: Final = Path(__file__).parent / "samples" / "organisation.csv"


def new_webhook_secret() -> str:
    """A webhook secret: 43 URL-safe characters (within Zalo's 8-256)."""
    return secrets.token_urlsafe(32)


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
        self.calendar = load_calendar(settings.calendar_file)
        #: the Telegram bot's username once getMe has told it (for invite links)
        self.bot_username: str | None = None
        self.config = EngineConfig(
            zone=settings.zone,
            default_locale=settings.locale,
            targets=settings.level_targets,
            pilots_per_unit=settings.pilots_per_unit,
            calendar=self.calendar,
            start_link=self.start_link,
        )
        self.pacer = Pacer(settings.send_per_second, settings.send_chat_interval)
        #: Zalo's limits are its own: replies and the outbox to Zalo share this gate
        self.zalo_pacer = Pacer(settings.zalo_send_per_second, settings.zalo_send_chat_interval)
        self.evidence = evidence_store(settings)
        self.dispatcher = Dispatcher(
            self.database,
            self.engine,
            self.clock,
            self.config,
            photo_intake=PhotoIntake(
                self.evidence,
                settings.evidence_max_bytes,
                max_pixels=settings.evidence_max_pixels,
                max_pdf_bytes=settings.proof_max_bytes,
            ),
            evidence=self.evidence,
        )

    def start_link(self, payload: str) -> str | None:
        """The Telegram deep link that sends ``/start PAYLOAD``, once the username is known."""
        from bot.telegram import deep_link

        return deep_link(self.bot_username, payload) if self.bot_username else None

    async def check_schema(self) -> None:
        """Refuse to run on a database that ``dvk init`` has not brought up to date."""
        found = await current_revision(self.database)
        needed = head_revision()
        if found != needed:
            raise SchemaOutdated(found=found or "-", needed=needed)

    def telegram(self, *, poll_timeout: float = 10.0) -> TelegramChannel | None:
        """The Telegram channel, when a token is set."""
        from bot.telegram import TelegramChannel

        token = self.settings.telegram_token
        if token is None or not token.get_secret_value():
            return None
        return TelegramChannel(
            token.get_secret_value(),
            self.settings.telegram_api_base,
            self.dispatcher,
            poll_timeout=poll_timeout,
            pacer=self.pacer,
            evidence=self.evidence,
        )

    async def kept_secret(self, name: str, make: Callable[[], str]) -> str:
        """A secret generated once and kept in the database (the same for every process)."""
        async with self.database.transaction() as tx:
            return await tx.secrets.kept(name, make, self.clock.now())

    async def file_links(self) -> FileLinks:
        """Signed links to exports and photos, served by the HTTP server."""
        key = await self.kept_secret(LINKS_KEY, new_key)
        return FileLinks(
            key,
            self.settings.effective_public_url,
            self.settings.data_dir / "links",
            self.evidence,
            self.clock,
        )

    async def zalo(self, links: FileLinks | None = None) -> ZaloChannel | None:
        """The Zalo channel, when a token is set (webhooks when a URL is set)."""
        from bot.fetch import UrlFetcher
        from bot.zalo import ZaloApi, ZaloChannel

        settings = self.settings
        token = settings.zalo_token
        if token is None or not token.get_secret_value():
            return None
        secret = None
        if settings.zalo_webhook_url:
            given = settings.zalo_webhook_secret
            secret = (
                given.get_secret_value()
                if given is not None
                else await self.kept_secret("zalo-webhook", new_webhook_secret)
            )
        fetcher = UrlFetcher(
            settings.evidence_max_bytes,
            settings.zalo_download_timeout,
            allow_private=settings.zalo_allow_private_urls,
        )
        return ZaloChannel(
            ZaloApi(token.get_secret_value(), settings.zalo_api_base),
            self.dispatcher,
            fetcher,
            links=links,
            pacer=self.zalo_pacer,
            webhook_url=settings.zalo_webhook_url,
            webhook_secret=secret,
            default_locale=settings.locale,
        )

    def sender(self, channels: Mapping[str, Channel]) -> OutboxSender:
        """An outbox sender delivering through ``channels``."""
        return OutboxSender(
            self.database,
            channels,
            self.clock,
            self.pacer,
            zone=self.settings.zone,
            policy=self.calendar.policy,
            pacers={ZALO: self.zalo_pacer},
        )

    async def sweep_nudges(self) -> SweepResult | None:
        """Enqueue the reminders in force now (None when another process is sweeping)."""
        return await nudge_sweep(
            self.database,
            self.calendar,
            self.config.targets,
            self.clock,
            self.settings.zone,
        )

    async def send_digests(self) -> int | None:
        """Enqueue this week's BTV digests (None when another process does it)."""
        return await digest_job(
            self.database,
            self.calendar,
            self.config.targets,
            self.clock,
            self.settings.zone,
        )

    async def forget_old_updates(self) -> int:
        """Drop the record of updates older than any redelivery (Telegram keeps them 24 h)."""
        async with self.database.transaction() as tx:
            return await tx.conversations.forget_updates_before(
                self.clock.now() - dt.timedelta(days=3)
            )

    async def collect_evidence(self) -> Collected | None:
        """Remove the evidence files nothing refers to, 7 days old (None: another process does)."""
        return await evidence_gc_job(self.database, self.evidence, self.clock)

    async def send_visit_summaries(self) -> int | None:
        """Enqueue the month's visit summaries (None when another process does it)."""
        async with self.database.exclusive("dvk:visit-summaries") as mine:
            if not mine:
                return None
            return await month_end_summaries(self.database, self.clock.now(), self.settings.zone)

    def jobs(self, on_enqueued: Callable[[], None] | None = None) -> Jobs:
        """The scheduled jobs: the nudge sweep at each reminder hour, and hourly as a safety net."""
        jobs = Jobs(self.settings.zone, on_enqueued)
        hours = {(d.policy.send_at.hour, d.policy.send_at.minute) for d in self.calendar.deadlines}
        for hour, minute in sorted(hours):
            jobs.cron(
                f"nudge-sweep-{hour:02d}{minute:02d}", self.sweep_nudges, hour=hour, minute=minute
            )
        jobs.cron("nudge-sweep-hourly", self.sweep_nudges, minute=17)
        jobs.cron("month-end-visits", self.send_visit_summaries, day="last", hour=18, minute=0)
        jobs.cron("forget-old-updates", self.forget_old_updates, hour=3, minute=41)
        jobs.cron("evidence-gc", self.collect_evidence, hour=4, minute=23)
        hour, minute = (int(part) for part in self.settings.digest_time.split(":"))
        jobs.cron(
            "weekly-digest",
            self.send_digests,
            day_of_week=self.settings.digest_day,
            hour=hour,
            minute=minute,
        )
        return jobs

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


async def serve(
    runtime: Runtime, *, console_input: bool = True, stop: asyncio.Event | None = None
) -> None:
    """``dvk run``: the channels, the scheduler and the outbox sender, until stopped.

    Telegram and Zalo when their tokens are set, otherwise the console, which reads standard
    input and stops at its end. Zalo brings the HTTP server on ``DVK_HTTP_LISTEN`` (its webhook
    and the links to files and photos). A sweep that was missed while the bot was down runs once
    at start-up.
    """
    await runtime.check_schema()
    stop = stop or asyncio.Event()
    channels: dict[str, Channel] = {}
    telegram = runtime.telegram()
    console: ConsoleChannel | None = None
    http: HttpServer | None = None
    zalo: ZaloChannel | None = None
    try:
        if telegram is not None:
            await telegram.start()
            runtime.bot_username = telegram.username
            channels[telegram.name] = telegram
            log.info("Telegram bot @%s is polling", telegram.username)
        if runtime.settings.zalo_token is not None:
            from bot.http import HttpServer

            http = HttpServer(*runtime.settings.listen)
            links = await runtime.file_links()
            http.get(LINK_ROUTE, links.serve)
            zalo = await runtime.zalo(links)
            assert zalo is not None
            if zalo.webhook_url is not None:
                http.post(zalo.webhook_path, zalo.on_webhook)
            await http.start()
            await zalo.start()
            channels[zalo.name] = zalo
        if not channels:
            console = ConsoleChannel(runtime.dispatcher)
            channels[console.name] = console
        await _run_until_stopped(runtime, channels, console, stop, console_input=console_input)
    finally:
        if zalo is not None:
            await zalo.stop()
        if http is not None:
            await http.stop()
        if telegram is not None:
            await telegram.stop()


async def _run_until_stopped(
    runtime: Runtime,
    channels: dict[str, Channel],
    console: ConsoleChannel | None,
    stop: asyncio.Event,
    *,
    console_input: bool,
) -> None:
    sender = runtime.sender(channels)
    jobs = runtime.jobs(on_enqueued=sender.wake)
    jobs.start()
    sender_task = asyncio.create_task(sender.run(stop))
    catch_up = asyncio.create_task(runtime.sweep_nudges())
    try:
        if console is not None:
            if console_input:
                await console.run(prompt=True)
        else:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):
                    loop.add_signal_handler(signum, stop.set)
            await stop.wait()
    finally:
        stop.set()
        jobs.stop()
        await asyncio.gather(catch_up, sender_task, return_exceptions=True)
