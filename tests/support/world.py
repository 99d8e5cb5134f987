"""A running bot for tests: the sample organisation, a fixed clock, invites and channels."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.console import ConsoleChannel
from bot.fetch import UrlFetcher
from bot.http import HttpServer
from bot.jobs.nudges import sweep
from bot.links import ROUTE as LINK_ROUTE
from bot.runtime import SAMPLE_ORGANISATION, Runtime
from bot.settings import Settings
from bot.telegram import TelegramChannel
from bot.zalo import ZaloApi, ZaloChannel
from domain.organisation import Role
from storage.clock import Clock, FixedClock
from storage.invites import issue_invite
from storage.migrate import upgrade
from storage.org_import import import_units
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.zalo_emulator import ZaloEmulator


class World:
    """One deployment under test."""

    def __init__(self, runtime: Runtime, clock: FixedClock | Any, tmp_path: Path) -> None:
        self.runtime = runtime
        self.clock = clock
        self.tmp_path = tmp_path

    @classmethod
    @asynccontextmanager
    async def open(
        cls,
        tmp_path: Path,
        clock: Clock,
        *,
        database_url: str | None = None,
        sample: bool = True,
        **settings: Any,
    ) -> AsyncIterator[World]:
        """Migrate a database, load the sample organisation, and yield the world."""
        config = Settings(
            data_dir=tmp_path / "data",
            database_url=database_url or f"sqlite+aiosqlite:///{tmp_path / 'dvk.db'}",
            **settings,
        )
        runtime = Runtime(config, clock=clock)
        await upgrade(runtime.database)
        if sample:
            await import_units(runtime.database, SAMPLE_ORGANISATION, clock.now())
        try:
            yield cls(runtime, clock, tmp_path)
        finally:
            await runtime.close()

    def restarted(self, **settings: Any) -> Runtime:
        """A new runtime on the same database: what a restart of the process gives."""
        config = self.runtime.settings.model_copy(update=settings)
        return Runtime(config, clock=self.clock)

    async def invite(
        self,
        role: Role = Role.SECRETARY,
        unit: str | None = "BP-DP-TL-A1",
        *,
        name: str | None = "Nguyễn Thị Lan",
        cluster: str | None = None,
        valid_for: dt.timedelta = dt.timedelta(days=14),
    ) -> str:
        """A fresh invite code."""
        now = self.clock.now()
        async with self.runtime.database.transaction() as tx:
            code, _record = await issue_invite(
                tx,
                role=role,
                unit_code=unit,
                cluster_code=cluster,
                name=name,
                expires_at=now + valid_for,
                now=now,
            )
        return code

    async def enqueue_due(self) -> int:
        """Run the reminder sweep as of the world's clock; how many reminders it enqueued."""
        runtime = self.runtime
        result = await sweep(
            runtime.database,
            runtime.calendar,
            runtime.config.targets,
            self.clock.now(),
            runtime.settings.zone,
        )
        return result.enqueued

    async def import_units(self, csv_text: str) -> None:
        """Import a units file with this text (``dvk units import``), e.g. units' own targets."""
        path = self.tmp_path / f"units-{len(list(self.tmp_path.glob('units-*.csv')))}.csv"
        path.write_text(csv_text, encoding="utf-8")
        await import_units(self.runtime.database, path, self.clock.now())

    def console(self, chat_id: str = "terminal") -> tuple[ConsoleChannel, io.StringIO]:
        """A console chat whose output is captured."""
        out = io.StringIO()
        return ConsoleChannel(self.runtime.dispatcher, chat_id, stdout=out), out

    @asynccontextmanager
    async def telegram(
        self, emulator: TelegramEmulator, runtime: Runtime | None = None
    ) -> AsyncIterator[TelegramChannel]:
        """The real Telegram channel polling the emulator."""
        runtime = runtime or self.runtime
        channel = TelegramChannel(
            emulator.token,
            emulator.root,
            runtime.dispatcher,
            poll_timeout=1.0,
            pacer=runtime.pacer,
            evidence=runtime.evidence,
        )
        await channel.start()
        runtime.bot_username = channel.username  # as ``serve`` does, for invite links
        try:
            yield channel
        finally:
            await channel.stop()

    @asynccontextmanager
    async def zalo(
        self,
        emulator: ZaloEmulator,
        runtime: Runtime | None = None,
        *,
        webhook: bool = False,
        download_timeout: float = 5.0,
    ) -> AsyncIterator[ZaloChannel]:
        """The real Zalo channel on the emulator, by long polling or by webhook, with the HTTP
        server of the webhook and the file links on a free port."""
        runtime = runtime or self.runtime
        http = HttpServer("127.0.0.1", 0)
        links = await runtime.file_links()
        http.get(LINK_ROUTE, links.serve)
        channel = ZaloChannel(
            ZaloApi(emulator.token, emulator.root),
            runtime.dispatcher,
            UrlFetcher(runtime.settings.evidence_max_bytes, download_timeout, allow_private=True),
            links=links,
            pacer=runtime.zalo_pacer,
            poll_timeout=1.0,
            webhook_secret="test-secret-0123" if webhook else None,
        )
        http.post("/zalo/webhook", channel.on_webhook)
        await http.start()
        links.public_url = f"http://127.0.0.1:{http.bound_port}"
        if webhook:
            channel.webhook_url = f"{links.public_url}/zalo/webhook"
        await channel.start()
        try:
            yield channel
        finally:
            await channel.stop()
            await http.stop()

    async def bind_telegram(
        self, user_id: int, unit: str = "BP-DP-TL-A1", role: Role = Role.SECRETARY
    ) -> int:
        """A person with ``role`` in ``unit`` and Telegram account ``user_id``, made directly."""
        now = self.clock.now()
        async with self.runtime.database.transaction() as tx:
            found = await tx.units.by_code(unit)
            assert found is not None
            person = await tx.accounts.create_person(f"Người {user_id}", "vi", now)
            await tx.accounts.add_role(person, role, found.id, None, now)
            await tx.accounts.bind("telegram", str(user_id), str(user_id), person, None, now)
        return person
