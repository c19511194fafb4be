"""十个梦 statistics: per-dream figures for a period, each child's dream passport, children not reached lately.

Volunteer hours of a session are defined as its duration × the number of volunteers who served in it:
the helping volunteers plus the organising volunteer (counted once, even if also listed as a helper).
A staff user who organises is not a volunteer and adds no hours. A session logged without an end time
counts as `DEFAULT_SESSION_HOURS`. These are hours *in sessions*; the hours on a volunteer's certificate
come from their shifts, which also cover desk duty between sessions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, cast, distinct, exists, func, literal, select, tuple_
from sqlalchemy.types import Float

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, Dream, ProgrammeSession, SessionParticipant, SessionVolunteer, Wish
from qsh_desk.services import settings
from qsh_desk.services.kernel import reading
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import InvalidInput, NotFound, Problem
from qsh_desk.services.search_keys import sort_key
from qsh_desk.services.wishes import STATUS_TITLES as WISH_STATUS_TITLES

DEFAULT_SESSION_HOURS = 1.0
PERIOD_KINDS = ("month", "quarter", "year", "custom")
PERIOD_TITLES = {"month": "月", "quarter": "季度", "year": "年", "custom": "自定义"}


@dataclass(frozen=True)
class Period:
    start: dt.date  # inclusive
    end: dt.date  # inclusive
    label: str


def period_for(kind: str, anchor: dt.date) -> Period:
    """The month, quarter or year that contains `anchor`."""
    if kind == "month":
        start = anchor.replace(day=1)
        label = f"{start.year} 年 {start.month} 月"
    elif kind == "quarter":
        quarter = (anchor.month - 1) // 3
        start = dt.date(anchor.year, quarter * 3 + 1, 1)
        label = f"{start.year} 年第 {quarter + 1} 季度"
    elif kind == "year":
        start = dt.date(anchor.year, 1, 1)
        label = f"{start.year} 年"
    else:
        raise InvalidInput(Problem("统计周期只能是月、季度或年（自定义请给出起止日期）。", field="周期", value=kind))
    months = {"month": 1, "quarter": 3, "year": 12}[kind]
    year, month = divmod(start.month - 1 + months, 12)
    end = dt.date(start.year + year, month + 1, 1) - dt.timedelta(days=1)
    return Period(start, end, label)


def custom_period(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise InvalidInput(Problem("结束日期早于开始日期：请检查日期。", field="日期"))
    return Period(start, end, f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}")


@dataclass(frozen=True)
class DreamFigures:
    dream_id: int | None  # None for the total row
    dream: str  # 好人梦
    function_name: str
    colour: str
    sessions: int
    participations: int  # participant-times (人次)
    children: int  # distinct children
    volunteer_hours: float
    wishes_fulfilled: int = 0  # 微心愿 tagged with this dream and fulfilled in the period

    def as_json(self) -> dict:
        return {
            "dream": self.dream,
            "function": self.function_name,
            "sessions": self.sessions,
            "participations": self.participations,
            "children": self.children,
            "volunteer_hours": self.volunteer_hours,
            "wishes_fulfilled": self.wishes_fulfilled,
        }


@dataclass(frozen=True)
class DreamReport:
    period: Period
    dreams: tuple[DreamFigures, ...]
    total: DreamFigures  # children: distinct over all dreams (not the sum)


def _hours_expression(db: Database):  # noqa: ANN202 - a SQL expression
    """A session's length in hours, in the database's own date arithmetic."""
    if db.is_sqlite:
        length = (func.julianday(ProgrammeSession.ends_at) - func.julianday(ProgrammeSession.starts_at)) * 24.0
    else:
        length = func.extract("epoch", ProgrammeSession.ends_at - ProgrammeSession.starts_at) / 3600.0
    return case((ProgrammeSession.ends_at.is_(None), literal(DEFAULT_SESSION_HOURS)), else_=cast(length, Float))


def dream_report(db: Database, actor: Actor, period: Period) -> DreamReport:
    """Per dream for the period: sessions, participant-times, distinct children and volunteer hours.

    Aggregated in the database (grouped queries over the station/date index and the participants' primary
    key), so a year of a district-sized station is counted without loading its rows.
    """
    require(db, actor, Permission.SESSION_LOG, what="dream_report")
    start = dt.datetime.combine(period.start, dt.time())
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time())
    in_period = and_(
        ProgrammeSession.station_id == actor.station_id,
        ProgrammeSession.starts_at >= start,
        ProgrammeSession.starts_at < end,
    )
    helpers = select(func.count()).where(SessionVolunteer.session_id == ProgrammeSession.id).scalar_subquery()
    organiser_not_helper = case(
        (
            and_(
                ProgrammeSession.organiser_volunteer_id.is_not(None),
                ~exists().where(
                    SessionVolunteer.session_id == ProgrammeSession.id,
                    SessionVolunteer.volunteer_id == ProgrammeSession.organiser_volunteer_id,
                ),
            ),
            1,
        ),
        else_=0,
    )
    with reading(db, actor) as work:
        session = work.session
        per_session = dict(
            (dream_id, (count, hours))
            for dream_id, count, hours in session.execute(
                select(
                    ProgrammeSession.dream_id,
                    func.count(ProgrammeSession.id),
                    func.sum(_hours_expression(db) * (helpers + organiser_not_helper)),
                )
                .where(in_period)
                .group_by(ProgrammeSession.dream_id)
            )
        )
        participations = (
            select(ProgrammeSession.dream_id, func.count(), func.count(distinct(SessionParticipant.child_id)))
            .join(SessionParticipant, SessionParticipant.session_id == ProgrammeSession.id)
            .where(in_period)
        )
        if db.is_sqlite:
            per_participation = {
                dream_id: (times, children)
                for dream_id, times, children in session.execute(participations.group_by(ProgrammeSession.dream_id))
            }
            all_children = session.scalar(
                select(func.count(distinct(SessionParticipant.child_id)))
                .join(ProgrammeSession, SessionParticipant.session_id == ProgrammeSession.id)
                .where(in_period)
            ) or 0
        else:
            # PostgreSQL counts per dream and over all dreams in one pass over the join (GROUPING SETS);
            # the row of the empty grouping set is the total.
            grouped = participations.add_columns(func.grouping(ProgrammeSession.dream_id)).group_by(
                func.grouping_sets(tuple_(ProgrammeSession.dream_id), tuple_())
            )
            per_participation, all_children = {}, 0
            for dream_id, times, children, is_total in session.execute(grouped):
                if is_total:
                    all_children = children
                else:
                    per_participation[dream_id] = (times, children)
        dreams = session.execute(
            select(Dream.id, Dream.dream_name, Dream.function_name, Dream.colour, Dream.active)
            .where(Dream.station_id == actor.station_id)
            .order_by(Dream.sort_order, Dream.id)
        ).all()
        wishes_fulfilled = dict(session.execute(
            select(Wish.dream_id, func.count(Wish.id))
            .where(Wish.station_id == actor.station_id, Wish.status == "fulfilled", Wish.dream_id.is_not(None),
                   Wish.fulfilled_on.between(period.start, period.end))
            .group_by(Wish.dream_id)
        ).all())
    rows = []
    for d in dreams:
        count, hours = per_session.get(d.id, (0, 0.0))
        times, children = per_participation.get(d.id, (0, 0))
        if not d.active and not count:
            continue  # a hidden category with nothing in the period would only clutter the chart
        rows.append(DreamFigures(d.id, d.dream_name, d.function_name, d.colour, count, times, children,
                                 round(float(hours or 0.0), 2), wishes_fulfilled.get(d.id, 0)))
    total = DreamFigures(
        None, "合计", "", "#37474f",
        sum(r.sessions for r in rows), sum(r.participations for r in rows), all_children,
        round(sum(r.volunteer_hours for r in rows), 2), sum(r.wishes_fulfilled for r in rows),
    )
    return DreamReport(period, tuple(rows), total)


@dataclass(frozen=True)
class PassportStamp:
    dream_id: int
    dream: str
    colour: str
    icon: str
    times: int
    last: dt.date | None


@dataclass(frozen=True)
class DreamPassport:
    child_id: int
    child_name: str
    stamps: tuple[PassportStamp, ...]  # every dream of the station, in catalogue order (times 0 = not yet)
    wishes: tuple[str, ...] = ()  # the child's 微心愿 (not cancelled): “一个新书包（温暖梦 · 已圆梦）”

    @property
    def dreams_reached(self) -> int:
        return sum(1 for s in self.stamps if s.times)


def dream_passport(db: Database, actor: Actor, child_id: int) -> DreamPassport:
    """Which dreams a child has taken part in, how often, and when last."""
    with reading(db, actor, Permission.SESSION_LOG, what="dream_passport", child_id=child_id) as work:
        session = work.session
        child = session.get(Child, child_id)
        if child is None or child.station_id != actor.station_id:
            raise NotFound("找不到这个儿童：可能已被删除，请刷新后再试。")
        figures = {
            dream_id: (times, last)
            for dream_id, times, last in session.execute(
                select(ProgrammeSession.dream_id, func.count(), func.max(ProgrammeSession.starts_at))
                .join(SessionParticipant, SessionParticipant.session_id == ProgrammeSession.id)
                .where(SessionParticipant.child_id == child_id)
                .group_by(ProgrammeSession.dream_id)
            )
        }
        dreams = session.execute(
            select(Dream.id, Dream.dream_name, Dream.colour, Dream.icon, Dream.active)
            .where(Dream.station_id == actor.station_id)
            .order_by(Dream.sort_order, Dream.id)
        ).all()
        stamps = []
        for d in dreams:
            times, last = figures.get(d.id, (0, None))
            if d.active or times:
                stamps.append(PassportStamp(d.id, d.dream_name, d.colour, d.icon, times, last.date() if last else None))
        names = {d.id: d.dream_name for d in dreams}
        wishes = []
        for words, dream_id, status in session.execute(
                select(Wish.wish, Wish.dream_id, Wish.status)
                .where(Wish.child_id == child_id, Wish.status != "cancelled").order_by(Wish.written_at, Wish.id)):
            tags = " · ".join(x for x in (names.get(dream_id), WISH_STATUS_TITLES[status]) if x)
            wishes.append(f"{words}（{tags}）")
        return DreamPassport(child.id, child.name, tuple(stamps), tuple(wishes))


@dataclass(frozen=True)
class NotReached:
    child_id: int
    name: str
    grade: str | None
    last_session: dt.date | None  # None: never in any session


def children_not_reached(
    db: Database, actor: Actor, *, weeks: int | None = None, today: dt.date | None = None
) -> list[NotReached]:
    """Active children in no session for `weeks` weeks (default: the station setting 多少周未参加活动时提醒).

    Children registered within those weeks are left out: they have not had the time to be reached.
    Longest-unreached first (never reached at the top).
    """
    require(db, actor, Permission.SESSION_LOG, what="dream_report")
    weeks = weeks if weeks is not None else settings.station_value(db, actor.station_id, "not_reached_weeks")
    if weeks < 1:
        raise InvalidInput(Problem("周数至少为 1。", field="周数", value=str(weeks)))
    today = today or clock.today()
    cutoff = dt.datetime.combine(today - dt.timedelta(weeks=weeks), dt.time())
    with reading(db, actor) as work:
        session = work.session
        reached = (
            select(SessionParticipant.child_id)
            .join(ProgrammeSession, ProgrammeSession.id == SessionParticipant.session_id)
            .where(ProgrammeSession.station_id == actor.station_id, ProgrammeSession.starts_at >= cutoff)
        )
        last = (
            select(func.max(ProgrammeSession.starts_at))
            .join(SessionParticipant, SessionParticipant.session_id == ProgrammeSession.id)
            .where(SessionParticipant.child_id == Child.id)
            .scalar_subquery()
        )
        rows = session.execute(
            select(Child.id, Child.name, Child.grade, last.label("last"))
            .where(
                Child.station_id == actor.station_id,
                Child.active.is_(True),
                Child.created_at < cutoff,
                Child.id.not_in(reached),
            )
        ).all()
    found = [NotReached(r.id, r.name, r.grade, r.last.date() if r.last else None) for r in rows]
    return sorted(found, key=lambda n: (n.last_session is not None, n.last_session or dt.date.min, sort_key(n.name)))
