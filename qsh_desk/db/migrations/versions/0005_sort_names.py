"""a pinyin sort name on children and volunteers, so that every list is in the same Chinese order

Revision ID: 0005_sort_names
Revises: 0004_stable_codes
Create Date: 2026-12-02 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_sort_names"
down_revision: str | None = "0004_stable_codes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("children", "volunteers")
BATCH = 1000


def upgrade() -> None:
    from qsh_desk.services.search_keys import sort_key  # the one reading of names, the same as search's

    connection = op.get_bind()
    for name in TABLES:
        op.add_column(name, sa.Column("sort_name", sa.String(length=400), server_default="", nullable=False))
        table = sa.table(name, sa.column("id", sa.Integer), sa.column("name", sa.String),
                         sa.column("sort_name", sa.String))
        rows = connection.execute(sa.select(table.c.id, table.c.name)).all()
        for start in range(0, len(rows), BATCH):
            connection.execute(
                sa.update(table).where(table.c.id == sa.bindparam("row_id")).values(sort_name=sa.bindparam("key")),
                [{"row_id": row_id, "key": sort_key(person)} for row_id, person in rows[start:start + BATCH]],
            )


def downgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.drop_column("sort_name")
