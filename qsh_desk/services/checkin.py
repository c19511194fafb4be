"""The check-in desk's use cases: children and volunteers in and out, pickup, here-now, closing, undo.

Every function takes the database and the acting user, checks permission first, validates, then writes
in one transaction with its audit row. The database itself guarantees that a child has at most one open
visit (and a volunteer one open shift): a race between two station PCs ends in a `Conflict`, never in a
second open visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import desc, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    AuditEntry,
    Child,
    ChildVisit,
    ClosingCall,
    Consent,
    DayClosing,
    Guardian,
    Volunteer,
    VolunteerShift,
)
from qsh_desk.services import audit, duty, settings
from qsh_desk.services.kernel import unit_of_work
from qsh_desk.services.access import Actor, Permission, phone_for, require
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, Problem, Refused

CHILD = "child"
VOLUNTEER = "volunteer"
KINDS = (CHILD, VOLUNTEER)
KIND_TITLES = {CHILD: "儿童", VOLUNTEER: "志愿者"}

# Audit vocabulary of the desk; `undo_last` reads it back to find the actor's last action.
ENTITY = {CHILD: "child_visit", VOLUNTEER: "volunteer_shift"}
ACTION_IN, ACTION_OUT, ACTION_UNDO = "check_in", "check_out", "undo"

# A time typed (or sent by --at) this far in the future is a mistake, not a plan.
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


class AlreadyHere(Refused):
    """Check-in of someone who is already here: the caller offers check-out instead."""

    def __init__(self, message: str, kind: str, person_id: int, since: dt.datetime):
        super().__init__(message)
        self.kind, self.person_id, self.since = kind, person_id, since


class NotHere(Refused):
    """Check-out of someone who is not here."""


@dataclass(frozen=True)
class DeskAction:
    """What one desk action did, for the confirmation line, the here-now panel and undo."""

    action: str  # "check_in" | "check_out"
    kind: str  # "child" | "volunteer"
    person_id: int
    name: str
    record_id: int  # the visit's or the shift's id
    at: dt.datetime
    message: str  # the confirmation, in Chinese
    warning: str | None = None  # e.g. an unlisted collector; shown and recorded
    collector: str | None = None
    collector_relation: str | None = None
    collector_unlisted: bool = False
    went_home_alone: bool = False
    hours: Decimal | None = None


@dataclass(frozen=True)
class Pickup:
    """Who collects a child: a listed guardian, the child alone (with consent), or someone unlisted."""

    guardian_id: int | None = None
    name: str | None = None  # a name to match against the authorised list, or an unlisted person
    relation: str | None = None
    phone: str | None = None
    alone: bool = False

    @classmethod
    def by_guardian(cls, guardian_id: int) -> Pickup:
        return cls(guardian_id=guardian_id)

    @classmethod
    def home_alone(cls) -> Pickup:
        return cls(alone=True)

    @classmethod
    def by_person(cls, name: str, relation: str | None = None, phone: str | None = None) -> Pickup:
        """A person by name: a listed collector if the name is on the list, else recorded as unlisted."""
        return cls(name=name, relation=relation, phone=phone)


@dataclass(frozen=True)
class Collector:
    guardian_id: int
    name: str
    relation: str  # 祖母, or the note (姑姑) when the relation is 其他
    phone: str | None  # masked for roles that may not see phones


@dataclass(frozen=True)
class PickupOptions:
    """What the check-out dialog offers for one child."""

    child_id: int
    name: str
    since: dt.datetime
    collectors: tuple[Collector, ...]  # authorised to collect, in the roster's order
    alone_allowed: bool  # a go-home-alone consent is on file
    medical_flag: bool


@dataclass(frozen=True)
class PresentPerson:
    kind: str
    id: int
    name: str
    since: dt.datetime
    record_id: int
    medical_flag: bool = False
    stale: bool = False  # open since an earlier day, or after today's 闭馆: a forgotten check-out, flagged


@dataclass(frozen=True)
class Present:
    """Who is here now, longest-present first, with head counts."""

    children: tuple[PresentPerson, ...]
    volunteers: tuple[PresentPerson, ...]

    @property
    def children_count(self) -> int:
        return len(self.children)

    @property
    def volunteers_count(self) -> int:
        return len(self.volunteers)

    @property
    def everyone(self) -> tuple[PresentPerson, ...]:
        return self.children + self.volunteers


@dataclass(frozen=True)
class ContactPhone:
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


# --------------------------------------------------------------------------------------------- helpers


def _when(at: dt.datetime | None, field: str = "时间") -> dt.datetime:
    """The time of an action: now, or a given time that is not in the future."""
    if at is None:
        return clock.now()
    at = at.replace(microsecond=0, tzinfo=None) if at.tzinfo is None else at.astimezone().replace(tzinfo=None)
    if at > clock.now() + FUTURE_TOLERANCE:
        raise InvalidInput(Problem("不能填将来的时间。请检查日期和钟点。", field=field, value=at.strftime("%Y-%m-%d %H:%M")))
    return at


def _hm(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M") if moment.date() == clock.today() else moment.strftime("%m-%d %H:%M")


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InvalidInput(f"不认识的人员类别“{kind}”：只能是 child 或 volunteer。")


def _person(session: Session, actor: Actor, kind: str, person_id: int) -> Child | Volunteer:
    table = Child if kind == CHILD else Volunteer
    row = session.get(table, person_id)
    if row is None or row.station_id != actor.station_id:
        raise NotFound(f"找不到这名{KIND_TITLES[kind]}（编号 {person_id}）。可能已被删除，请重新搜索。")
    if not row.active:
        raise Refused(f"{row.name} 已停用（不在花名册上）。如需签到，请先在花名册里恢复。")
    return row


def _open_record(session: Session, kind: str, person_id: int) -> ChildVisit | VolunteerShift | None:
    """The person's open visit or shift, if any (locked for update where the database can)."""
    if kind == CHILD:
        query = select(ChildVisit).where(ChildVisit.child_id == person_id, ChildVisit.checked_out_at.is_(None))
    else:
        query = select(VolunteerShift).where(
            VolunteerShift.volunteer_id == person_id, VolunteerShift.ended_at.is_(None)
        )
    return session.scalars(query.with_for_update()).first()


def open_visits_of(station_id: int) -> tuple:
    """WHERE clauses for a station's open visits (served by the small partial index of open visits per station,
    not by the station's index over every visit ever made: 1 ms instead of 1 s at district scale). Do not ORDER
    BY a time in the same query: SQLite would then pick the big index for its order (sort in Python instead)."""
    return (ChildVisit.checked_out_at.is_(None), ChildVisit.station_id == station_id)


def open_shifts_of(station_id: int) -> tuple:
    """WHERE clauses for a station's open shifts (see `open_visits_of`)."""
    return (VolunteerShift.ended_at.is_(None), VolunteerShift.station_id == station_id)


def _since(record: ChildVisit | VolunteerShift) -> dt.datetime:
    return record.checked_in_at if isinstance(record, ChildVisit) else record.started_at


def _is_one_open_violation(error: IntegrityError) -> bool:
    text = str(error.orig).lower()
    return "one_open" in text or "child_visits.child_id" in text or "volunteer_shifts.volunteer_id" in text


def round_hours(started: dt.datetime, ended: dt.datetime, rounding_minutes: int) -> Decimal:
    """Service hours: the actual time, rounded to the nearest `rounding_minutes` (halves round up)."""
    minutes = Decimal((ended - started).total_seconds()) / 60
    step = Decimal(max(1, int(rounding_minutes)))
    rounded = (minutes / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return (rounded / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------------------------------- check-in


def check_in(db: Database, actor: Actor, kind: str, person_id: int, at: dt.datetime | None = None) -> DeskAction:
    """Check a child or a volunteer in (a new open visit or shift).

    Raises AlreadyHere (a Refused) when the person is already here — the caller offers check-out —
    and Conflict when another station checked the same person in at the same moment.
    """
    _check_kind(kind)
    require(db, actor, Permission.DESK, what=ENTITY[kind], child_id=person_id if kind == CHILD else None)
    when = _when(at, "签到时间")
    name = "?"
    try:
        with unit_of_work(db, actor) as work:
            session = work.session
            person = _person(session, actor, kind, person_id)
            name = person.name
            existing = _open_record(session, kind, person_id)
            if existing is not None:
                since = _since(existing)
                raise AlreadyHere(
                    f"{name} 已经在站（{_hm(since)} 签到），不能重复签到。要签退请选“签退”。", kind, person_id, since
                )
            if kind == CHILD:
                record: ChildVisit | VolunteerShift = ChildVisit(
                    station_id=actor.station_id, child_id=person_id, checked_in_at=when, source="desk",
                    checked_in_by=actor.user_id,
                )
            else:
                # A volunteer holding a duty post that day fills it: the shift is linked to the post (排班).
                record = VolunteerShift(station_id=actor.station_id, volunteer_id=person_id, started_at=when,
                                        duty_assignment_id=duty.assignment_for_shift(session, person_id, when))
            session.add(record)
            session.flush()  # the unique index speaks here if another station was faster
            audit.record(
                session, actor, ACTION_IN, ENTITY[kind], entity_id=record.id,
                child_id=person_id if kind == CHILD else None,
                detail={"person_id": person_id, "name": name, "at": when},
            )
            record_id = record.id
    except IntegrityError as error:
        if not _is_one_open_violation(error):
            raise
        raise Conflict(
            f"{name} 刚刚已在另一台电脑上签到，这里没有重复签到。请看“在站”名单确认。"
        ) from None
    return DeskAction(
        action=ACTION_IN, kind=kind, person_id=person_id, name=name, record_id=record_id, at=when,
        message=f"{name} 签到成功（{_hm(when)}）",
    )


# ------------------------------------------------------------------------------------------ check-out


def _collectors(session: Session, actor: Actor, child_id: int) -> list[Guardian]:
    return list(
        session.scalars(
            select(Guardian)
            .where(Guardian.child_id == child_id, Guardian.may_collect.is_(True))
            .order_by(Guardian.sort_order, Guardian.id)
        )
    )


def _alone_allowed(session: Session, child_id: int, on: dt.date) -> bool:
    consent = session.scalar(
        select(Consent.id).where(
            Consent.child_id == child_id,
            Consent.kind == "go_home_alone",
            Consent.given_on <= on,
            (Consent.revoked_on.is_(None)) | (Consent.revoked_on > on),
        )
    )
    return consent is not None


def _relation_title(guardian: Guardian) -> str:
    return guardian.relation_note if guardian.relation == "其他" and guardian.relation_note else guardian.relation


def pickup_options(db: Database, actor: Actor, child_id: int) -> PickupOptions:
    """The check-out dialog's choices for a child who is here: listed collectors, and 自行回家 if consented."""
    with unit_of_work(db, actor, Permission.DESK, what="child_visit", child_id=child_id) as work:
        session = work.session
        child = _person(session, actor, CHILD, child_id)
        visit = _open_record(session, CHILD, child_id)
        if visit is None:
            raise NotHere(f"{child.name} 现在不在站，不需要签退。")
        collectors = tuple(
            Collector(g.id, g.name, _relation_title(g), phone_for(actor, g.phone))
            for g in _collectors(session, actor, child_id)
        )
        return PickupOptions(
            child_id=child_id, name=child.name, since=visit.checked_in_at, collectors=collectors,
            alone_allowed=_alone_allowed(session, child_id, clock.today()), medical_flag=child.medical_flag,
        )


def check_out_child(
    db: Database, actor: Actor, child_id: int, pickup: Pickup, at: dt.datetime | None = None
) -> DeskAction:
    """Check a child out, recording who collected the child.

    `pickup` is a listed guardian (`Pickup.by_guardian`), the child alone (`Pickup.home_alone`, refused
    without a go-home-alone consent on file) or a person by name (`Pickup.by_person`): matched against the
    authorised list, or else recorded with `collector_unlisted` and a warning (name and relation required).
    """
    require(db, actor, Permission.DESK, what="child_visit", child_id=child_id)
    when = _when(at, "签退时间")
    chosen = sum((pickup.guardian_id is not None, bool(pickup.alone), bool((pickup.name or "").strip())))
    if chosen != 1:
        raise InvalidInput("请选择谁来接：名单上的接送人、自行回家，或填写来接的人的姓名和关系。")
    with unit_of_work(db, actor) as work:
        session = work.session
        child = _person(session, actor, CHILD, child_id)
        visit = _open_record(session, CHILD, child_id)
        if visit is None:
            raise NotHere(f"{child.name} 现在不在站（没有签到），不能签退。")
        if when < visit.checked_in_at:
            raise InvalidInput(
                Problem(f"签退时间不能早于签到时间 {_hm(visit.checked_in_at)}。", field="签退时间", value=_hm(when))
            )
        collectors = _collectors(session, actor, child_id)
        guardian: Guardian | None = None
        warning = None
        if pickup.alone:
            if not _alone_allowed(session, child_id, when.date()):
                raise Refused(
                    f"{child.name} 没有监护人签字的“自行回家”同意书，不能自己回家。请联系监护人来接，或选择来接的人。"
                )
        elif pickup.guardian_id is not None:
            guardian = next((g for g in collectors if g.id == pickup.guardian_id), None)
            if guardian is None:
                raise Refused(f"这位接送人不在 {child.name} 的可接送名单上。请从名单中选择，或按“其他人”填写。")
        else:
            name = (pickup.name or "").strip()
            guardian = next((g for g in collectors if g.name == name), None)
            if guardian is None:
                problems = []
                if len(name) > 64:
                    problems.append(Problem("姓名太长。", field="来接的人"))
                if not (pickup.relation or "").strip():
                    problems.append(Problem("来接的人不在名单上，请填写与孩子的关系（如：舅舅、邻居）。", field="关系"))
                if pickup.phone and not _looks_like_phone(pickup.phone):
                    problems.append(Problem("电话号码看不懂：请只填数字。", field="电话", value=pickup.phone))
                if problems:
                    raise InvalidInput(problems)
                refused = session.scalar(
                    select(Guardian.id).where(Guardian.child_id == child_id, Guardian.name == name)
                )
                warning = (
                    f"注意：{name} 在名单上但没有接送权限。已记录，请尽快告知社工。"
                    if refused
                    else f"注意：{name}（{pickup.relation.strip()}）不在 {child.name} 的可接送名单上。已记录，请尽快告知社工。"
                )
        before = _visit_state(visit)
        visit.checked_out_at = when
        visit.checked_out_by = actor.user_id
        visit.went_home_alone = bool(pickup.alone)
        visit.collector_unlisted = warning is not None
        if guardian is not None:
            visit.collector_guardian_id = guardian.id
            visit.collector_name = guardian.name
            visit.collector_relation = _relation_title(guardian)[:16]
            visit.collector_phone = guardian.phone
        elif not pickup.alone:
            visit.collector_name = (pickup.name or "").strip()
            visit.collector_relation = (pickup.relation or "").strip()[:16]
            visit.collector_phone = (pickup.phone or "").strip() or None
        session.flush()
        audit.record(
            session, actor, ACTION_OUT, ENTITY[CHILD], entity_id=visit.id, child_id=child_id,
            detail={"person_id": child_id, "name": child.name, "before": before, "after": _visit_state(visit),
                    "warning": warning},
        )
        if pickup.alone:
            message = f"{child.name} 自行回家，签退成功（{_hm(when)}）"
        else:
            message = f"{child.name} 由 {visit.collector_name}（{visit.collector_relation}）接走，签退成功（{_hm(when)}）"
        return DeskAction(
            action=ACTION_OUT, kind=CHILD, person_id=child_id, name=child.name, record_id=visit.id, at=when,
            message=message, warning=warning, collector=visit.collector_name,
            collector_relation=visit.collector_relation, collector_unlisted=visit.collector_unlisted,
            went_home_alone=visit.went_home_alone,
        )


def _looks_like_phone(phone: str) -> bool:
    digits = phone.replace(" ", "").replace("-", "")
    return digits.isdigit() and 5 <= len(digits) <= 20


def _visit_state(visit: ChildVisit) -> dict:
    return {
        "checked_in_at": visit.checked_in_at,
        "checked_out_at": visit.checked_out_at,
        "collector_guardian_id": visit.collector_guardian_id,
        "collector_name": visit.collector_name,
        "collector_relation": visit.collector_relation,
        "collector_phone": visit.collector_phone,
        "collector_unlisted": visit.collector_unlisted,
        "went_home_alone": visit.went_home_alone,
        "source": visit.source,
    }


def _shift_state(shift: VolunteerShift) -> dict:
    return {
        "started_at": shift.started_at,
        "ended_at": shift.ended_at,
        "hours": str(shift.hours) if shift.hours is not None else None,
        "backfilled": shift.backfilled,
    }


def check_out_volunteer(db: Database, actor: Actor, volunteer_id: int, at: dt.datetime | None = None) -> DeskAction:
    """End a volunteer's shift; the hours are the actual time rounded per the station's setting."""
    require(db, actor, Permission.DESK, what="volunteer_shift")
    when = _when(at, "签退时间")
    rounding = settings.station_value(db, actor.station_id, "hours_rounding_minutes")
    with unit_of_work(db, actor) as work:
        session = work.session
        volunteer = _person(session, actor, VOLUNTEER, volunteer_id)
        shift = _open_record(session, VOLUNTEER, volunteer_id)
        if shift is None:
            raise NotHere(f"{volunteer.name} 现在不在站（没有签到），不能签退。")
        if when < shift.started_at:
            raise InvalidInput(
                Problem(f"签退时间不能早于签到时间 {_hm(shift.started_at)}。", field="签退时间", value=_hm(when))
            )
        before = _shift_state(shift)
        shift.ended_at = when
        shift.hours = round_hours(shift.started_at, when, rounding)
        session.flush()
        audit.record(
            session, actor, ACTION_OUT, ENTITY[VOLUNTEER], entity_id=shift.id,
            detail={"person_id": volunteer_id, "name": volunteer.name, "before": before, "after": _shift_state(shift)},
        )
        return DeskAction(
            action=ACTION_OUT, kind=VOLUNTEER, person_id=volunteer_id, name=volunteer.name, record_id=shift.id,
            at=when, hours=shift.hours, message=f"{volunteer.name} 签退成功，本次服务 {shift.hours} 小时",
        )


# ------------------------------------------------------------------------------------------- here now


def present(db: Database, actor: Actor) -> Present:
    """Children and volunteers here now (open visits and shifts of this station), longest-present first."""
    require(db, actor, Permission.DESK, what="present")
    today_start = dt.datetime.combine(clock.today(), dt.time())
    with unit_of_work(db, actor) as work:
        session = work.session
        # Sorted here, not by the database: an ORDER BY on the time makes SQLite walk the station's index of every
        # visit ever made (0.35 s at district scale) instead of the small index of open ones (a fraction of a ms).
        children = sorted(session.execute(
            select(ChildVisit.id, ChildVisit.child_id, Child.name, ChildVisit.checked_in_at, Child.medical_flag)
            .join(Child, Child.id == ChildVisit.child_id)
            .where(*open_visits_of(actor.station_id))
        ).all(), key=lambda row: (row.checked_in_at, row.id))
        volunteers = sorted(session.execute(
            select(VolunteerShift.id, VolunteerShift.volunteer_id, Volunteer.name, VolunteerShift.started_at)
            .join(Volunteer, Volunteer.id == VolunteerShift.volunteer_id)
            .where(*open_shifts_of(actor.station_id))
        ).all(), key=lambda row: (row.started_at, row.id))
        # Still open on a day already closed (闭馆): flagged, like anything left open from an earlier day.
        closed_today = session.scalar(
            select(DayClosing.id).where(DayClosing.station_id == actor.station_id, DayClosing.day == today_start.date())
        ) is not None

    def stale(since: dt.datetime) -> bool:
        return since < today_start or closed_today

    return Present(
        children=tuple(
            PresentPerson(CHILD, cid, name, since, vid, bool(flag), stale(since))
            for vid, cid, name, since, flag in children
        ),
        volunteers=tuple(
            PresentPerson(VOLUNTEER, vol_id, name, since, sid, False, stale(since))
            for sid, vol_id, name, since in volunteers
        ),
    )


# ---------------------------------------------------------------------------------------------- undo


@dataclass(frozen=True)
class UndoResult:
    kind: str
    person_id: int
    name: str
    undone: str  # the action undone: "check_in" | "check_out"
    message: str


def last_undoable(db: Database, actor: Actor, now: dt.datetime | None = None) -> AuditEntry | None:
    """The actor's last desk action if it can still be undone (within the station's `undo_minutes`)."""
    minutes = settings.station_value(db, actor.station_id, "undo_minutes")
    now = now or clock.now()
    with unit_of_work(db, actor) as work:
        session = work.session
        entry = session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.station_id == actor.station_id,
                AuditEntry.actor == actor.name,
                AuditEntry.action.in_((ACTION_IN, ACTION_OUT, ACTION_UNDO)),
                AuditEntry.entity.in_(tuple(ENTITY.values())),
            )
            .order_by(desc(AuditEntry.id))
            .limit(1)
        ).first()
    if entry is None or entry.action == ACTION_UNDO or entry.at < now - dt.timedelta(minutes=minutes):
        return None
    return entry


def undo_last(db: Database, actor: Actor) -> UndoResult:
    """Undo the actor's last check-in or check-out, within `undo_minutes`; the undo itself is audited.

    Undoing a check-in removes the visit (or shift); undoing a check-out reopens it as it was before.
    """
    require(db, actor, Permission.DESK, what="undo")
    minutes = settings.station_value(db, actor.station_id, "undo_minutes")
    entry = last_undoable(db, actor)
    if entry is None:
        raise Refused(f"没有可以撤销的操作：只能撤销自己 {minutes} 分钟内的最后一次签到或签退。")
    kind = CHILD if entry.entity == ENTITY[CHILD] else VOLUNTEER
    person_id = int((entry.detail or {}).get("person_id"))
    name = (entry.detail or {}).get("name", "")
    table = ChildVisit if kind == CHILD else VolunteerShift
    try:
        with unit_of_work(db, actor) as work:
            session = work.session
            record = session.get(table, entry.entity_id, with_for_update=True)
            if record is None:
                raise Conflict(f"{name} 的这条记录已被别人改过或删除，不能撤销。")
            state = _visit_state(record) if kind == CHILD else _shift_state(record)
            if entry.action == ACTION_IN:
                if (record.checked_out_at if kind == CHILD else record.ended_at) is not None:
                    raise Conflict(f"{name} 已经签退，不能再撤销签到。如需更正，请先撤销签退。")
                session.delete(record)
                message = f"已撤销 {name} 的签到"
            else:
                if _open_record(session, kind, person_id) is not None:
                    raise Conflict(f"{name} 之后又签到了，不能撤销之前的签退。")
                before = (entry.detail or {}).get("before") or {}
                if kind == CHILD:
                    for field in ("collector_guardian_id", "collector_name", "collector_relation", "collector_phone"):
                        setattr(record, field, before.get(field))
                    record.collector_unlisted = bool(before.get("collector_unlisted"))
                    record.went_home_alone = bool(before.get("went_home_alone"))
                    record.checked_out_at = None
                    record.checked_out_by = None
                else:
                    record.ended_at = None
                    record.hours = None
                message = f"已撤销 {name} 的签退，{name} 重新显示为在站"
            session.flush()
            audit.record(
                session, actor, ACTION_UNDO, entry.entity, entity_id=entry.entity_id,
                child_id=person_id if kind == CHILD else None,
                detail={"undone": entry.action, "undone_audit_id": entry.id, "person_id": person_id, "name": name,
                        "before": state},
            )
    except IntegrityError as error:
        if not _is_one_open_violation(error):
            raise
        raise Conflict(f"{name} 已在另一台电脑上重新签到，不能撤销签退。") from None
    return UndoResult(kind=kind, person_id=person_id, name=name, undone=entry.action, message=message)


# ------------------------------------------------------------------------------------ time corrections


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

    @property
    def finished(self) -> bool:
        return self.checked_out_at is not None


def day_records(db: Database, actor: Actor, day: dt.date | None = None) -> tuple[DayRecord, ...]:
    """Every visit and shift of the station that began on `day` (default today), in order of arrival."""
    require(db, actor, Permission.DESK, what="visits")
    day = day or clock.today()
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    with unit_of_work(db, actor) as work:
        session = work.session
        visits = session.execute(
            select(ChildVisit.id, ChildVisit.child_id, Child.name, ChildVisit.checked_in_at, ChildVisit.checked_out_at,
                   ChildVisit.collector_name, ChildVisit.collector_relation, ChildVisit.went_home_alone)
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

    def collected(name: str | None, relation: str | None, alone: bool) -> str | None:
        if alone:
            return "自行回家"
        return f"{name}（{relation}）" if name and relation else name

    records = [DayRecord(CHILD, vid, cid, name, came, left, collected(collector, relation, alone))
               for vid, cid, name, came, left, collector, relation, alone in visits]
    records += [DayRecord(VOLUNTEER, sid, vol_id, name, came, left) for sid, vol_id, name, came, left in shifts]
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
    _check_kind(kind)
    require(db, actor, Permission.DESK, what=ENTITY[kind])
    problems = []
    if not (reason or "").strip():
        problems.append(Problem("更正时间必须写明原因（例如：忘记签退，按家长来接的时间补记）。", field="原因"))
    if checked_in_at is None and checked_out_at is None:
        problems.append(Problem("请填写要更正的签到或签退时间。"))
    if problems:
        raise InvalidInput(problems)
    new_in = _when(checked_in_at, "签到时间") if checked_in_at else None
    new_out = _when(checked_out_at, "签退时间") if checked_out_at else None
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
            before = _visit_state(record) if kind == CHILD else _shift_state(record)
            start_attr, end_attr = ("checked_in_at", "checked_out_at") if kind == CHILD else ("started_at", "ended_at")
            start = new_in or getattr(record, start_attr)
            end = new_out or getattr(record, end_attr)
            if end is not None and end < start:
                raise InvalidInput(Problem("签退时间不能早于签到时间。", field="签退时间", value=_hm(end)))
            setattr(record, start_attr, start)
            setattr(record, end_attr, end)
            if kind == CHILD:
                record.source = "corrected"
            elif end is not None:
                record.hours = round_hours(start, end, rounding)
            session.flush()
            after = _visit_state(record) if kind == CHILD else _shift_state(record)
            audit.record(
                session, actor, "correct", ENTITY[kind], entity_id=record.id,
                child_id=person_id if kind == CHILD else None,
                detail={"person_id": person_id, "name": person.name, "reason": reason.strip(),
                        **audit.changes(before, after)},
            )
    except IntegrityError as error:
        if not _is_one_open_violation(error):
            raise
        raise Conflict("这个人已经有一条未签退的记录，不能再打开一条。") from None
    return DeskAction(
        action="correct", kind=kind, person_id=person_id, name=person.name, record_id=record_id, at=start,
        message=f"已更正 {person.name} 的时间", hours=None if kind == CHILD else record.hours,
    )


# -------------------------------------------------------------------------------------------- closing


def closing_status(db: Database, actor: Actor, day: dt.date | None = None) -> ClosingStatus:
    """For 闭馆: every child still here with the family's phones and the calls made, volunteers still here."""
    require(db, actor, Permission.DESK, what="day_closing")
    day = day or clock.today()
    here = present(db, actor)
    with unit_of_work(db, actor) as work:
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
                    ContactPhone(g.name, _relation_title(g), phone_for(actor, g.phone))
                )
        calls: dict[int, list[CallRecord]] = {}
        if visit_ids:
            for c in session.scalars(
                select(ClosingCall).where(ClosingCall.visit_id.in_(visit_ids)).order_by(ClosingCall.called_at)
            ):
                calls.setdefault(c.visit_id, []).append(
                    CallRecord(c.called_at, phone_for(actor, c.called_number), c.outcome)
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
    at: dt.datetime | None = None,
) -> CallRecord:
    """Record a call to the family of a child still here at closing, and what came of it."""
    require(db, actor, Permission.DESK, what="closing_call")
    outcome = (outcome or "").strip()
    if not outcome:
        raise InvalidInput(Problem("请写下电话的结果（如：奶奶 10 分钟后到；无人接听）。", field="结果"))
    if len(outcome) > 200:
        raise InvalidInput(Problem("结果太长：请不超过 200 个字。", field="结果"))
    when = _when(at)
    with unit_of_work(db, actor) as work:
        session = work.session
        visit = session.get(ChildVisit, visit_id)
        if visit is None or visit.station_id != actor.station_id:
            raise NotFound("找不到这条到站记录，可能已被撤销。")
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
    return CallRecord(when, phone_for(actor, called_number), outcome)


def close_day(
    db: Database, actor: Actor, reason: str | None = None, day: dt.date | None = None, at: dt.datetime | None = None
) -> ClosingStatus:
    """闭馆: close the day. With children still here an explicit reason is required (and recorded)."""
    require(db, actor, Permission.DESK, what="day_closing")
    day = day or clock.today()
    when = _when(at, "闭馆时间")
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
    with unit_of_work(db, actor) as work:
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
    when = _when(ended_at, "结束时间")
    rounding = settings.station_value(db, actor.station_id, "hours_rounding_minutes")
    with unit_of_work(db, actor) as work:
        session = work.session
        shift = session.get(VolunteerShift, shift_id, with_for_update=True)
        if shift is None or shift.station_id != actor.station_id:
            raise NotFound("找不到这条值班记录。")
        if shift.ended_at is not None:
            raise Refused("这条值班已经结束，不需要补录。要改时间请用“更正时间”。")
        if when < shift.started_at:
            raise InvalidInput(Problem(f"结束时间不能早于开始时间 {_hm(shift.started_at)}。", field="结束时间"))
        volunteer = session.get(Volunteer, shift.volunteer_id)
        before = _shift_state(shift)
        shift.ended_at = when
        shift.hours = round_hours(shift.started_at, when, rounding)
        shift.backfilled = True
        shift.backfilled_by = actor.user_id
        shift.backfilled_at = clock.now()
        session.flush()
        audit.record(
            session, actor, "backfill", ENTITY[VOLUNTEER], entity_id=shift.id,
            detail={"person_id": shift.volunteer_id, "name": volunteer.name, "reason": reason.strip() or None,
                    "by": actor.name, **audit.changes(before, _shift_state(shift))},
        )
        return DeskAction(
            action="backfill", kind=VOLUNTEER, person_id=shift.volunteer_id, name=volunteer.name,
            record_id=shift.id, at=when, hours=shift.hours,
            message=f"已补录 {volunteer.name} 的值班，{shift.hours} 小时（补录人：{actor.name}）",
        )


# ------------------------------------------------------------------------------------------- walk-in


def walk_in(
    db: Database, actor: Actor, data, *, confirm_possible_duplicate: bool = False,  # noqa: ANN001 - roster.ChildInput
    at: dt.datetime | None = None,
) -> DeskAction:
    """A child who is not on the roster yet: add the child (the short form's fields) and check the child in.

    `data` is a `roster.ChildInput` (only the short form's fields are used); raises what `roster.add_walk_in` raises (InvalidInput with every problem,
    PossibleDuplicate — save again with `confirm_possible_duplicate=True` once it is really another child).
    """
    from qsh_desk.services import roster  # the roster service is only needed for walk-ins

    _when(at, "签到时间")  # refuse a future time before anything is written
    child = roster.add_walk_in(db, actor, data, confirm_possible_duplicate=confirm_possible_duplicate)
    done = check_in(db, actor, CHILD, child.id, at=at)
    return DeskAction(
        action=ACTION_IN, kind=CHILD, person_id=child.id, name=child.name, record_id=done.record_id, at=done.at,
        message=f"已登记新来的孩子 {child.name}（卡号 {child.card_code}）并签到（{_hm(done.at)}）",
    )
