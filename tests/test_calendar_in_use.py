"""The opening calendar where the station uses it: the sign-in sheet, the attendance grid, and shifts filling posts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from qsh_desk.db.models import VolunteerShift
from qsh_desk.services import calendar, checkin, duty, reports
from qsh_desk.services.errors import Refused
from tests.desk_helpers import add_child, add_volunteer

SAT, SUN, MON = dt.date(2026, 12, 5), dt.date(2026, 12, 6), dt.date(2026, 12, 7)


def test_no_sign_in_sheet_for_a_closed_day_unless_asked(db, admin):
    add_child(db, admin.station_id, "张三丰")
    calendar.close_day(db, admin, SAT, "寒潮停课")
    with pytest.raises(Refused, match="不开放（寒潮停课）"):
        reports.signin_sheet(db, admin, SAT)
    with pytest.raises(Refused, match="不开放"):
        reports.signin_sheet(db, admin, MON)  # an ordinary Monday
    assert reports.signin_sheet(db, admin, SAT, even_if_closed=True).day == SAT
    assert reports.signin_sheet(db, admin, SUN).day == SUN


def test_the_attendance_grid_follows_the_calendar(db, admin):
    calendar.close_day(db, admin, SAT, "元旦调休")
    calendar.open_day(db, admin, dt.date(2026, 12, 30), "寒假加开")
    days = reports.attendance_month(db, admin, 2026, 12).days
    assert SAT not in days and SUN in days and dt.date(2026, 12, 30) in days
    assert len(days) == 8  # eight weekend days, one closed, one extra


@pytest.mark.now(dt.datetime(2026, 11, 30, 8, 0))  # the Monday after: the desk refuses times in the future
def test_a_volunteer_checking_in_on_a_post_day_fills_the_post(db, admin):
    volunteer = add_volunteer(db, admin.station_id, "王芳")
    craft = next(p for p in duty.list_posts(db, admin) if p.name == "手工课")
    last_saturday = dt.date(2026, 11, 28)
    held = duty.assign(db, admin, post_id=craft.id, day=last_saturday, volunteer_id=volunteer)
    checkin.check_in(db, admin, "volunteer", volunteer, at=dt.datetime(2026, 11, 28, 13, 50))
    with db.transaction() as s:
        assert s.scalar(select(VolunteerShift.duty_assignment_id)) == held.assignment_id
    roster = duty.duty_roster(db, admin, last_saturday, last_saturday, today=dt.date(2026, 11, 30))
    assert [h.turned_up for p in roster[0].posts for h in p.holders] == [True]
