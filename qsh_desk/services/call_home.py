"""思亲梦 at the station: a call home logged as a session with one child — from the desk's page in one step, or
with a parent contact in the archive (made, corrected and deleted together with it)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, Dream, ProgrammeSession, SessionParticipant
from qsh_desk.services import audit, sessions
from qsh_desk.services.access import Actor, Permission
from qsh_desk.services.errors import NotFound
from qsh_desk.services.kernel import unit_of_work

CALL_HOME_DREAM = "missing_family"  # the 思亲梦, by its stable code: stations may rename it
CALL_HOME_THEME = "站内亲情连线"
CALL_HOME_PLACE = "亲善之家"


def call_home_summary(relation: str | None, channel: str) -> str | None:
    """What a session says about a call home logged from the archive: with whom and how, never what was said."""
    return f"和{relation}{channel}联系" if relation else None


def follow_call_home(session: Session, actor: Actor, session_id: int, *, at: dt.datetime, summary: str | None) -> None:
    """The call-home session of a contact follows the contact's correction (when, with whom); audited if changed."""
    row = session.get(ProgrammeSession, session_id)
    if row is None or row.station_id != actor.station_id:
        return
    before = {"starts_at": row.starts_at, "summary": row.summary}
    after = {"starts_at": at.replace(microsecond=0), "summary": summary}
    if before == after:
        return
    row.starts_at, row.summary = after["starts_at"], after["summary"]
    session.flush()
    audit.record(session, actor, "update", "programme_session", entity_id=row.id, detail=audit.changes(before, after))


def drop_call_home(session: Session, actor: Actor, session_id: int) -> list[str]:
    """Delete the call-home session logged with a contact that is being deleted (they were made in one step);
    returns its photos, to remove once the transaction has committed."""
    row = session.get(ProgrammeSession, session_id)
    if row is None or row.station_id != actor.station_id:
        return []
    before = sessions.snapshot(session, row)
    session.delete(row)
    audit.record(session, actor, "delete", "programme_session", entity_id=session_id, detail={"before": before})
    return before["photos"]


def add_call_home_session(
    session: Session, actor: Actor, *, child_id: int, at: dt.datetime, summary: str | None
) -> int:
    """Log a video call home at the station as a 思亲梦 session with this one child; returns the session id.

    Runs inside the caller's open transaction (the parent archive logs the contact in the same one, so
    the call is on file in both places or in neither); the caller has already checked permission.
    """
    child = session.get(Child, child_id)
    if child is None or child.station_id != actor.station_id:
        raise NotFound("找不到这个儿童：可能已被删除，请刷新后再试。")
    dream = session.scalar(
        select(Dream).where(Dream.station_id == actor.station_id, Dream.code == CALL_HOME_DREAM)
    )
    if dream is None:
        raise NotFound("活动类别里没有“思亲梦”：请在“十个梦”页面的类别管理里把它加回来。")
    row = ProgrammeSession(
        station_id=actor.station_id,
        dream_id=dream.id,
        starts_at=at.replace(microsecond=0),
        theme=CALL_HOME_THEME,
        place=CALL_HOME_PLACE,
        organiser_user_id=actor.user_id,
        summary=(summary or "").strip() or None,
    )
    session.add(row)
    session.flush()
    session.add(SessionParticipant(session_id=row.id, child_id=child_id))
    audit.record(
        session,
        actor,
        "create",
        "programme_session",
        entity_id=row.id,
        child_id=child_id,
        detail={"dream": dream.dream_name, "theme": CALL_HOME_THEME, "starts_at": row.starts_at, "call_home": True},
    )
    return row.id


def log_call_home(db: Database, actor: Actor, child_id: int, *, at: dt.datetime, summary: str | None = None) -> int:
    """One step at the desk: a video call home at the station, logged as a 思亲梦 session for this child."""
    with unit_of_work(db, actor, Permission.SESSION_LOG, what="programme_session", child_id=child_id) as work:
        session = work.session
        return add_call_home_session(session, actor, child_id=child_id, at=at, summary=summary)
