"""The station at a glance: how many children and volunteers, who is in today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, ChildVisit, ProgrammeSession, Volunteer, VolunteerShift
from qsh_desk.services import capacity
from qsh_desk.services.kernel import reading
from qsh_desk.services.access import Actor, Permission, require


@dataclass(frozen=True)
class Overview:
    station_name: str
    children_active: int
    volunteers_active: int
    children_here: int
    volunteers_here: int
    visits_today: int
    sessions_this_month: int
    peak_today: int = 0  # the most children here at once today
    minutes_over_ratio: int | None = None  # today's minutes with fewer volunteers than the ratio asks (None: off)


def station_overview(db: Database, actor: Actor, station_name: str, today: dt.date | None = None) -> Overview:
    require(db, actor, Permission.DESK, what="overview")
    today = today or clock.today()
    start = dt.datetime.combine(today, dt.time())
    month_start = dt.datetime.combine(today.replace(day=1), dt.time())
    sid = actor.station_id
    _, ratio = capacity.station_limits(db, sid)
    with reading(db, actor) as work:
        s = work.session
        def count(query) -> int:  # noqa: ANN001
            return s.scalar(query) or 0

        load = capacity.day_load_in(s, sid, today, ratio)
        return Overview(
            station_name=station_name,
            children_active=count(select(func.count(Child.id)).where(Child.station_id == sid, Child.active.is_(True))),
            volunteers_active=count(
                select(func.count(Volunteer.id)).where(Volunteer.station_id == sid, Volunteer.active.is_(True))
            ),
            children_here=count(
                select(func.count(ChildVisit.id)).where(ChildVisit.station_id == sid, ChildVisit.checked_out_at.is_(None))
            ),
            volunteers_here=count(
                select(func.count(VolunteerShift.id)).where(
                    VolunteerShift.station_id == sid, VolunteerShift.ended_at.is_(None)
                )
            ),
            visits_today=count(
                select(func.count(ChildVisit.id)).where(ChildVisit.station_id == sid, ChildVisit.checked_in_at >= start)
            ),
            sessions_this_month=count(
                select(func.count(ProgrammeSession.id)).where(
                    ProgrammeSession.station_id == sid, ProgrammeSession.starts_at >= month_start
                )
            ),
            peak_today=load.peak_children,
            minutes_over_ratio=load.minutes_over_ratio if ratio is not None else None,
        )
