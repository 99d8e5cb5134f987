"""Fixtures shared by the whole suite: databases on every backend, a fixed clock, a world."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from storage.clock import FixedClock
from storage.db import Database
from storage.migrate import upgrade
from tests.support.world import World


def _per_worker(url: str | None) -> str | None:
    """Under pytest-xdist each worker gets its own database (``dvk_test_gw0``, ...): tests reset
    the whole schema, so two workers must never share one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    return (
        make_url(url)
        .set(database=f"{make_url(url).database}_{worker}")
        .render_as_string(hide_password=False)
    )


BASE_POSTGRES_URL = os.environ.get("DVK_TEST_POSTGRES_URL")
POSTGRES_URL = _per_worker(BASE_POSTGRES_URL)
_created: set[str] = set()


async def ensure_postgres_database(url: str) -> None:
    """Create a worker's database on first use (the role of the base URL may create databases)."""
    if url in _created or url == BASE_POSTGRES_URL or BASE_POSTGRES_URL is None:
        return
    name = make_url(url).database
    engine = create_async_engine(BASE_POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        exists = await connection.scalar(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        )
        if not exists:
            await connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    await engine.dispose()
    _created.add(url)


START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)  # 16:00 in Hà Nội, a Monday


async def reset_postgres(url: str) -> None:
    """Drop everything in the test database's public schema."""
    await ensure_postgres_database(url)
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        await connection.execute(sa.text("CREATE SCHEMA public"))
    await engine.dispose()


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
