"""two channels: when each account last wrote, invites that bind a second account, kept secrets

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 06:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("channel_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_invite_person_id_person", "person", ["person_id"], ["id"])
    op.create_table(
        "bot_secret",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=512), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_bot_secret")),
    )


def downgrade() -> None:
    op.drop_table("bot_secret")
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.drop_constraint("fk_invite_person_id_person", type_="foreignkey")
        batch_op.drop_column("person_id")
    with op.batch_alter_table("channel_account", schema=None) as batch_op:
        batch_op.drop_column("last_seen_at")
