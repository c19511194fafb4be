"""父母档案, the shapes: the records a social worker reads, the inputs of the forms, and the words they use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk.db.models import (  # noqa: F401 - the stored words of the archive, for its pages
    CONTACT_CHANNELS,
    CONTACT_INITIATORS,
    GUARDIANSHIP_QUALITIES,
    GUARDIANSHIP_TYPES,
    PARENT_RELATIONS,
    Child,
    Guardianship,
    HomeVisit,
    Parent,
    ParentContact,
)
from qsh_desk.services.access import Actor, Permission, mask_id_number, phone_for

# The 监护情况评估 of the national 农村留守儿童基本情况登记表 (note 5), shown next to the choice.
QUALITY_DEFINITIONS: dict[str, str] = {
    "较好": "委托监护人较好履行监护职责，留守儿童生活、教育、身心健康等方面得到较好保障。",
    "一般": "委托监护人能基本履行监护职责，留守儿童生活、教育、身心发展等方面得到基本保障，"
    "但有产生行为偏差、心理失当等情况的潜在风险。",
    "差": "无人监护、父母一方外出务工另一方无监护能力或委托监护人监护教育能力不足，留守儿童生活、教育、"
    "身心发展得不到有效保障，极易或已经出现行为偏差、心理失当、辍学、外出流浪乞讨等非正常情况。",
}
# The template's tick boxes for 家庭经济来源 and 救助帮扶情况 (several may apply; stored joined by "、").
INCOME_SOURCES = ("打工收入", "种养殖业", "政府救助", "亲朋接济", "其他")
ASSISTANCE_KINDS = ("低保", "临时救助", "医疗救助", "住房救助", "其他救助")
INITIATOR_TITLES = {"child": "孩子", "parent": "父母", "station": "站点"}
MOODS = ("开心", "平静", "想念", "低落", "兴奋", "哭了")
# Channels that are a call: only these can also count as a 思亲梦 session held at the station.
CALL_CHANNELS = ("电话", "视频", "微信", "站内亲情连线")
RETURN_WINDOW_DAYS = 30
SEARCH_LIMIT = 50

CONFLICT_MESSAGE = "这条记录刚被别人改过（可能在另一台电脑上）。您的修改没有保存：请重新打开这个儿童的档案，看过最新内容后再改。"


# ---------------------------------------------------------------------------------------------- records


@dataclass(frozen=True)
class ChildRef:
    id: int
    name: str
    gender: str
    grade: str | None
    card_code: str

    @property
    def label(self) -> str:
        return f"{self.name}（{self.gender}{'，' + self.grade if self.grade else ''}）"


@dataclass(frozen=True)
class ParentInput:
    relation: str
    name: str
    phone: str | None = None
    phone2: str | None = None
    wechat: str | None = None
    work_province: str | None = None
    work_city: str | None = None
    work_address: str | None = None
    employer: str | None = None
    occupation: str | None = None
    return_frequency: str | None = None
    last_return: dt.date | str | None = None
    next_return: dt.date | str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ParentRecord:
    id: int
    child_id: int
    relation: str
    name: str
    phone: str | None
    phone2: str | None
    wechat: str | None
    work_province: str | None
    work_city: str | None
    work_address: str | None
    employer: str | None
    occupation: str | None
    return_frequency: str | None
    last_return: dt.date | None
    next_return: dt.date | None
    notes: str | None
    version: int

    @property
    def works_in(self) -> str:
        """深圳 rather than 广东深圳 when they repeat (上海上海)."""
        province, city = self.work_province or "", self.work_city or ""
        return city if province == city else province + city


@dataclass(frozen=True)
class GuardianshipInput:
    kind: str | None = None
    delegate_name: str | None = None
    delegate_relation: str | None = None
    delegate_phone: str | None = None
    delegate_id_number: str | None = None
    delegate_address: str | None = None
    agreement_on_file: bool = False
    quality: str | None = None
    income_source: str | None = None
    assistance: str | None = None


@dataclass(frozen=True)
class GuardianshipRecord:
    child_id: int
    kind: str | None
    delegate_name: str | None
    delegate_relation: str | None
    delegate_phone: str | None
    delegate_id_number: str | None  # masked unless the actor may see ID numbers
    delegate_address: str | None
    agreement_on_file: bool
    quality: str | None
    income_source: str | None
    assistance: str | None
    version: int

    @property
    def quality_definition(self) -> str | None:
        return QUALITY_DEFINITIONS.get(self.quality or "")


@dataclass(frozen=True)
class ContactInput:
    contacted_at: dt.datetime | str
    channel: str
    initiated_by: str
    parent_id: int | None = None
    duration_minutes: int | str | None = None
    summary: str | None = None
    child_mood: str | None = None
    follow_up_needed: bool = False
    follow_up_due: dt.date | str | None = None


@dataclass(frozen=True)
class ContactRecord:
    id: int
    child_id: int
    parent_id: int | None
    parent_label: str | None  # 母亲 李秀英
    contacted_at: dt.datetime
    channel: str
    initiated_by: str
    duration_minutes: int | None
    summary: str | None
    child_mood: str | None
    follow_up_needed: bool
    follow_up_due: dt.date | None
    follow_up_done_on: dt.date | None
    session_id: int | None
    version: int
    letter_month: dt.date | None = None  # this contact sent that month's 给爸爸妈妈的信

    @property
    def initiated_by_title(self) -> str:
        return INITIATOR_TITLES.get(self.initiated_by, self.initiated_by)


@dataclass(frozen=True)
class HomeVisitInput:
    visited_on: dt.date | str
    visitors: str
    met_whom: str | None = None
    findings: str | None = None
    needs: str | None = None
    follow_up_actions: str | None = None
    follow_up_due: dt.date | str | None = None


@dataclass(frozen=True)
class HomeVisitRecord:
    id: int
    child_id: int
    visited_on: dt.date
    visitors: str
    met_whom: str | None
    findings: str | None
    needs: str | None
    follow_up_actions: str | None
    follow_up_due: dt.date | None
    follow_up_done_on: dt.date | None
    version: int


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    has_time: bool  # home visits are recorded by day only
    kind: str  # contact / home_visit / session / visit
    kind_title: str
    title: str
    detail: str
    ref_id: int


@dataclass(frozen=True)
class ChildArchive:
    child: ChildRef
    parents: tuple[ParentRecord, ...]
    guardianship: GuardianshipRecord | None
    contacts: tuple[ContactRecord, ...]  # newest first
    home_visits: tuple[HomeVisitRecord, ...]  # newest first
    timeline: tuple[TimelineEntry, ...]  # newest first

    @property
    def last_contact_at(self) -> dt.datetime | None:
        return self.contacts[0].contacted_at if self.contacts else None

    @property
    def last_letter(self) -> ContactRecord | None:
        """The contact that sent the latest 给爸爸妈妈的信 (when, to which parent, how)."""
        return next((c for c in self.contacts if c.letter_month is not None), None)


@dataclass(frozen=True)
class NoContactAlert:
    child: ChildRef
    last_contact_at: dt.datetime | None  # None: never, counted from the child's registration
    days: int
    parent_label: str | None
    parent_phone: str | None  # masked: this is a list


@dataclass(frozen=True)
class OverdueFollowUp:
    child: ChildRef
    kind: str  # contact / home_visit
    record_id: int
    due: dt.date
    days_overdue: int
    what: str


@dataclass(frozen=True)
class PoorGuardianship:
    child: ChildRef
    kind: str | None
    delegate_name: str | None


@dataclass(frozen=True)
class ReturnSoon:
    child: ChildRef
    parent_id: int
    parent_label: str
    next_return: dt.date
    days_until: int


@dataclass(frozen=True)
class Alerts:
    today: dt.date
    no_contact_days: int
    no_contact: tuple[NoContactAlert, ...]
    overdue: tuple[OverdueFollowUp, ...]
    poor_guardianship: tuple[PoorGuardianship, ...]
    returns_soon: tuple[ReturnSoon, ...]

    @property
    def total(self) -> int:
        return len(self.no_contact) + len(self.overdue) + len(self.poor_guardianship) + len(self.returns_soon)


@dataclass(frozen=True)
class ExportSummary:
    path: str
    children: int
    parents: int
    contacts: int
    home_visits: int


def kept_if_masked(given: str | None, stored: str | None, masker: Callable[[str | None], str | None]) -> str | None:
    """A form shows a masked value; saving it unchanged must keep the real one, not store the stars."""
    if given and stored and "*" in given and given == masker(stored):
        return stored
    return given


# ---------------------------------------------------------------------------------------------- helpers


def child_ref(child: Child) -> ChildRef:
    return ChildRef(child.id, child.name, child.gender, child.grade, child.card_code)


def row_values(row: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


PARENT_FIELDS = tuple(f.name for f in fields(ParentInput))
GUARDIANSHIP_FIELDS = tuple(f.name for f in fields(GuardianshipInput))
CONTACT_FIELDS = tuple(f.name for f in fields(ContactInput))
HOME_VISIT_FIELDS = tuple(f.name for f in fields(HomeVisitInput))


def parent_record(row: Parent, actor: Actor) -> ParentRecord:
    values = row_values(row, PARENT_FIELDS)
    values["phone"] = phone_for(actor, row.phone)
    values["phone2"] = phone_for(actor, row.phone2)
    return ParentRecord(id=row.id, child_id=row.child_id, version=row.version, **values)


def guardianship_record(row: Guardianship, actor: Actor) -> GuardianshipRecord:
    values = row_values(row, GUARDIANSHIP_FIELDS)
    values["delegate_phone"] = phone_for(actor, row.delegate_phone)
    if not actor.can(Permission.SEE_ID_NUMBERS):
        values["delegate_id_number"] = mask_id_number(row.delegate_id_number)
    return GuardianshipRecord(child_id=row.child_id, version=row.version, **values)


def parent_label(relation: str | None, name: str | None) -> str | None:
    return f"{relation} {name}" if name else None


def contact_record(row: ParentContact, parent_labels: dict[int, str]) -> ContactRecord:
    return ContactRecord(
        id=row.id,
        child_id=row.child_id,
        parent_id=row.parent_id,
        parent_label=parent_labels.get(row.parent_id) if row.parent_id else None,
        contacted_at=row.contacted_at,
        channel=row.channel,
        initiated_by=row.initiated_by,
        duration_minutes=row.duration_minutes,
        summary=row.summary,
        child_mood=row.child_mood,
        follow_up_needed=row.follow_up_needed,
        follow_up_due=row.follow_up_due,
        follow_up_done_on=row.follow_up_done_on,
        session_id=row.session_id,
        version=row.version,
        letter_month=row.letter_month,
    )


def home_visit_record(row: HomeVisit) -> HomeVisitRecord:
    return HomeVisitRecord(id=row.id, child_id=row.child_id, version=row.version, follow_up_done_on=row.follow_up_done_on,
                           **row_values(row, HOME_VISIT_FIELDS))


def labels_of(session: Session, child_id: int) -> dict[int, str]:
    """“父亲 张伟” for each parent of the child, by id."""
    rows = session.execute(select(Parent.id, Parent.relation, Parent.name).where(Parent.child_id == child_id))
    return {pid: parent_label(rel, name) or "" for pid, rel, name in rows}
