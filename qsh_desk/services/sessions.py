"""活动记录: log, edit, delete and list 十个梦 programme sessions, with participants, helpers and photos."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk.db.models import Child, Dream, ProgrammeSession, SessionParticipant
from qsh_desk.services import audit
from qsh_desk.services.access import Actor
from qsh_desk.services.errors import NotFound

CALL_HOME_DREAM = "思亲梦"
CALL_HOME_THEME = "站内亲情连线"
CALL_HOME_PLACE = "亲善之家"


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
        select(Dream).where(Dream.station_id == actor.station_id, Dream.dream_name == CALL_HOME_DREAM)
    )
    if dream is None:
        raise NotFound(f"活动类别里没有“{CALL_HOME_DREAM}”：请在“十个梦”页面的类别管理里把它加回来。")
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
