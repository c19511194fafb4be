"""志愿服务时长证明: a volunteer's hours of a period, with a serial number per station and year that a reprint keeps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Certificate,
    Dream,
    ProgrammeSession,
    SessionVolunteer,
    Team,
    Volunteer,
)
from qsh_desk.services import audit
from qsh_desk.services.access import Actor, Permission, mask_id_number, require
from qsh_desk.services.errors import Ambiguous, Candidate, InvalidInput, NotFound
from qsh_desk.services.kernel import unit_of_work
from qsh_desk.services.reports import (
    day_bounds,
    format_hours,
    shift_hours,
    station_name,
)
from qsh_desk.services.search_keys import matches_person, query_terms
from qsh_desk.services.service_records import period_shifts


# -- 志愿服务时长证明 -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CertificateData:
    station: str
    serial: str  # 2026-0001
    volunteer: str
    gender: str
    volunteer_number: str
    team: str
    id_type: str  # 67号令: the certificate names the volunteer's ID; masked unless an administrator prints it
    id_number: str
    period_from: dt.date
    period_to: dt.date
    hours: str
    shifts: int
    service: str  # what the service was, in words
    issued_on: dt.date
    reprint: bool


def find_volunteer(db: Database, actor: Actor, text: str) -> Candidate:
    """A volunteer of this station by id, card code or name; several matches → Ambiguous with the candidates."""
    require(db, actor, Permission.PRINT_BASIC, what="print:certificate")
    wanted = text.strip()
    if not wanted:
        raise InvalidInput("请写出志愿者的姓名、卡号或编号。")
    with unit_of_work(db, actor) as work:
        s = work.session
        base = select(Volunteer.id, Volunteer.name, Volunteer.card_code, Team.name).outerjoin(
            Team, Team.id == Volunteer.team_id).where(Volunteer.station_id == actor.station_id)
        found = s.execute(base.where(or_(Volunteer.card_code == wanted.upper(), Volunteer.name == wanted,
                                         Volunteer.volunteer_number == wanted))).all()
        if not found and wanted.isdigit():
            found = s.execute(base.where(Volunteer.id == int(wanted))).all()
        if not found:
            found = s.execute(base.where(*(matches_person(Volunteer.search_keys, Volunteer.card_code, term)
                                           for term in query_terms(wanted))).limit(20)).all()
    if not found:
        raise NotFound(f"找不到志愿者“{wanted}”。请用姓名、卡号或志愿者编号再试。")
    candidates = [Candidate(i, "volunteer", f"{name}  {code}  {team or ''}".rstrip()) for i, name, code, team in found]
    if len(candidates) > 1:
        raise Ambiguous(f"有 {len(candidates)} 位志愿者符合“{wanted}”，请用卡号或编号指明是哪一位：", candidates)
    return candidates[0]


def _service_description(s: Session, volunteer_id: int, start: dt.datetime, end: dt.datetime) -> str:
    counts = s.execute(
        select(Dream.dream_name, func.count())
        .select_from(SessionVolunteer)
        .join(ProgrammeSession, ProgrammeSession.id == SessionVolunteer.session_id)
        .join(Dream, Dream.id == ProgrammeSession.dream_id)
        .where(SessionVolunteer.volunteer_id == volunteer_id, ProgrammeSession.starts_at >= start,
               ProgrammeSession.starts_at < end)
        .group_by(Dream.dream_name).order_by(func.count().desc(), Dream.dream_name)
    ).all()
    if not counts:
        return "在站内参与留守儿童周末关爱服务（签到值守、陪伴、作业辅导等）。"
    parts = "、".join(f"{name}活动 {n} 次" for name, n in counts)
    return f"参与“十个梦”留守儿童关爱活动：{parts}。"


def volunteer_certificate(db: Database, actor: Actor, volunteer: str | int, period_from: dt.date,
                          period_to: dt.date) -> CertificateData:
    """Issue (or reprint) the certificate of one volunteer's hours in a period; the serial is kept per period."""
    require(db, actor, Permission.PRINT_BASIC, what="print:certificate")
    if period_to < period_from:
        raise InvalidInput("结束日期不能早于开始日期。")
    volunteer_id = volunteer if isinstance(volunteer, int) else find_volunteer(db, actor, volunteer).id
    start, end = dt.datetime.combine(period_from, dt.time()), day_bounds(period_to)[1]
    for attempt in range(3):  # two desks issuing at once may pick the same serial: try the next one
        try:
            with unit_of_work(db, actor) as work:
                s = work.session
                person = s.get(Volunteer, volunteer_id)
                if person is None or person.station_id != actor.station_id:
                    raise NotFound(f"找不到编号为 {volunteer_id} 的志愿者。")
                shifts = period_shifts(s, actor.station_id, [volunteer_id], start, end)  # the service record's
                existing = s.scalar(select(Certificate).where(
                    Certificate.volunteer_id == volunteer_id, Certificate.period_from == period_from,
                    Certificate.period_to == period_to))
                if existing is None:
                    if not shifts:
                        raise InvalidInput(f"{person.name} 在这段时间没有已签退的服务记录，不能开具时长证明。")
                    today = clock.today()
                    serial = (s.scalar(select(func.max(Certificate.serial)).where(
                        Certificate.station_id == actor.station_id, Certificate.year == today.year)) or 0) + 1
                    existing = Certificate(
                        station_id=actor.station_id, volunteer_id=volunteer_id, year=today.year, serial=serial,
                        period_from=period_from, period_to=period_to, hours=sum((shift_hours(x) for x in shifts), Decimal(0)),
                        issued_at=clock.now(), issued_by=actor.user_id)
                    s.add(existing)
                    s.flush()
                    reprint = False
                else:
                    reprint = True
                team = s.scalar(select(Team.name).where(Team.id == person.team_id)) if person.team_id else None
                serial_text = f"{existing.year}-{existing.serial:04d}"
                audit.record(s, actor, "print", "certificate", entity_id=existing.id,
                             detail={"serial": serial_text, "volunteer_id": volunteer_id, "reprint": reprint})
                return CertificateData(
                    station=station_name(s, actor), serial=serial_text, volunteer=person.name,
                    gender=person.gender or "", volunteer_number=person.volunteer_number or "", team=team or "",
                    id_type=person.id_type or "", id_number=(person.id_number if actor.can(Permission.SEE_ID_NUMBERS)
                                                            else mask_id_number(person.id_number)) or "",
                    period_from=period_from, period_to=period_to, hours=format_hours(Decimal(existing.hours)),
                    shifts=len(shifts), service=_service_description(s, volunteer_id, start, end),
                    issued_on=existing.issued_at.date(), reprint=reprint,
                )
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
