"""reports that say what went wrong: difficulties and recommendations of a periodic report

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 11:50:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("difficulties", sa.String(length=2000), nullable=True))
        batch_op.add_column(sa.Column("recommendations", sa.String(length=2000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_column("recommendations")
        batch_op.drop_column("difficulties")
