"""targets that are data, per unit: a unit's own models, per-domain and gathering targets

Revision ID: 0009
Revises: 0013
Create Date: 2026-12-03 12:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("target_models", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("target_per_domain", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("target_gathering_pct", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_column("target_gathering_pct")
        batch_op.drop_column("target_per_domain")
        batch_op.drop_column("target_models")
