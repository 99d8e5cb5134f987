"""reports outbox visits

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 15:18:48.091177
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.String(length=8000), nullable=False),
        sa.Column("buttons", sa.JSON(), nullable=False),
        sa.Column("quiet_hours", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["channel_account.id"],
            name=op.f("fk_outbox_account_id_channel_account"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_outbox_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("key", name=op.f("uq_outbox_key")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            "ix_outbox_status_next_attempt_at", ["status", "next_attempt_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outbox_topic"), ["topic"], unique=False)

    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.String(length=4000), nullable=False),
        sa.Column("submitted_by", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("amended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("amendment_note", sa.String(length=2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["submitted_by"], ["person.id"], name=op.f("fk_report_submitted_by_person")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_report_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
        sa.UniqueConstraint("unit_id", "period", name=op.f("uq_report_unit_id_period")),
    )
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_period"), ["period"], unique=False)

    op.create_table(
        "visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("attended_meeting", sa.Boolean(), nullable=False),
        sa.Column("findings", sa.String(length=4000), nullable=False),
        sa.Column("advice", sa.String(length=4000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_visit_person_id_person")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_visit_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_visit_person_id_visit_date", ["person_id", "visit_date"], unique=False
        )
        batch_op.create_index(
            "ix_visit_unit_id_visit_date", ["unit_id", "visit_date"], unique=False
        )

    op.create_table(
        "report_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("achieved", sa.String(length=4000), nullable=False),
        sa.Column("beneficiaries", sa.Integer(), nullable=True),
        sa.Column("money_vnd", sa.BigInteger(), nullable=True),
        sa.Column("built", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["model_id"], ["model.id"], name=op.f("fk_report_entry_model_id_model")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_report_entry_report_id_report")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_entry")),
        sa.UniqueConstraint(
            "report_id", "model_id", name=op.f("uq_report_entry_report_id_model_id")
        ),
    )
    with op.batch_alter_table("report_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_entry_model_id"), ["model_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_report_entry_report_id"), ["report_id"], unique=False)

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("report_entry_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("visit_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_evidence_report_entry_id"), ["report_entry_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_evidence_visit_id"), ["visit_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_evidence_report_entry_id_report_entry"),
            "report_entry",
            ["report_entry_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_evidence_visit_id_visit"), "visit", ["visit_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_evidence_visit_id_visit"), type_="foreignkey")
        batch_op.drop_constraint(
            batch_op.f("fk_evidence_report_entry_id_report_entry"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_evidence_visit_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_report_entry_id"))
        batch_op.drop_column("visit_id")
        batch_op.drop_column("report_entry_id")

    with op.batch_alter_table("report_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_entry_report_id"))
        batch_op.drop_index(batch_op.f("ix_report_entry_model_id"))

    op.drop_table("report_entry")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_unit_id_visit_date")
        batch_op.drop_index("ix_visit_person_id_visit_date")

    op.drop_table("visit")
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_period"))

    op.drop_table("report")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_topic"))
        batch_op.drop_index("ix_outbox_status_next_attempt_at")
        batch_op.drop_index(batch_op.f("ix_outbox_person_id"))

    op.drop_table("outbox")
