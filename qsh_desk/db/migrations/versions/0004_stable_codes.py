"""stable dream codes, and a version on contacts so that two editors cannot overwrite each other

Revision ID: 0004_stable_codes
Revises: 0003_open_by_station
Create Date: 2026-12-02 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_stable_codes"
down_revision: str | None = "0003_open_by_station"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The ten seeded dreams by the names a station starts with; a renamed one is found by its function's name.
SEEDED = (
    ("good_person", "好人梦", "道德讲堂"), ("filial", "孝亲梦", "父母档案"), ("warmth", "温暖梦", "结对帮扶"),
    ("tutoring", "托辅梦", "托辅"), ("missing_family", "思亲梦", "思亲"), ("practice", "实践梦", "实践"),
    ("growth", "成长梦", "成长"), ("knowledge", "求知梦", "求知"), ("joy", "快乐梦", "快乐"), ("shine", "出彩梦", "出彩"),
)


def upgrade() -> None:
    op.add_column("dreams", sa.Column("code", sa.String(length=32), nullable=True))
    dreams = sa.table("dreams", sa.column("id", sa.Integer), sa.column("station_id", sa.Integer),
                      sa.column("code", sa.String), sa.column("dream_name", sa.String),
                      sa.column("function_name", sa.String))
    connection = op.get_bind()
    for code, dream_name, function_name in SEEDED:
        for field in (dreams.c.dream_name, dreams.c.function_name):
            # One per station: the first match by name, then by function, of a dream not yet coded.
            rows = connection.execute(sa.select(dreams.c.id, dreams.c.station_id)
                                      .where(field == (dream_name if field is dreams.c.dream_name else function_name),
                                             dreams.c.code.is_(None)).order_by(dreams.c.id)).all()
            coded = {station for (station,) in connection.execute(
                sa.select(dreams.c.station_id).where(dreams.c.code == code))}
            for dream_id, station_id in rows:
                if station_id not in coded:
                    connection.execute(sa.update(dreams).where(dreams.c.id == dream_id).values(code=code))
                    coded.add(station_id)
    op.create_index("uq_dreams_station_code", "dreams", ["station_id", "code"], unique=True)
    op.add_column("parent_contacts", sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("parent_contacts") as batch:
        batch.drop_column("version")
    op.drop_index("uq_dreams_station_code", table_name="dreams")
    with op.batch_alter_table("dreams") as batch:
        batch.drop_column("code")
