"""闭馆: the day's closing at the desk — who is still here, the calls to their families, closing, and the shifts left open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    ChildVisit,
    ClosingCall,
    DayClosing,
    Guardian,
    Volunteer,
    VolunteerShift,
)
from qsh_desk.services import audit, settings
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.checkin import (
    VOLUNTEER,
    DeskAction,
    ENTITY,
    PresentPerson,
    action_time,
    open_shifts_of,
    open_visits_of,
    present,
    relation_title,
    round_hours,
    shift_state,
    short_time,
)
from qsh_desk.services.errors import InvalidInput, NotFound, Problem, Refused


@dataclass(frozen=True)
class ContactPhone:
    """Someone to phone about a child still here at closing: the number in full, whoever is on duty."""

    guardian_id: int
    name: str
    relation: str
    phone: str | None


@dataclass(frozen=True)
class CallRecord:
    called_at: dt.datetime
    called_number: str | None
    outcome: str


@dataclass(frozen=True)
class ClosingChild:
    visit_id: int
    child_id: int
    name: str
    since: dt.datetime
    contacts: tuple[ContactPhone, ...]
    calls: tuple[CallRecord, ...]


@dataclass(frozen=True)
class ClosingStatus:
    day: dt.date
    closed_at: dt.datetime | None
    closed_reason: str | None
    children: tuple[ClosingChild, ...]
    volunteers: tuple[PresentPerson, ...]


@dataclass(frozen=True)
class OpenShift:
    shift_id: int
    volunteer_id: int
    name: str
    started_at: dt.datetime


def closing_status(db: Database, actor: Actor, day: dt.date | None = None) -> ClosingStatus:
    """For 闭馆: every child still here with the family's phones and the calls made, volunteers still here.

    The numbers are in full even for a duty volunteer, who elsewhere sees them masked: calling the families of
    the children still here is what closing is for, and only for those children.
    """
    require(db, actor, Permission.DESK, what="day_closing")
    day = day or clock.today()
    here = present(db, actor)
    with reading(db, actor) as work:
        session = work.session
        closing = session.scalar(
            select(DayClosing).where(DayClosing.station_id == actor.station_id, DayClosing.day == day)
        )
        child_ids = [p.id for p in here.children]
        visit_ids = [p.record_id for p in here.children]
        guardians: dict[int, list[ContactPhone]] = {}
        if child_ids:
            for g in session.scalars(
                select(Guardian).where(Guardian.child_id.in_(child_ids)).order_by(Guardian.sort_order, Guardian.id)
            ):
                guardians.setdefault(g.child_id, []).append(
                    ContactPhone(g.id, g.name, relation_title(g), g.phone)
                )
        calls: dict[int, list[CallRecord]] = {}
        if visit_ids:
            for c in session.scalars(
                select(ClosingCall).where(ClosingCall.visit_id.in_(visit_ids)).order_by(ClosingCall.called_at)
            ):
                calls.setdefault(c.visit_id, []).append(
                    CallRecord(c.called_at, c.called_number, c.outcome)
                )
        return ClosingStatus(
            day=day,
            closed_at=closing.closed_at if closing else None,
            closed_reason=closing.reason if closing else None,
            children=tuple(
                ClosingChild(p.record_id, p.id, p.name, p.since, tuple(guardians.get(p.id, ())),
                             tuple(calls.get(p.record_id, ())))
                for p in here.children
            ),
            volunteers=here.volunteers,
        )


def record_call(
    db: Database, actor: Actor, visit_id: int, outcome: str, called_number: str | None = None,
    at: dt.datetime | None = None, *, guardian_id: int | None = None,
) -> CallRecord:
    """Record a call to the family of a child still here at closing, and what came of it.

    The number called is the guardian's (`guardian_id`, looked up here: the record keeps the real number,
    never what a screen showed) or one typed at the desk (`called_number`).
    """
    require(db, actor, Permission.DESK, what="closing_call")
    outcome = (outcome or "").strip()
    if not outcome:
        raise InvalidInput(Problem("请写下电话的结果（如：奶奶 10 分钟后到；无人接听）。", field="结果"))
    if len(outcome) > 200:
        raise InvalidInput(Problem("结果太长：请不超过 200 个字。", field="结果"))
    when = action_time(at)
    with unit_of_work(db, actor) as work:
        session = work.session
        visit = session.get(ChildVisit, visit_id)
        if visit is None or visit.station_id != actor.station_id:
            raise NotFound("找不到这条到站记录，可能已被撤销。")
        if guardian_id is not None:
            guardian = session.get(Guardian, guardian_id)
            if guardian is None or guardian.child_id != visit.child_id:
                raise NotFound("找不到这位监护人，可能刚被修改。请关闭闭馆窗口再打开。")
            called_number = guardian.phone
        session.add(
            ClosingCall(
                station_id=actor.station_id, visit_id=visit_id, called_at=when,
                called_number=(called_number or "").strip() or None, outcome=outcome, called_by=actor.user_id,
            )
        )
        audit.record(
            session, actor, "create", "closing_call", entity_id=visit_id, child_id=visit.child_id,
            detail={"outcome": outcome},
        )
    return CallRecord(when, (called_number or "").strip() or None, outcome)


def close_day(
    db: Database, actor: Actor, reason: str | None = None, day: dt.date | None = None, at: dt.datetime | None = None
) -> ClosingStatus:
    """闭馆: close the day. With children still here an explicit reason is required (and recorded)."""
    require(db, actor, Permission.DESK, what="day_closing")
    day = day or clock.today()
    when = action_time(at, "闭馆时间")
    reason = (reason or "").strip() or None
    with unit_of_work(db, actor) as work:
        session = work.session
        open_children = session.scalars(
            select(ChildVisit.id).where(*open_visits_of(actor.station_id))
        ).all()
        if open_children and not reason:
            raise InvalidInput(
                Problem(
                    f"还有 {len(open_children)} 名儿童在站。请先联系家长并签退，或写明闭馆原因（如：已电话联系，奶奶在路上，由值班志愿者陪同）。",
                    field="闭馆原因",
                )
            )
        if session.scalar(
            select(DayClosing.id).where(DayClosing.station_id == actor.station_id, DayClosing.day == day)
        ):
            raise Refused(f"{day:%Y-%m-%d} 已经闭馆，不用再闭馆。")
        closing = DayClosing(
            station_id=actor.station_id, day=day, closed_at=when, closed_by=actor.user_id,
            children_present=len(open_children), reason=reason,
        )
        session.add(closing)
        session.flush()
        audit.record(
            session, actor, "create", "day_closing", entity_id=closing.id,
            detail={"day": day, "children_present": len(open_children), "reason": reason},
        )
    return closing_status(db, actor, day)


def open_shifts_after_closing(db: Database, actor: Actor) -> tuple[OpenShift, ...]:
    """Volunteer shifts still open on a day already closed (or an earlier day): they need 补录."""
    require(db, actor, Permission.DESK, what="volunteer_shift")
    today_start = dt.datetime.combine(clock.today(), dt.time())
    with reading(db, actor) as work:
        session = work.session
        closed_days = set(
            session.scalars(select(DayClosing.day).where(DayClosing.station_id == actor.station_id)).all()
        )
        rows = sorted(session.execute(  # sorted here: see `present`
            select(VolunteerShift.id, VolunteerShift.volunteer_id, Volunteer.name, VolunteerShift.started_at)
            .join(Volunteer, Volunteer.id == VolunteerShift.volunteer_id)
            .where(*open_shifts_of(actor.station_id))
        ).all(), key=lambda row: row.started_at)
    return tuple(
        OpenShift(sid, vid, name, started)
        for sid, vid, name, started in rows
        if started < today_start or started.date() in closed_days
    )


def complete_shift(db: Database, actor: Actor, shift_id: int, ended_at: dt.datetime, reason: str = "") -> DeskAction:
    """补录: an administrator ends a shift left open; marked backfilled, with who and when."""
    require(db, actor, Permission.BACKFILL, what="volunteer_shift")
    when = action_time(ended_at, "结束时间")
    rounding = settings.station_value(db, actor.station_id, "hours_rounding_minutes")
    with unit_of_work(db, actor) as work:
        session = work.session
        shift = session.get(VolunteerShift, shift_id, with_for_update=True)
        if shift is None or shift.station_id != actor.station_id:
            raise NotFound("找不到这条值班记录。")
        if shift.ended_at is not None:
            raise Refused("这条值班已经结束，不需要补录。要改时间请用“更正时间”。")
        if when < shift.started_at:
            raise InvalidInput(Problem(f"结束时间不能早于开始时间 {short_time(shift.started_at)}。", field="结束时间"))
        volunteer = session.get(Volunteer, shift.volunteer_id)
        before = shift_state(shift)
        shift.ended_at = when
        shift.hours = round_hours(shift.started_at, when, rounding)
        shift.backfilled = True
        shift.backfilled_by = actor.user_id
        shift.backfilled_at = clock.now()
        session.flush()
        audit.record(
            session, actor, "backfill", ENTITY[VOLUNTEER], entity_id=shift.id,
            detail={"person_id": shift.volunteer_id, "name": volunteer.name, "reason": reason.strip() or None,
                    "by": actor.name, **audit.changes(before, shift_state(shift))},
        )
        return DeskAction(
            action="backfill", kind=VOLUNTEER, person_id=shift.volunteer_id, name=volunteer.name,
            record_id=shift.id, at=when, hours=shift.hours,
            message=f"已补录 {volunteer.name} 的值班，{shift.hours} 小时（补录人：{actor.name}）",
        )
