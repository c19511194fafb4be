"""The history linked to a child or a volunteer — what a real delete would take with it — read off the foreign keys.

Every table that refers to a person is found in the schema itself, so a new kind of record is counted the day it
is added; `TITLES` says how each is named to the person deciding ("3 次值班"), or that the rows are part of the
person's own record rather than history (guardians, consents). A test fails when a referring table has neither.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from qsh_desk.db.models import Base, Child, Volunteer

# (table, column) → how n of these rows are said; None: part of the person's own record, not history.
TITLES: dict[tuple[str, str], str | None] = {
    ("child_visits", "child_id"): "次到站记录",
    ("session_participants", "child_id"): "次活动参与",
    ("parent_contacts", "child_id"): "条亲子联系",
    ("home_visits", "child_id"): "次家访",
    ("pairings", "child_id"): "项结对帮扶",
    ("wishes", "child_id"): "个微心愿",
    ("loans", "child_id"): "次借阅",
    ("guardians", "child_id"): None,
    ("consents", "child_id"): None,
    ("parents", "child_id"): None,
    ("guardianships", "child_id"): None,
    ("letters", "child_id"): "封给爸爸妈妈的信",
    ("session_photo_children", "child_id"): None,  # a tick on a photo of a session the child joined
    ("volunteer_shifts", "volunteer_id"): "次值班",
    ("session_volunteers", "volunteer_id"): "次活动",
    ("programme_sessions", "organiser_volunteer_id"): "次组织活动",
    ("session_plans", "organiser_volunteer_id"): "次计划组织的活动",
    ("pairings", "volunteer_id"): "项结对帮扶",
    ("duty_assignments", "volunteer_id"): "个值班岗位安排",
    ("certificates", "volunteer_id"): "份服务时长证明",
    ("wishes", "claimer_volunteer_id"): "个认领的微心愿",
}


def referring(table: Table) -> list[tuple[Table, str]]:
    """Every (table, column) of the schema whose foreign key points at `table`, in a stable order."""
    found = []
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table:
                found.append((other, fk.parent.name))
    return sorted(found, key=lambda pair: (pair[0].name, pair[1]))


@dataclass(frozen=True)
class LinkedHistory:
    counts: tuple[tuple[str, int], ...]  # (how it is said, how many), only kinds that have rows

    @property
    def empty(self) -> bool:
        return not self.counts

    def describe(self) -> str:
        return "、".join(f"{n} {what}" for what, n in self.counts)


def linked_history(session: Session, model: type[Child] | type[Volunteer], row_id: int) -> LinkedHistory:
    counts = []
    for table, column in referring(model.__table__):
        title = TITLES[(table.name, column)]
        if title is None:
            continue
        n = session.scalar(select(func.count()).select_from(table).where(table.c[column] == row_id)) or 0
        if n:
            counts.append((title, n))
    return LinkedHistory(tuple(counts))
