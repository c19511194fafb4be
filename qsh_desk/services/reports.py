"""The data of every printout (台账): permission-checked, restricted prints audited, returned as plain dataclasses."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.config import data_dir
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Certificate,
    Child,
    ChildVisit,
    Dream,
    Guardian,
    Guardianship,
    HomeVisit,
    Parent,
    ProgrammeSession,
    SessionParticipant,
    SessionPhoto,
    SessionVolunteer,
    Station,
    Team,
    User,
    Volunteer,
    VolunteerShift,
)
from qsh_desk.services import audit, settings
from qsh_desk.services import calendar as opening_calendar
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import Ambiguous, Candidate, InvalidInput, NotFound, Refused
from qsh_desk.services.search_keys import SURNAME_READINGS, matches_person, query_terms

MAX_SESSION_PHOTOS = 4


def pinyin_sort_key(name: str) -> tuple[str, str]:
    """Sort names as a Chinese list is read: by pinyin, surnames by their surname reading (曾 zeng, 单 shan)."""
    from pypinyin import lazy_pinyin  # imported lazily: only sorting for a printout needs it

    clean = "".join(name.split())
    if not clean:
        return ("", "")
    head = SURNAME_READINGS.get(clean[0], [None])[0] or "".join(lazy_pinyin(clean[0]))
    return (" ".join([head, *lazy_pinyin(clean[1:])]), clean)


def _station_name(session: Session, actor: Actor) -> str:
    station = session.get(Station, actor.station_id)
    return station.name if station else ""


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time())
    return start, start + dt.timedelta(days=1)


def _hours(shift: VolunteerShift) -> Decimal:
    """The recorded hours of a shift, or its length when none were recorded; an open shift counts nothing."""
    if shift.hours is not None:
        return Decimal(shift.hours)
    if shift.ended_at is None:
        return Decimal(0)
    seconds = (shift.ended_at - shift.started_at).total_seconds()
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def format_hours(hours: Decimal) -> str:
    text = f"{hours.quantize(Decimal('0.01'), ROUND_HALF_UP):f}".rstrip("0").rstrip(".")
    return text or "0"


# -- 儿童每日签到表 ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SigninRow:
    name: str
    grade: str
    checked_in: dt.datetime | None = None
    checked_out: dt.datetime | None = None
    collector: str = ""
    relation: str = ""


@dataclass(frozen=True)
class SigninSheet:
    station: str
    day: dt.date
    rows: tuple[SigninRow, ...]
    expected_rule: str  # what the pre-filled list is, in words, for the sheet's subtitle


def signin_sheet(db: Database, actor: Actor, day: dt.date, *, even_if_closed: bool = False) -> SigninSheet:
    """The children expected on the day (station setting), with whatever the desk already recorded that day.

    A day the calendar keeps closed gets no sheet unless asked for (`even_if_closed`).
    """
    require(db, actor, Permission.PRINT_BASIC, what="print:signin_sheet")
    status = opening_calendar.day_status(db, actor, day)
    if not status.is_open and not even_if_closed:
        reason = f"（{status.reason}）" if status.reason else ""
        raise Refused(f"{status.label} 不开放{reason}，不打印签到表。确实需要时请选择“闭馆日也打印”（命令行加 --even-if-closed）。")
    values = settings.station_values(db, actor.station_id)
    start, end = _day_bounds(day)
    with reading(db, actor) as work:
        s = work.session
        sid = actor.station_id
        query = select(Child).where(Child.station_id == sid, Child.active.is_(True), Child.archived_at.is_(None))
        if values["signin_expected"] == "recent":
            weeks = int(values["signin_recent_weeks"])
            seen = select(ChildVisit.child_id).where(
                ChildVisit.station_id == sid,
                ChildVisit.checked_in_at >= start - dt.timedelta(weeks=weeks),
                ChildVisit.checked_in_at < start,
            )
            query = query.where(Child.id.in_(seen))
            rule = f"预填：最近 {weeks} 周来过的儿童"
        else:
            rule = "预填：在册儿童"
        children = {c.id: c for c in s.scalars(query)}
        visits = s.scalars(
            select(ChildVisit)
            .where(ChildVisit.station_id == sid, ChildVisit.checked_in_at >= start, ChildVisit.checked_in_at < end)
            .order_by(ChildVisit.checked_in_at)
        ).all()
        missing = {v.child_id for v in visits} - children.keys()
        if missing:  # whoever came that day is on the sheet, expected or not
            children.update({c.id: c for c in s.scalars(select(Child).where(Child.id.in_(missing)))})
        by_child: dict[int, list[ChildVisit]] = {}
        for visit in visits:
            by_child.setdefault(visit.child_id, []).append(visit)
        rows = []
        for child in children.values():
            mine = by_child.get(child.id, [])
            last = mine[-1] if mine else None
            collector, relation = "", ""
            if last is not None and last.checked_out_at is not None:
                if last.went_home_alone:
                    collector = "自行回家"
                else:
                    collector, relation = last.collector_name or "", last.collector_relation or ""
            rows.append(
                SigninRow(
                    name=child.name,
                    grade=child.grade or "",
                    checked_in=mine[0].checked_in_at if mine else None,
                    checked_out=last.checked_out_at if last else None,
                    collector=collector,
                    relation=relation,
                )
            )
        name = _station_name(s, actor)
    rows.sort(key=lambda r: pinyin_sort_key(r.name))
    return SigninSheet(station=name, day=day, rows=tuple(rows), expected_rule=rule)


# -- 志愿者签到表 --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VolunteerSigninRow:
    name: str
    team: str
    started: dt.datetime | None
    ended: dt.datetime | None
    hours: str


@dataclass(frozen=True)
class VolunteerSheet:
    station: str
    day: dt.date
    rows: tuple[VolunteerSigninRow, ...]


def volunteer_sheet(db: Database, actor: Actor, day: dt.date) -> VolunteerSheet:
    require(db, actor, Permission.PRINT_BASIC, what="print:volunteer_sheet")
    start, end = _day_bounds(day)
    with reading(db, actor) as work:
        s = work.session
        found = s.execute(
            select(VolunteerShift, Volunteer.name, Team.name)
            .join(Volunteer, Volunteer.id == VolunteerShift.volunteer_id)
            .outerjoin(Team, Team.id == Volunteer.team_id)
            .where(VolunteerShift.station_id == actor.station_id, VolunteerShift.started_at >= start,
                   VolunteerShift.started_at < end)
            .order_by(VolunteerShift.started_at)
        ).all()
        rows = tuple(
            VolunteerSigninRow(name, team or "", shift.started_at, shift.ended_at,
                               format_hours(_hours(shift)) if shift.ended_at else "")
            for shift, name, team in found
        )
        return VolunteerSheet(station=_station_name(s, actor), day=day, rows=rows)


# -- 月度考勤表 ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AttendanceRow:
    name: str
    grade: str
    present: frozenset[dt.date]


@dataclass(frozen=True)
class AttendanceMonth:
    station: str
    year: int
    month: int
    days: tuple[dt.date, ...]  # the month's opening days (weekends, plus any other day children came)
    rows: tuple[AttendanceRow, ...]

    def total_for_day(self, day: dt.date) -> int:
        return sum(1 for row in self.rows if day in row.present)

    @property
    def total(self) -> int:
        return sum(len(row.present) for row in self.rows)


def parse_month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        dt.date(year, month, 1)
    except ValueError:
        raise InvalidInput(f"月份要写成 年-月，例如 2026-03（填写的是“{text}”）。") from None
    return year, month


def attendance_month(db: Database, actor: Actor, year: int, month: int) -> AttendanceMonth:
    """Who came on which opening day of the month; every child who came at least once has a row."""
    require(db, actor, Permission.PRINT_BASIC, what="print:attendance")
    first = dt.date(year, month, 1)
    last = dt.date(year, month, _calendar.monthrange(year, month)[1])
    start, end = dt.datetime.combine(first, dt.time()), _day_bounds(last)[1]
    with reading(db, actor) as work:
        s = work.session
        found = s.execute(
            select(ChildVisit.child_id, ChildVisit.checked_in_at)
            .where(ChildVisit.station_id == actor.station_id, ChildVisit.checked_in_at >= start,
                   ChildVisit.checked_in_at < end)
        ).all()
        present: dict[int, set[dt.date]] = {}
        for child_id, moment in found:
            present.setdefault(child_id, set()).add(moment.date())
        children = s.execute(select(Child.id, Child.name, Child.grade).where(Child.id.in_(present))).all() if present else []
        name = _station_name(s, actor)
    visit_days = {d for days in present.values() for d in days}
    # The station's opening calendar (weekends, less holidays closed, plus extra days), and any day children came.
    days = sorted({d.day for d in opening_calendar.opening_days(db, actor, first, last)} | visit_days)
    rows = sorted((AttendanceRow(n, g or "", frozenset(present[i])) for i, n, g in children),
                  key=lambda r: pinyin_sort_key(r.name))
    return AttendanceMonth(station=name, year=year, month=month, days=tuple(days), rows=tuple(rows))


# -- 活动记录表 ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SessionRecord:
    station: str
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    dream: str  # 好人梦（道德讲堂）
    theme: str
    place: str
    organiser: str
    volunteers: tuple[str, ...]
    participants: tuple[str, ...]
    summary: str
    follow_up: str
    photos: tuple[Path, ...] = field(default=())  # absolute paths of the photos that exist


def session_record(db: Database, actor: Actor, session_id: int) -> SessionRecord:
    with reading(db, actor, Permission.PRINT_BASIC, what="print:session") as work:
        s = work.session
        row = s.get(ProgrammeSession, session_id)
        if row is None or row.station_id != actor.station_id:
            raise NotFound(f"找不到编号为 {session_id} 的活动记录。请在“十个梦”页面查看活动编号。")
        dream = s.get(Dream, row.dream_id)
        organiser = ""
        if row.organiser_volunteer_id:
            organiser = s.scalar(select(Volunteer.name).where(Volunteer.id == row.organiser_volunteer_id)) or ""
        elif row.organiser_user_id:
            organiser = s.scalar(select(User.display_name).where(User.id == row.organiser_user_id)) or ""
        volunteers = s.scalars(
            select(Volunteer.name).join(SessionVolunteer, SessionVolunteer.volunteer_id == Volunteer.id)
            .where(SessionVolunteer.session_id == session_id)
        ).all()
        participants = s.scalars(
            select(Child.name).join(SessionParticipant, SessionParticipant.child_id == Child.id)
            .where(SessionParticipant.session_id == session_id)
        ).all()
        photo_paths = s.scalars(
            select(SessionPhoto.path).where(SessionPhoto.session_id == session_id)
            .order_by(SessionPhoto.sort_order, SessionPhoto.id)
        ).all()
        base = data_dir()
        photos = tuple(p for p in (base / path for path in photo_paths) if p.is_file())[:MAX_SESSION_PHOTOS]
        return SessionRecord(
            station=_station_name(s, actor),
            id=row.id,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            dream=f"{dream.dream_name}（{dream.function_name}）" if dream else "",
            theme=row.theme,
            place=row.place or "",
            organiser=organiser,
            volunteers=tuple(sorted(volunteers, key=pinyin_sort_key)),
            participants=tuple(sorted(participants, key=pinyin_sort_key)),
            summary=row.summary or "",
            follow_up=row.follow_up or "",
            photos=photos,
        )


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


def recent_sessions(db: Database, actor: Actor, limit: int = 300) -> list[Choice]:
    """Sessions to pick from for printing, newest first."""
    with reading(db, actor, Permission.PRINT_BASIC, what="print:session") as work:
        s = work.session
        found = s.execute(
            select(ProgrammeSession.id, ProgrammeSession.starts_at, ProgrammeSession.theme, Dream.dream_name)
            .join(Dream, Dream.id == ProgrammeSession.dream_id)
            .where(ProgrammeSession.station_id == actor.station_id)
            .order_by(ProgrammeSession.starts_at.desc()).limit(limit)
        ).all()
    return [Choice(i, f"{at:%Y-%m-%d} {dream} · {theme}（{i}）") for i, at, theme, dream in found]


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


def _relation(guardian: Guardian) -> str:
    return guardian.relation_note or guardian.relation if guardian.relation == "其他" else guardian.relation


def roster(db: Database, actor: Actor) -> Roster:
    """The 留守儿童花名册 of the active roster (social workers and admins); the print is audited."""
    with reading(db, actor, Permission.PRINT_RESTRICTED, what="print:roster") as work:
        s = work.session
        sid = actor.station_id
        children = s.scalars(
            select(Child).where(Child.station_id == sid, Child.active.is_(True), Child.archived_at.is_(None))
        ).all()
        ids = [c.id for c in children]
        guardians: dict[int, Guardian] = {}
        for g in s.scalars(select(Guardian).where(Guardian.child_id.in_(ids))
                           .order_by(Guardian.is_primary.desc(), Guardian.sort_order, Guardian.id)):
            guardians.setdefault(g.child_id, g)
        workplaces: dict[int, list[str]] = {}
        for p in s.scalars(select(Parent).where(Parent.child_id.in_(ids)).order_by(Parent.id)):
            place = "".join(dict.fromkeys(x for x in (p.work_province, p.work_city) if x))
            entry = f"{p.relation[:1]}：{place}"
            if place and entry not in workplaces.setdefault(p.child_id, []):
                workplaces[p.child_id].append(entry)
        kinds = dict(s.execute(select(Guardianship.child_id, Guardianship.kind)
                               .where(Guardianship.child_id.in_(ids))).all())
        rows = []
        for c in children:
            g = guardians.get(c.id)
            rows.append(RosterRow(
                name=c.name, gender=c.gender, birth_date=c.birth_date, ethnicity=c.ethnicity or "",
                school_grade=" ".join(x for x in (c.school, c.grade) if x),
                guardian=g.name if g else "", relation=_relation(g) if g else "",
                parents_work="；".join(workplaces.get(c.id, [])), guardianship=kinds.get(c.id) or "",
                phone=(g.phone or "") if g else "",
            ))
        work.audit("print", "roster", detail={"children": len(rows)})
        name = _station_name(s, actor)
    rows.sort(key=lambda r: pinyin_sort_key(r.name))
    return Roster(station=name, day=clock.today(), rows=tuple(rows))


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
            station=_station_name(s, actor), id=visit.id, child_name=child.name, gender=child.gender,
            birth_date=child.birth_date, school_grade=" ".join(x for x in (child.school, child.grade) if x),
            address=child.current_address or child.household_address or "",
            guardian=f"{g.name}（{_relation(g)}）" if g else "",
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


# -- 志愿服务时长证明 -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CertificateData:
    station: str
    serial: str  # 2026-0001
    volunteer: str
    gender: str
    volunteer_number: str
    team: str
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
    start, end = dt.datetime.combine(period_from, dt.time()), _day_bounds(period_to)[1]
    for attempt in range(3):  # two desks issuing at once may pick the same serial: try the next one
        try:
            with unit_of_work(db, actor) as work:
                s = work.session
                person = s.get(Volunteer, volunteer_id)
                if person is None or person.station_id != actor.station_id:
                    raise NotFound(f"找不到编号为 {volunteer_id} 的志愿者。")
                shifts = s.scalars(select(VolunteerShift).where(
                    VolunteerShift.volunteer_id == volunteer_id, VolunteerShift.started_at >= start,
                    VolunteerShift.started_at < end, VolunteerShift.ended_at.is_not(None))).all()
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
                        period_from=period_from, period_to=period_to, hours=sum((_hours(x) for x in shifts), Decimal(0)),
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
                    station=_station_name(s, actor), serial=serial_text, volunteer=person.name,
                    gender=person.gender or "", volunteer_number=person.volunteer_number or "", team=team or "",
                    period_from=period_from, period_to=period_to, hours=format_hours(Decimal(existing.hours)),
                    shifts=len(shifts), service=_service_description(s, volunteer_id, start, end),
                    issued_on=existing.issued_at.date(), reprint=reprint,
                )
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


# -- 儿童卡 / 接送卡 -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Card:
    code: str  # what the QR code carries: the child's card code
    name: str  # the holder: the child, or the guardian on a pickup card
    subtitle: str  # grade, or "接送：<child>（<relation>）"
    photo: Path | None


@dataclass(frozen=True)
class CardSet:
    station: str
    pickup: bool
    cards: tuple[Card, ...]


def cards(db: Database, actor: Actor, pickup: bool = False, child_ids: list[int] | None = None) -> CardSet:
    """Child cards (or guardian pickup cards) of the active roster, sorted by pinyin."""
    require(db, actor, Permission.PRINT_BASIC, what="print:cards")
    base = data_dir()
    with reading(db, actor) as work:
        s = work.session
        query = select(Child).where(Child.station_id == actor.station_id, Child.active.is_(True),
                                    Child.archived_at.is_(None))
        if child_ids:
            query = query.where(Child.id.in_(child_ids))
        children = sorted(s.scalars(query).all(), key=lambda c: pinyin_sort_key(c.name))
        found: list[Card] = []
        if pickup:
            guardians: dict[int, list[Guardian]] = {}
            for g in s.scalars(select(Guardian).where(Guardian.child_id.in_([c.id for c in children]),
                                                      Guardian.may_collect.is_(True))
                               .order_by(Guardian.is_primary.desc(), Guardian.sort_order, Guardian.id)):
                guardians.setdefault(g.child_id, []).append(g)
            for c in children:
                for g in guardians.get(c.id, []):
                    found.append(Card(c.card_code, g.name, f"接送：{c.name}（{_relation(g)}）", None))
        else:
            for c in children:
                photo = base / c.photo_path if c.photo_path else None
                found.append(Card(c.card_code, c.name, c.grade or "",
                                  photo if photo is not None and photo.is_file() else None))
        return CardSet(station=_station_name(s, actor), pickup=pickup, cards=tuple(found))
