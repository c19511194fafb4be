"""花名册 and 家访记录表: the restricted 台账 for social workers and administrators (their printing is audited)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk import clock, courtesy
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    Guardian,
    Guardianship,
    HomeVisit,
    Parent,
)
from qsh_desk.services.access import Actor, Permission
from qsh_desk.services.errors import NotFound
from qsh_desk.services.kernel import reading
from qsh_desk.services.reports import (
    Choice,
    guardian_relation,
    pinyin_sort_key,
    station_name,
)


# -- 留守儿童花名册 -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RosterRow:
    name: str
    gender: str
    birth_date: dt.date | None
    ethnicity: str
    school_grade: str
    guardian: str
    relation: str
    parents_work: str
    guardianship: str
    phone: str


@dataclass(frozen=True)
class Roster:
    station: str
    day: dt.date
    rows: tuple[RosterRow, ...]


def roster(db: Database, actor: Actor) -> Roster:
    """The 留守儿童花名册 of the active roster (social workers and admins); the print is audited."""
    with reading(db, actor, Permission.PRINT_RESTRICTED, what="print:roster") as work:
        s = work.session
        sid = actor.station_id
        on_roster = (Child.station_id == sid, Child.active.is_(True), Child.archived_at.is_(None))
        # Plain columns, read in batches with a step each: 10,000 children never hold the desk up (courtesy).
        guardians: dict[int, Any] = {}
        for g in _in_steps(s, select(Guardian.child_id, Guardian.name, Guardian.relation, Guardian.relation_note,
                                     Guardian.phone).join(Child, Child.id == Guardian.child_id).where(*on_roster)
                           .order_by(Guardian.child_id, Guardian.is_primary.desc(), Guardian.sort_order, Guardian.id)):
            guardians.setdefault(g.child_id, g)
        workplaces: dict[int, list[str]] = {}
        for p in _in_steps(s, select(Parent.child_id, Parent.relation, Parent.work_province, Parent.work_city)
                           .join(Child, Child.id == Parent.child_id).where(*on_roster).order_by(Parent.id)):
            place = "".join(dict.fromkeys(x for x in (p.work_province, p.work_city) if x))
            entry = f"{p.relation[:1]}：{place}"
            if place and entry not in workplaces.setdefault(p.child_id, []):
                workplaces[p.child_id].append(entry)
        kinds = dict(s.execute(select(Guardianship.child_id, Guardianship.kind)
                               .join(Child, Child.id == Guardianship.child_id).where(*on_roster)).all())
        children = _in_steps(s, select(Child.id, Child.name, Child.sort_name, Child.gender, Child.birth_date,
                                       Child.ethnicity, Child.school, Child.grade).where(*on_roster)
                            .order_by(Child.id))
        rows = []
        for c in sorted(children, key=lambda c: pinyin_sort_key(c.name, c.sort_name)):
            g = guardians.get(c.id)
            rows.append(RosterRow(
                name=c.name, gender=c.gender, birth_date=c.birth_date, ethnicity=c.ethnicity or "",
                school_grade=" ".join(x for x in (c.school, c.grade) if x),
                guardian=g.name if g else "", relation=guardian_relation(g) if g else "",
                parents_work="；".join(workplaces.get(c.id, [])), guardianship=kinds.get(c.id) or "",
                phone=(g.phone or "") if g else "",
            ))
        work.audit("print", "roster", detail={"children": len(rows)})
        name = station_name(s, actor)
    return Roster(station=name, day=clock.today(), rows=tuple(rows))


def _in_steps(session: Session, query: Any) -> Iterator[Any]:
    """The query's rows, fetched 500 at a time, each a step where the desk goes first."""
    return courtesy.steps(session.execute(query.execution_options(yield_per=500)))


# -- 家访记录表 ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HomeVisitRecord:
    station: str
    id: int
    child_name: str
    gender: str
    birth_date: dt.date | None
    school_grade: str
    address: str
    guardian: str  # name and relation
    visited_on: dt.date
    visitors: str
    met_whom: str
    findings: str
    needs: str
    follow_up_actions: str
    follow_up_due: dt.date | None
    follow_up_done_on: dt.date | None


def home_visit_record(db: Database, actor: Actor, visit_id: int) -> HomeVisitRecord:
    """One 家访 for printing (social workers and admins); the print is audited against the child."""
    with reading(db, actor, Permission.PRINT_RESTRICTED, what="print:home_visit") as work:
        s = work.session
        visit = s.get(HomeVisit, visit_id)
        if visit is None or visit.station_id != actor.station_id:
            raise NotFound(f"找不到编号为 {visit_id} 的家访记录。请在“父母档案”页面查看家访编号。")
        child = s.get(Child, visit.child_id)
        g = s.scalars(select(Guardian).where(Guardian.child_id == child.id)
                      .order_by(Guardian.is_primary.desc(), Guardian.sort_order, Guardian.id).limit(1)).first()
        work.audit("print", "home_visit", entity_id=visit.id, child_id=child.id)
        return HomeVisitRecord(
            station=station_name(s, actor), id=visit.id, child_name=child.name, gender=child.gender,
            birth_date=child.birth_date, school_grade=" ".join(x for x in (child.school, child.grade) if x),
            address=child.current_address or child.household_address or "",
            guardian=f"{g.name}（{guardian_relation(g)}）" if g else "",
            visited_on=visit.visited_on, visitors=visit.visitors, met_whom=visit.met_whom or "",
            findings=visit.findings or "", needs=visit.needs or "",
            follow_up_actions=visit.follow_up_actions or "", follow_up_due=visit.follow_up_due,
            follow_up_done_on=visit.follow_up_done_on,
        )


def recent_home_visits(db: Database, actor: Actor, limit: int = 300) -> list[Choice]:
    with reading(db, actor, Permission.PRINT_RESTRICTED, what="print:home_visit") as work:
        s = work.session
        found = s.execute(
            select(HomeVisit.id, HomeVisit.visited_on, Child.name).join(Child, Child.id == HomeVisit.child_id)
            .where(HomeVisit.station_id == actor.station_id)
            .order_by(HomeVisit.visited_on.desc(), HomeVisit.id.desc()).limit(limit)
        ).all()
    return [Choice(i, f"{on:%Y-%m-%d} {name}（{i}）") for i, on, name in found]
