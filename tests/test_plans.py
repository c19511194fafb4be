"""Planned sessions: only on opening days, turned into the logged session in one step, planned vs held per dream."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from qsh_desk.db.models import Child, Dream, ProgrammeSession, SessionParticipant, SessionPlan
from qsh_desk.services import calendar, plans, sessions
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import InvalidInput, PermissionDenied, Refused

SAT, MON = dt.date(2026, 12, 5), dt.date(2026, 12, 7)


def _dreams(db, station_id) -> dict[str, int]:
    with db.transaction() as s:
        return dict(s.execute(select(Dream.dream_name, Dream.id).where(Dream.station_id == station_id)).all())


def _child(db, station_id, name="刘洋") -> int:
    with db.transaction() as s:
        child = Child(station_id=station_id, name=name, gender="男", card_code=f"CP{len(name)}{station_id}")
        s.add(child)
        s.flush()
        return child.id


def test_plans_only_on_opening_days(db, admin):
    dreams = _dreams(db, admin.station_id)
    with pytest.raises(InvalidInput, match="不开放"):
        plans.plan_session(db, admin, plans.PlanDraft(MON, dt.time(9, 30), dreams["求知梦"], "水利科普"))
    calendar.open_day(db, admin, MON, "寒假加开")
    plan_id = plans.plan_session(db, admin, plans.PlanDraft(MON, dt.time(9, 30), dreams["求知梦"], "水利科普",
                                                            materials="水车模型"))
    (row,) = plans.list_plans(db, admin, MON, MON)
    assert (row.id, row.dream_name, row.materials, row.status) == (plan_id, "求知梦", "水车模型", "计划中")


def test_a_plan_becomes_the_logged_session_keeping_what_was_planned(db, admin):
    dreams = _dreams(db, admin.station_id)
    child = _child(db, admin.station_id)
    plan_id = plans.plan_session(db, admin, plans.PlanDraft(SAT, dt.time(14), dreams["成长梦"], "防溺水安全教育",
                                                            ends_at=dt.time(15, 30), place="活动室"))
    session_id = plans.hold_plan(db, admin, plan_id, participant_ids=(child,), summary="讲了溺水自救",
                                 theme="防溺水安全教育（加演示）")
    with db.transaction() as s:
        held = s.get(ProgrammeSession, session_id)
        plan = s.get(SessionPlan, plan_id)
        participants = s.scalars(select(SessionParticipant.child_id).where(SessionParticipant.session_id == session_id)).all()
        assert (held.theme, held.place, held.starts_at) == ("防溺水安全教育（加演示）", "活动室", dt.datetime(2026, 12, 5, 14))
        assert plan.theme == "防溺水安全教育" and plan.held_session_id == session_id
    assert participants == [child]
    with pytest.raises(Refused, match="已经转为活动记录"):
        plans.hold_plan(db, admin, plan_id)
    assert plans.list_plans(db, admin, SAT, SAT)[0].status == "已开展"


def test_planned_vs_held_shows_the_neglected_dreams(db, admin):
    dreams = _dreams(db, admin.station_id)
    first = plans.plan_session(db, admin, plans.PlanDraft(SAT, dt.time(9), dreams["好人梦"], "好人故事会"))
    plans.plan_session(db, admin, plans.PlanDraft(SAT, dt.time(14), dreams["好人梦"], "学习雷锋"))
    cancelled = plans.plan_session(db, admin, plans.PlanDraft(SAT, dt.time(15), dreams["快乐梦"], "运动会"))
    plans.cancel_plan(db, admin, cancelled, "下雨")
    plans.hold_plan(db, admin, first)
    sessions.log_session(db, admin, sessions.SessionDraft(dream_id=dreams["出彩梦"],
                                                          starts_at=dt.datetime(2026, 12, 6, 10), theme="画画"))
    counts = {c.dream: (c.planned, c.held_from_plan, c.held_total)
              for c in plans.planned_vs_held(db, admin, dt.date(2026, 12, 1), dt.date(2026, 12, 31))}
    assert counts["好人梦"] == (2, 1, 1)
    assert counts["快乐梦"] == (0, 0, 0)
    assert counts["出彩梦"] == (0, 0, 1)
    assert len(counts) == 10


def test_a_duty_volunteer_may_hold_but_not_plan(db, station):
    duty = Actor(user_id=None, name="值班", role=Role.DUTY, station_id=station.id)
    dreams = _dreams(db, station.id)
    with pytest.raises(PermissionDenied):
        plans.plan_session(db, duty, plans.PlanDraft(SAT, dt.time(9), dreams["好人梦"], "好人故事会"))
