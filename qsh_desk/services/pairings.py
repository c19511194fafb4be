"""结对帮扶 (温暖梦): a volunteer paired with a child, the visits made, and which pairings are overdue a visit.

The rule: an active pairing should be visited every `visit_interval_days` days (its own figure, else the
station setting 结对帮扶应多久走访一次, 30 days by default). It is due that many days after its last visit
(or after it started, when never visited) and overdue from the day after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import PAIRING_VISIT_KINDS, Child, Pairing, PairingVisit, Volunteer
from qsh_desk.services import audit, settings
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import InvalidInput, NotFound, Problem

VISIT_KINDS = PAIRING_VISIT_KINDS  # 上门 / 电话 / 学校 / 站内


@dataclass(frozen=True)
class PairingInfo:
    id: int
    volunteer_id: int
    volunteer_name: str
    child_id: int
    child_name: str
    started_on: dt.date
    ended_on: dt.date | None
    goal: str | None
    visit_interval_days: int  # the rule that applies (own figure or the station's)
    own_interval: bool  # True when the pairing has its own figure
    visits: int
    last_visit: dt.date | None
    due_on: dt.date

    def active_on(self, day: dt.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)

    def days_overdue(self, today: dt.date) -> int:
        """How many days past due (0 when not overdue)."""
        return max(0, (today - self.due_on).days) if self.active_on(today) else 0


@dataclass(frozen=True)
class VisitInfo:
    id: int
    pairing_id: int
    visited_on: dt.date
    kind: str
    what_done: str | None
    items_given: str | None
    next_step: str | None


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _check_interval(days: int | None, problems: list[Problem]) -> None:
    if days is not None and not 1 <= days <= 365:
        problems.append(Problem("走访间隔要在 1 到 365 天之间。", field="走访间隔", value=str(days)))


def create_pairing(
    db: Database,
    actor: Actor,
    *,
    volunteer_id: int,
    child_id: int,
    started_on: dt.date,
    goal: str | None = None,
    ended_on: dt.date | None = None,
    visit_interval_days: int | None = None,
) -> int:
    """Pair a volunteer with a child (needs 管理活动与结对帮扶). Returns the pairing's id."""
    require(db, actor, Permission.SESSION_MANAGE, what="pairing", child_id=child_id)
    problems: list[Problem] = []
    if ended_on is not None and ended_on < started_on:
        problems.append(Problem("结束日期早于开始日期：请检查日期。", field="结束日期"))
    _check_interval(visit_interval_days, problems)
    with unit_of_work(db, actor) as work:
        session = work.session
        volunteer = session.get(Volunteer, volunteer_id)
        child = session.get(Child, child_id)
        if volunteer is None or volunteer.station_id != actor.station_id:
            problems.append(Problem("请选择一位本站的志愿者。", field="志愿者"))
        if child is None or child.station_id != actor.station_id:
            problems.append(Problem("请选择一个本站的儿童。", field="儿童"))
        if not problems:
            already = session.scalar(
                select(Pairing.id).where(
                    Pairing.volunteer_id == volunteer_id,
                    Pairing.child_id == child_id,
                    or_(Pairing.ended_on.is_(None), Pairing.ended_on >= started_on),
                )
            )
            if already is not None:
                problems.append(Problem("这位志愿者已经和这个儿童结对了：请在原来的结对里记录走访。", field="结对"))
        if problems:
            raise InvalidInput(problems)
        pairing = Pairing(
            station_id=actor.station_id,
            volunteer_id=volunteer_id,
            child_id=child_id,
            started_on=started_on,
            ended_on=ended_on,
            goal=_text(goal),
            visit_interval_days=visit_interval_days,
        )
        session.add(pairing)
        session.flush()
        audit.record(session, actor, "create", "pairing", entity_id=pairing.id, child_id=child_id,
                     detail={"volunteer_id": volunteer_id, "started_on": started_on, "ended_on": ended_on,
                             "goal": pairing.goal, "visit_interval_days": visit_interval_days})
        return pairing.id


def _load(session: Session, actor: Actor, pairing_id: int) -> Pairing:
    pairing = session.get(Pairing, pairing_id)
    if pairing is None or pairing.station_id != actor.station_id:
        raise NotFound("找不到这个结对：可能已被删除，请刷新后再试。")
    return pairing


def update_pairing(
    db: Database,
    actor: Actor,
    pairing_id: int,
    *,
    goal: str | None,
    started_on: dt.date,
    ended_on: dt.date | None,
    visit_interval_days: int | None,
) -> None:
    """Change a pairing's goal, dates or visit rule (ending it = giving an end date); audited before/after."""
    require(db, actor, Permission.SESSION_MANAGE, what="pairing")
    problems: list[Problem] = []
    if ended_on is not None and ended_on < started_on:
        problems.append(Problem("结束日期早于开始日期：请检查日期。", field="结束日期"))
    _check_interval(visit_interval_days, problems)
    if problems:
        raise InvalidInput(problems)
    with unit_of_work(db, actor) as work:
        session = work.session
        pairing = _load(session, actor, pairing_id)
        fields = ("goal", "started_on", "ended_on", "visit_interval_days")
        before = {f: getattr(pairing, f) for f in fields}
        pairing.goal = _text(goal)
        pairing.started_on = started_on
        pairing.ended_on = ended_on
        pairing.visit_interval_days = visit_interval_days
        after = {f: getattr(pairing, f) for f in fields}
        if before != after:
            audit.record(session, actor, "update", "pairing", entity_id=pairing.id, child_id=pairing.child_id,
                         detail=audit.changes(before, after))


def record_visit(
    db: Database,
    actor: Actor,
    pairing_id: int,
    *,
    visited_on: dt.date,
    kind: str,
    what_done: str | None = None,
    items_given: str | None = None,
    next_step: str | None = None,
) -> int:
    """A visit within a pairing: 上门, 电话, 学校 or 站内 (duty volunteers may record). Returns its id."""
    require(db, actor, Permission.SESSION_LOG, what="pairing_visit")
    problems: list[Problem] = []
    if kind not in VISIT_KINDS:
        problems.append(Problem("走访方式只能是：" + "、".join(VISIT_KINDS) + "。", field="方式", value=kind))
    if visited_on > clock.today():
        problems.append(Problem("走访日期不能在今天之后。", field="日期", value=visited_on.isoformat()))
    with unit_of_work(db, actor) as work:
        session = work.session
        pairing = _load(session, actor, pairing_id)
        if visited_on < pairing.started_on:
            problems.append(Problem("走访日期早于结对开始的日期：请检查日期。", field="日期", value=visited_on.isoformat()))
        if problems:
            raise InvalidInput(problems)
        visit = PairingVisit(pairing_id=pairing.id, visited_on=visited_on, kind=kind, what_done=_text(what_done),
                             items_given=_text(items_given), next_step=_text(next_step))
        session.add(visit)
        session.flush()
        audit.record(session, actor, "create", "pairing_visit", entity_id=visit.id, child_id=pairing.child_id,
                     detail={"pairing_id": pairing.id, "visited_on": visited_on, "kind": kind})
        return visit.id


def list_pairings(
    db: Database, actor: Actor, *, include_ended: bool = False, today: dt.date | None = None
) -> list[PairingInfo]:
    """The station's pairings (active ones unless `include_ended`), with their visits and due dates."""
    require(db, actor, Permission.SESSION_LOG, what="pairing")
    today = today or clock.today()
    default_days = settings.station_value(db, actor.station_id, "pairing_visit_days")
    visits = (
        select(PairingVisit.pairing_id, func.count().label("visits"), func.max(PairingVisit.visited_on).label("last"))
        .group_by(PairingVisit.pairing_id)
        .subquery()
    )
    query = (
        select(Pairing, Volunteer.name, Child.name, visits.c.visits, visits.c.last)
        .join(Volunteer, Volunteer.id == Pairing.volunteer_id)
        .join(Child, Child.id == Pairing.child_id)
        .outerjoin(visits, visits.c.pairing_id == Pairing.id)
        .where(Pairing.station_id == actor.station_id)
        .order_by(Pairing.started_on.desc(), Pairing.id.desc())
    )
    if not include_ended:
        query = query.where(or_(Pairing.ended_on.is_(None), Pairing.ended_on >= today))
    with reading(db, actor) as work:
        session = work.session
        result = []
        for pairing, volunteer_name, child_name, count, last in session.execute(query):
            days = pairing.visit_interval_days or default_days
            result.append(
                PairingInfo(
                    id=pairing.id, volunteer_id=pairing.volunteer_id, volunteer_name=volunteer_name,
                    child_id=pairing.child_id, child_name=child_name, started_on=pairing.started_on,
                    ended_on=pairing.ended_on, goal=pairing.goal, visit_interval_days=days,
                    own_interval=pairing.visit_interval_days is not None, visits=count or 0, last_visit=last,
                    # Counted from the later of the last visit and the start (a visit dated before a
                    # restarted pairing must not make it overdue on its first day).
                    due_on=max(last or pairing.started_on, pairing.started_on) + dt.timedelta(days=days),
                )
            )
        return result


def overdue_pairings(db: Database, actor: Actor, *, today: dt.date | None = None) -> list[PairingInfo]:
    """Active pairings past their due date, most overdue first."""
    today = today or clock.today()
    overdue = [p for p in list_pairings(db, actor, today=today) if p.days_overdue(today) > 0]
    return sorted(overdue, key=lambda p: (p.due_on, p.id))


def list_visits(db: Database, actor: Actor, pairing_id: int) -> list[VisitInfo]:
    """A pairing's visits, newest first."""
    with unit_of_work(db, actor, Permission.SESSION_LOG, what="pairing_visit") as work:
        session = work.session
        _load(session, actor, pairing_id)
        rows = session.scalars(
            select(PairingVisit).where(PairingVisit.pairing_id == pairing_id)
            .order_by(PairingVisit.visited_on.desc(), PairingVisit.id.desc())
        ).all()
        return [VisitInfo(v.id, v.pairing_id, v.visited_on, v.kind, v.what_done, v.items_given, v.next_step)
                for v in rows]
