"""Planned sessions (活动计划): plan ahead, turn a plan into the logged session on the day, planned vs held."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qsh_desk.db.database import Database
from qsh_desk.db.models import Dream, ProgrammeSession, SessionPlan, Station, Volunteer
from qsh_desk.services import audit, calendar, sessions
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import InvalidInput, NotFound, Problem, Refused


@dataclass(frozen=True)
class PlanDraft:
    day: dt.date
    starts_at: dt.time
    dream_id: int
    theme: str
    ends_at: dt.time | None = None
    organiser_volunteer_id: int | None = None
    place: str | None = None
    materials: str | None = None


@dataclass(frozen=True)
class PlanRow:
    id: int
    day: dt.date
    starts_at: dt.time
    ends_at: dt.time | None
    dream_id: int
    dream_name: str
    colour: str
    theme: str
    organiser: str
    place: str | None
    materials: str | None
    held_session_id: int | None
    cancelled_reason: str | None

    @property
    def status(self) -> str:
        if self.cancelled_reason:
            return "已取消"
        return "已开展" if self.held_session_id else "计划中"


@dataclass(frozen=True)
class PlanMonth:
    """A month's plans for the 月度活动计划表."""

    station: str
    year: int
    month: int
    plans: tuple[PlanRow, ...]


@dataclass(frozen=True)
class DreamPlanCount:
    dream_id: int
    dream: str
    function: str
    planned: int  # plans not cancelled
    held_from_plan: int
    held_total: int  # every logged session of the dream in the period, planned or not


def _problems(db: Database, actor: Actor, draft: PlanDraft) -> list[Problem]:
    problems = []
    if not draft.theme.strip():
        problems.append(Problem("请填写活动主题。", field="主题"))
    if len(draft.theme) > 200:
        problems.append(Problem("主题太长，请不超过 200 字。", field="主题"))
    if draft.ends_at is not None and draft.ends_at <= draft.starts_at:
        problems.append(Problem("结束时间要晚于开始时间。", field="时间"))
    status = calendar.day_status(db, actor, draft.day)
    if not status.is_open:
        problems.append(Problem(f"{status.label} 不开放，请选择开放日，或先在日历里加开这一天。", field="日期"))
    return problems


def _check_references(session: Session, actor: Actor, draft: PlanDraft, problems: list[Problem]) -> None:
    dream = session.get(Dream, draft.dream_id)
    if dream is None or dream.station_id != actor.station_id:
        problems.append(Problem("请选择一个梦（活动类别）。", field="类别"))
    if draft.organiser_volunteer_id is not None:
        volunteer = session.get(Volunteer, draft.organiser_volunteer_id)
        if volunteer is None or volunteer.station_id != actor.station_id:
            problems.append(Problem("找不到这位组织者。", field="组织者"))


def _fields(draft: PlanDraft) -> dict:
    return {
        "day": draft.day, "starts_at": draft.starts_at, "ends_at": draft.ends_at, "dream_id": draft.dream_id,
        "theme": draft.theme.strip(), "organiser_volunteer_id": draft.organiser_volunteer_id,
        "place": (draft.place or "").strip() or None, "materials": (draft.materials or "").strip() or None,
    }


def plan_session(db: Database, actor: Actor, draft: PlanDraft) -> int:
    """Plan a session on an opening day; returns the plan's id."""
    require(db, actor, Permission.SESSION_MANAGE, what="session_plan")
    problems = _problems(db, actor, draft)
    with unit_of_work(db, actor) as work:
        session = work.session
        _check_references(session, actor, draft, problems)
        if problems:
            raise InvalidInput(problems)
        plan = SessionPlan(station_id=actor.station_id, **_fields(draft))
        session.add(plan)
        session.flush()
        audit.record(session, actor, "create", "session_plan", entity_id=plan.id, detail={"after": _fields(draft)})
        return plan.id


def _load(session: Session, actor: Actor, plan_id: int) -> SessionPlan:
    plan = session.get(SessionPlan, plan_id)
    if plan is None or plan.station_id != actor.station_id:
        raise NotFound("找不到这条活动计划，可能已被删除。")
    return plan


def update_plan(db: Database, actor: Actor, plan_id: int, draft: PlanDraft) -> None:
    require(db, actor, Permission.SESSION_MANAGE, what="session_plan")
    problems = _problems(db, actor, draft)
    with unit_of_work(db, actor) as work:
        session = work.session
        plan = _load(session, actor, plan_id)
        if plan.held_session_id:
            raise Refused("这条计划已经开展，请修改活动记录本身。")
        _check_references(session, actor, draft, problems)
        if problems:
            raise InvalidInput(problems)
        before = {key: getattr(plan, key) for key in _fields(draft)}
        for key, value in _fields(draft).items():
            setattr(plan, key, value)
        audit.record(session, actor, "update", "session_plan", entity_id=plan.id,
                     detail=audit.changes(before, _fields(draft)))


def cancel_plan(db: Database, actor: Actor, plan_id: int, reason: str) -> None:
    require(db, actor, Permission.SESSION_MANAGE, what="session_plan")
    if not (reason or "").strip():
        raise InvalidInput(Problem("请写明取消的原因。", field="原因"))
    with unit_of_work(db, actor) as work:
        session = work.session
        plan = _load(session, actor, plan_id)
        if plan.held_session_id:
            raise Refused("这条计划已经开展，不能取消。")
        plan.cancelled_reason = reason.strip()
        audit.record(session, actor, "update", "session_plan", entity_id=plan.id,
                     detail={"cancelled_reason": plan.cancelled_reason})


def list_plans(db: Database, actor: Actor, start: dt.date, end: dt.date) -> list[PlanRow]:
    with reading(db, actor, Permission.DESK, what="session_plan") as work:
        session = work.session
        rows = session.execute(
            select(SessionPlan, Dream.dream_name, Dream.colour, Volunteer.name)
            .join(Dream, Dream.id == SessionPlan.dream_id)
            .outerjoin(Volunteer, Volunteer.id == SessionPlan.organiser_volunteer_id)
            .where(SessionPlan.station_id == actor.station_id, SessionPlan.day.between(start, end))
            .order_by(SessionPlan.day, SessionPlan.starts_at, SessionPlan.id)
        ).all()
    return [
        PlanRow(p.id, p.day, p.starts_at, p.ends_at, p.dream_id, dream, colour, p.theme, organiser or "",
                p.place, p.materials, p.held_session_id, p.cancelled_reason)
        for p, dream, colour, organiser in rows
    ]


def hold_plan(
    db: Database,
    actor: Actor,
    plan_id: int,
    *,
    participant_ids: tuple[int, ...] = (),
    helper_ids: tuple[int, ...] = (),
    summary: str | None = None,
    theme: str | None = None,
) -> int:
    """On the day: log the session from the plan (what happened may differ from what was planned — the plan
    keeps what was planned) and link the two in the same transaction. Returns the session's id."""
    with unit_of_work(db, actor, Permission.SESSION_LOG, what="session_plan") as work:
        session = work.session
        plan = _load(session, actor, plan_id)
        if plan.cancelled_reason:
            raise Refused(f"这条计划已取消（{plan.cancelled_reason}），不能转为活动记录。")
        if plan.held_session_id:
            raise Refused("这条计划已经转为活动记录了。")
        draft = sessions.SessionDraft(
            dream_id=plan.dream_id,
            starts_at=dt.datetime.combine(plan.day, plan.starts_at),
            ends_at=dt.datetime.combine(plan.day, plan.ends_at) if plan.ends_at else None,
            theme=(theme or plan.theme).strip(),
            place=plan.place,
            organiser_volunteer_id=plan.organiser_volunteer_id,
            helper_ids=tuple(helper_ids),
            participant_ids=tuple(participant_ids),
            summary=summary,
        )

    def link(session: Session, session_id: int) -> None:
        # Inside the session's own transaction: the record and the link are written together or not at all.
        row = session.get(SessionPlan, plan_id)
        if row.held_session_id:  # another station held it in the meantime
            raise Refused("这条计划刚刚已被转为活动记录。")
        row.held_session_id = session_id
        audit.record(session, actor, "update", "session_plan", entity_id=plan_id,
                     detail={"held_session_id": session_id})

    return sessions.log_session(db, actor, draft, within=link)


def planned_vs_held(db: Database, actor: Actor, start: dt.date, end: dt.date) -> list[DreamPlanCount]:
    """Per dream, for a month or quarter: planned, held from a plan, and held in all — which dreams are neglected."""
    require(db, actor, Permission.DESK, what="session_plan")
    begin, finish = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    with reading(db, actor) as work:
        session = work.session
        dreams = session.execute(
            select(Dream.id, Dream.dream_name, Dream.function_name)
            .where(Dream.station_id == actor.station_id).order_by(Dream.sort_order, Dream.id)
        ).all()
        planned = dict(session.execute(
            select(SessionPlan.dream_id, func.count(SessionPlan.id))
            .where(SessionPlan.station_id == actor.station_id, SessionPlan.day.between(start, end),
                   SessionPlan.cancelled_reason.is_(None))
            .group_by(SessionPlan.dream_id)
        ).all())
        held_from_plan = dict(session.execute(
            select(SessionPlan.dream_id, func.count(SessionPlan.id))
            .where(SessionPlan.station_id == actor.station_id, SessionPlan.day.between(start, end),
                   SessionPlan.held_session_id.is_not(None))
            .group_by(SessionPlan.dream_id)
        ).all())
        held = dict(session.execute(
            select(ProgrammeSession.dream_id, func.count(ProgrammeSession.id))
            .where(ProgrammeSession.station_id == actor.station_id, ProgrammeSession.starts_at >= begin,
                   ProgrammeSession.starts_at < finish)
            .group_by(ProgrammeSession.dream_id)
        ).all())
    return [
        DreamPlanCount(did, name, function, planned.get(did, 0), held_from_plan.get(did, 0), held.get(did, 0))
        for did, name, function in dreams
    ]


def plan_month(db: Database, actor: Actor, year: int, month: int) -> PlanMonth:
    """The data of the 月度活动计划表 (cancelled plans stay on it, marked, so the paper matches the record)."""
    start, end = calendar.month_range(year, month)
    rows = list_plans(db, actor, start, end)
    with unit_of_work(db, actor) as work:
        session = work.session
        station = session.get(Station, actor.station_id)
    return PlanMonth(station.name if station else "", year, month, tuple(rows))
