"""The SQLModel tables. Rows stay inside ``storage``; callers get the records in ``records.py``.

Every change to these classes comes with an Alembic migration in ``migrations/versions``; a test
compares the migrated schema with these declarations on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime

# Stable constraint names, so that migrations can refer to them on every backend.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _utc(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_type=UTCDateTime, nullable=nullable, index=index)


class Cluster(SQLModel, table=True):
    """An emulation cluster (cụm thi đua): grassroots units one BTV member looks after."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=255)
    created_at: dt.datetime = _utc()
    updated_at: dt.datetime = _utc()


class Unit(SQLModel, table=True):
    """A Union committee or branch; ``level`` is data, so the tree may be of any depth."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=255)
    level: str = Field(max_length=32)
    parent_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    cluster_id: int | None = Field(default=None, foreign_key="cluster.id", index=True)
    created_at: dt.datetime = _utc()
    updated_at: dt.datetime = _utc()


class Person(SQLModel, table=True):
    """Someone who uses the bot."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=255)
    locale: str = Field(max_length=8)
    created_at: dt.datetime = _utc()


class RoleAssignment(SQLModel, table=True):
    """What a person is: secretary or BTV member of a unit, lead of a cluster, or admin."""

    __tablename__ = "role_assignment"
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(max_length=32)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    cluster_id: int | None = Field(default=None, foreign_key="cluster.id", index=True)
    created_at: dt.datetime = _utc()


class ChannelAccount(SQLModel, table=True):
    """A messenger account (Telegram, Zalo, the console) bound to a person."""

    __tablename__ = "channel_account"
    __table_args__ = (
        sa.UniqueConstraint("channel", "external_user_id"),
        sa.Index("ix_channel_account_channel_chat_id", "channel", "chat_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    external_user_id: str = Field(max_length=64)
    chat_id: str = Field(max_length=64)
    person_id: int = Field(foreign_key="person.id", index=True)
    display_name: str | None = Field(default=None, max_length=255)
    unreachable_at: dt.datetime | None = _utc(nullable=True)
    created_at: dt.datetime = _utc()


class Invite(SQLModel, table=True):
    """A single-use, expiring code that makes its holder a person with a role.

    Only the SHA-256 of the code is kept: a copy of the database cannot be used to join.
    """

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    role: str = Field(max_length=32)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    cluster_id: int | None = Field(default=None, foreign_key="cluster.id")
    name: str | None = Field(default=None, max_length=255)
    created_at: dt.datetime = _utc()
    expires_at: dt.datetime = _utc()
    used_at: dt.datetime | None = _utc(nullable=True)
    used_by_person_id: int | None = Field(default=None, foreign_key="person.id")


class JoinAttempt(SQLModel, table=True):
    """Wrong invite codes typed in one chat, to slow down guessing."""

    __tablename__ = "join_attempt"
    channel: str = Field(max_length=16, primary_key=True)
    chat_id: str = Field(max_length=64, primary_key=True)
    failures: int = 0
    window_started_at: dt.datetime = _utc()
    blocked_until: dt.datetime | None = _utc(nullable=True)


class Conversation(SQLModel, table=True):
    """The stored state of a guided conversation in one chat (a draft survives restarts)."""

    __table_args__ = (sa.UniqueConstraint("channel", "chat_id", "flow"),)
    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    flow: str = Field(max_length=32)
    active: bool = Field(default=True)
    state: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    created_at: dt.datetime = _utc()
    updated_at: dt.datetime = _utc()


class ProcessedUpdate(SQLModel, table=True):
    """An inbound update already handled: a redelivered copy is dropped."""

    __tablename__ = "processed_update"
    channel: str = Field(max_length=16, primary_key=True)
    update_id: int = Field(
        sa_type=sa.BigInteger, primary_key=True, sa_column_kwargs={"autoincrement": False}
    )
    processed_at: dt.datetime = _utc(index=True)
