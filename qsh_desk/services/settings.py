"""Station settings: a typed registry with defaults and titles, stored per station in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk.db.database import Database
from qsh_desk.db.models import StationSetting
from qsh_desk.services import audit
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import InvalidInput


@dataclass(frozen=True)
class Setting:
    key: str
    title: str
    default: Any
    kind: type
    choices: tuple[Any, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    time_of_day: bool = False  # a "HH:MM" string
    optional: bool = False  # may be empty (None): the rule it sets is then off


# What an optional setting accepts for "empty" (off), besides None and "".
EMPTY = ("不限", "关闭", "off", "none")


# Settings that concern the whole station (what concerns one PC lives in QSettings, in the GUI).
REGISTRY: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("hours_rounding_minutes", "志愿服务时长取整（分钟）", 15, int, choices=(1, 5, 15, 30, 60)),
        Setting("signin_expected", "签到表预填儿童", "recent", str, choices=("active", "recent")),
        Setting("signin_recent_weeks", "签到表预填：最近几周来过的儿童", 8, int, minimum=1, maximum=104),
        Setting("no_contact_days", "多少天无亲子联系时提醒", 30, int, minimum=1, maximum=365),
        Setting("not_reached_weeks", "多少周未参加活动时提醒", 8, int, minimum=1, maximum=104),
        Setting("pairing_visit_days", "结对帮扶应多久走访一次（天）", 30, int, minimum=1, maximum=365),
        Setting("wish_value_cap", "微心愿金额上限（元；超过需社工或管理员批准）", 100, int, minimum=1, maximum=100000),
        Setting("wish_claim_days", "微心愿认领后多少天未圆梦时提醒", 30, int, minimum=1, maximum=365),
        Setting("loan_days_books", "图书借阅期限（天）", 14, int, minimum=1, maximum=365),
        Setting("loan_days_other", "器材玩具借用期限（天）", 7, int, minimum=1, maximum=365),
        Setting("undo_minutes", "签到台可撤销的时间（分钟）", 5, int, minimum=1, maximum=60),
        Setting("opening_time", "开放时间", "09:00", str, time_of_day=True),
        Setting("closing_time", "闭馆时间", "17:00", str, time_of_day=True),
        Setting("room_capacity", "场地最多容纳儿童", None, int, minimum=1, maximum=500, optional=True),
        Setting("children_per_volunteer", "每名志愿者最多照看儿童", None, int, minimum=1, maximum=50, optional=True),
        Setting("station_phone", "站点电话（印在给爸爸妈妈的信上）", "", str),
    )
}


def _validate(setting: Setting, value: Any) -> Any:
    if setting.optional and (value is None or str(value).strip().lower() in ("", *EMPTY)):
        return None
    if setting.kind is int:
        try:
            value = int(value)
        except (TypeError, ValueError):
            empty = "；不限请留空" if setting.optional else ""
            raise InvalidInput(f"“{setting.title}”需要一个整数{empty}。") from None
    elif not isinstance(value, setting.kind):
        raise InvalidInput(f"“{setting.title}”的值不对。")
    if setting.time_of_day:
        try:
            hours, _, minutes = str(value).strip().replace("：", ":").partition(":")
            value = dt.time(int(hours), int(minutes)).strftime("%H:%M")
        except ValueError:
            raise InvalidInput(f"“{setting.title}”请写成 09:00 这样的时间。") from None
    if setting.choices is not None and value not in setting.choices:
        allowed = "、".join(str(c) for c in setting.choices)
        raise InvalidInput(f"“{setting.title}”只能是：{allowed}。")
    if setting.minimum is not None and value < setting.minimum:
        raise InvalidInput(f"“{setting.title}”不能小于 {setting.minimum}。")
    if setting.maximum is not None and value > setting.maximum:
        raise InvalidInput(f"“{setting.title}”不能大于 {setting.maximum}。")
    return value


def get_all(db: Database, actor: Actor) -> dict[str, Any]:
    """Every setting of the actor's station, the stored value or the default (anyone at the desk may read them)."""
    with reading(db, actor, Permission.DESK, what="settings") as work:
        return _values(work.session, actor.station_id)


def get(db: Database, actor: Actor, key: str) -> Any:
    return get_all(db, actor)[key]


def station_values(db: Database, station_id: int) -> dict[str, Any]:
    """For services that already checked their caller: the settings of a station."""
    with db.reading() as session:
        return _values(session, station_id)


def _values(session: Session, station_id: int) -> dict[str, Any]:
    stored = dict(session.execute(
        select(StationSetting.key, StationSetting.value).where(StationSetting.station_id == station_id)).all())
    return {key: stored.get(key, setting.default) for key, setting in REGISTRY.items()}


def station_value(db: Database, station_id: int, key: str) -> Any:
    """For services that already checked their caller: one setting of a station."""
    return station_values(db, station_id)[key]


def _setting(key: str) -> Setting:
    if key not in REGISTRY:
        raise InvalidInput(f"没有名为“{key}”的设置。可用的设置：{'、'.join(REGISTRY)}。")
    return REGISTRY[key]


def set_value(db: Database, actor: Actor, key: str, value: Any) -> Any:
    """Change one setting (administrators only); audited with before and after. An optional setting set to
    nothing is turned off (its row goes, as with `unset_value`)."""
    require(db, actor, Permission.SETTINGS, what="settings")
    value = _validate(_setting(key), value)
    if value is None:
        return unset_value(db, actor, key)
    with unit_of_work(db, actor) as work:
        session = work.session
        row = session.get(StationSetting, (actor.station_id, key))
        before = row.value if row is not None else REGISTRY[key].default
        if row is None:
            session.add(StationSetting(station_id=actor.station_id, key=key, value=value))
        else:
            row.value = value
        audit.record(session, actor, "update", "setting", detail={"key": key, "before": before, "after": value})
    return value


def unset_value(db: Database, actor: Actor, key: str) -> Any:
    """Back to the default (administrators only; for an optional setting: off); audited. Returns the default."""
    require(db, actor, Permission.SETTINGS, what="settings")
    setting = _setting(key)
    with unit_of_work(db, actor) as work:
        session = work.session
        row = session.get(StationSetting, (actor.station_id, key))
        if row is not None:
            before = row.value
            session.delete(row)
            audit.record(session, actor, "update", "setting",
                         detail={"key": key, "before": before, "after": setting.default})
    return setting.default
