"""The data of every printout (台账): permission-checked, restricted prints audited, returned as plain dataclasses."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk.config import data_dir
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    ChildVisit,
    Dream,
    Guardian,
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
from qsh_desk.services import capacity, settings
from qsh_desk.services.capacity import DayLoad
from qsh_desk.services import calendar as opening_calendar
from qsh_desk.services.kernel import reading
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import InvalidInput, NotFound, Refused
from qsh_desk.services.search_keys import sort_key

MAX_SESSION_PHOTOS = 4


def guardian_relation(guardian: Guardian) -> str:
    """How a guardian is related, as the form shows it (a relation the database calls 其他 is said as typed)."""
    return guardian.relation_note or guardian.relation if guardian.relation == "其他" else guardian.relation


def pinyin_sort_key(name: str, stored: str = "") -> tuple[str, str]:
    """Sort names as a Chinese list is read, the same as every list of the program (search_keys.sort_key).

    `stored` is the person's `sort_name`, when there is one: the readings are not looked up again (pypinyin
    takes about 0.1 s to load and 0.1 s for 200 names).
    """
    return (stored or sort_key(name), "".join(name.split()))


def station_name(session: Session, actor: Actor) -> str:
    station = session.get(Station, actor.station_id)
    return station.name if station else ""


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time())
    return start, start + dt.timedelta(days=1)


def shift_hours(shift: VolunteerShift) -> Decimal:
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
    load: DayLoad | None = None  # the day's peak and minutes over the ratio, for the footer


def _collected_by(visit: ChildVisit | None) -> dict[str, str]:
    """Who collected the child at the end of this visit, as the sheet's 接送人 and 关系 columns."""
    if visit is None or visit.checked_out_at is None:
        return {"collector": "", "relation": ""}
    if visit.went_home_alone:
        return {"collector": "自行回家", "relation": ""}
    return {"collector": visit.collector_name or "", "relation": visit.collector_relation or ""}


def signin_sheet(db: Database, actor: Actor, day: dt.date, *, even_if_closed: bool = False) -> SigninSheet:
    """The children expected on the day (station setting), with whatever the desk already recorded that day.

    A day the calendar keeps closed gets no sheet unless asked for (`even_if_closed`).
    """
    require(db, actor, Permission.PRINT_BASIC, what="print:signin_sheet")
    status = opening_calendar.day_status(db, actor, day)
    if not status.is_open and not even_if_closed:
        reason = f"（{status.reason}）" if status.reason else ""
        raise Refused(f"{status.label} 不开放{reason}，不打印签到表。", overridden_by="even_if_closed")
    values = settings.station_values(db, actor.station_id)
    start, end = day_bounds(day)
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
            # One row for each visit: a child collected and back again that day is on the paper twice, each
            # time with who collected her and when. A child expected but not come gets an empty row to fill in.
            for visit in by_child.get(child.id) or [None]:
                rows.append((pinyin_sort_key(child.name, child.sort_name), child.id, visit.checked_in_at if visit else None, SigninRow(
                    name=child.name,
                    grade=child.grade or "",
                    checked_in=visit.checked_in_at if visit else None,
                    checked_out=visit.checked_out_at if visit else None,
                    **_collected_by(visit),
                )))
        name = station_name(s, actor)
        load = capacity.day_load_in(s, sid, day, capacity.limits_of(values)[1])
    rows.sort(key=lambda r: r[:3] if r[2] else (*r[:2], dt.datetime.min))
    return SigninSheet(station=name, day=day, rows=tuple(r[3] for r in rows), expected_rule=rule, load=load)


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
    start, end = day_bounds(day)
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
                               format_hours(shift_hours(shift)) if shift.ended_at else "")
            for shift, name, team in found
        )
        return VolunteerSheet(station=station_name(s, actor), day=day, rows=rows)


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
    start, end = dt.datetime.combine(first, dt.time()), day_bounds(last)[1]
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
        name = station_name(s, actor)
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
            station=station_name(s, actor),
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
    title: str | None = None  # other labels on the same sheet (物品标签); None: 儿童卡 or 接送卡


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
        children = sorted(s.scalars(query).all(), key=lambda c: pinyin_sort_key(c.name, c.sort_name))
        found: list[Card] = []
        if pickup:
            guardians: dict[int, list[Guardian]] = {}
            for g in s.scalars(select(Guardian).where(Guardian.child_id.in_([c.id for c in children]),
                                                      Guardian.may_collect.is_(True))
                               .order_by(Guardian.is_primary.desc(), Guardian.sort_order, Guardian.id)):
                guardians.setdefault(g.child_id, []).append(g)
            for c in children:
                for g in guardians.get(c.id, []):
                    found.append(Card(c.card_code, g.name, f"接送：{c.name}（{guardian_relation(g)}）", None))
        else:
            for c in children:
                photo = base / c.photo_path if c.photo_path else None
                found.append(Card(c.card_code, c.name, c.grade or "",
                                  photo if photo is not None and photo.is_file() else None))
        return CardSet(station=station_name(s, actor), pickup=pickup, cards=tuple(found))
