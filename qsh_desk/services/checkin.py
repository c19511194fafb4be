"""The check-in desk's use cases: children and volunteers in and out, pickup, here-now, closing, undo.

Every function takes the database and the acting user, checks permission first, validates, then writes
in one transaction with its audit row. The database itself guarantees that a child has at most one open
visit (and a volunteer one open shift): a race between two station PCs ends in a `Conflict`, never in a
second open visit.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    ChildVisit,
    Consent,
    DayClosing,
    Guardian,
    Volunteer,
    VolunteerShift,
)
from qsh_desk.services import audit, capacity, duty, settings
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.access import Actor, Permission, phone_for, require
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, Problem, Refused
from qsh_desk.services.validation import FormChecker
from qsh_desk.services.desk_values import (  # the desk's values, used by callers as checkin.X too
    ACTION_IN,
    ACTION_OUT,
    ACTION_UNDO as ACTION_UNDO,  # undo and the audit vocabulary read it from here
    CHILD,
    ENTITY,
    FUTURE_TOLERANCE,
    KINDS,
    KIND_TITLES,
    VOLUNTEER,
    AlreadyHere,
    Collector,
    DeskAction,
    NotHere,
    OverLimits,
    Pickup,
    PickupOptions,
    Present,
    PresentPerson,
)


# --------------------------------------------------------------------------------------------- helpers


def action_time(at: dt.datetime | None, field: str = "时间") -> dt.datetime:
    """The time of an action: now, or a given time that is not in the future."""
    if at is None:
        return clock.now()
    at = at.replace(microsecond=0, tzinfo=None) if at.tzinfo is None else at.astimezone().replace(tzinfo=None)
    if at > clock.now() + FUTURE_TOLERANCE:
        raise InvalidInput(Problem("不能填将来的时间。请检查日期和钟点。", field=field, value=at.strftime("%Y-%m-%d %H:%M")))
    return at


def short_time(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M") if moment.date() == clock.today() else moment.strftime("%m-%d %H:%M")


def check_kind(kind: str) -> None:
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


def open_record(session: Session, kind: str, person_id: int) -> ChildVisit | VolunteerShift | None:
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


def is_one_open_violation(error: IntegrityError) -> bool:
    text = str(error.orig).lower()
    return "one_open" in text or "child_visits.child_id" in text or "volunteer_shifts.volunteer_id" in text


def round_hours(started: dt.datetime, ended: dt.datetime, rounding_minutes: int) -> Decimal:
    """Service hours: the actual time, rounded to the nearest `rounding_minutes` (halves round up)."""
    minutes = Decimal((ended - started).total_seconds()) / 60
    step = Decimal(max(1, int(rounding_minutes)))
    rounded = (minutes / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return (rounded / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------------------------------- check-in


def load_now(session: Session, station_id: int, limits: tuple[int | None, int | None]) -> capacity.Load:
    """Who is in the room now against the limits, counted inside the caller's transaction."""
    children = session.scalar(select(func.count()).select_from(ChildVisit).where(*open_visits_of(station_id)))
    volunteers = session.scalar(select(func.count()).select_from(VolunteerShift).where(*open_shifts_of(station_id)))
    return capacity.Load(children or 0, volunteers or 0, *limits)


def _past_limits(warning: str | None, load: capacity.Load, action: str, kind: str, person_id: int,
                 override: bool) -> None:
    """Refuse with the warning, unless the desk chose to go on (`override`); that choice is recorded later."""
    if warning is not None and not override:
        raise OverLimits(warning, action, kind, person_id, load)


def check_in(db: Database, actor: Actor, kind: str, person_id: int, at: dt.datetime | None = None, *,
             override_limits: bool = False) -> DeskAction:
    """Check a child or a volunteer in (a new open visit or shift).

    Raises AlreadyHere (a Refused) when the person is already here — the caller offers check-out —
    and Conflict when another station checked the same person in at the same moment. A child past the room's
    capacity or the ratio raises OverLimits, unless `override_limits`: then the check-in is made, its warning
    returned and the override recorded (who, when, the numbers then).
    """
    check_kind(kind)
    require(db, actor, Permission.DESK, what=ENTITY[kind], child_id=person_id if kind == CHILD else None)
    when = action_time(at, "签到时间")
    limits = capacity.station_limits(db, actor.station_id) if kind == CHILD else (None, None)
    limit_warning = None
    name = "?"
    try:
        with unit_of_work(db, actor) as work:
            session = work.session
            person = _person(session, actor, kind, person_id)
            name = person.name
            existing = open_record(session, kind, person_id)
            if existing is not None:
                since = _since(existing)
                raise AlreadyHere(
                    f"{name} 已经在站（{short_time(since)} 签到），不能重复签到。要签退请选“签退”。", kind, person_id, since
                )
            if any(limit is not None for limit in limits):
                load = load_now(session, actor.station_id, limits)
                limit_warning = capacity.check_in_warning(load, name)
                _past_limits(limit_warning, load, ACTION_IN, kind, person_id, override_limits)
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
            if limit_warning is not None:
                capacity.record_override(session, actor, ENTITY[kind], record.id, load.with_child(), limit_warning,
                                         child_id=person_id if kind == CHILD else None)
            record_id = record.id
            closed_at = session.scalar(select(DayClosing.closed_at).where(
                DayClosing.station_id == actor.station_id, DayClosing.day == when.date()))
    except IntegrityError as error:
        if not is_one_open_violation(error):
            raise
        raise Conflict(
            f"{name} 刚刚已在另一台电脑上签到，这里没有重复签到。请看“在站”名单确认。"
        ) from None
    warnings = [limit_warning + "已确认签到，并记入记录。"] if limit_warning else []
    if closed_at is not None:
        warnings.append(f"注意：今天已于 {short_time(closed_at)} 闭馆。签到照样记下了；"
                        + ("请确认有志愿者陪着孩子，" if kind == CHILD else "") + "离开时记得签退。")
    warning = "\n".join(warnings) or None
    return DeskAction(
        action=ACTION_IN, kind=kind, person_id=person_id, name=name, record_id=record_id, at=when,
        message=f"{name} 签到成功（{short_time(when)}）", warning=warning,
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


def relation_title(guardian: Guardian) -> str:
    return guardian.relation_note if guardian.relation == "其他" and guardian.relation_note else guardian.relation


def pickup_options(db: Database, actor: Actor, child_id: int) -> PickupOptions:
    """The check-out dialog's choices for a child who is here: listed collectors, and 自行回家 if consented."""
    with unit_of_work(db, actor, Permission.DESK, what="child_visit", child_id=child_id) as work:
        session = work.session
        child = _person(session, actor, CHILD, child_id)
        visit = open_record(session, CHILD, child_id)
        if visit is None:
            raise NotHere(f"{child.name} 现在不在站，不需要签退。")
        collectors = tuple(
            Collector(g.id, g.name, relation_title(g), phone_for(actor, g.phone))
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
    when = action_time(at, "签退时间")
    chosen = sum((pickup.guardian_id is not None, bool(pickup.alone), bool((pickup.name or "").strip())))
    if chosen != 1:
        raise InvalidInput("请选择谁来接：名单上的接送人、自行回家，或填写来接的人的姓名和关系。")
    with unit_of_work(db, actor) as work:
        session = work.session
        child = _person(session, actor, CHILD, child_id)
        visit = open_record(session, CHILD, child_id)
        if visit is None:
            raise NotHere(f"{child.name} 现在不在站（没有签到），不能签退。")
        if when < visit.checked_in_at:
            raise InvalidInput(
                Problem(f"签退时间不能早于签到时间 {short_time(visit.checked_in_at)}。", field="签退时间", value=short_time(when))
            )
        collectors = _collectors(session, actor, child_id)
        guardian: Guardian | None = None
        warning = None
        collector_phone: str | None = None
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
                check = FormChecker()
                if len(name) > 64:
                    check.fail("来接的人", "姓名太长。")
                if not (pickup.relation or "").strip():
                    check.fail("关系", "来接的人不在名单上，请填写与孩子的关系（如：舅舅、邻居）。")
                collector_phone = check.phone(pickup.phone, "电话")  # the one phone rule, stored as it writes it
                check.raise_if_any()
                refused = session.scalar(
                    select(Guardian.id).where(Guardian.child_id == child_id, Guardian.name == name)
                )
                warning = (
                    f"注意：{name} 在名单上但没有接送权限。已记录，请尽快告知社工。"
                    if refused
                    else f"注意：{name}（{pickup.relation.strip()}）不在 {child.name} 的可接送名单上。已记录，请尽快告知社工。"
                )
        before = visit_state(visit)
        visit.checked_out_at = when
        visit.checked_out_by = actor.user_id
        visit.went_home_alone = bool(pickup.alone)
        visit.collector_unlisted = warning is not None
        if guardian is not None:
            visit.collector_guardian_id = guardian.id
            visit.collector_name = guardian.name
            visit.collector_relation = relation_title(guardian)[:16]
            visit.collector_phone = guardian.phone
        elif not pickup.alone:
            visit.collector_name = (pickup.name or "").strip()
            visit.collector_relation = (pickup.relation or "").strip()[:16]
            visit.collector_phone = collector_phone
        session.flush()
        audit.record(
            session, actor, ACTION_OUT, ENTITY[CHILD], entity_id=visit.id, child_id=child_id,
            detail={"person_id": child_id, "name": child.name, "before": before, "after": visit_state(visit),
                    "warning": warning},
        )
        if pickup.alone:
            message = f"{child.name} 自行回家，签退成功（{short_time(when)}）"
        else:
            message = f"{child.name} 由 {visit.collector_name}（{visit.collector_relation}）接走，签退成功（{short_time(when)}）"
        return DeskAction(
            action=ACTION_OUT, kind=CHILD, person_id=child_id, name=child.name, record_id=visit.id, at=when,
            message=message, warning=warning, collector=visit.collector_name,
            collector_relation=visit.collector_relation, collector_unlisted=visit.collector_unlisted,
            went_home_alone=visit.went_home_alone,
        )


def visit_state(visit: ChildVisit) -> dict:
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


def shift_state(shift: VolunteerShift) -> dict:
    return {
        "started_at": shift.started_at,
        "ended_at": shift.ended_at,
        "hours": str(shift.hours) if shift.hours is not None else None,
        "backfilled": shift.backfilled,
    }


def check_out_volunteer(db: Database, actor: Actor, volunteer_id: int, at: dt.datetime | None = None, *,
                        override_limits: bool = False) -> DeskAction:
    """End a volunteer's shift; the hours are the actual time rounded per the station's setting.

    A volunteer whose leaving puts the room under the ratio raises OverLimits, unless `override_limits` (then
    recorded, like a check-in past the limits)."""
    require(db, actor, Permission.DESK, what="volunteer_shift")
    when = action_time(at, "签退时间")
    values = settings.station_values(db, actor.station_id)
    rounding = values["hours_rounding_minutes"]
    limits = capacity.limits_of(values)
    limit_warning = None
    with unit_of_work(db, actor) as work:
        session = work.session
        volunteer = _person(session, actor, VOLUNTEER, volunteer_id)
        shift = open_record(session, VOLUNTEER, volunteer_id)
        if shift is None:
            raise NotHere(f"{volunteer.name} 现在不在站（没有签到），不能签退。")
        if when < shift.started_at:
            raise InvalidInput(
                Problem(f"签退时间不能早于签到时间 {short_time(shift.started_at)}。", field="签退时间", value=short_time(when))
            )
        if limits[1] is not None:
            load = load_now(session, actor.station_id, limits)
            limit_warning = capacity.check_out_warning(load, volunteer.name)
            _past_limits(limit_warning, load, ACTION_OUT, VOLUNTEER, volunteer_id, override_limits)
        before = shift_state(shift)
        shift.ended_at = when
        shift.hours = round_hours(shift.started_at, when, rounding)
        session.flush()
        audit.record(
            session, actor, ACTION_OUT, ENTITY[VOLUNTEER], entity_id=shift.id,
            detail={"person_id": volunteer_id, "name": volunteer.name, "before": before, "after": shift_state(shift)},
        )
        if limit_warning is not None:
            capacity.record_override(session, actor, ENTITY[VOLUNTEER], shift.id, load.without_volunteer(),
                                     limit_warning)
        return DeskAction(
            action=ACTION_OUT, kind=VOLUNTEER, person_id=volunteer_id, name=volunteer.name, record_id=shift.id,
            at=when, hours=shift.hours, message=f"{volunteer.name} 签退成功，本次服务 {shift.hours} 小时",
            warning=limit_warning + "已确认签退，并记入记录。" if limit_warning else None,
        )


# ------------------------------------------------------------------------------------------- here now


def present(db: Database, actor: Actor) -> Present:
    """Children and volunteers here now (open visits and shifts of this station), longest-present first."""
    require(db, actor, Permission.DESK, what="present")
    today_start = dt.datetime.combine(clock.today(), dt.time())
    room, ratio = capacity.station_limits(db, actor.station_id)
    with reading(db, actor) as work:
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
        # Today already closed (闭馆): whoever is still here, or came after, is said to be here after closing.
        closed_at = session.scalar(
            select(DayClosing.closed_at)
            .where(DayClosing.station_id == actor.station_id, DayClosing.day == today_start.date())
        )

    def person(kind: str, *row) -> PresentPerson:  # noqa: ANN002 - (record id, person id, name, since[, flag])
        record_id, person_id, name, since, *flag = row
        earlier = since < today_start
        return PresentPerson(kind, person_id, name, since, record_id, bool(flag and flag[0]), earlier,
                             closed_at is not None and not earlier)

    return Present(
        children=tuple(person(CHILD, *row) for row in children),
        volunteers=tuple(person(VOLUNTEER, *row) for row in volunteers),
        closed_at=closed_at, capacity=room, ratio=ratio,
    )





# ------------------------------------------------------------------------------------------- walk-in


def walk_in(
    db: Database, actor: Actor, data, *, confirm_possible_duplicate: bool = False,  # noqa: ANN001 - roster.ChildInput
    at: dt.datetime | None = None, override_limits: bool = True,
) -> DeskAction:
    """A child who is not on the roster yet: add the child (the short form's fields) and check the child in.

    `data` is a `roster.ChildInput` (only the short form's fields are used); raises what `roster.add_walk_in` raises (InvalidInput with every problem,
    PossibleDuplicate — save again with `confirm_possible_duplicate=True` once it is really another child).
    """
    from qsh_desk.services import roster  # the roster service is only needed for walk-ins

    action_time(at, "签到时间")  # refuse a future time before anything is written
    child = roster.add_walk_in(db, actor, data, confirm_possible_duplicate=confirm_possible_duplicate)
    done = check_in(db, actor, CHILD, child.id, at=at, override_limits=override_limits)
    return DeskAction(
        action=ACTION_IN, kind=CHILD, person_id=child.id, name=child.name, record_id=done.record_id, at=done.at,
        message=f"已登记新来的孩子 {child.name}（卡号 {child.card_code}）并签到（{short_time(done.at)}）",
        warning=done.warning,
    )
