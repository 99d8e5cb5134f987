"""`dvk run`'s assembly: the sweep missed while down runs at start-up, the sender delivers it."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from apscheduler.triggers.cron import CronTrigger

from bot.runtime import serve
from tests.support.clock import RunningClock
from tests.support.telegram_emulator import TelegramEmulator
from tests.support.world import World
from tests.support.zalo_emulator import ZaloEmulator

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_a_missed_sweep_runs_once_at_start_up_and_is_delivered(tmp_path: Path) -> None:
    late = RunningClock(dt.datetime(2027, 1, 12, 10, 30, tzinfo=HCM))  # down at 08:00
    async with TelegramEmulator() as emulator:
        settings = {"telegram_token": emulator.token, "telegram_api_base": emulator.root}
        async with World.open(tmp_path, late, **settings) as world:
            await world.bind_telegram(101, "BP-DP-TL-A1")
            stop = asyncio.Event()
            running = asyncio.create_task(serve(world.runtime, stop=stop))
            try:
                (nudge,) = await emulator.wait_for_messages(101, timeout=20)
                await emulator.wait_idle(quiet=1.0)
            finally:
                stop.set()
                await running
            async with world.runtime.database.read() as tx:
                counts = await tx.outbox.counts()
    assert "còn 3 ngày" in nudge.text
    assert len(emulator.messages_to(101)) == 1
    assert counts["sent"] == 1


async def test_sweeps_are_scheduled_in_the_deployment_time_zone(world: World) -> None:
    jobs = world.runtime.jobs()
    scheduled = {job.id: job.trigger for job in jobs.scheduler.get_jobs()}
    assert set(scheduled) == {
        "nudge-sweep-0800",
        "nudge-sweep-hourly",
        "weekly-digest",
        "month-end-visits",
        "forget-old-updates",
        "evidence-gc",
    }
    daily = scheduled["nudge-sweep-0800"]
    assert isinstance(daily, CronTrigger) and str(daily.timezone) == "Asia/Ho_Chi_Minh"
    first = daily.get_next_fire_time(None, dt.datetime(2027, 1, 12, 9, 0, tzinfo=HCM))
    assert first == dt.datetime(2027, 1, 13, 8, 0, tzinfo=HCM)
    weekly = scheduled["weekly-digest"]
    tuesday = dt.datetime(2027, 1, 12, 9, 0, tzinfo=HCM)
    assert weekly.get_next_fire_time(None, tuesday) == dt.datetime(2027, 1, 18, 7, 30, tzinfo=HCM)
    month_end = scheduled["month-end-visits"]
    assert month_end.get_next_fire_time(None, tuesday) == dt.datetime(2027, 1, 31, 18, tzinfo=HCM)
    clean_up = scheduled["evidence-gc"]
    assert clean_up.get_next_fire_time(None, tuesday) == dt.datetime(2027, 1, 13, 4, 23, tzinfo=HCM)


async def test_old_update_records_are_forgotten(world: World) -> None:
    async with world.runtime.database.transaction() as tx:
        await tx.conversations.first_delivery(
            "telegram", 1, world.clock.now() - dt.timedelta(days=4)
        )
        await tx.conversations.first_delivery("telegram", 2, world.clock.now())
    assert await world.runtime.forget_old_updates() == 1
    async with world.runtime.database.transaction() as tx:
        assert await tx.conversations.first_delivery("telegram", 1, world.clock.now())
        assert not await tx.conversations.first_delivery("telegram", 2, world.clock.now())


def test_debug_logging_never_shows_updates_or_tokens(capsys) -> None:
    import logging

    from bot.logs import configure_logging

    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.getLogger("telegram").level)
    try:
        configure_logging("DEBUG", ["123:SECRET"])
        logging.getLogger("telegram.ext.Application").debug("Processing update /start 7K3M9QXR2T5A")
        logging.getLogger("bot").info("calling https://api.telegram.org/bot123:SECRET/getMe")
        err = capsys.readouterr().err
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        logging.getLogger("telegram").setLevel(saved[2])
    assert "7K3M9QXR2T5A" not in err and "SECRET" not in err and "bot***/getMe" in err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_dvk_run_serves_zalo_by_webhook_with_a_kept_secret(tmp_path: Path) -> None:
    port = _free_port()
    late = RunningClock(dt.datetime(2027, 1, 12, 10, 30, tzinfo=HCM))
    async with ZaloEmulator() as zalo:
        settings = {
            "zalo_token": zalo.token,
            "zalo_api_base": zalo.root,
            "zalo_webhook_url": f"http://127.0.0.1:{port}/hooks/zalo",
            "http_listen": f"127.0.0.1:{port}",
        }
        async with World.open(tmp_path, late, **settings) as world:
            code = await world.invite()
            secrets: list[str] = []
            for _run in range(2):  # a restart keeps the generated secret
                stop = asyncio.Event()
                running = asyncio.create_task(serve(world.runtime, stop=stop))
                try:
                    await asyncio.wait_for(zalo.webhook_set.wait(), 20)
                    secrets.append(zalo.webhook_secret)
                    async with httpx.AsyncClient() as client:
                        health = await client.get(f"http://127.0.0.1:{port}/healthz")
                        assert health.status_code == 200
                        refused = await client.post(f"http://127.0.0.1:{port}/hooks/zalo", json={})
                        assert refused.status_code == 403
                    if _run == 0:
                        zalo.send_text("z1", f"/start {code}")
                        welcome, _help = await zalo.wait_for_messages("z1", 2, within=20)
                        assert (welcome.text or "").startswith("Chào mừng Nguyễn Thị Lan!")
                        # the next sweep's reminder goes out on Zalo through the running sender
                        await world.runtime.sweep_nudges()
                        (nudge,) = await zalo.wait_for_messages("z1", after=2, within=20)
                        assert "còn 3 ngày" in (nudge.text or "")
                finally:
                    stop.set()
                    await running
                zalo.webhook_url = ""
                zalo.webhook_set.clear()
    assert secrets[0] == secrets[1] and 8 <= len(secrets[0]) <= 256
    assert "getUpdates" not in zalo.calls


async def test_dvk_run_serves_zalo_by_long_polling_beside_telegram(tmp_path: Path) -> None:
    async with TelegramEmulator() as telegram, ZaloEmulator() as zalo:
        settings = {
            "telegram_token": telegram.token,
            "telegram_api_base": telegram.root,
            "zalo_token": zalo.token,
            "zalo_api_base": zalo.root,
            "http_listen": f"127.0.0.1:{_free_port()}",
        }
        async with World.open(
            tmp_path, RunningClock(dt.datetime(2027, 3, 1, 9, tzinfo=HCM)), **settings
        ) as world:
            stop = asyncio.Event()
            running = asyncio.create_task(serve(world.runtime, stop=stop))
            try:
                zalo.send_text("z2", "xin chào")
                telegram.send_text(202, "xin chào")
                (on_zalo,) = await zalo.wait_for_messages("z2", within=20)
                (on_telegram,) = await telegram.wait_for_messages(202, timeout=20)
            finally:
                stop.set()
                await running
    assert "mã mời" in (on_zalo.text or "") and "mã mời" in (on_telegram.text or "")
    assert "getUpdates" in zalo.calls


def test_the_zalo_name_is_the_channel_s_own() -> None:
    from bot import runtime, zalo

    assert runtime.ZALO == zalo.CHANNEL


def test_a_command_loads_no_channel_no_http_server_and_no_export_library() -> None:
    """Every `dvk` command imports the CLI: the channels' HTTP clients, the HTTP server and the
    file libraries are loaded by what uses them, so a command starts in a second, not two."""
    import subprocess
    import sys

    heavy = ("telegram", "httpx", "aiohttp", "openpyxl", "docx", "pypdf")
    probe = f"import sys, bot.cli; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    loaded = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""
