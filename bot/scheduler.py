"""Scheduled jobs: APScheduler 3 with cron triggers in the deployment's time zone.

Jobs carry no state: each is an idempotent sweep that reloads what it needs, so running one twice
changes nothing the second time. On PostgreSQL only one process sweeps at a time (an advisory
lock), so two ``dvk run`` processes are harmless. A sweep missed while the bot was down is run
once at start-up.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Final, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.jobs.digests import weekly_digests
from bot.jobs.nudges import SweepResult, sweep
from domain.calendar import Calendar
from domain.targets import LevelTargets
from storage.clock import Clock
from storage.db import Database
from storage.evidence import EvidenceStore
from storage.evidence_gc import DEFAULT_AGE, GC_LOCK, Collected, collect_evidence

log = logging.getLogger(__name__)

NUDGE_LOCK: Final = "dvk:nudge-sweep"
DIGEST_LOCK: Final = "dvk:weekly-digest"
#: a daily job that could not run on time still runs within this many seconds
MISFIRE_GRACE: Final = 6 * 3600


R = TypeVar("R")


async def exclusively(database: Database, lock: str, job: Callable[[], Awaitable[R]]) -> R | None:
    """``job``'s result, unless another process holds ``lock`` (then None: it runs it)."""
    async with database.exclusive(lock) as mine:
        if not mine:
            log.info("another process holds %s; skipped", lock)
            return None
        return await job()


async def nudge_sweep(
    database: Database, calendar: Calendar, targets: LevelTargets, clock: Clock, zone: object
) -> SweepResult | None:
    """One sweep, unless another process is sweeping (then None)."""
    run = functools.partial(sweep, database, calendar, targets, clock.now(), zone)  # type: ignore[arg-type]  # zone is a ZoneInfo
    result = await exclusively(database, NUDGE_LOCK, run)
    if result is not None:
        log.info("nudge sweep: %d due, %d enqueued", result.due, result.enqueued)
    return result


async def digest_job(
    database: Database, calendar: Calendar, targets: LevelTargets, clock: Clock, zone: object
) -> int | None:
    """This week's digests, unless another process is making them (then None)."""
    run = functools.partial(weekly_digests, database, calendar, targets, clock.now(), zone)  # type: ignore[arg-type]  # zone is a ZoneInfo
    enqueued = await exclusively(database, DIGEST_LOCK, run)
    if enqueued is not None:
        log.info("weekly digest: %d enqueued", enqueued)
    return enqueued


async def evidence_gc_job(
    database: Database,
    store: EvidenceStore,
    clock: Clock,
    older_than: dt.timedelta = DEFAULT_AGE,
) -> Collected | None:
    """Remove the evidence files nothing refers to, unless another process is (then None)."""
    run = functools.partial(collect_evidence, database, store, clock.now(), older_than=older_than)
    result = await exclusively(database, GC_LOCK, run)
    if result is not None:
        log.info(
            "evidence clean-up: %d file(s) removed, %d bytes",
            len(result.removed),
            result.removed_size,
        )
    return result


class Jobs:
    """The bot's scheduled jobs."""

    def __init__(self, zone: object, on_enqueued: Callable[[], None] | None = None) -> None:
        self.zone = zone
        self.scheduler = AsyncIOScheduler(
            timezone=zone,
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": MISFIRE_GRACE,
            },
        )
        self.on_enqueued = on_enqueued

    def cron(self, job_id: str, job: Callable[[], Awaitable[object]], **fields: object) -> None:
        """Run ``job`` on a cron schedule (APScheduler fields) in the deployment's time zone.

        The trigger gets the zone explicitly: a CronTrigger made without one uses the machine's
        zone, not the scheduler's.
        """
        trigger = CronTrigger(timezone=self.zone, **fields)  # type: ignore[arg-type]
        self.scheduler.add_job(
            self._wrap(job), trigger, id=job_id, name=job_id, replace_existing=True
        )

    def _wrap(self, job: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            try:
                await job()
            except Exception:  # a failed sweep must not stop the schedule; the next one retries
                log.exception("scheduled job failed")
                return
            if self.on_enqueued is not None:
                self.on_enqueued()

        return run

    def start(self) -> None:
        """Start the scheduler (inside the running event loop)."""
        self.scheduler.start()

    def stop(self) -> None:
        """Stop without waiting for running jobs."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
