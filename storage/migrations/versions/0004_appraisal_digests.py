"""appraisal digests

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 15:49:35.706325
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "digest_log",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_digest_log_person_id_person")
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_digest_log")),
    )
    op.create_table(
        "appraisal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("message", sa.String(length=2000), nullable=True),
        sa.Column("appraised_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"], ["model.id"], name=op.f("fk_appraisal_model_id_model")
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["person.id"], name=op.f("fk_appraisal_reviewer_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appraisal")),
    )
    with op.batch_alter_table("appraisal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appraisal_model_id"), ["model_id"], unique=False)

    op.create_table(
        "nomination",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("nominated_by", sa.Integer(), nullable=False),
        sa.Column("nominated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"], ["model.id"], name=op.f("fk_nomination_model_id_model")
        ),
        sa.ForeignKeyConstraint(
            ["nominated_by"], ["person.id"], name=op.f("fk_nomination_nominated_by_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nomination")),
        sa.UniqueConstraint("model_id", "round", name=op.f("uq_nomination_model_id_round")),
    )
    with op.batch_alter_table("nomination", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nomination_model_id"), ["model_id"], unique=False)

    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=False),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["person.id"], name=op.f("fk_status_change_changed_by_person")
        ),
        sa.ForeignKeyConstraint(
            ["model_id"], ["model.id"], name=op.f("fk_status_change_model_id_model")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_change")),
    )
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_status_change_changed_at"), ["changed_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_status_change_model_id"), ["model_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_change_model_id"))
        batch_op.drop_index(batch_op.f("ix_status_change_changed_at"))

    op.drop_table("status_change")
    with op.batch_alter_table("nomination", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nomination_model_id"))

    op.drop_table("nomination")
    with op.batch_alter_table("appraisal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appraisal_model_id"))

    op.drop_table("appraisal")
    op.drop_table("digest_log")
