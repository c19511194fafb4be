"""微心愿: the wishes table, and a guardian's consent to show the child on the public wish board

Revision ID: 0006_wishes
Revises: 0005_sort_names
Create Date: 2026-12-02 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_wishes"
down_revision: str | None = "0005_sort_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = "kind IN ('data', 'go_home_alone')"
NEW_KINDS = "kind IN ('data', 'go_home_alone', 'wish_board')"


def _consent_kinds(condition: str) -> None:
    # SQLite rebuilds the table (batch mode); the old CHECK is named by the naming convention.
    with op.batch_alter_table("consents") as batch:
        batch.drop_constraint(op.f("ck_consents_kind"), type_="check")
        batch.create_check_constraint("kind", condition)


def upgrade() -> None:
    op.create_table(
        "wishes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("wish", sa.String(length=200), nullable=False),
        sa.Column("value_yuan", sa.Numeric(8, 2), nullable=True),
        sa.Column("dream_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="open", nullable=False),
        sa.Column("needs_approval", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("approved_by", sa.String(length=100), nullable=True),
        sa.Column("written_by", sa.String(length=100), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("claimer_kind", sa.String(length=16), nullable=True),
        sa.Column("claimer_volunteer_id", sa.Integer(), nullable=True),
        sa.Column("claimer_name", sa.String(length=100), nullable=True),
        sa.Column("claimer_phone", sa.String(length=20), nullable=True),
        sa.Column("claimer_unit", sa.String(length=100), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("fulfilled_on", sa.Date(), nullable=True),
        sa.Column("delivery", sa.String(length=100), nullable=True),
        sa.Column("photo_path", sa.String(length=255), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("thanks", sa.Text(), nullable=True),
        sa.Column("cancelled_reason", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.CheckConstraint("status IN ('open', 'claimed', 'fulfilled', 'cancelled')", name=op.f("ck_wishes_status")),
        sa.CheckConstraint("claimer_kind IS NULL OR claimer_kind IN ('volunteer', 'person', 'unit')",
                           name=op.f("ck_wishes_claimer_kind")),
        sa.CheckConstraint("value_yuan IS NULL OR value_yuan >= 0", name=op.f("ck_wishes_value")),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"], name=op.f("fk_wishes_station_id_stations")),
        sa.ForeignKeyConstraint(["child_id"], ["children.id"], name=op.f("fk_wishes_child_id_children"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["dream_id"], ["dreams.id"], name=op.f("fk_wishes_dream_id_dreams"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["claimer_volunteer_id"], ["volunteers.id"],
                                name=op.f("fk_wishes_claimer_volunteer_id_volunteers"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wishes")),
    )
    op.create_index("ix_wishes_child_id", "wishes", ["child_id"])
    op.create_index("ix_wishes_station_status", "wishes", ["station_id", "status"])
    _consent_kinds(NEW_KINDS)


def downgrade() -> None:
    op.execute("DELETE FROM consents WHERE kind = 'wish_board'")
    _consent_kinds(OLD_KINDS)
    op.drop_index("ix_wishes_station_status", table_name="wishes")
    op.drop_index("ix_wishes_child_id", table_name="wishes")
    op.drop_table("wishes")
