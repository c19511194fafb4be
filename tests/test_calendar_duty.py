"""Opening calendar rules, duty posts claimed and assigned, conflicts, gaps, and who turned up."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from qsh_desk.db.models import AuditEntry, Volunteer, VolunteerShift
from qsh_desk.services import calendar, duty
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import Conflict, InvalidInput, PermissionDenied, Refused
from qsh_desk.services.search_keys import name_keys

SAT, SUN, MON = dt.date(2026, 12, 5), dt.date(2026, 12, 6), dt.date(2026, 12, 7)
TODAY = dt.date(2026, 12, 1)


def _volunteers(db, station_id, *names):
    ids = []
    with db.transaction() as s:
        for n, name in enumerate(names, start=1):
            v = Volunteer(station_id=station_id, name=name, phone=f"1380000{n:04d}", card_code=f"VT{n:05d}",
                          search_keys=name_keys(name))
            s.add(v)
            s.flush()
            ids.append(v.id)
    return ids


@pytest.fixture
def duty_actor(station):
    return Actor(user_id=None, name="值班", role=Role.DUTY, station_id=station.id)


def _post(db, admin, name):
    return next(p for p in duty.list_posts(db, admin) if p.name == name)


def test_weekends_are_open_by_default_and_exceptions_need_a_reason(db, admin):
    days = calendar.month_days(db, admin, *calendar.month_range(2026, 12))
    open_days = [d.day for d in days if d.is_open]
    assert len(days) == 31 and all(d.weekday() >= 5 for d in open_days) and len(open_days) == 8
    assert days[4].opens_at == dt.time(9, 0) and days[4].closes_at == dt.time(17, 0)
    with pytest.raises(InvalidInput, match="原因"):
        calendar.close_day(db, admin, SAT, "  ")
    closed = calendar.close_day(db, admin, SAT, "寒潮停课")
    extra = calendar.open_day(db, admin, MON, "寒假加开", opens_at=dt.time(14, 0))
    assert (closed.is_open, closed.reason, closed.regular) == (False, "寒潮停课", False)
    assert (extra.is_open, extra.opens_at, extra.closes_at) == (True, dt.time(14, 0), dt.time(17, 0))
    opening = [d.day for d in calendar.opening_days(db, admin, SAT, MON)]
    assert opening == [SUN, MON]
    assert calendar.reset_day(db, admin, SAT).is_open is True


def test_a_new_station_has_the_usual_posts(db, admin):
    assert [p.name for p in duty.list_posts(db, admin)] == ["前台值班", "托辅", "手工课", "安全巡查"]


def test_claiming_and_the_conflicts_that_are_refused(db, admin, duty_actor):
    wang, li, zhao = _volunteers(db, admin.station_id, "王芳", "李强", "赵敏")
    desk_post, craft, tutoring = _post(db, admin, "前台值班"), _post(db, admin, "手工课"), _post(db, admin, "托辅")
    held = duty.assign(db, duty_actor, post_id=craft.id, day=SAT, volunteer_id=wang, claim=True, today=TODAY)
    assert held.claimed and held.name == "王芳"
    with pytest.raises(Conflict, match="已经在"):
        duty.assign(db, duty_actor, post_id=craft.id, day=SAT, volunteer_id=wang, claim=True, today=TODAY)
    with pytest.raises(Conflict, match="时间冲突"):  # 前台值班 08:30–17:00 overlaps 手工课 14:00–16:00
        duty.assign(db, admin, post_id=desk_post.id, day=SAT, volunteer_id=wang)
    # Morning tutoring does not overlap the afternoon craft class: allowed.
    duty.assign(db, admin, post_id=tutoring.id, day=SAT, volunteer_id=wang)
    duty.assign(db, admin, post_id=craft.id, day=SAT, volunteer_id=li)
    with pytest.raises(Conflict, match="已满"):
        duty.assign(db, admin, post_id=craft.id, day=SAT, volunteer_id=zhao)
    with pytest.raises(Refused, match="今天或以后"):
        duty.assign(db, duty_actor, post_id=craft.id, day=dt.date(2026, 11, 28), volunteer_id=zhao, claim=True,
                    today=TODAY)
    calendar.close_day(db, admin, SUN, "停电")
    with pytest.raises(Refused, match="不开放（停电）"):
        duty.assign(db, admin, post_id=craft.id, day=SUN, volunteer_id=zhao)
    with pytest.raises(PermissionDenied):  # a duty volunteer claims; only coordinators assign
        duty.assign(db, duty_actor, post_id=craft.id, day=SAT, volunteer_id=zhao)


def test_roster_shows_gaps_and_callers_with_phones_for_admins_only(db, admin, duty_actor):
    wang, li = _volunteers(db, admin.station_id, "王芳", "李强")
    craft = _post(db, admin, "手工课")
    duty.assign(db, admin, post_id=craft.id, day=SAT, volunteer_id=wang)
    roster = duty.duty_roster(db, duty_actor, SAT, SUN, today=TODAY)
    assert [d.day for d in roster] == [SAT, SUN]
    saturday = {p.post.name: p for p in roster[0].posts}
    assert [h.name for h in saturday["手工课"].holders] == ["王芳"] and saturday["手工课"].gap == 1
    assert roster[0].gaps == 2 + 3 + 1 + 1 and roster[1].gaps == 8
    callers_admin = duty.gap_callers(db, admin, SAT)
    callers_duty = duty.gap_callers(db, duty_actor, SAT)
    assert [c.name for c in callers_admin] == ["李强"]  # 王芳 already holds a post that day
    assert callers_admin[0].phone == "13800000002" and callers_duty[0].phone == "138****0002"


def test_a_shift_on_a_post_day_links_to_the_post_and_no_shows_are_listed(db, admin):
    wang, li = _volunteers(db, admin.station_id, "王芳", "李强")
    craft, tutoring = _post(db, admin, "手工课"), _post(db, admin, "托辅")
    a_wang = duty.assign(db, admin, post_id=craft.id, day=SAT, volunteer_id=wang)
    duty.assign(db, admin, post_id=tutoring.id, day=SAT, volunteer_id=li)
    arrived = dt.datetime.combine(SAT, dt.time(14, 5))
    with db.transaction() as s:
        link = duty.assignment_for_shift(s, wang, arrived)
        s.add(VolunteerShift(station_id=admin.station_id, volunteer_id=wang, started_at=arrived,
                             ended_at=arrived + dt.timedelta(hours=2), duty_assignment_id=link))
    assert link == a_wang.assignment_id
    later = dt.date(2026, 12, 10)
    missing = duty.no_shows(db, admin, SAT, SAT, today=later)
    assert [(day, post, h.name) for day, post, h in missing] == [(SAT, "托辅", "李强")]
    roster = duty.duty_roster(db, admin, SAT, SAT, today=later)
    turned = {h.name: h.turned_up for p in roster[0].posts for h in p.holders}
    assert turned == {"王芳": True, "李强": False}


def test_changes_are_audited(db, admin):
    (wang,) = _volunteers(db, admin.station_id, "王芳")
    post = duty.save_post(db, admin, name="图书角", capacity=1, starts_at=dt.time(9), ends_at=dt.time(12))
    held = duty.assign(db, admin, post_id=post.id, day=SAT, volunteer_id=wang)
    duty.unassign(db, admin, held.assignment_id)
    with pytest.raises(InvalidInput, match="同名"):
        duty.save_post(db, admin, name="图书角", capacity=1, starts_at=dt.time(9), ends_at=dt.time(12))
    with db.transaction() as s:
        kinds = [(a.action, a.entity) for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert kinds == [("create", "duty_post"), ("create", "duty_assignment"), ("delete", "duty_assignment")]
