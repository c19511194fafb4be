"""sessions logged with a parent contact no longer carry the contact's words: what was said stays in the archive

Earlier releases copied a contact's 内容摘要 into the 思亲梦 session logged with it, where duty volunteers read
and print it. Such copies become what a session says of a call home: with whom and how.

Revision ID: 0010_call_home_privacy
Revises: 0009_volunteer_records
Create Date: 2026-12-02 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_call_home_privacy"
down_revision: str | None = "0009_volunteer_records"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    copies = connection.execute(sa.text(
        "SELECT s.id, p.relation, c.channel FROM programme_sessions s "
        "JOIN parent_contacts c ON c.session_id = s.id "
        "LEFT JOIN parents p ON p.id = c.parent_id "
        "WHERE c.summary IS NOT NULL AND s.summary = c.summary"
    )).all()
    for session_id, relation, channel in copies:
        connection.execute(sa.text("UPDATE programme_sessions SET summary = :summary WHERE id = :id"),
                           {"summary": f"和{relation}{channel}联系" if relation else None, "id": session_id})


def downgrade() -> None:
    pass  # the words are not copied back: they were never the session's
