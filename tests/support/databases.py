"""The PostgreSQL databases of the test run: one per pytest-xdist worker, reset per test.

Test infrastructure below the product, so it speaks SQLAlchemy directly (creating and dropping
databases is nothing a repository offers).
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine


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


async def reset_postgres(url: str) -> None:
    """Drop everything in the test database's public schema."""
    await ensure_postgres_database(url)
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        await connection.execute(sa.text("CREATE SCHEMA public"))
    await engine.dispose()
