"""field week: who made an invite, which process claimed an outbox row, announcements with a photo

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 16:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_invite_created_by_person"), "person", ["created_by"], ["id"]
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("photo_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("photo_mime", sa.String(length=32), nullable=True))
        # the evidence clean-up asks whether an announcement still carries a photo
        batch_op.create_index(batch_op.f("ix_outbox_photo_sha256"), ["photo_sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_photo_sha256"))
        batch_op.drop_column("photo_mime")
        batch_op.drop_column("photo_sha256")
        batch_op.drop_column("claimed_by")
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_invite_created_by_person"), type_="foreignkey")
        batch_op.drop_column("created_by")
