"""场地容量与师生比: how many children the room holds and how many volunteers they need, now and over a day."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import AuditEntry, ChildVisit, VolunteerShift
from qsh_desk.services import audit, settings
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.kernel import reading

CAPACITY_KEY, RATIO_KEY = "room_capacity", "children_per_volunteer"
ACTION_OVERRIDE = "limit_override"  # the audit action of a check-in or check-out let through past a limit
NEAR = 0.9  # amber from 90 % of a limit on


@dataclass(frozen=True)
class Load:
    """Children and volunteers in the room against the station's two limits (None: that limit is off)."""

    children: int
    volunteers: int
    capacity: int | None = None
    ratio: int | None = None  # children one volunteer may look after

    @property
    def limited(self) -> bool:
        return self.capacity is not None or self.ratio is not None

    @property
    def needed_volunteers(self) -> int | None:
        return math.ceil(self.children / self.ratio) if self.ratio else None

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.children > self.capacity

    @property
    def under_ratio(self) -> bool:
        return self.ratio is not None and self.volunteers < (self.needed_volunteers or 0)

    @property
    def over(self) -> bool:
        return self.over_capacity or self.under_ratio

    @property
    def near(self) -> bool:
        """Not over yet, but a few more children would be (amber)."""
        if self.over or not self.children:
            return False
        limits = [self.capacity] if self.capacity is not None else []
        if self.ratio is not None:
            limits.append(self.volunteers * self.ratio)
        return any(self.children >= NEAR * limit for limit in limits)

    @property
    def state(self) -> str:
        """"over" (red), "near" (amber) or "ok"."""
        return "over" if self.over else "near" if self.near else "ok"

    def with_child(self) -> Load:
        """The room once one more child is in."""
        return replace(self, children=self.children + 1)

    def without_volunteer(self) -> Load:
        """The room once one volunteer has left."""
        return replace(self, volunteers=max(0, self.volunteers - 1))

    def summary(self) -> dict:
        """The shape of `present --summary --json`."""
        return {"children": self.children, "volunteers": self.volunteers, "capacity": self.capacity,
                "ratio": self.ratio, "needed_volunteers": self.needed_volunteers, "over": self.over}

    def ratio_line(self) -> str:
        """One line for the command line: the counts against the limits."""
        parts = [f"儿童 {self.children}" + (f" / {self.capacity}" if self.capacity is not None else "") + " 人"]
        volunteers = f"志愿者 {self.volunteers} 人"
        if self.ratio is not None:
            volunteers += f"（按 1:{self.ratio} 需要 {self.needed_volunteers}）"
        parts.append(volunteers)
        line = " · ".join(parts)
        if self.over:
            line += " · 超出限额"
        elif self.near:
            line += " · 接近限额"
        return line


def limits_of(values: dict) -> tuple[int | None, int | None]:
    return values.get(CAPACITY_KEY), values.get(RATIO_KEY)


def station_limits(db: Database, station_id: int) -> tuple[int | None, int | None]:
    """For services that already checked their caller: (capacity, ratio) of a station."""
    return limits_of(settings.station_values(db, station_id))


def check_in_warning(before: Load, name: str) -> str | None:
    """What a child's check-in would break, in words; None when it breaks nothing."""
    after = before.with_child()
    problems = []
    if after.over_capacity and after.capacity is not None:
        problems.append(f"签到后在站儿童将有 {after.children} 人，超过场地最多容纳的 {after.capacity} 人")
    if after.under_ratio:
        problems.append(f"签到后儿童 {after.children} 人，按 1:{after.ratio} 需要 {after.needed_volunteers} 名志愿者，"
                        f"现在只有 {after.volunteers} 名")
    if not problems:
        return None
    return f"注意：{name} " + "；".join(problems) + "。"


def check_out_warning(before: Load, name: str) -> str | None:
    """What a volunteer leaving would break (the ratio), in words; None when nothing."""
    after = before.without_volunteer()
    if not after.under_ratio:
        return None
    return (f"注意：{name} 签退后只剩 {after.volunteers} 名志愿者，在站儿童 {after.children} 人"
            f"按 1:{after.ratio} 需要 {after.needed_volunteers} 名。")


def record_override(session: Session, actor: Actor, entity: str, record_id: int, load: Load, warning: str,
                    child_id: int | None = None) -> None:
    """Who let a check-in or check-out through past a limit, when, and the numbers it left the room with (read
    back by the day's records)."""
    audit.record(session, actor, ACTION_OVERRIDE, entity, entity_id=record_id, child_id=child_id,
                 detail={**load.summary(), "warning": warning})


@dataclass(frozen=True)
class Override:
    entity: str
    record_id: int
    by: str
    at: dt.datetime
    warning: str


def overrides(session: Session, station_id: int, record_ids: dict[str, list[int]]) -> dict[tuple[str, int], Override]:
    """The overrides of the given records ({entity: [ids]}), keyed by (entity, id)."""
    found: dict[tuple[str, int], Override] = {}
    for entity, ids in record_ids.items():
        if not ids:
            continue
        rows = session.scalars(select(AuditEntry).where(
            AuditEntry.station_id == station_id, AuditEntry.action == ACTION_OVERRIDE, AuditEntry.entity == entity,
            AuditEntry.entity_id.in_(ids)).order_by(AuditEntry.id))
        for row in rows:
            found[(entity, row.entity_id)] = Override(entity, row.entity_id, row.actor, row.at,
                                                      (row.detail or {}).get("warning", ""))
    return found


@dataclass(frozen=True)
class DayLoad:
    """A day's peak head count of children (and when), and the minutes spent over the ratio."""

    day: dt.date
    peak_children: int
    peak_at: dt.datetime | None
    minutes_over_ratio: int
    ratio: int | None = None

    def footer(self) -> str:
        """The sign-in sheet's line: 峰值在站 N 人."""
        text = f"峰值在站 {self.peak_children} 人"
        if self.peak_at is not None:
            text += f"（{self.peak_at:%H:%M}）"
        if self.ratio is not None:
            text += f" · 超出师生比 {self.minutes_over_ratio} 分钟"
        return text


def _overlapping(session: Session, table, came, left, station_id: int, start: dt.datetime,  # noqa: ANN001
                 end: dt.datetime) -> list[tuple[dt.datetime, dt.datetime | None]]:
    """(came, left) of the visits (or shifts) of a station that overlap [start, end]: those begun since the day
    before (a bounded range of the station's index), and whoever is still here (the small index of open ones)."""
    recent = session.execute(select(table.id, came, left).where(
        table.station_id == station_id, came >= start - dt.timedelta(days=1), came <= end)).all()
    still_here = session.execute(select(table.id, came, left).where(
        left.is_(None), table.station_id == station_id)).all()
    rows = {row[0]: (row[1], row[2]) for row in (*recent, *still_here)}
    return [(c, l) for c, l in rows.values() if c <= end and (l is None or l > start)]


def day_load_in(session: Session, station_id: int, day: dt.date, ratio: int | None) -> DayLoad:
    """Sweep the day's visits and shifts: the most children at once, and how long they outnumbered the volunteers
    the ratio asks for. Someone still here counts until now (today) or the end of the day; the ratio is today's
    setting, since the setting's history is not kept."""
    start = dt.datetime.combine(day, dt.time())
    end = min(start + dt.timedelta(days=1), max(start, clock.now()))
    visits = _overlapping(session, ChildVisit, ChildVisit.checked_in_at, ChildVisit.checked_out_at, station_id,
                          start, end)
    shifts = _overlapping(session, VolunteerShift, VolunteerShift.started_at, VolunteerShift.ended_at, station_id,
                          start, end)
    # Whoever is still here leaves just after the end, so that someone who came this very minute is counted.
    beyond = end + dt.timedelta(seconds=1)
    events: list[tuple[dt.datetime, int, int]] = []  # (moment, Δchildren, Δvolunteers); leaving sorts first
    for rows, child in ((visits, 1), (shifts, 0)):
        for came, left in rows:
            came, left = max(came, start), beyond if left is None or left > end else left
            if left <= came:
                continue
            events.append((came, child, 1 - child))
            events.append((left, -child, child - 1))
    events.sort(key=lambda e: (e[0], e[1] + e[2]))
    children = volunteers = peak = 0
    peak_at = None
    over = dt.timedelta()
    for index, (moment, d_children, d_volunteers) in enumerate(events):
        children += d_children
        volunteers += d_volunteers
        if children > peak:
            peak, peak_at = children, moment
        following = events[index + 1][0] if index + 1 < len(events) else moment
        if ratio and children > volunteers * ratio and moment < end:
            over += min(following, end) - moment
    return DayLoad(day, peak, peak_at, int(over.total_seconds() // 60), ratio)


def day_load(db: Database, actor: Actor, day: dt.date | None = None) -> DayLoad:
    """The peak head count and the minutes over the ratio of a day (default today)."""
    require(db, actor, Permission.DESK, what="visits")
    _, ratio = station_limits(db, actor.station_id)
    with reading(db, actor) as work:
        return day_load_in(work.session, actor.station_id, day or clock.today(), ratio)
