"""Reading the audit log (administrators only): filter by user, date, kind and child. There is no way to change it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from qsh_desk.db.database import Database
from qsh_desk.db.models import AuditEntry, Child
from qsh_desk.services.kernel import reading
from qsh_desk.services import vocabulary
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.search_keys import matches_person, query_terms

DEFAULT_LIMIT = 500

# What each kind of row means, for the filter and the table: the audit vocabulary.
KIND_TITLES = vocabulary.ACTIONS


def kind_title(kind: str) -> str:
    return vocabulary.action_title(kind)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor: str
    user_id: int | None
    kind: str
    entity: str
    entity_id: int | None
    child_id: int | None
    child_name: str | None
    detail: dict[str, Any] | None

    @property
    def kind_title(self) -> str:
        return kind_title(self.kind)


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int  # rows matching the filter; `rows` holds at most `limit` of them, newest first


def query(
    db: Database,
    actor: Actor,
    *,
    user: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kind: str | None = None,
    child: str | None = None,
    child_id: int | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> AuditPage:
    """The station's audit rows matching every given filter, newest first.

    `user` matches the acting username exactly (or a prefix ending in ':' such as 'cli:'); `child` is a
    name, part of a name, or a card code; `since`/`until` are inclusive days.
    """
    require(db, actor, Permission.AUDIT_VIEW, what="audit_log")
    conditions = [AuditEntry.station_id == actor.station_id]
    if user and user.strip():
        name = user.strip()
        conditions.append(AuditEntry.actor.startswith(name) if name.endswith(":") else AuditEntry.actor == name)
    if since is not None:
        conditions.append(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
    if until is not None:
        conditions.append(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    if kind:
        conditions.append(AuditEntry.action == kind)
    if child_id is not None:
        conditions.append(AuditEntry.child_id == child_id)
    if terms := query_terms(child):
        # The people search of every page (initials, pinyin, card code, full-width folded), and any part of the
        # name too: an auditor often has a given name only.
        matching = select(Child.id).where(
            Child.station_id == actor.station_id,
            *(matches_person(Child.search_keys, Child.card_code, term, Child.name.contains(term, autoescape=True))
              for term in terms),
        )
        conditions.append(AuditEntry.child_id.in_(matching))
    with reading(db, actor) as work:
        session = work.session
        total = session.scalar(select(func.count(AuditEntry.id)).where(*conditions)) or 0
        found = session.execute(
            select(AuditEntry, Child.name)
            .outerjoin(Child, Child.id == AuditEntry.child_id)
            .where(*conditions)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(max(0, limit))
            .offset(max(0, offset))
        ).all()
        rows = [
            AuditRow(
                id=entry.id,
                at=entry.at,
                actor=entry.actor,
                user_id=entry.user_id,
                kind=entry.action,
                entity=entry.entity,
                entity_id=entry.entity_id,
                child_id=entry.child_id,
                child_name=child_name,
                detail=entry.detail,
            )
            for entry, child_name in found
        ]
    return AuditPage(rows=rows, total=total)


@dataclass(frozen=True)
class AuditChoices:
    users: list[str]
    kinds: list[str]


def filter_choices(db: Database, actor: Actor) -> AuditChoices:
    """The usernames and kinds that occur in this station's log, for the filter drop-downs."""
    with reading(db, actor, Permission.AUDIT_VIEW, what="audit_log") as work:
        session = work.session
        users = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.station_id == actor.station_id).distinct().order_by(AuditEntry.actor)
        ).all()
        kinds = session.scalars(
            select(AuditEntry.action).where(AuditEntry.station_id == actor.station_id).distinct()
        ).all()
    order = list(KIND_TITLES)
    return AuditChoices(
        users=list(users),
        kinds=sorted(kinds, key=lambda k: (order.index(k) if k in order else len(order), k)),
    )
