"""今天的记录: a day's visits and shifts, and correcting the check-in or check-out time of one afterwards (audited)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    ChildVisit,
    Volunteer,
    VolunteerShift,
)
from qsh_desk.services import audit, capacity, settings
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.checkin import (
    CHILD,
    VOLUNTEER,
    DeskAction,
    ENTITY,
    action_time,
    check_kind,
    is_one_open_violation,
    round_hours,
    shift_state,
    short_time,
    visit_state,
)
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, Problem


@dataclass(frozen=True)
class DayRecord:
    """One visit or shift that began on a day, for looking back at it and correcting its times."""

    kind: str
    record_id: int
    person_id: int
    name: str
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    collected_by: str | None = None  # who collected the child (name and relation), 自行回家, or None
    collector_unlisted: bool = False  # the collector was not on the child's authorised list
    override: capacity.Override | None = None  # let through past the capacity or the ratio: by whom, when, why

    @property
    def finished(self) -> bool:
        return self.checked_out_at is not None


def day_records(db: Database, actor: Actor, day: dt.date | None = None) -> tuple[DayRecord, ...]:
    """Every visit and shift of the station that began on `day` (default today), in order of arrival."""
    require(db, actor, Permission.DESK, what="visits")
    day = day or clock.today()
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    with reading(db, actor) as work:
        session = work.session
        visits = session.execute(
            select(ChildVisit.id, ChildVisit.child_id, Child.name, ChildVisit.checked_in_at, ChildVisit.checked_out_at,
                   ChildVisit.collector_name, ChildVisit.collector_relation, ChildVisit.went_home_alone,
                   ChildVisit.collector_unlisted)
            .join(Child, Child.id == ChildVisit.child_id)
            .where(ChildVisit.station_id == actor.station_id, ChildVisit.checked_in_at >= start,
                   ChildVisit.checked_in_at < end)
        ).all()
        shifts = session.execute(
            select(VolunteerShift.id, VolunteerShift.volunteer_id, Volunteer.name, VolunteerShift.started_at,
                   VolunteerShift.ended_at)
            .join(Volunteer, Volunteer.id == VolunteerShift.volunteer_id)
            .where(VolunteerShift.station_id == actor.station_id, VolunteerShift.started_at >= start,
                   VolunteerShift.started_at < end)
        ).all()
        overrides = capacity.overrides(session, actor.station_id, {ENTITY[CHILD]: [v[0] for v in visits],
                                                                   ENTITY[VOLUNTEER]: [s[0] for s in shifts]})

    def collected(name: str | None, relation: str | None, alone: bool) -> str | None:
        if alone:
            return "自行回家"
        return f"{name}（{relation}）" if name and relation else name


    records = [DayRecord(CHILD, vid, cid, name, came, left, collected(collector, relation, alone), bool(unlisted),
                         overrides.get((ENTITY[CHILD], vid)))
               for vid, cid, name, came, left, collector, relation, alone, unlisted in visits]
    records += [DayRecord(VOLUNTEER, sid, vol_id, name, came, left, override=overrides.get((ENTITY[VOLUNTEER], sid)))
                for sid, vol_id, name, came, left in shifts]
    return tuple(sorted(records, key=lambda r: (r.checked_in_at, r.kind, r.record_id)))


def correct_times(
    db: Database,
    actor: Actor,
    kind: str,
    record_id: int,
    *,
    reason: str,
    checked_in_at: dt.datetime | None = None,
    checked_out_at: dt.datetime | None = None,
) -> DeskAction:
    """Correct the in/out time of a visit or shift later; a reason is required and the change is audited."""
    check_kind(kind)
    require(db, actor, Permission.DESK, what=ENTITY[kind])
    problems = []
    if not (reason or "").strip():
        problems.append(Problem("更正时间必须写明原因（例如：忘记签退，按家长来接的时间补记）。", field="原因"))
    if checked_in_at is None and checked_out_at is None:
        problems.append(Problem("请填写要更正的签到或签退时间。"))
    if problems:
        raise InvalidInput(problems)
    new_in = action_time(checked_in_at, "签到时间") if checked_in_at else None
    new_out = action_time(checked_out_at, "签退时间") if checked_out_at else None
    rounding = settings.station_value(db, actor.station_id, "hours_rounding_minutes")
    table = ChildVisit if kind == CHILD else VolunteerShift
    try:
        with unit_of_work(db, actor) as work:
            session = work.session
            record = session.get(table, record_id, with_for_update=True)
            if record is None or record.station_id != actor.station_id:
                raise NotFound("找不到这条到站记录，可能已被删除。")
            person_id = record.child_id if kind == CHILD else record.volunteer_id
            person = session.get(Child if kind == CHILD else Volunteer, person_id)
            before = visit_state(record) if kind == CHILD else shift_state(record)
            start_attr, end_attr = ("checked_in_at", "checked_out_at") if kind == CHILD else ("started_at", "ended_at")
            start = new_in or getattr(record, start_attr)
            end = new_out or getattr(record, end_attr)
            if end is not None and end < start:
                raise InvalidInput(Problem("签退时间不能早于签到时间。", field="签退时间", value=short_time(end)))
            setattr(record, start_attr, start)
            setattr(record, end_attr, end)
            if kind == CHILD:
                record.source = "corrected"
            elif end is not None:
                record.hours = round_hours(start, end, rounding)
            session.flush()
            after = visit_state(record) if kind == CHILD else shift_state(record)
            audit.record(
                session, actor, "correct", ENTITY[kind], entity_id=record.id,
                child_id=person_id if kind == CHILD else None,
                detail={"person_id": person_id, "name": person.name, "reason": reason.strip(),
                        **audit.changes(before, after)},
            )
    except IntegrityError as error:
        if not is_one_open_violation(error):
            raise
        raise Conflict("这个人已经有一条未签退的记录，不能再打开一条。") from None
    return DeskAction(
        action="correct", kind=kind, person_id=person_id, name=person.name, record_id=record_id, at=start,
        message=f"已更正 {person.name} 的时间", hours=None if kind == CHILD else record.hours,
    )
