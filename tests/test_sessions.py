"""Sessions (活动记录): logging, participants from the day's check-ins, editing audited, the call home."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from qsh_desk.db.models import AuditEntry, Child, Dream, ProgrammeSession, SessionParticipant
from qsh_desk.services.sessions import add_call_home_session


def _child(db, station, name: str, number: int) -> int:
    with db.transaction() as s:
        child = Child(station_id=station.id, name=name, gender="女", card_code=f"C{station.id:02d}{number:06d}",
                      search_keys=f" {name} ")
        s.add(child)
        s.flush()
        return child.id


def test_a_call_home_is_logged_as_a_si_qin_session_for_that_child(db, station, admin):
    child_id = _child(db, station, "王小雨", 1)
    at = dt.datetime(2026, 11, 28, 10, 30)
    with db.transaction() as s:
        session_id = add_call_home_session(s, admin, child_id=child_id, at=at, summary="和妈妈视频十分钟")
    with db.transaction() as s:
        row = s.get(ProgrammeSession, session_id)
        dream = s.get(Dream, row.dream_id)
        participants = s.scalars(select(SessionParticipant.child_id).where(SessionParticipant.session_id == session_id)).all()
        audits = s.scalars(select(AuditEntry).where(AuditEntry.entity == "programme_session")).all()
        assert (dream.dream_name, row.starts_at, row.summary) == ("思亲梦", at, "和妈妈视频十分钟")
        assert participants == [child_id]
        assert [(a.action, a.entity_id, a.child_id) for a in audits] == [("create", session_id, child_id)]
