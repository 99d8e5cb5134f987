"""the calendar of a whole phase: commendation rounds closed, when, forced or not, and why

Revision ID: 0015
Revises: 0008
Create Date: 2026-12-03 12:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commendation_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=64), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("forced", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=True),
        sa.Column("closed_by", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commendation_round")),
        sa.UniqueConstraint("phase", "round", name=op.f("uq_commendation_round_phase_round")),
    )


def downgrade() -> None:
    op.drop_table("commendation_round")
