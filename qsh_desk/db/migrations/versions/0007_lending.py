"""器材与图书: items and their copies (each with a code), condition history, and loans to children

Revision ID: 0007_lending
Revises: 0006_wishes
Create Date: 2026-12-02 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_lending"
down_revision: str | None = "0006_wishes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONDITIONS = "condition IN ('ok', 'damaged', 'lost', 'scrapped')"


def upgrade() -> None:
    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("isbn", sa.String(length=17), nullable=True),
        sa.Column("location", sa.String(length=100), nullable=True),
        sa.Column("may_leave", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("source", sa.String(length=16), server_default="purchase", nullable=False),
        sa.Column("donor", sa.String(length=100), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("source IN ('purchase', 'donation', 'other')", name=op.f("ck_items_source")),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"], name=op.f("fk_items_station_id_stations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
    )
    op.create_index("ix_items_station_isbn", "items", ["station_id", "isbn"])
    op.create_table(
        "item_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("condition", sa.String(length=16), server_default="ok", nullable=False),
        sa.Column("last_seen_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.CheckConstraint(CONDITIONS, name=op.f("ck_item_copies_condition")),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"], name=op.f("fk_item_copies_station_id_stations")),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_item_copies_item_id_items"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_copies")),
        sa.UniqueConstraint("code", name=op.f("uq_item_copies_code")),
    )
    op.create_index("ix_item_copies_item_id", "item_copies", ["item_id"])
    op.create_table(
        "item_condition_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("copy_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("condition", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.CheckConstraint(CONDITIONS, name=op.f("ck_item_condition_changes_condition")),
        sa.ForeignKeyConstraint(["copy_id"], ["item_copies.id"],
                                name=op.f("fk_item_condition_changes_copy_id_item_copies"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_condition_changes")),
    )
    op.create_index("ix_item_condition_changes_copy_id", "item_condition_changes", ["copy_id"])
    op.create_table(
        "loans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("copy_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("lent_at", sa.DateTime(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("lent_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"], name=op.f("fk_loans_station_id_stations")),
        sa.ForeignKeyConstraint(["copy_id"], ["item_copies.id"], name=op.f("fk_loans_copy_id_item_copies"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["child_id"], ["children.id"], name=op.f("fk_loans_child_id_children"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loans")),
    )
    op.create_index("uq_loans_open_copy", "loans", ["copy_id"], unique=True,
                    sqlite_where=sa.text("returned_at IS NULL"), postgresql_where=sa.text("returned_at IS NULL"))
    op.create_index("ix_loans_station_lent", "loans", ["station_id", "lent_at"])
    op.create_index("ix_loans_child", "loans", ["child_id"])


def downgrade() -> None:
    op.drop_table("loans")
    op.drop_table("item_condition_changes")
    op.drop_table("item_copies")
    op.drop_table("items")
