"""the first criterion's proof: the confirming document linked to an appraisal, its number and date

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-03 12:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appraisal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proof_number", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("proof_date", sa.Date(), nullable=True))
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("appraisal_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_evidence_appraisal_id"), ["appraisal_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_evidence_appraisal_id_appraisal"), "appraisal", ["appraisal_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_evidence_appraisal_id_appraisal"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_evidence_appraisal_id"))
        batch_op.drop_column("appraisal_id")
    with op.batch_alter_table("appraisal", schema=None) as batch_op:
        batch_op.drop_column("proof_date")
        batch_op.drop_column("proof_number")
