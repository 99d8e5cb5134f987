"""Fixtures shared by the whole suite: databases on every backend, a fixed clock, a world."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.clock import FixedClock
from storage.db import Database
from storage.migrate import upgrade
from tests.support.databases import POSTGRES_URL, reset_postgres
from tests.support.world import World

START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)  # 16:00 in Hà Nội, a Monday


def database_url(backend: str, tmp_path: Path) -> str:
    """A fresh database of ``backend`` for one test."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'dvk.db'}"
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL tests need DVK_TEST_POSTGRES_URL (.ci/run sets it)")
    return POSTGRES_URL


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each test using it runs on SQLite and on PostgreSQL."""
    return str(request.param)


@pytest.fixture
async def database(backend: str, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated, empty database on each backend."""
    url = database_url(backend, tmp_path)
    if backend == "postgres":
        await reset_postgres(url)
    db = Database(url)
    await upgrade(db)
    yield db
    await db.dispose()


@pytest.fixture
async def sqlite_database(tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated, empty SQLite database (for tests about logic, not about backends)."""
    db = Database(database_url("sqlite", tmp_path))
    await upgrade(db)
    yield db
    await db.dispose()


@pytest.fixture
def clock() -> FixedClock:
    """A clock standing at :data:`START`."""
    return FixedClock(START)


@pytest.fixture
async def world(tmp_path: Path, clock: FixedClock) -> AsyncIterator[World]:
    """The sample organisation on SQLite, with a fixed clock."""
    async with World.open(tmp_path, clock) as opened:
        yield opened


@pytest.fixture
async def pg_world(backend: str, tmp_path: Path, clock: FixedClock) -> AsyncIterator[World]:
    """The sample organisation on each backend."""
    url = database_url(backend, tmp_path)
    if backend == "postgres":
        await reset_postgres(url)
    async with World.open(tmp_path, clock, database_url=url) as opened:
        yield opened
