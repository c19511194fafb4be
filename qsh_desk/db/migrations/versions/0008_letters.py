"""给爸爸妈妈的信: letters, the children in each session photo, a photo consent, contacts that sent a letter

Revision ID: 0008_letters
Revises: 0007_lending
Create Date: 2026-12-02 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_letters"
down_revision: str | None = "0007_lending"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = "kind IN ('data', 'go_home_alone', 'wish_board')"
NEW_KINDS = "kind IN ('data', 'go_home_alone', 'wish_board', 'photo')"


def upgrade() -> None:
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("child_words", sa.Text(), nullable=True),
        sa.Column("written_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(["child_id"], ["children.id"], name=op.f("fk_letters_child_id_children"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"], name=op.f("fk_letters_station_id_stations")),
        sa.ForeignKeyConstraint(["written_by"], ["users.id"], name=op.f("fk_letters_written_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
        sa.UniqueConstraint("child_id", "month", name="uq_letters_child_month"),
    )
    op.create_table(
        "session_photo_children",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=255), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["child_id"], ["children.id"], name=op.f("fk_session_photo_children_child_id_children"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["programme_sessions.id"],
                                name=op.f("fk_session_photo_children_session_id_programme_sessions"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", "path", "child_id", name=op.f("pk_session_photo_children")),
    )
    op.create_index(op.f("ix_session_photo_children_child_id"), "session_photo_children", ["child_id"], unique=False)
    with op.batch_alter_table("parent_contacts") as batch:
        batch.add_column(sa.Column("letter_month", sa.Date(), nullable=True))
    with op.batch_alter_table("consents") as batch:
        batch.drop_constraint(op.f("ck_consents_kind"), type_="check")
        batch.create_check_constraint("kind", NEW_KINDS)


def downgrade() -> None:
    op.execute("DELETE FROM consents WHERE kind = 'photo'")
    with op.batch_alter_table("consents") as batch:
        batch.drop_constraint(op.f("ck_consents_kind"), type_="check")
        batch.create_check_constraint("kind", OLD_KINDS)
    with op.batch_alter_table("parent_contacts") as batch:
        batch.drop_column("letter_month")
    op.drop_index(op.f("ix_session_photo_children_child_id"), table_name="session_photo_children")
    op.drop_table("session_photo_children")
    op.drop_table("letters")
