"""Duty posts (岗位认领): the posts of each opening day, who holds them, the gaps, and who turned up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import DutyAssignment, DutyPost, Station, Volunteer, VolunteerShift
from qsh_desk.services import audit, calendar
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.access import Actor, Permission, phone_for, require
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, Problem, Refused

# The posts a new station starts with; the station edits the list.
DEFAULT_POSTS = (
    ("前台值班", 2, dt.time(8, 30), dt.time(17, 0)),
    ("托辅", 3, dt.time(9, 0), dt.time(11, 30)),
    ("手工课", 2, dt.time(14, 0), dt.time(16, 0)),
    ("安全巡查", 1, dt.time(9, 0), dt.time(17, 0)),
)


@dataclass(frozen=True)
class PostInfo:
    id: int
    name: str
    capacity: int
    starts_at: dt.time
    ends_at: dt.time
    active: bool

    @property
    def hours_label(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


@dataclass(frozen=True)
class Holder:
    assignment_id: int
    volunteer_id: int
    name: str
    claimed: bool
    turned_up: bool | None  # None: the day has not come yet


@dataclass(frozen=True)
class PostDuty:
    post: PostInfo
    holders: tuple[Holder, ...]

    @property
    def gap(self) -> int:
        return max(0, self.post.capacity - len(self.holders))


@dataclass(frozen=True)
class DayDuty:
    day: dt.date
    posts: tuple[PostDuty, ...]

    @property
    def gaps(self) -> int:
        return sum(p.gap for p in self.posts)


@dataclass(frozen=True)
class DutyMonth:
    """A month's duty roster for the printed 值班表."""

    station: str
    year: int
    month: int
    days: tuple[DayDuty, ...]


@dataclass(frozen=True)
class GapCaller:
    volunteer_id: int
    name: str
    phone: str | None  # full for administrators only
    last_shift: dt.date | None


def _info(post: DutyPost) -> PostInfo:
    return PostInfo(post.id, post.name, post.capacity, post.starts_at, post.ends_at, post.active)


def add_default_posts(session: Session, station_id: int) -> None:
    """Give a new station the usual posts (called when the station is created)."""
    for order, (name, capacity, start, end) in enumerate(DEFAULT_POSTS):
        session.add(DutyPost(station_id=station_id, name=name, capacity=capacity, starts_at=start, ends_at=end,
                             sort_order=order))


def list_posts(db: Database, actor: Actor, *, include_inactive: bool = False) -> list[PostInfo]:
    with unit_of_work(db, actor, Permission.DESK, what="duty_posts") as work:
        session = work.session
        query = select(DutyPost).where(DutyPost.station_id == actor.station_id)
        if not include_inactive:
            query = query.where(DutyPost.active.is_(True))
        return [_info(p) for p in session.scalars(query.order_by(DutyPost.sort_order, DutyPost.id))]


def save_post(
    db: Database,
    actor: Actor,
    *,
    name: str,
    capacity: int,
    starts_at: dt.time,
    ends_at: dt.time,
    post_id: int | None = None,
    active: bool = True,
) -> PostInfo:
    """Create or change a post; checked first, written in one transaction."""
    require(db, actor, Permission.SESSION_MANAGE, what="duty_posts")
    name = (name or "").strip()
    problems = []
    if not name:
        problems.append(Problem("请填写岗位名称。", field="岗位"))
    if capacity < 1:
        problems.append(Problem("每个岗位至少需要 1 人。", field="人数", value=str(capacity)))
    if ends_at <= starts_at:
        problems.append(Problem("结束时间要晚于开始时间。", field="时间"))
    if problems:
        raise InvalidInput(problems)
    with unit_of_work(db, actor) as work:
        session = work.session
        clash = session.scalar(
            select(DutyPost.id).where(DutyPost.station_id == actor.station_id, DutyPost.name == name,
                                      DutyPost.id != (post_id or 0))
        )
        if clash:
            raise InvalidInput(Problem("已经有同名的岗位，请换一个名称。", field="岗位", value=name))
        if post_id is None:
            order = session.scalar(select(func.coalesce(func.max(DutyPost.sort_order), -1))
                                   .where(DutyPost.station_id == actor.station_id)) + 1
            post = DutyPost(station_id=actor.station_id, sort_order=order)
            session.add(post)
            before = None
        else:
            post = session.get(DutyPost, post_id)
            if post is None or post.station_id != actor.station_id:
                raise NotFound("找不到这个岗位，可能已被删除。")
            before = {"name": post.name, "capacity": post.capacity, "starts_at": post.starts_at,
                      "ends_at": post.ends_at, "active": post.active}
        post.name, post.capacity, post.starts_at, post.ends_at, post.active = name, capacity, starts_at, ends_at, active
        session.flush()
        after = {"name": name, "capacity": capacity, "starts_at": starts_at, "ends_at": ends_at, "active": active}
        audit.record(session, actor, "update" if before else "create", "duty_post", entity_id=post.id,
                     detail=audit.changes(before, after) if before else {"after": after})
        return _info(post)


def _overlaps(a: DutyPost, b: DutyPost) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def assign(
    db: Database,
    actor: Actor,
    *,
    post_id: int,
    day: dt.date,
    volunteer_id: int,
    claim: bool = False,
    today: dt.date | None = None,
) -> Holder:
    """Put a volunteer on a post for a day.

    `claim=True` is a volunteer claiming an open post at the desk (any desk user, coming days only);
    otherwise a coordinator assigns (social workers and administrators). Conflicts are refused:
    the day closed, the post full, the same person twice at one time.
    """
    require(db, actor, Permission.DESK if claim else Permission.SESSION_MANAGE, what="duty_assignment")
    today = today or clock.today()
    if claim and day < today:
        raise Refused("只能认领今天或以后的岗位。")
    status = calendar.day_status(db, actor, day)
    if not status.is_open:
        reason = f"（{status.reason}）" if status.reason else ""
        raise Refused(f"{status.label} 不开放{reason}，不能安排岗位。")
    with unit_of_work(db, actor) as work:
        session = work.session
        post = session.get(DutyPost, post_id)
        volunteer = session.get(Volunteer, volunteer_id)
        if post is None or post.station_id != actor.station_id or not post.active:
            raise NotFound("找不到这个岗位，或它已停用。")
        if volunteer is None or volunteer.station_id != actor.station_id or not volunteer.active:
            raise NotFound("找不到这位志愿者，或其已停用。")
        if session.bind.dialect.name == "postgresql":
            # Several stations may assign at once: lock the post row so the capacity check holds.
            session.execute(select(DutyPost.id).where(DutyPost.id == post_id).with_for_update())
        held = session.execute(
            select(DutyAssignment, DutyPost)
            .join(DutyPost, DutyPost.id == DutyAssignment.post_id)
            .where(DutyAssignment.volunteer_id == volunteer_id, DutyAssignment.day == day)
        ).all()
        for assignment, other in held:
            if other.id == post.id:
                raise Conflict(f"{volunteer.name} 已经在 {day.isoformat()} 的“{post.name}”岗位上了。")
            if _overlaps(other, post):
                raise Conflict(
                    f"{volunteer.name} 在 {day.isoformat()} 已经认领了“{other.name}”"
                    f"（{other.starts_at:%H:%M}–{other.ends_at:%H:%M}），和“{post.name}”时间冲突。"
                )
        taken = session.scalar(
            select(func.count(DutyAssignment.id)).where(DutyAssignment.post_id == post_id, DutyAssignment.day == day)
        )
        if taken >= post.capacity:
            raise Conflict(f"{day.isoformat()} 的“{post.name}”已满（需要 {post.capacity} 人），请选别的岗位或日期。")
        assignment = DutyAssignment(station_id=actor.station_id, post_id=post_id, day=day, volunteer_id=volunteer_id,
                                    claimed=claim, assigned_by=actor.name)
        session.add(assignment)
        session.flush()
        audit.record(session, actor, "create", "duty_assignment", entity_id=assignment.id,
                     detail={"post": post.name, "day": day, "volunteer": volunteer.name, "claimed": claim})
        return Holder(assignment.id, volunteer_id, volunteer.name, claim, None)


def unassign(db: Database, actor: Actor, assignment_id: int) -> None:
    with unit_of_work(db, actor, Permission.SESSION_MANAGE, what="duty_assignment") as work:
        session = work.session
        assignment = session.get(DutyAssignment, assignment_id)
        if assignment is None or assignment.station_id != actor.station_id:
            raise NotFound("找不到这条排班，可能已被取消。")
        audit.record(session, actor, "delete", "duty_assignment", entity_id=assignment_id,
                     detail={"post_id": assignment.post_id, "day": assignment.day,
                             "volunteer_id": assignment.volunteer_id})
        session.delete(assignment)


def duty_roster(db: Database, actor: Actor, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[DayDuty]:
    """Who is on duty on each opening day from start to end, with the gaps; past days say who turned up."""
    require(db, actor, Permission.DESK, what="duty_roster")
    today = today or clock.today()
    days = calendar.opening_days(db, actor, start, end)
    with reading(db, actor) as work:
        session = work.session
        posts = session.scalars(
            select(DutyPost).where(DutyPost.station_id == actor.station_id, DutyPost.active.is_(True))
            .order_by(DutyPost.sort_order, DutyPost.id)
        ).all()
        rows = session.execute(
            select(DutyAssignment, Volunteer.name)
            .join(Volunteer, Volunteer.id == DutyAssignment.volunteer_id)
            .where(DutyAssignment.station_id == actor.station_id, DutyAssignment.day.between(start, end))
            .order_by(DutyAssignment.id)
        ).all()
        linked = set(session.scalars(
            select(VolunteerShift.duty_assignment_id).where(
                VolunteerShift.station_id == actor.station_id,
                VolunteerShift.duty_assignment_id.is_not(None),
                VolunteerShift.started_at >= dt.datetime.combine(start, dt.time()),
                VolunteerShift.started_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
            )
        ))
    by_day_post: dict[tuple[dt.date, int], list[Holder]] = {}
    for assignment, name in rows:
        turned_up = None if assignment.day >= today else assignment.id in linked
        by_day_post.setdefault((assignment.day, assignment.post_id), []).append(
            Holder(assignment.id, assignment.volunteer_id, name, assignment.claimed, turned_up)
        )
    return [
        DayDuty(d.day, tuple(PostDuty(_info(p), tuple(by_day_post.get((d.day, p.id), []))) for p in posts))
        for d in days
    ]


def no_shows(db: Database, actor: Actor, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[tuple[dt.date, str, Holder]]:
    """Posts held on past days by someone who never checked in: (day, post name, holder)."""
    return [
        (day.day, post.post.name, holder)
        for day in duty_roster(db, actor, start, end, today)
        for post in day.posts
        for holder in post.holders
        if holder.turned_up is False
    ]


def gap_callers(db: Database, actor: Actor, day: dt.date, limit: int = 20) -> list[GapCaller]:
    """Volunteers to phone for the gaps of a day: active, not yet on duty that day, most recently active first.

    Phone numbers are shown to those who may see phones (social workers, administrators), masked to the rest.
    """
    with unit_of_work(db, actor, Permission.DESK, what="duty_gap_callers") as work:
        session = work.session
        busy = select(DutyAssignment.volunteer_id).where(DutyAssignment.day == day)
        last_shift = (
            select(VolunteerShift.volunteer_id, func.max(VolunteerShift.started_at).label("last"))
            .group_by(VolunteerShift.volunteer_id).subquery()
        )
        rows = session.execute(
            select(Volunteer.id, Volunteer.name, Volunteer.phone, last_shift.c.last)
            .outerjoin(last_shift, last_shift.c.volunteer_id == Volunteer.id)
            .where(Volunteer.station_id == actor.station_id, Volunteer.active.is_(True), Volunteer.id.not_in(busy))
            .order_by(last_shift.c.last.desc().nulls_last(), Volunteer.id)
            .limit(limit)
        ).all()
    return [
        GapCaller(vid, name, phone_for(actor, phone), last.date() if last else None)
        for vid, name, phone, last in rows
    ]


def assignment_for_shift(session: Session, volunteer_id: int, at: dt.datetime) -> int | None:
    """The post a volunteer holds on the day of `at` (the one whose hours cover it, else the first): for
    linking a check-in's shift to the post. Runs inside the caller's transaction."""
    rows = session.execute(
        select(DutyAssignment.id, DutyPost.starts_at, DutyPost.ends_at)
        .join(DutyPost, DutyPost.id == DutyAssignment.post_id)
        .where(DutyAssignment.volunteer_id == volunteer_id, DutyAssignment.day == at.date())
        .order_by(DutyPost.starts_at)
    ).all()
    for assignment_id, starts, ends in rows:
        if starts <= at.time() < ends:
            return assignment_id
    return rows[0][0] if rows else None


def duty_month(db: Database, actor: Actor, year: int, month: int, today: dt.date | None = None) -> DutyMonth:
    """The data of the 值班表: every opening day of the month with its posts and who holds them."""
    start, end = calendar.month_range(year, month)
    days = duty_roster(db, actor, start, end, today)
    with unit_of_work(db, actor) as work:
        session = work.session
        station = session.get(Station, actor.station_id)
    return DutyMonth(station.name if station else "", year, month, tuple(days))
