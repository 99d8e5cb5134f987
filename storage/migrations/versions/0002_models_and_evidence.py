"""models and evidence

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:06:45.777454
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("mime", sa.String(length=32), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_evidence_blob")),
    )
    op.create_table(
        "exemplar",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("person_name", sa.String(length=255), nullable=False),
        sa.Column("position", sa.String(length=255), nullable=True),
        sa.Column("achievement", sa.String(length=2000), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("registered_by", sa.Integer(), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["registered_by"], ["person.id"], name=op.f("fk_exemplar_registered_by_person")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_exemplar_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exemplar")),
    )
    with op.batch_alter_table("exemplar", schema=None) as batch_op:
        batch_op.create_index("ix_exemplar_unit_id_year", ["unit_id", "year"], unique=False)

    op.create_table(
        "model",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("owner_kind", sa.String(length=16), nullable=False),
        sa.Column("owner_name", sa.String(length=255), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("domain", sa.String(length=32), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("participants_note", sa.String(length=500), nullable=True),
        sa.Column("direction", sa.String(length=32), nullable=True),
        sa.Column("method", sa.String(length=2000), nullable=True),
        sa.Column("effect", sa.String(length=2000), nullable=True),
        sa.Column("beneficiaries", sa.Integer(), nullable=True),
        sa.Column("money_vnd", sa.BigInteger(), nullable=True),
        sa.Column("built", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("registered_by", sa.Integer(), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["registered_by"], ["person.id"], name=op.f("fk_model_registered_by_person")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_model_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model")),
    )
    with op.batch_alter_table("model", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_model_registered_at"), ["registered_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_model_status"), ["status"], unique=False)
        batch_op.create_index("ix_model_unit_id_year", ["unit_id", "year"], unique=False)
        batch_op.create_index(batch_op.f("ix_model_year"), ["year"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=True),
        sa.Column("exemplar_id", sa.Integer(), nullable=True),
        sa.Column("caption", sa.String(length=1024), nullable=True),
        sa.Column("sent_by", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["exemplar_id"], ["exemplar.id"], name=op.f("fk_evidence_exemplar_id_exemplar")
        ),
        sa.ForeignKeyConstraint(
            ["model_id"], ["model.id"], name=op.f("fk_evidence_model_id_model")
        ),
        sa.ForeignKeyConstraint(
            ["sent_by"], ["person.id"], name=op.f("fk_evidence_sent_by_person")
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["evidence_blob.sha256"], name=op.f("fk_evidence_sha256_evidence_blob")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_exemplar_id"), ["exemplar_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_model_id"), ["model_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_sent_at"), ["sent_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_sha256"), ["sha256"], unique=False)

    op.create_table(
        "record_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=True),
        sa.Column("exemplar_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("old_value", sa.String(length=2000), nullable=True),
        sa.Column("new_value", sa.String(length=2000), nullable=True),
        sa.Column("changed_by", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["person.id"], name=op.f("fk_record_change_changed_by_person")
        ),
        sa.ForeignKeyConstraint(
            ["exemplar_id"], ["exemplar.id"], name=op.f("fk_record_change_exemplar_id_exemplar")
        ),
        sa.ForeignKeyConstraint(
            ["model_id"], ["model.id"], name=op.f("fk_record_change_model_id_model")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_change")),
    )
    with op.batch_alter_table("record_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_record_change_exemplar_id"), ["exemplar_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_record_change_model_id"), ["model_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("record_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_change_model_id"))
        batch_op.drop_index(batch_op.f("ix_record_change_exemplar_id"))

    op.drop_table("record_change")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_sha256"))
        batch_op.drop_index(batch_op.f("ix_evidence_sent_at"))
        batch_op.drop_index(batch_op.f("ix_evidence_model_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_exemplar_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("model", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_model_year"))
        batch_op.drop_index("ix_model_unit_id_year")
        batch_op.drop_index(batch_op.f("ix_model_status"))
        batch_op.drop_index(batch_op.f("ix_model_registered_at"))

    op.drop_table("model")
    with op.batch_alter_table("exemplar", schema=None) as batch_op:
        batch_op.drop_index("ix_exemplar_unit_id_year")

    op.drop_table("exemplar")
    op.drop_table("evidence_blob")
