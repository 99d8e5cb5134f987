"""The database: engines, transactions and the repositories reachable from a transaction.

SQLite (the embedded default) allows one writer at a time, so writes go through a dedicated
one-connection engine that begins with ``BEGIN IMMEDIATE`` (no lock upgrades, no ``database is
locked`` surprises), while reads use their own pool. PostgreSQL uses one pooled engine for both.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Final

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.sql.elements import TextClause

from storage.accounts import AccountRepository
from storage.announcements import AnnouncementRepository
from storage.appraisals import AppraisalRepository
from storage.bulk import BulkLoader
from storage.commendation_rounds import CommendationRoundRepository
from storage.conversations import ConversationRepository
from storage.deadlines import DeadlineRepository
from storage.digest_figures import DigestRepository
from storage.exemplars import ExemplarRepository
from storage.model_goals import GoalRepository
from storage.model_registry import ModelRepository
from storage.outbox import OutboxRepository
from storage.periodic_reports import PeriodicReportRepository
from storage.recipients import RecipientRepository
from storage.secrets import SecretRepository
from storage.spreading import SpreadingRepository
from storage.units import UnitRepository
from storage.visit_log import VisitRepository

SQLITE_BUSY_TIMEOUT_MS: Final = 30_000
_READ_ONLY: Final = "dvk_read_only"


class WriteRefused(RuntimeError):
    """A write was tried inside :meth:`Tx.read_only` (a programming error, never the user's)."""


def _is_write(state: ORMExecuteState) -> bool:
    statement = state.statement
    if isinstance(statement, TextClause):
        return statement.text.lstrip().split(None, 1)[0].upper() not in {"SELECT", "WITH"}
    return state.is_insert or state.is_update or state.is_delete


@event.listens_for(Session, "do_orm_execute")
def _refuse_statement(state: ORMExecuteState) -> None:
    if state.session.info.get(_READ_ONLY) and _is_write(state):
        raise WriteRefused(f"a write inside a read-only block: {state.statement}")


@event.listens_for(Session, "before_flush")
def _refuse_flush(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    if session.info.get(_READ_ONLY) and (session.new or session.dirty or session.deleted):
        raise WriteRefused("a change flushed inside a read-only block")


class Tx:
    """One unit of work: a session, private to ``storage``, and the repositories that use it.

    Every repository is built here, once per transaction; callers reach the data only through
    them (``tx.units.in_scope(scope)``, ``tx.digest.target_progress(...)``) and get plain frozen
    records back.
    """

    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._session = session
        self.dialect = dialect
        #: units and clusters
        self.units: Final = UnitRepository(session)
        #: people, their roles, channel accounts and invites
        self.accounts: Final = AccountRepository(session)
        #: models, exemplars and their evidence
        self.models: Final = ModelRepository(session)
        #: the measurable goals of models, the progress reported on them, pilot models
        self.goals: Final = GoalRepository(session)
        #: periodic reports
        self.periodic_reports: Final = PeriodicReportRepository(session)
        #: messages the bot sends on its own
        self.outbox: Final = OutboxRepository(session)
        #: the visit log of BTV members
        self.visits: Final = VisitRepository(session)
        #: appraisals, the status log and nominations
        self.appraisals: Final = AppraisalRepository(session)
        #: exemplars' appraisals, status log and nominations, and the lists that read them
        self.exemplars: Final = ExemplarRepository(session)
        #: conversation state, processed updates and join attempts
        self.conversations: Final = ConversationRepository(session, dialect)
        #: the figures of digests, and when each person last got one
        self.digest: Final = DigestRepository(session)
        #: who has not met a deadline yet
        self.deadlines: Final = DeadlineRepository(session)
        #: reachable accounts of people and of role holders
        self.recipients: Final = RecipientRepository(session)
        #: the audiences of announcements
        self.announcements: Final = AnnouncementRepository(session)
        #: secrets the bot generated and keeps (webhook secrets, the key of file links)
        self.secrets: Final = SecretRepository(session)
        #: showcase marks and replications of recognised models
        self.spreading: Final = SpreadingRepository(session)
        #: the commendation rounds of the phase that have been closed
        self.commendation_rounds: Final = CommendationRoundRepository(session)
        #: bulk inserts for benchmarks (no checks: never used by the product)
        self.bulk: Final = BulkLoader(session)

    @asynccontextmanager
    async def read_only(self) -> AsyncIterator[None]:
        """A block that may only read: a write inside raises :class:`WriteRefused` (a check of
        an answer runs in one, so that looking at an answer never changes anything)."""
        info = self._session.sync_session.info
        before = info.get(_READ_ONLY, False)
        info[_READ_ONLY] = True
        try:
            yield
        finally:
            info[_READ_ONLY] = before

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        """A nested transaction: an exception inside undoes only what the block wrote."""
        async with self._session.begin_nested():
            yield


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver must not open transactions on its own; "begin" below decides how they start.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Database:
    """Engines for one database URL (``sqlite+aiosqlite://`` or ``postgresql+asyncpg://``)."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self._local_locks: dict[str, asyncio.Lock] = {}
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self._writer = self._sqlite_engine(url, echo, begin="BEGIN IMMEDIATE", pool_size=1)
            self._reader = self._sqlite_engine(url, echo, begin="BEGIN", pool_size=5)
        else:
            engine = create_async_engine(url, echo=echo, pool_size=10, max_overflow=10)
            self._writer = self._reader = engine

    @staticmethod
    def _sqlite_engine(url: str, echo: bool, *, begin: str, pool_size: int) -> AsyncEngine:
        engine = create_async_engine(
            url, echo=echo, pool_size=pool_size, max_overflow=0, pool_timeout=120
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine.sync_engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql(begin)

        return engine

    @property
    def engine(self) -> AsyncEngine:
        """The engine that writes (migrations use it)."""
        return self._writer

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """A write transaction, committed when the block ends without an exception."""
        async with AsyncSession(self._writer, expire_on_commit=False) as session:
            async with session.begin():
                yield Tx(session, self.dialect)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """A read-only transaction (it never takes SQLite's write lock)."""
        async with AsyncSession(self._reader, expire_on_commit=False) as session:
            yield Tx(session, self.dialect)

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[bool]:
        """Whether this process holds ``name`` for the block (False: another holder has it).

        On PostgreSQL this is a session advisory lock, so of several processes (two ``dvk run``
        at once) only one runs the block; on SQLite, the one process's jobs take turns.
        """
        if self.dialect != "postgresql":
            lock = self._local_locks.setdefault(name, asyncio.Lock())
            if lock.locked():
                yield False
                return
            async with lock:
                yield True
            return
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        async with self._writer.connect() as connection:
            got = bool(
                (
                    await connection.execute(
                        text("SELECT pg_try_advisory_lock(:key)"), {"key": key}
                    )
                ).scalar()
            )
            await connection.commit()
            try:
                yield got
            finally:
                if got:
                    await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                    await connection.commit()

    async def dispose(self) -> None:
        """Close every connection."""
        await self._writer.dispose()
        if self._reader is not self._writer:
            await self._reader.dispose()
