"""志愿服务记录 (民政部令第67号) and 在职党员双报到: one record of every shift and session served, for the export,
the certificate, the party-unit feedback form and its report.

Hours are the shifts' (the desk's time, rounded at check-out by the station's rule): a session a volunteer served
in is listed with its own times but adds no hours, because the volunteer was signed in for that time already —
so every figure made from these records adds up to the same total.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    AuditEntry,
    Dream,
    DutyAssignment,
    DutyPost,
    ProgrammeSession,
    SessionVolunteer,
    User,
    Volunteer,
    VolunteerShift,
)
from qsh_desk.services import workbook
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import InvalidInput, NotFound
from qsh_desk.services.kernel import reading
from qsh_desk.services.reports import (
    day_bounds,
    format_hours,
    shift_hours,
    station_name,
)

SHIFT, SESSION = "shift", "session"
DESK_SERVICE = "留守儿童周末关爱服务（签到值守、陪伴、作业辅导等）"
IN_SHIFT = "时长已计入当日签到记录"

# The export's columns: 67号令 第十条's words (身份信息, 服务名称, 服务内容, 服务地点, 服务时间, 服务时长, 记录人);
# 证件类型 / 证件号码 as the national system's volunteer templates call them. ID columns only for administrators.
RECORD_HEADERS = ("志愿者姓名", "志愿者编号", "证件类型", "证件号码", "服务项目", "服务内容", "服务地点", "服务日期",
                  "开始时间", "结束时间", "服务时长（小时）", "是否补录", "补录人", "记录人", "备注")
SUMMARY_HEADERS = ("志愿者姓名", "志愿者编号", "证件类型", "证件号码", "政治面貌", "值班次数", "参与活动次数",
                   "服务时长（小时）")
ID_HEADERS = ("证件类型", "证件号码")


@dataclass(frozen=True)
class ServiceRecord:
    kind: str  # SHIFT or SESSION
    volunteer_id: int
    volunteer: str
    volunteer_number: str
    id_type: str  # '' unless the actor may see ID numbers
    id_number: str
    activity: str  # the post, or the session's theme and dream
    content: str
    place: str
    day: dt.date
    start: dt.time
    end: dt.time | None
    hours: Decimal  # 0 for a session (see the module)
    backfilled: bool
    backfilled_by: str
    recorded_by: str


@dataclass(frozen=True)
class VolunteerTotal:
    volunteer_id: int
    volunteer: str
    volunteer_number: str
    id_type: str
    id_number: str
    political_status: str
    shifts: int
    sessions: int
    hours: Decimal


@dataclass(frozen=True)
class ServiceRecords:
    station: str
    period_from: dt.date
    period_to: dt.date
    records: list[ServiceRecord]
    totals: list[VolunteerTotal]

    @property
    def hours(self) -> Decimal:
        return sum((r.hours for r in self.records), Decimal(0))


def _check_period(period_from: dt.date, period_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    if period_to < period_from:
        raise InvalidInput("结束日期不能早于开始日期，请核对 --from 和 --to。")
    return dt.datetime.combine(period_from, dt.time()), day_bounds(period_to)[1]


def period_shifts(s: Session, station_id: int, volunteer_ids: list[int] | None, start: dt.datetime,
                  end: dt.datetime) -> list[VolunteerShift]:
    """The ended shifts that started in the period: what the certificate, the export and the report count."""
    query = select(VolunteerShift).where(
        VolunteerShift.station_id == station_id, VolunteerShift.started_at >= start, VolunteerShift.started_at < end,
        VolunteerShift.ended_at.is_not(None))
    if volunteer_ids is not None:
        query = query.where(VolunteerShift.volunteer_id.in_(volunteer_ids or [-1]))
    return list(s.scalars(query.order_by(VolunteerShift.started_at, VolunteerShift.id)))


def _recorders(s: Session, entity: str, action: str, ids: list[int]) -> dict[int, str]:
    """Who recorded each row, from the audit log (the account that checked in / logged the session)."""
    if not ids:
        return {}
    rows = s.execute(select(AuditEntry.entity_id, AuditEntry.user_id, AuditEntry.actor).where(
        AuditEntry.entity == entity, AuditEntry.action == action, AuditEntry.entity_id.in_(ids))
        .order_by(AuditEntry.id)).all()
    names = _user_names(s, {u for _, u, _ in rows if u is not None})
    found: dict[int, str] = {}
    for entity_id, user_id, actor in rows:
        found.setdefault(entity_id, names.get(user_id, actor) if user_id is not None else actor)
    return found


def _user_names(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(s.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def _collect(s: Session, actor: Actor, volunteers: list[Volunteer], start: dt.datetime, end: dt.datetime
             ) -> tuple[list[ServiceRecord], list[VolunteerTotal], dict[int, set[str]]]:
    """The records and per-volunteer totals of `volunteers` in the period, and the posts each one held."""
    see_ids = actor.can(Permission.SEE_ID_NUMBERS)
    place = station_name(s, actor)
    by_id = {v.id: v for v in volunteers}
    ids = list(by_id)
    shifts = period_shifts(s, actor.station_id, ids, start, end)
    posts = dict(s.execute(select(DutyAssignment.id, DutyPost.name).join(
        DutyPost, DutyPost.id == DutyAssignment.post_id).where(
        DutyAssignment.id.in_([x.duty_assignment_id for x in shifts if x.duty_assignment_id] or [-1]))).all())
    held: dict[int, set[str]] = defaultdict(set)
    for volunteer_id, post in s.execute(select(DutyAssignment.volunteer_id, DutyPost.name).join(
            DutyPost, DutyPost.id == DutyAssignment.post_id).where(
            DutyAssignment.volunteer_id.in_(ids or [-1]), DutyAssignment.day >= start.date(),
            DutyAssignment.day < end.date())):
        held[volunteer_id].add(post)
    sessions = s.execute(
        select(SessionVolunteer.volunteer_id, ProgrammeSession, Dream.dream_name)
        .join(ProgrammeSession, ProgrammeSession.id == SessionVolunteer.session_id)
        .join(Dream, Dream.id == ProgrammeSession.dream_id)
        .where(SessionVolunteer.volunteer_id.in_(ids or [-1]), ProgrammeSession.station_id == actor.station_id,
               ProgrammeSession.starts_at >= start, ProgrammeSession.starts_at < end)
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.id)).all()
    shift_recorders = _recorders(s, "volunteer_shift", "check_in", [x.id for x in shifts])
    session_recorders = _recorders(s, "programme_session", "create", [row.id for _, row, _ in sessions])
    backfillers = _user_names(s, {x.backfilled_by for x in shifts if x.backfilled_by})

    def person(volunteer_id: int) -> tuple[str, str, str, str]:
        v = by_id[volunteer_id]
        return (v.name, v.volunteer_number or "", (v.id_type or "") if see_ids else "",
                (v.id_number or "") if see_ids else "")

    records = [
        ServiceRecord(SHIFT, x.volunteer_id, *person(x.volunteer_id),
                      activity=posts.get(x.duty_assignment_id, "站内值班"), content=DESK_SERVICE, place=place,
                      day=x.started_at.date(), start=x.started_at.time(), end=x.ended_at.time() if x.ended_at else None,
                      hours=shift_hours(x), backfilled=x.backfilled,
                      backfilled_by=backfillers.get(x.backfilled_by, "") if x.backfilled else "",
                      recorded_by=shift_recorders.get(x.id, ""))
        for x in shifts
    ]
    records += [
        ServiceRecord(SESSION, volunteer_id, *person(volunteer_id), activity=f"{row.theme}（{dream}）",
                      content=(row.summary or "").strip() or f"“十个梦”{dream}活动", place=row.place or place,
                      day=row.starts_at.date(), start=row.starts_at.time(),
                      end=row.ends_at.time() if row.ends_at else None, hours=Decimal(0), backfilled=False,
                      backfilled_by="", recorded_by=session_recorders.get(row.id, ""))
        for volunteer_id, row, dream in sessions
    ]
    records.sort(key=lambda r: (by_id[r.volunteer_id].sort_name, r.volunteer_id, r.day, r.start, r.kind))
    totals = []
    for v in volunteers:
        mine = [r for r in records if r.volunteer_id == v.id]
        if mine:
            totals.append(VolunteerTotal(v.id, *person(v.id), v.political_status or "",
                                         sum(r.kind == SHIFT for r in mine), sum(r.kind == SESSION for r in mine),
                                         sum((r.hours for r in mine), Decimal(0))))
    return records, totals, held


def _volunteers(s: Session, actor: Actor, volunteer_id: int | None = None, unit: str | None = None
                ) -> list[Volunteer]:
    query = select(Volunteer).where(Volunteer.station_id == actor.station_id)
    if volunteer_id is not None:
        query = query.where(Volunteer.id == volunteer_id)
    if unit is not None:
        query = query.where(Volunteer.in_service_party_member.is_(True), Volunteer.work_unit == unit)
    return list(s.scalars(query.order_by(Volunteer.sort_name, Volunteer.name, Volunteer.id)))


def service_records(db: Database, actor: Actor, period_from: dt.date, period_to: dt.date, *,
                    volunteer_id: int | None = None) -> ServiceRecords:
    """Every shift and session served in the period (one volunteer's, or all), with totals per volunteer."""
    require(db, actor, Permission.PRINT_BASIC, what="service_records")
    start, end = _check_period(period_from, period_to)
    with reading(db, actor) as work:
        s = work.session
        volunteers = _volunteers(s, actor, volunteer_id)
        if volunteer_id is not None and not volunteers:
            raise NotFound(f"找不到编号为 {volunteer_id} 的志愿者。")
        records, totals, _ = _collect(s, actor, volunteers, start, end)
        station = station_name(s, actor)
    return ServiceRecords(station, period_from, period_to, records, totals)


@dataclass(frozen=True)
class HoursExport:
    path: Path
    records: int
    volunteers: int
    hours: Decimal

    def summary(self) -> str:
        return (f"已导出 {self.volunteers} 名志愿者的 {self.records} 条服务记录（共 {format_hours(self.hours)} 小时）"
                f"到 {self.path}")


def record_row(record: ServiceRecord, *, with_ids: bool) -> list[object]:
    row: list[object] = [record.volunteer, record.volunteer_number, record.id_type, record.id_number,
                         record.activity, record.content, record.place, record.day, record.start.strftime("%H:%M"),
                         record.end.strftime("%H:%M") if record.end else "",
                         float(record.hours) if record.kind == SHIFT else None,
                         "是" if record.backfilled else "否", record.backfilled_by, record.recorded_by,
                         "" if record.kind == SHIFT else IN_SHIFT]
    return row if with_ids else [v for h, v in zip(RECORD_HEADERS, row, strict=True) if h not in ID_HEADERS]


def export_hours(db: Database, actor: Actor, path: str | Path, period_from: dt.date, period_to: dt.date, *,
                 volunteer_id: int | None = None) -> HoursExport:
    """The service records of the period as .xlsx: 服务记录 (a row per shift and session) and 汇总 (per volunteer)."""
    require(db, actor, Permission.EXPORT, what="service_records")
    records = service_records(db, actor, period_from, period_to, volunteer_id=volunteer_id)
    if not records.records:
        raise InvalidInput(f"{period_from} 至 {period_to} 没有已签退的志愿服务记录，没有可导出的内容。请换一个时间段。")
    with_ids = actor.can(Permission.SEE_ID_NUMBERS)
    keep = lambda headers: [h for h in headers if with_ids or h not in ID_HEADERS]
    totals = []
    for t in records.totals:
        row = [t.volunteer, t.volunteer_number, t.id_type, t.id_number, t.political_status, t.shifts, t.sessions,
               float(t.hours)]
        totals.append(row if with_ids else [v for h, v in zip(SUMMARY_HEADERS, row, strict=True) if h not in ID_HEADERS])
    path = Path(path)
    with reading(db, actor) as work:
        workbook.write(path,
                       workbook.Sheet("服务记录", keep(RECORD_HEADERS),
                                      [record_row(r, with_ids=with_ids) for r in records.records],
                                      {"志愿者编号", "证件号码"}),
                       workbook.Sheet("汇总", keep(SUMMARY_HEADERS), totals, {"志愿者编号", "证件号码"}))
        work.audit("export", "service_records", detail={
            "file": path.name, "from": period_from, "to": period_to, "volunteer_id": volunteer_id,
            "count": len(records.records), "hours": str(records.hours)})
    return HoursExport(path, len(records.records), len(records.totals), records.hours)


# -- 在职党员双报到 ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PartyMember:
    name: str
    political_status: str
    party_org: str
    posts: tuple[str, ...]
    shifts: int
    sessions: int
    hours: Decimal


@dataclass(frozen=True)
class PartyReport:
    station: str
    unit: str
    party_org: str
    period_from: dt.date
    period_to: dt.date
    members: list[PartyMember]

    @property
    def hours(self) -> Decimal:
        return sum((m.hours for m in self.members), Decimal(0))


@dataclass(frozen=True)
class UnitLine:
    unit: str
    members: int
    served: int
    hours: Decimal


def _members(s: Session, actor: Actor, volunteers: list[Volunteer], start: dt.datetime, end: dt.datetime
             ) -> list[PartyMember]:
    _, totals, held = _collect(s, actor, volunteers, start, end)
    by_id = {t.volunteer_id: t for t in totals}
    return [PartyMember(v.name, v.political_status or "", v.work_unit_party_org or "",
                        tuple(sorted(held.get(v.id, ()))), by_id[v.id].shifts if v.id in by_id else 0,
                        by_id[v.id].sessions if v.id in by_id else 0,
                        by_id[v.id].hours if v.id in by_id else Decimal(0))
            for v in volunteers]


def party_report(db: Database, actor: Actor, unit: str, period_from: dt.date, period_to: dt.date) -> PartyReport:
    """The feedback to one work unit's party organisation: each of its in-service party members and their service."""
    require(db, actor, Permission.PRINT_BASIC, what="print:party_report")
    start, end = _check_period(period_from, period_to)
    wanted = unit.strip()
    with reading(db, actor) as work:
        s = work.session
        volunteers = _volunteers(s, actor, unit=wanted)
        if not volunteers:
            units = "、".join(line.unit for line in _unit_lines(s, actor, start, end)) or "（还没有）"
            raise NotFound(f"没有登记在“{wanted}”工作的在职党员。已登记的单位：{units}。")
        members = _members(s, actor, volunteers, start, end)
        orgs = sorted({v.work_unit_party_org for v in volunteers if v.work_unit_party_org})
        work.audit("print", "party_report", detail={"unit": wanted, "from": period_from, "to": period_to})
        return PartyReport(station_name(s, actor), wanted, "、".join(orgs), period_from, period_to, members)


def _unit_lines(s: Session, actor: Actor, start: dt.datetime, end: dt.datetime) -> list[UnitLine]:
    units: dict[str, list[Volunteer]] = defaultdict(list)
    for v in _volunteers(s, actor):
        if v.in_service_party_member and v.work_unit:
            units[v.work_unit].append(v)
    lines = []
    for unit in sorted(units):
        members = _members(s, actor, units[unit], start, end)
        lines.append(UnitLine(unit, len(members), sum(m.shifts + m.sessions > 0 for m in members),
                              sum((m.hours for m in members), Decimal(0))))
    return lines


def party_summary(db: Database, actor: Actor, period_from: dt.date, period_to: dt.date) -> list[UnitLine]:
    """Per work unit: its in-service party members, how many served in the period, and their hours."""
    require(db, actor, Permission.PRINT_BASIC, what="report:party")
    start, end = _check_period(period_from, period_to)
    with reading(db, actor) as work:
        return _unit_lines(work.session, actor, start, end)


def work_units(db: Database, actor: Actor) -> list[str]:
    """The work units of the station's in-service party members (the 志愿者 page's choice)."""
    require(db, actor, Permission.ROSTER_VIEW, what="volunteer")
    with reading(db, actor) as work:
        return sorted(set(work.session.scalars(select(Volunteer.work_unit).where(
            Volunteer.station_id == actor.station_id, Volunteer.in_service_party_member.is_(True),
            Volunteer.work_unit.is_not(None)))))

