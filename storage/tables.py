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
    #: the unit's own targets (``domain.targets``); None: its level's default applies
    target_models: int | None = None
    target_per_domain: bool | None = None
    target_gathering_pct: int | None = None
    created_at: dt.datetime = _utc()
    updated_at: dt.datetime = _utc()


class UnitParent(SQLModel, table=True):
    """A spell of a unit under one parent, written when the unit moves (``dvk units import``).

    A unit that never moved has no row: its parent has always been ``unit.parent_id``. The rows
    of a moved unit cover all time, one after the other: the first from the beginning
    (``valid_from`` None), the last still open (``valid_to`` None, its parent the unit's current
    one). ``valid_to`` is the day of the next move, the first day under the next parent.
    """

    __tablename__ = "unit_parent"
    # the subtree of a past day walks down by parent; the dates narrow to the spell in force
    __table_args__ = (sa.Index("ix_unit_parent_parent_id_valid_from", "parent_id", "valid_from"),)
    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="unit.id")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    recorded_at: dt.datetime = _utc()


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
    #: when the person last wrote from this account: messages the bot sends on its own go to the
    #: account written from last
    last_seen_at: dt.datetime | None = _utc(nullable=True)


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
    #: the person who made it in the chat (None: the command line)
    created_by: int | None = Field(default=None, foreign_key="person.id")
    #: a code that binds another messenger account to this person (``/link``), not a new person
    person_id: int | None = Field(default=None, foreign_key="person.id")


class BotSecret(SQLModel, table=True):
    """A secret the bot generated and keeps (a webhook secret, the key that signs file links),
    so that every process and every restart uses the same one."""

    __tablename__ = "bot_secret"
    name: str = Field(max_length=64, primary_key=True)
    value: str = Field(max_length=512)
    created_at: dt.datetime = _utc()


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


class Model(SQLModel, table=True):
    """A registered "Dân vận khéo" model: what a unit commits to, with its owner and effect."""

    __table_args__ = (sa.Index("ix_model_unit_id_year", "unit_id", "year"),)
    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    year: int = Field(index=True)
    name: str = Field(max_length=255)
    owner_kind: str = Field(max_length=16)
    owner_name: str = Field(max_length=255)
    address: str | None = Field(default=None, max_length=500)
    latitude: float | None = None
    longitude: float | None = None
    domain: str = Field(max_length=32)
    participants: int
    participants_note: str | None = Field(default=None, max_length=500)
    direction: str | None = Field(default=None, max_length=32)
    method: str | None = Field(default=None, max_length=2000)
    effect: str | None = Field(default=None, max_length=2000)
    beneficiaries: int | None = None
    money_vnd: int | None = Field(default=None, sa_type=sa.BigInteger)
    built: str | None = Field(default=None, max_length=500)
    #: the answers to registration questions that have no column of their own, by step field
    details: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False, server_default="{}")
    )
    status: str = Field(max_length=32, index=True)
    registered_by: int = Field(foreign_key="person.id")
    registered_at: dt.datetime = _utc(index=True)
    updated_at: dt.datetime = _utc()
    #: the recognised model this one replicates (nhân rộng), chosen when it was registered
    replicates_model_id: int | None = Field(default=None, foreign_key="model.id", index=True)
    #: marked by a BTV member for showcasing (on the Union's website and pages); None: not marked
    showcased_at: dt.datetime | None = _utc(nullable=True)
    showcased_by: int | None = Field(default=None, foreign_key="person.id")


class Exemplar(SQLModel, table=True):
    """An individual exemplar (điển hình cá nhân) of the movement."""

    __table_args__ = (sa.Index("ix_exemplar_unit_id_year", "unit_id", "year"),)
    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    year: int
    person_name: str = Field(max_length=255)
    position: str | None = Field(default=None, max_length=255)
    achievement: str = Field(max_length=2000)
    status: str = Field(max_length=32)
    registered_by: int = Field(foreign_key="person.id")
    registered_at: dt.datetime = _utc()
    updated_at: dt.datetime = _utc()


class RecordChange(SQLModel, table=True):
    """One edit of a registered model or exemplar: the audit trail (who, when, before, after)."""

    __tablename__ = "record_change"
    id: int | None = Field(default=None, primary_key=True)
    model_id: int | None = Field(default=None, foreign_key="model.id", index=True)
    exemplar_id: int | None = Field(default=None, foreign_key="exemplar.id", index=True)
    field: str = Field(max_length=32)
    old_value: str | None = Field(default=None, max_length=2000)
    new_value: str | None = Field(default=None, max_length=2000)
    changed_by: int = Field(foreign_key="person.id")
    changed_at: dt.datetime = _utc()


class EvidenceBlob(SQLModel, table=True):
    """A photo (or a PDF, the confirming document of an appraisal) in the evidence store, once
    per content (its SHA-256)."""

    __tablename__ = "evidence_blob"
    sha256: str = Field(max_length=64, primary_key=True)
    size: int
    #: in pixels; 0 for a PDF, which has pages rather than pixels
    width: int
    height: int
    mime: str = Field(max_length=32)
    stored_at: dt.datetime = _utc()


class Evidence(SQLModel, table=True):
    """A link from a photo to what it proves; the same photo may be linked many times."""

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, foreign_key="evidence_blob.sha256", index=True)
    model_id: int | None = Field(default=None, foreign_key="model.id", index=True)
    exemplar_id: int | None = Field(default=None, foreign_key="exemplar.id", index=True)
    report_entry_id: int | None = Field(default=None, foreign_key="report_entry.id", index=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    #: the document confirming criterion 1 of an appraisal (a photo of it or a PDF)
    appraisal_id: int | None = Field(default=None, foreign_key="appraisal.id", index=True)
    caption: str | None = Field(default=None, max_length=1024)
    sent_by: int = Field(foreign_key="person.id")
    sent_at: dt.datetime = _utc(index=True)


class Report(SQLModel, table=True):
    """A unit's periodic report (6-month or annual), submitted once and amendable."""

    __table_args__ = (sa.UniqueConstraint("unit_id", "period"),)
    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    period: str = Field(max_length=16, index=True)
    summary: str = Field(max_length=4000)
    #: what went wrong (khó khăn, vướng mắc) and what the unit asks for (kiến nghị, đề xuất)
    difficulties: str | None = Field(default=None, max_length=2000)
    recommendations: str | None = Field(default=None, max_length=2000)
    submitted_by: int = Field(foreign_key="person.id")
    submitted_at: dt.datetime = _utc()
    amended_at: dt.datetime | None = _utc(nullable=True)
    amendment_note: str | None = Field(default=None, max_length=2000)


class ReportEntry(SQLModel, table=True):
    """What one model achieved in a report's period."""

    __tablename__ = "report_entry"
    __table_args__ = (sa.UniqueConstraint("report_id", "model_id"),)
    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    model_id: int = Field(foreign_key="model.id", index=True)
    achieved: str = Field(max_length=4000)
    beneficiaries: int | None = None
    money_vnd: int | None = Field(default=None, sa_type=sa.BigInteger)
    built: str | None = Field(default=None, max_length=500)


class Visit(SQLModel, table=True):
    """A BTV member's visit to a grassroots unit (đi công tác cơ sở)."""

    __table_args__ = (
        sa.Index("ix_visit_person_id_visit_date", "person_id", "visit_date"),
        sa.Index("ix_visit_unit_id_visit_date", "unit_id", "visit_date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    unit_id: int = Field(foreign_key="unit.id")
    visit_date: dt.date
    attended_meeting: bool
    findings: str = Field(max_length=4000)
    advice: str = Field(max_length=4000)
    created_at: dt.datetime = _utc()
    updated_at: dt.datetime = _utc()


class Outbox(SQLModel, table=True):
    """A message the bot sends on its own. The key makes enqueueing idempotent."""

    __table_args__ = (sa.Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)
    topic: str = Field(max_length=200, index=True)
    kind: str = Field(max_length=16)
    person_id: int = Field(foreign_key="person.id", index=True)
    account_id: int = Field(foreign_key="channel_account.id")
    channel: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    text: str = Field(max_length=8000)
    buttons: list[Any] = Field(default_factory=list, sa_type=sa.JSON)
    quiet_hours: bool = True
    status: str = Field(max_length=16)
    attempts: int = 0
    next_attempt_at: dt.datetime = _utc()
    claimed_until: dt.datetime | None = _utc(nullable=True)
    #: the sender process holding the claim (``host:pid:boot``), so a new sender can take over
    claimed_by: str | None = Field(default=None, max_length=200)
    #: an announcement's photo in the evidence store
    photo_sha256: str | None = Field(default=None, max_length=64, index=True)
    photo_mime: str | None = Field(default=None, max_length=32)
    created_at: dt.datetime = _utc()
    sent_at: dt.datetime | None = _utc(nullable=True)
    last_error: str | None = Field(default=None, max_length=500)


class Appraisal(SQLModel, table=True):
    """A BTV member's appraisal of a model against the five criteria, and the decision."""

    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="model.id", index=True)
    reviewer_id: int = Field(foreign_key="person.id")
    criteria: list[Any] = Field(default_factory=list, sa_type=sa.JSON)
    decision: str = Field(max_length=16)
    message: str | None = Field(default=None, max_length=2000)
    #: the number and date of the document confirming criterion 1 ("12-QĐ/HĐ"), when attached
    proof_number: str | None = Field(default=None, max_length=64)
    proof_date: dt.date | None = None
    appraised_at: dt.datetime = _utc()


class StatusChange(SQLModel, table=True):
    """The audit log of a model's status: who changed it, when and why."""

    __tablename__ = "status_change"
    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="model.id", index=True)
    from_status: str = Field(max_length=32)
    to_status: str = Field(max_length=32)
    changed_by: int | None = Field(default=None, foreign_key="person.id")
    changed_at: dt.datetime = _utc(index=True)
    reason: str | None = Field(default=None, max_length=2000)


class Nomination(SQLModel, table=True):
    """A recognised model proposed for a commendation round."""

    __table_args__ = (sa.UniqueConstraint("model_id", "round"),)
    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="model.id", index=True)
    round: int
    nominated_by: int = Field(foreign_key="person.id")
    nominated_at: dt.datetime = _utc()


class DigestLog(SQLModel, table=True):
    """When a person last got the weekly digest: "new since the last digest" counts from it."""

    __tablename__ = "digest_log"
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    last_sent_at: dt.datetime = _utc()


class ModelGoal(SQLModel, table=True):
    """A measurable goal of a model ("3.000 trẻ em"): its place in the model's list, the
    quantity and what it counts.

    The quantity is kept as the decimal's plain digits ("3000", "3.6"): exact on SQLite too,
    which has no decimal type; only Python reads it as a number.
    """

    __tablename__ = "model_goal"
    __table_args__ = (sa.UniqueConstraint("model_id", "position"),)
    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="model.id", index=True)
    position: int
    quantity: str = Field(max_length=24)
    unit: str = Field(max_length=60)


class ReportGoalProgress(SQLModel, table=True):
    """How much of a goal a report entry says is achieved so far (decimal digits, as above)."""

    __tablename__ = "report_goal_progress"
    __table_args__ = (sa.UniqueConstraint("report_entry_id", "goal_id"),)
    id: int | None = Field(default=None, primary_key=True)
    report_entry_id: int = Field(foreign_key="report_entry.id", index=True)
    goal_id: int = Field(foreign_key="model_goal.id", index=True)
    achieved: str = Field(max_length=24)


class ModelPilot(SQLModel, table=True):
    """A model marked as a pilot (mô hình điểm) of a district or province, by whom and when;
    unmarking keeps the row, with who unmarked it and when."""

    __tablename__ = "model_pilot"
    __table_args__ = (sa.UniqueConstraint("model_id", "unit_id"),)
    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="model.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    marked_by: int = Field(foreign_key="person.id")
    marked_at: dt.datetime = _utc()
    unmarked_by: int | None = Field(default=None, foreign_key="person.id")
    unmarked_at: dt.datetime | None = _utc(nullable=True)


class CommendationRound(SQLModel, table=True):
    """A commendation round of a phase, closed once by ``dvk commend`` (forced, why, if early)."""

    __tablename__ = "commendation_round"
    __table_args__ = (sa.UniqueConstraint("phase", "round"),)
    id: int | None = Field(default=None, primary_key=True)
    phase: str = Field(max_length=64)
    round: int
    closed_at: dt.datetime = _utc()
    #: closed before its date in the phase, with ``--force``
    forced: bool = False
    reason: str | None = Field(default=None, max_length=2000)
    #: who closed it: the command line has no person, so "command line" and the OS user
    closed_by: str = Field(max_length=255)


class ExemplarAppraisal(SQLModel, table=True):
    """A BTV member's appraisal of an individual exemplar against its three criteria."""

    __tablename__ = "exemplar_appraisal"
    id: int | None = Field(default=None, primary_key=True)
    exemplar_id: int = Field(foreign_key="exemplar.id", index=True)
    reviewer_id: int = Field(foreign_key="person.id")
    criteria: list[Any] = Field(default_factory=list, sa_type=sa.JSON)
    decision: str = Field(max_length=16)
    message: str | None = Field(default=None, max_length=2000)
    appraised_at: dt.datetime = _utc()


class ExemplarStatusChange(SQLModel, table=True):
    """The audit log of an exemplar's status: who changed it, when and why."""

    __tablename__ = "exemplar_status_change"
    id: int | None = Field(default=None, primary_key=True)
    exemplar_id: int = Field(foreign_key="exemplar.id", index=True)
    from_status: str = Field(max_length=32)
    to_status: str = Field(max_length=32)
    changed_by: int | None = Field(default=None, foreign_key="person.id")
    changed_at: dt.datetime = _utc(index=True)
    reason: str | None = Field(default=None, max_length=2000)


class ExemplarNomination(SQLModel, table=True):
    """A recognised exemplar proposed for a commendation round."""

    __tablename__ = "exemplar_nomination"
    __table_args__ = (sa.UniqueConstraint("exemplar_id", "round"),)
    id: int | None = Field(default=None, primary_key=True)
    exemplar_id: int = Field(foreign_key="exemplar.id", index=True)
    round: int
    nominated_by: int = Field(foreign_key="person.id")
    nominated_at: dt.datetime = _utc()
