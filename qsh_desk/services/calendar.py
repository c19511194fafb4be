"""The opening calendar: every Saturday and Sunday by default, with holidays closed and extra days added."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk.db.database import Database
from qsh_desk.db.models import CalendarDay
from qsh_desk.services import audit, settings
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import InvalidInput, Problem

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@dataclass(frozen=True)
class OpeningDay:
    day: dt.date
    is_open: bool
    opens_at: dt.time | None
    closes_at: dt.time | None
    reason: str | None  # why a regular day is closed, or why an extra day is open
    regular: bool  # True: the weekly rule applies (no exception recorded)

    @property
    def label(self) -> str:
        return f"{self.day.isoformat()} {WEEKDAY_NAMES[self.day.weekday()]}"


def is_regular_opening(day: dt.date) -> bool:
    """The weekly rule: the 亲善之家 opens every Saturday and Sunday (每个双休日)."""
    return day.weekday() >= 5


def _usual_hours(db: Database, station_id: int) -> tuple[dt.time, dt.time]:
    values = settings.station_values(db, station_id)
    return dt.time.fromisoformat(values["opening_time"]), dt.time.fromisoformat(values["closing_time"])


def _exceptions(session: Session, station_id: int, start: dt.date, end: dt.date) -> dict[dt.date, CalendarDay]:
    rows = session.scalars(
        select(CalendarDay).where(CalendarDay.station_id == station_id, CalendarDay.day.between(start, end))
    )
    return {row.day: row for row in rows}


def month_days(db: Database, actor: Actor, start: dt.date, end: dt.date) -> list[OpeningDay]:
    """Every day from start to end inclusive, open or closed, with hours and reasons."""
    if end < start:
        raise InvalidInput("结束日期不能早于开始日期。")
    station_id = actor.station_id
    with reading(db, actor, Permission.DESK, what="calendar") as work:
        exceptions = _exceptions(work.session, station_id, start, end)
    opens, closes = _usual_hours(db, station_id)
    days = []
    day = start
    while day <= end:
        row = exceptions.get(day)
        if row is None:
            regular = is_regular_opening(day)
            days.append(OpeningDay(day, regular, opens if regular else None, closes if regular else None, None, True))
        else:
            days.append(
                OpeningDay(
                    day,
                    row.is_open,
                    (row.opens_at or opens) if row.is_open else None,
                    (row.closes_at or closes) if row.is_open else None,
                    row.reason,
                    False,
                )
            )
        day += dt.timedelta(days=1)
    return days


def opening_days(db: Database, actor: Actor, start: dt.date, end: dt.date) -> list[OpeningDay]:
    """The days the station is open between start and end: what the desk, sheets and attendance grid use."""
    return [d for d in month_days(db, actor, start, end) if d.is_open]


def day_status(db: Database, actor: Actor, day: dt.date) -> OpeningDay:
    return month_days(db, actor, day, day)[0]


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    if not 1 <= month <= 12:
        raise InvalidInput(f"月份“{month}”不对：请写 1 到 12。")
    start = dt.date(year, month, 1)
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return start, end


def _set_exception(
    db: Database,
    actor: Actor,
    day: dt.date,
    *,
    is_open: bool,
    reason: str,
    opens_at: dt.time | None = None,
    closes_at: dt.time | None = None,
) -> OpeningDay:
    require(db, actor, Permission.SESSION_MANAGE, what="calendar")
    reason = (reason or "").strip()
    problems = []
    if not reason:
        problems.append(Problem("请写明原因（例如“国庆放假”或“暑期加开”）。", field="原因"))
    if opens_at and closes_at and closes_at <= opens_at:
        problems.append(Problem("闭馆时间要晚于开放时间。", field="时间"))
    if problems:
        raise InvalidInput(problems)
    with unit_of_work(db, actor) as work:
        session = work.session
        row = session.scalars(
            select(CalendarDay).where(CalendarDay.station_id == actor.station_id, CalendarDay.day == day)
        ).one_or_none()
        before = None if row is None else {"is_open": row.is_open, "reason": row.reason}
        if row is None:
            row = CalendarDay(station_id=actor.station_id, day=day)
            session.add(row)
        row.is_open, row.reason, row.opens_at, row.closes_at = is_open, reason, opens_at, closes_at
        session.flush()
        audit.record(
            session, actor, "update" if before else "create", "calendar_day", entity_id=row.id,
            detail={"day": day, "before": before, "after": {"is_open": is_open, "reason": reason}},
        )
    return day_status(db, actor, day)


def close_day(db: Database, actor: Actor, day: dt.date, reason: str) -> OpeningDay:
    """Close a day that would be open (a holiday, bad weather); a reason is required."""
    return _set_exception(db, actor, day, is_open=False, reason=reason)


def open_day(
    db: Database, actor: Actor, day: dt.date, reason: str, opens_at: dt.time | None = None, closes_at: dt.time | None = None
) -> OpeningDay:
    """Open an extra day (or change a day's hours); a reason is required."""
    return _set_exception(db, actor, day, is_open=True, reason=reason, opens_at=opens_at, closes_at=closes_at)


def reset_day(db: Database, actor: Actor, day: dt.date) -> OpeningDay:
    """Remove the exception: the weekly rule applies again."""
    with unit_of_work(db, actor, Permission.SESSION_MANAGE, what="calendar") as work:
        session = work.session
        row = session.scalars(
            select(CalendarDay).where(CalendarDay.station_id == actor.station_id, CalendarDay.day == day)
        ).one_or_none()
        if row is not None:
            audit.record(session, actor, "delete", "calendar_day", entity_id=row.id,
                         detail={"day": day, "before": {"is_open": row.is_open, "reason": row.reason}})
            session.delete(row)
    return day_status(db, actor, day)
