"""models with measurable goals: a model's goals, the progress reports give, pilot models

Revision ID: 0011
Revises: 0012
Create Date: 2026-12-03 12:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "model_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.String(length=24), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"], ["model.id"], name=op.f("fk_model_goal_model_id_model")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model_goal")),
        sa.UniqueConstraint("model_id", "position", name=op.f("uq_model_goal_model_id_position")),
    )
    with op.batch_alter_table("model_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_model_goal_model_id"), ["model_id"], unique=False)

    op.create_table(
        "report_goal_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_entry_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("achieved", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_entry_id"],
            ["report_entry.id"],
            name=op.f("fk_report_goal_progress_report_entry_id_report_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["model_goal.id"], name=op.f("fk_report_goal_progress_goal_id_model_goal")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_goal_progress")),
        sa.UniqueConstraint(
            "report_entry_id",
            "goal_id",
            name=op.f("uq_report_goal_progress_report_entry_id_goal_id"),
        ),
    )
    with op.batch_alter_table("report_goal_progress", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_goal_progress_report_entry_id"), ["report_entry_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_goal_progress_goal_id"), ["goal_id"], unique=False
        )

    op.create_table(
        "model_pilot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("marked_by", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("unmarked_by", sa.Integer(), nullable=True),
        sa.Column("unmarked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["model_id"], ["model.id"], name=op.f("fk_model_pilot_model_id_model")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_model_pilot_unit_id_unit")),
        sa.ForeignKeyConstraint(
            ["marked_by"], ["person.id"], name=op.f("fk_model_pilot_marked_by_person")
        ),
        sa.ForeignKeyConstraint(
            ["unmarked_by"], ["person.id"], name=op.f("fk_model_pilot_unmarked_by_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model_pilot")),
        sa.UniqueConstraint("model_id", "unit_id", name=op.f("uq_model_pilot_model_id_unit_id")),
    )
    with op.batch_alter_table("model_pilot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_model_pilot_model_id"), ["model_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_model_pilot_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    op.drop_table("model_pilot")
    op.drop_table("report_goal_progress")
    op.drop_table("model_goal")
