"""exemplars go the whole way: their appraisals, status log and nominations

Revision ID: 0012
Revises: 0014
Create Date: 2026-12-03 12:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exemplar_appraisal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exemplar_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("message", sa.String(length=2000), nullable=True),
        sa.Column("appraised_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["exemplar_id"],
            ["exemplar.id"],
            name=op.f("fk_exemplar_appraisal_exemplar_id_exemplar"),
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["person.id"], name=op.f("fk_exemplar_appraisal_reviewer_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exemplar_appraisal")),
    )
    with op.batch_alter_table("exemplar_appraisal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exemplar_appraisal_exemplar_id"), ["exemplar_id"], unique=False
        )

    op.create_table(
        "exemplar_status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exemplar_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=False),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by"],
            ["person.id"],
            name=op.f("fk_exemplar_status_change_changed_by_person"),
        ),
        sa.ForeignKeyConstraint(
            ["exemplar_id"],
            ["exemplar.id"],
            name=op.f("fk_exemplar_status_change_exemplar_id_exemplar"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exemplar_status_change")),
    )
    with op.batch_alter_table("exemplar_status_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exemplar_status_change_changed_at"), ["changed_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_exemplar_status_change_exemplar_id"), ["exemplar_id"], unique=False
        )

    op.create_table(
        "exemplar_nomination",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exemplar_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("nominated_by", sa.Integer(), nullable=False),
        sa.Column("nominated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["exemplar_id"],
            ["exemplar.id"],
            name=op.f("fk_exemplar_nomination_exemplar_id_exemplar"),
        ),
        sa.ForeignKeyConstraint(
            ["nominated_by"],
            ["person.id"],
            name=op.f("fk_exemplar_nomination_nominated_by_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exemplar_nomination")),
        sa.UniqueConstraint(
            "exemplar_id", "round", name=op.f("uq_exemplar_nomination_exemplar_id_round")
        ),
    )
    with op.batch_alter_table("exemplar_nomination", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exemplar_nomination_exemplar_id"), ["exemplar_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("exemplar_nomination", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exemplar_nomination_exemplar_id"))
    op.drop_table("exemplar_nomination")
    with op.batch_alter_table("exemplar_status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exemplar_status_change_exemplar_id"))
        batch_op.drop_index(batch_op.f("ix_exemplar_status_change_changed_at"))
    op.drop_table("exemplar_status_change")
    with op.batch_alter_table("exemplar_appraisal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exemplar_appraisal_exemplar_id"))
    op.drop_table("exemplar_appraisal")
