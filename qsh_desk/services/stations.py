"""Stations: create one (with the ten dreams seeded), and find the one this PC works for."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import func, select

from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, Dream, Station
from qsh_desk.services import audit, duty
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import Ambiguous, Candidate, Conflict, InvalidInput, NotFound, Problem

STATION_ENV_VAR = "QSH_DESK_STATION"
DEFAULT_STATION_NAME = "高新社区亲善之家"


@dataclass(frozen=True)
class DreamSeed:
    code: str  # stable, whatever the station renames the dream to
    function_name: str
    dream_name: str
    colour: str
    icon: str


# The 十个梦 exactly as the station names them (DOMAIN.md); stations may rename or add, never lose history.
TEN_DREAMS: tuple[DreamSeed, ...] = (
    DreamSeed("good_person", "道德讲堂", "好人梦", "#c62828", "mdi6.human-male-board"),
    DreamSeed("filial", "父母档案", "孝亲梦", "#ad1457", "mdi6.home-heart"),
    DreamSeed("warmth", "结对帮扶", "温暖梦", "#ef6c00", "mdi6.handshake"),
    DreamSeed("tutoring", "托辅", "托辅梦", "#2e7d32", "mdi6.book-open-variant"),
    DreamSeed("missing_family", "思亲", "思亲梦", "#6a1b9a", "mdi6.phone-in-talk"),
    DreamSeed("practice", "实践", "实践梦", "#00838f", "mdi6.hiking"),
    DreamSeed("growth", "成长", "成长梦", "#558b2f", "mdi6.sprout"),
    DreamSeed("knowledge", "求知", "求知梦", "#1565c0", "mdi6.lightbulb-on"),
    DreamSeed("joy", "快乐", "快乐梦", "#f9a825", "mdi6.emoticon-happy"),
    DreamSeed("shine", "出彩", "出彩梦", "#d84315", "mdi6.palette"),
)


@dataclass(frozen=True)
class StationInfo:
    id: int
    name: str


def ensure_station(db: Database, name: str | None = None) -> tuple[StationInfo, bool]:
    """The station with this name (or the only one), created with its ten dreams if missing.

    Returns the station and whether it was created now.
    """
    wanted = (name or "").strip()
    with db.transaction() as session:
        stations = session.scalars(select(Station).order_by(Station.id)).all()
        if wanted:
            for station in stations:
                if station.name == wanted:
                    return StationInfo(station.id, station.name), False
        elif stations:
            return _pick(stations, os.environ.get(STATION_ENV_VAR)), False
        if len(wanted) > 100:
            raise InvalidInput("站点名称太长：请不超过 100 个字。")
        station = Station(name=wanted or DEFAULT_STATION_NAME)
        session.add(station)
        session.flush()
        for order, seed in enumerate(TEN_DREAMS, start=1):
            session.add(
                Dream(
                    station_id=station.id,
                    code=seed.code,
                    sort_order=order,
                    function_name=seed.function_name,
                    dream_name=seed.dream_name,
                    colour=seed.colour,
                    icon=seed.icon,
                )
            )
        duty.add_default_posts(session, station.id)
        return StationInfo(station.id, station.name), True


def _pick(stations, wanted: str | None) -> StationInfo:  # noqa: ANN001 - ORM rows
    if wanted:
        for station in stations:
            if station.name == wanted:
                return StationInfo(station.id, station.name)
        raise NotFound(f"数据库里没有名为“{wanted}”的站点。")
    if len(stations) == 1:
        return StationInfo(stations[0].id, stations[0].name)
    raise Ambiguous(
        f"这个数据库里有 {len(stations)} 个站点，请用环境变量 {STATION_ENV_VAR} 指明本机属于哪个站点。",
        [Candidate(s.id, "station", s.name) for s in stations],
    )


def current_station(db: Database, name: str | None = None) -> StationInfo:
    """The station this PC works for: the one named, else QSH_DESK_STATION, else the only one."""
    with db.transaction() as session:
        stations = session.scalars(select(Station).order_by(Station.id)).all()
        if not stations:
            raise NotFound("数据库里还没有站点：请先运行 qsh-desk init。")
        return _pick(stations, name or os.environ.get(STATION_ENV_VAR))


def children_count(db: Database, station_id: int | None = None) -> int:
    with db.transaction() as session:
        query = select(func.count(Child.id))
        if station_id is not None:
            query = query.where(Child.station_id == station_id)
        return session.scalar(query) or 0


def rename_station(db: Database, actor: Actor, name: str) -> StationInfo:
    """Give this station a new name (administrators only); audited with before and after."""
    require(db, actor, Permission.SETTINGS, what="station")
    wanted = (name or "").strip()
    if not wanted:
        raise InvalidInput(Problem("请填写站点名称。", field="站点名称"))
    if len(wanted) > 100:
        raise InvalidInput(Problem("站点名称太长：请不超过 100 个字。", field="站点名称", value=wanted[:20] + "…"))
    with db.transaction() as session:
        clash = session.scalar(select(Station.id).where(Station.name == wanted, Station.id != actor.station_id))
        if clash is not None:
            raise Conflict(f"数据库里已有名为“{wanted}”的站点：请换一个名称。")
        station = session.get(Station, actor.station_id)
        if station is None:
            raise NotFound("找不到本站点：请重新打开程序。")
        before = station.name
        station.name = wanted
        audit.record(session, actor, "update", "station", entity_id=station.id,
                     detail={"before": {"name": before}, "after": {"name": wanted}})
        return StationInfo(station.id, station.name)
