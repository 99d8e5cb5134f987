"""unit moves: the spells of a unit under each parent it had, so past years add up as they were

Revision ID: 0010
Revises: 0015
Create Date: 2026-12-03 12:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_parent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_unit_parent_unit_id_unit")),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["unit.id"], name=op.f("fk_unit_parent_parent_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_parent")),
    )
    with op.batch_alter_table("unit_parent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_parent_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(
            "ix_unit_parent_parent_id_valid_from", ["parent_id", "valid_from"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("unit_parent", schema=None) as batch_op:
        batch_op.drop_index("ix_unit_parent_parent_id_valid_from")
        batch_op.drop_index(batch_op.f("ix_unit_parent_unit_id"))
    op.drop_table("unit_parent")
