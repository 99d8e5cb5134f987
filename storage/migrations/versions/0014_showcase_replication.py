"""spreading and replicating: a model replicates another; a recognised model is showcased

Revision ID: 0014
Revises: 0010
Create Date: 2026-12-03 12:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0014"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("model", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replicates_model_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("showcased_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("showcased_by", sa.Integer(), nullable=True))
        batch_op.create_index("ix_model_replicates_model_id", ["replicates_model_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_model_replicates_model_id_model", "model", ["replicates_model_id"], ["id"]
        )
        batch_op.create_foreign_key(
            "fk_model_showcased_by_person", "person", ["showcased_by"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("model", schema=None) as batch_op:
        batch_op.drop_constraint("fk_model_showcased_by_person", type_="foreignkey")
        batch_op.drop_constraint("fk_model_replicates_model_id_model", type_="foreignkey")
        batch_op.drop_index("ix_model_replicates_model_id")
        batch_op.drop_column("showcased_by")
        batch_op.drop_column("showcased_at")
        batch_op.drop_column("replicates_model_id")
