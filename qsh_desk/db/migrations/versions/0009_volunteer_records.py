"""Volunteer fields for service records and 双报到: political status, in-service party member, work unit, ID

Revision ID: 0009_volunteer_records
Revises: 0008_letters
Create Date: 2026-12-02 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_volunteer_records"
down_revision: str | None = "0008_letters"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("volunteers") as batch:
        batch.add_column(sa.Column("political_status", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("in_service_party_member", sa.Boolean(), server_default=sa.false(),
                                   nullable=False))
        batch.add_column(sa.Column("work_unit", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("work_unit_party_org", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("id_type", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("id_number", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("volunteers") as batch:
        for column in ("id_number", "id_type", "work_unit_party_org", "work_unit", "in_service_party_member",
                       "political_status"):
            batch.drop_column(column)
