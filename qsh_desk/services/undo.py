"""撤销 at the desk: the last check-in or check-out of this station, within the undo minutes, taken back (audited)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from sqlalchemy import desc, select
from sqlalchemy.exc import IntegrityError
from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    AuditEntry,
    ChildVisit,
    VolunteerShift,
)
from qsh_desk.services import audit, settings
from qsh_desk.services.kernel import unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.checkin import (
    ACTION_IN,
    ACTION_OUT,
    ACTION_UNDO,
    CHILD,
    ENTITY,
    VOLUNTEER,
    is_one_open_violation,
    open_record,
    shift_state,
    visit_state,
)
from qsh_desk.services.errors import Conflict, Refused


@dataclass(frozen=True)
class UndoResult:
    kind: str
    person_id: int
    name: str
    undone: str  # the action undone: "check_in" | "check_out"
    message: str


@dataclass(frozen=True)
class Undoable:
    """What 撤销 would take back: whose check-in or check-out, and when (never the audit row's detail, which holds
    a collector's full phone number)."""

    kind: str  # CHILD or VOLUNTEER
    person_id: int
    name: str
    action: str  # "check_in" | "check_out"
    at: dt.datetime


def last_undoable(db: Database, actor: Actor, now: dt.datetime | None = None) -> Undoable | None:
    """The actor's last desk action if it can still be undone (within the station's `undo_minutes`)."""
    require(db, actor, Permission.DESK, what="undo")
    entry = _last_entry(db, actor, now)
    if entry is None:
        return None
    detail = entry.detail or {}
    return Undoable(CHILD if entry.entity == ENTITY[CHILD] else VOLUNTEER, int(detail.get("person_id")),
                    str(detail.get("name", "")), entry.action, entry.at)


def _last_entry(db: Database, actor: Actor, now: dt.datetime | None = None) -> AuditEntry | None:
    """The audit row of the actor's last desk action, while it can still be undone; for `undo_last` only."""
    minutes = settings.station_value(db, actor.station_id, "undo_minutes")
    now = now or clock.now()
    with unit_of_work(db, actor) as work:
        session = work.session
        entry = session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.station_id == actor.station_id,
                AuditEntry.actor == actor.name,
                AuditEntry.action.in_((ACTION_IN, ACTION_OUT, ACTION_UNDO)),
                AuditEntry.entity.in_(tuple(ENTITY.values())),
            )
            .order_by(desc(AuditEntry.id))
            .limit(1)
        ).first()
    if entry is None or entry.action == ACTION_UNDO or entry.at < now - dt.timedelta(minutes=minutes):
        return None
    return entry


def undo_last(db: Database, actor: Actor) -> UndoResult:
    """Undo the actor's last check-in or check-out, within `undo_minutes`; the undo itself is audited.

    Undoing a check-in removes the visit (or shift); undoing a check-out reopens it as it was before.
    """
    require(db, actor, Permission.DESK, what="undo")
    minutes = settings.station_value(db, actor.station_id, "undo_minutes")
    entry = _last_entry(db, actor)
    if entry is None:
        raise Refused(f"没有可以撤销的操作：只能撤销自己 {minutes} 分钟内的最后一次签到或签退。")
    kind = CHILD if entry.entity == ENTITY[CHILD] else VOLUNTEER
    person_id = int((entry.detail or {}).get("person_id"))
    name = (entry.detail or {}).get("name", "")
    table = ChildVisit if kind == CHILD else VolunteerShift
    try:
        with unit_of_work(db, actor) as work:
            session = work.session
            record = session.get(table, entry.entity_id, with_for_update=True)
            if record is None:
                raise Conflict(f"{name} 的这条记录已被别人改过或删除，不能撤销。")
            state = visit_state(record) if kind == CHILD else shift_state(record)
            if entry.action == ACTION_IN:
                if (record.checked_out_at if kind == CHILD else record.ended_at) is not None:
                    raise Conflict(f"{name} 已经签退，不能再撤销签到。如需更正，请先撤销签退。")
                session.delete(record)
                message = f"已撤销 {name} 的签到"
            else:
                if open_record(session, kind, person_id) is not None:
                    raise Conflict(f"{name} 之后又签到了，不能撤销之前的签退。")
                before = (entry.detail or {}).get("before") or {}
                if kind == CHILD:
                    for field in ("collector_guardian_id", "collector_name", "collector_relation", "collector_phone"):
                        setattr(record, field, before.get(field))
                    record.collector_unlisted = bool(before.get("collector_unlisted"))
                    record.went_home_alone = bool(before.get("went_home_alone"))
                    record.checked_out_at = None
                    record.checked_out_by = None
                else:
                    record.ended_at = None
                    record.hours = None
                message = f"已撤销 {name} 的签退，{name} 重新显示为在站"
            session.flush()
            audit.record(
                session, actor, ACTION_UNDO, entry.entity, entity_id=entry.entity_id,
                child_id=person_id if kind == CHILD else None,
                detail={"undone": entry.action, "undone_audit_id": entry.id, "person_id": person_id, "name": name,
                        "before": state},
            )
    except IntegrityError as error:
        if not is_one_open_violation(error):
            raise
        raise Conflict(f"{name} 已在另一台电脑上重新签到，不能撤销签退。") from None
    return UndoResult(kind=kind, person_id=person_id, name=name, undone=entry.action, message=message)
