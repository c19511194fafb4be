"""父母档案: each child's parents, guardianship, contacts with the parents, home visits, timeline and alerts.

The most sensitive data in the system (minors' family details). Every function requires
Permission.ARCHIVE (a refusal is audited by `access.require`); every read of a child's archive and every
change goes to the audit log; updates use optimistic locking, so two social workers never overwrite
each other's work unseen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    CONTACT_CHANNELS,
    CONTACT_INITIATORS,
    GUARDIANSHIP_QUALITIES,
    GUARDIANSHIP_TYPES,
    PARENT_RELATIONS,
    Child,
    ChildVisit,
    Dream,
    Guardianship,
    HomeVisit,
    Parent,
    ParentContact,
    ProgrammeSession,
    SessionParticipant,
)
from qsh_desk.services import audit, settings
from qsh_desk.services.access import Actor, Permission, mask_id_number, mask_phone, phone_for, require
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, Problem, Refused

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
    version: str  # a fingerprint of the stored row: the table has no version column

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


# ------------------------------------------------------------------------------------------ validation


class _Checker:
    """Collects every problem of a form before anything is written, so the user fixes them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, field: str, message: str, value: Any = None) -> None:
        self.problems.append(Problem(message, field=field, value=None if value is None else str(value)))

    def text(self, value: str | None, field: str, max_len: int, *, required: bool = False) -> str | None:
        clean = (value or "").strip()
        if not clean:
            if required:
                self.fail(field, "必须填写。")
            return None
        if len(clean) > max_len:
            self.fail(field, f"太长了：最多 {max_len} 个字。")
        return clean

    def choice(self, value: str | None, field: str, allowed: Iterable[str], *, required: bool = True) -> str | None:
        clean = (value or "").strip() or None
        allowed = tuple(allowed)
        if clean is None:
            if required:
                self.fail(field, "请选择一项：" + "、".join(allowed) + "。")
            return None
        if clean not in allowed:
            self.fail(field, "只能是：" + "、".join(allowed) + "。", clean)
        return clean

    def phone(self, value: str | None, field: str) -> str | None:
        clean = re.sub(r"[\s]", "", value or "")
        if not clean:
            return None
        if not re.fullmatch(r"\+?[0-9][0-9-]{4,19}", clean) or len(clean) > 20:
            self.fail(field, "电话号码只能有数字（座机可以用“-”），例如 13812345678 或 0791-88123456。", value)
        return clean

    def id_number(self, value: str | None, field: str) -> str | None:
        clean = (value or "").strip().upper()
        if not clean:
            return None
        if not _valid_id_number(clean):
            self.fail(field, "身份证号不对：应为 18 位（最后一位可以是 X），请对照证件再输一遍。", value)
        return clean

    def date(self, value: dt.date | str | None, field: str, *, required: bool = False,
             not_after: dt.date | None = None) -> dt.date | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(field, "必须填写日期，例如 2026-11-29。")
            return None
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip().replace("/", "-").replace(".", "-"))
            except ValueError:
                self.fail(field, "日期看不懂：请写成 2026-11-29 这样的格式。", value)
                return None
        if not_after is not None and value > not_after:
            self.fail(field, "日期不能晚于今天。", value.isoformat())
        return value

    def moment(self, value: dt.datetime | str | None, field: str) -> dt.datetime | None:
        if isinstance(value, str):
            text_value = value.strip().replace("/", "-")
            try:
                value = dt.datetime.fromisoformat(text_value) if text_value else None
            except ValueError:
                self.fail(field, "时间看不懂：请写成 2026-11-29 19:30 这样的格式。", text_value)
                return None
        if value is None:
            self.fail(field, "必须填写时间，例如 2026-11-29 19:30。")
            return None
        value = value.replace(second=0, microsecond=0)
        if value.date() > clock.today():
            self.fail(field, "时间不能晚于今天。", value.strftime("%Y-%m-%d %H:%M"))
        return value

    def minutes(self, value: int | str | None, field: str) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(field, "请填写分钟数（整数），例如 15。", value)
            return None
        if not 0 <= number <= 24 * 60:
            self.fail(field, "分钟数应在 0 到 1440 之间。", value)
        return number

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _valid_id_number(value: str) -> bool:
    """A 居民身份证号: 18 characters with its ISO 7064 check character (catches most typos)."""
    if not re.fullmatch(r"[0-9]{17}[0-9X]", value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == value[17]


def _kept_if_masked(given: str | None, stored: str | None, masker: Callable[[str | None], str | None]) -> str | None:
    """A form shows a masked value; saving it unchanged must keep the real one, not store the stars."""
    if given and stored and "*" in given and given == masker(stored):
        return stored
    return given


# ---------------------------------------------------------------------------------------------- helpers


def _child(session: Session, actor: Actor, child_id: int) -> Child:
    child = session.get(Child, child_id)
    if child is None or child.station_id != actor.station_id:
        raise NotFound(f"没有找到编号为 {child_id} 的儿童。请重新搜索。")
    return child


def _child_ref(child: Child) -> ChildRef:
    return ChildRef(child.id, child.name, child.gender, child.grade, child.card_code)


def _row_values(row: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


_PARENT_FIELDS = tuple(f.name for f in fields(ParentInput))
_GUARDIANSHIP_FIELDS = tuple(f.name for f in fields(GuardianshipInput))
_CONTACT_FIELDS = tuple(f.name for f in fields(ContactInput))
_HOME_VISIT_FIELDS = tuple(f.name for f in fields(HomeVisitInput))


def _parent_record(row: Parent, actor: Actor) -> ParentRecord:
    values = _row_values(row, _PARENT_FIELDS)
    values["phone"] = phone_for(actor, row.phone)
    values["phone2"] = phone_for(actor, row.phone2)
    return ParentRecord(id=row.id, child_id=row.child_id, version=row.version, **values)


def _guardianship_record(row: Guardianship, actor: Actor) -> GuardianshipRecord:
    values = _row_values(row, _GUARDIANSHIP_FIELDS)
    values["delegate_phone"] = phone_for(actor, row.delegate_phone)
    if not actor.can(Permission.SEE_ID_NUMBERS):
        values["delegate_id_number"] = mask_id_number(row.delegate_id_number)
    return GuardianshipRecord(child_id=row.child_id, version=row.version, **values)


def _parent_label(relation: str | None, name: str | None) -> str | None:
    return f"{relation} {name}" if name else None


def _fingerprint(row: ParentContact) -> str:
    stored = _row_values(row, _CONTACT_FIELDS + ("follow_up_done_on", "session_id"))
    return hashlib.sha1(repr(sorted(stored.items())).encode()).hexdigest()[:12]


def _contact_record(row: ParentContact, parent_labels: dict[int, str]) -> ContactRecord:
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
        version=_fingerprint(row),
    )


def _home_visit_record(row: HomeVisit) -> HomeVisitRecord:
    return HomeVisitRecord(id=row.id, child_id=row.child_id, version=row.version, follow_up_done_on=row.follow_up_done_on,
                           **_row_values(row, _HOME_VISIT_FIELDS))


def _check_version(version: int | str, current: int | str) -> None:
    if version != current:
        raise Conflict(CONFLICT_MESSAGE)


def _flush(session: Session) -> None:
    """Flush, turning a concurrent update (the versioned UPDATE matched no row) into a Conflict."""
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(CONFLICT_MESSAGE) from None


# ---------------------------------------------------------------------------------------------- search


def find_children(db: Database, actor: Actor, query: str = "", *, limit: int = SEARCH_LIMIT,
                  include_inactive: bool = False) -> list[ChildRef]:
    """Children whose name, pinyin or initials start with the query (or whose card code it is); all if empty."""
    require(db, actor, Permission.ARCHIVE, what="archive_search")
    needle = "".join(query.split()).lower()
    with db.transaction() as session:
        stmt = select(Child).where(Child.station_id == actor.station_id)
        if not include_inactive:
            stmt = stmt.where(Child.active.is_(True), Child.archived_at.is_(None))
        if needle:
            # Keys are stored space-separated with a leading space, so this is a prefix match on any key.
            like = "% " + needle.replace("\\", "").replace("%", "").replace("_", "") + "%"
            stmt = stmt.where((Child.search_keys.like(like)) | (func.upper(Child.card_code) == needle.upper()))
        rows = session.scalars(stmt.order_by(Child.name, Child.id).limit(limit)).all()
        return [_child_ref(row) for row in rows]


# ---------------------------------------------------------------------------------------------- reading


def get_archive(db: Database, actor: Actor, child_id: int, *, opened: bool = True) -> ChildArchive:
    """Everything on file for one child. Opening it is a look at a minor's sensitive data, and audited;
    `opened=False` is a view that already shows this child refreshing itself after a change: no new look."""
    require(db, actor, Permission.ARCHIVE, what="archive", child_id=child_id)
    with db.transaction() as session:
        child = _child(session, actor, child_id)
        parents = session.scalars(select(Parent).where(Parent.child_id == child_id).order_by(Parent.id)).all()
        labels = {p.id: _parent_label(p.relation, p.name) or "" for p in parents}
        contacts = session.scalars(
            select(ParentContact).where(ParentContact.child_id == child_id)
            .order_by(ParentContact.contacted_at.desc(), ParentContact.id.desc())
        ).all()
        visits = session.scalars(
            select(HomeVisit).where(HomeVisit.child_id == child_id)
            .order_by(HomeVisit.visited_on.desc(), HomeVisit.id.desc())
        ).all()
        guardianship = session.get(Guardianship, child_id)
        archive = ChildArchive(
            child=_child_ref(child),
            parents=tuple(_parent_record(p, actor) for p in parents),
            guardianship=_guardianship_record(guardianship, actor) if guardianship else None,
            contacts=tuple(_contact_record(c, labels) for c in contacts),
            home_visits=tuple(_home_visit_record(v) for v in visits),
            timeline=tuple(_timeline(session, child_id, labels)),
        )
        if opened:
            audit.record(session, actor, "read", "archive", entity_id=child_id, child_id=child_id)
    return archive


def child_timeline(db: Database, actor: Actor, child_id: int) -> list[TimelineEntry]:
    """Contacts, home visits, sessions attended and check-ins of one child, newest first (audited)."""
    require(db, actor, Permission.ARCHIVE, what="archive_timeline", child_id=child_id)
    with db.transaction() as session:
        _child(session, actor, child_id)
        labels = {
            pid: _parent_label(rel, name) or ""
            for pid, rel, name in session.execute(
                select(Parent.id, Parent.relation, Parent.name).where(Parent.child_id == child_id)
            )
        }
        entries = _timeline(session, child_id, labels)
        audit.record(session, actor, "read", "archive_timeline", entity_id=child_id, child_id=child_id)
    return entries


def _timeline(session: Session, child_id: int, parent_labels: dict[int, str]) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    linked_sessions: set[int] = set()
    for c in session.scalars(select(ParentContact).where(ParentContact.child_id == child_id)):
        who = parent_labels.get(c.parent_id) if c.parent_id else None
        parts = [f"{INITIATOR_TITLES.get(c.initiated_by, c.initiated_by)}发起"]
        if c.duration_minutes:
            parts.append(f"{c.duration_minutes} 分钟")
        if c.child_mood:
            parts.append(f"孩子情绪：{c.child_mood}")
        if c.session_id:
            linked_sessions.add(c.session_id)
            parts.append("已记为思亲梦活动")
        detail = "，".join(parts) + ("。" + c.summary if c.summary else "")
        entries.append(TimelineEntry(c.contacted_at, True, "contact", "亲子联系",
                                     f"{c.channel}" + (f" · {who}" if who else ""), detail, c.id))
    for v in session.scalars(select(HomeVisit).where(HomeVisit.child_id == child_id)):
        detail = "；".join(x for x in (f"见到：{v.met_whom}" if v.met_whom else "", v.findings or "",
                                      f"需求：{v.needs}" if v.needs else "") if x)
        entries.append(TimelineEntry(dt.datetime.combine(v.visited_on, dt.time()), False, "home_visit", "家访",
                                     f"家访 · {v.visitors}", detail, v.id))
    attended = session.execute(
        select(ProgrammeSession.id, ProgrammeSession.starts_at, ProgrammeSession.theme, Dream.dream_name)
        .join(SessionParticipant, SessionParticipant.session_id == ProgrammeSession.id)
        .join(Dream, Dream.id == ProgrammeSession.dream_id)
        .where(SessionParticipant.child_id == child_id)
    )
    for sid, starts_at, theme, dream_name in attended:
        if sid in linked_sessions:
            continue  # the contact that created it already stands for it
        entries.append(TimelineEntry(starts_at, True, "session", "参加活动", f"{dream_name} · {theme}", "", sid))
    for visit in session.scalars(select(ChildVisit).where(ChildVisit.child_id == child_id)):
        if visit.checked_out_at is None:
            detail = "仍在站内"
        elif visit.went_home_alone:
            detail = f"{visit.checked_out_at:%H:%M} 签退，自行回家"
        else:
            who = " ".join(x for x in (visit.collector_relation, visit.collector_name) if x)
            detail = f"{visit.checked_out_at:%H:%M} 签退" + (f"，{who}接走" if who else "")
        entries.append(TimelineEntry(visit.checked_in_at, True, "visit", "到站", "到站签到", detail, visit.id))
    entries.sort(key=lambda e: (e.at, e.kind), reverse=True)
    return entries


# ---------------------------------------------------------------------------------------------- parents


def _parent_values(check: _Checker, data: ParentInput, stored: Parent | None, actor: Actor) -> dict[str, Any]:
    today = clock.today()
    values = {
        "relation": check.choice(data.relation, "关系", PARENT_RELATIONS),
        "name": check.text(data.name, "姓名", 64, required=True),
        "phone": check.phone(_kept_if_masked(data.phone, stored.phone if stored else None,
                                             lambda p: phone_for(actor, p)), "电话"),
        "phone2": check.phone(_kept_if_masked(data.phone2, stored.phone2 if stored else None,
                                              lambda p: phone_for(actor, p)), "电话2"),
        "wechat": check.text(data.wechat, "微信", 64),
        "work_province": check.text(data.work_province, "务工省份", 32),
        "work_city": check.text(data.work_city, "务工城市", 32),
        "work_address": check.text(data.work_address, "务工地址", 200),
        "employer": check.text(data.employer, "工作单位", 100),
        "occupation": check.text(data.occupation, "职业", 64),
        "return_frequency": check.text(data.return_frequency, "回家频率", 64),
        "last_return": check.date(data.last_return, "上次回家", not_after=today),
        "next_return": check.date(data.next_return, "下次计划回家"),
        "notes": check.text(data.notes, "备注", 2000),
    }
    return values


def add_parent(db: Database, actor: Actor, child_id: int, data: ParentInput) -> ParentRecord:
    require(db, actor, Permission.ARCHIVE, what="parent", child_id=child_id)
    check = _Checker()
    values = _parent_values(check, data, None, actor)
    check.raise_if_any()
    with db.transaction() as session:
        _child(session, actor, child_id)
        row = Parent(child_id=child_id, **values)
        session.add(row)
        session.flush()
        audit.record(session, actor, "create", "parent", entity_id=row.id, child_id=child_id, detail={"after": values})
        return _parent_record(row, actor)


def update_parent(db: Database, actor: Actor, parent_id: int, version: int, data: ParentInput) -> ParentRecord:
    require(db, actor, Permission.ARCHIVE, what="parent")
    with db.transaction() as session:
        row = _parent_row(session, actor, parent_id)
        check = _Checker()
        values = _parent_values(check, data, row, actor)
        check.raise_if_any()
        _check_version(version, row.version)
        before = _row_values(row, values)
        for key, value in values.items():
            setattr(row, key, value)
        _flush(session)
        audit.record(session, actor, "update", "parent", entity_id=row.id, child_id=row.child_id,
                     detail=audit.changes(before, values))
        return _parent_record(row, actor)


def delete_parent(db: Database, actor: Actor, parent_id: int, version: int) -> None:
    """Remove a parent entered by mistake; contacts with them stay (without the link)."""
    require(db, actor, Permission.ARCHIVE, what="parent")
    with db.transaction() as session:
        row = _parent_row(session, actor, parent_id)
        _check_version(version, row.version)
        before = _row_values(row, _PARENT_FIELDS)
        child_id = row.child_id
        for contact in session.scalars(select(ParentContact).where(ParentContact.parent_id == parent_id)):
            contact.parent_id = None
        session.delete(row)
        _flush(session)
        audit.record(session, actor, "delete", "parent", entity_id=parent_id, child_id=child_id, detail={"before": before})


def _parent_row(session: Session, actor: Actor, parent_id: int) -> Parent:
    row = session.get(Parent, parent_id)
    if row is None or row.child.station_id != actor.station_id:
        raise NotFound("没有找到这位家长的记录：可能已被别人删除。请重新打开档案。")
    return row


# ---------------------------------------------------------------------------------------------- guardianship


def save_guardianship(db: Database, actor: Actor, child_id: int, data: GuardianshipInput,
                      version: int | None) -> GuardianshipRecord:
    """Create (version None) or update the child's guardianship as the national template records it."""
    require(db, actor, Permission.ARCHIVE, what="guardianship", child_id=child_id)
    with db.transaction() as session:
        _child(session, actor, child_id)
        row = session.get(Guardianship, child_id)
        check = _Checker()
        id_number = data.delegate_id_number
        if row is not None:
            id_number = _kept_if_masked(id_number, row.delegate_id_number, mask_id_number)
        delegate_phone = _kept_if_masked(data.delegate_phone, row.delegate_phone if row else None,
                                         lambda p: phone_for(actor, p))
        values = {
            "kind": check.choice(data.kind, "监护类型", GUARDIANSHIP_TYPES, required=False),
            "delegate_name": check.text(data.delegate_name, "委托监护人姓名", 64),
            "delegate_relation": check.text(data.delegate_relation, "与儿童关系", 16),
            "delegate_phone": check.phone(delegate_phone, "委托监护人电话"),
            "delegate_id_number": check.id_number(id_number, "委托监护人身份证号"),
            "delegate_address": check.text(data.delegate_address, "委托监护人住址", 200),
            "agreement_on_file": bool(data.agreement_on_file),
            "quality": check.choice(data.quality, "监护情况", GUARDIANSHIP_QUALITIES, required=False),
            "income_source": check.text(data.income_source, "家庭经济来源", 100),
            "assistance": check.text(data.assistance, "救助帮扶情况", 200),
        }
        if values["kind"] == "委托监护" and not values["delegate_name"]:
            check.fail("委托监护人姓名", "选了“委托监护”，请填写委托监护人是谁。")
        if values["agreement_on_file"] and not values["delegate_name"]:
            check.fail("委托监护协议", "已存档委托监护协议时，请填写委托监护人。")
        check.raise_if_any()
        if row is None:
            if version is not None:
                raise Conflict(CONFLICT_MESSAGE)
            row = Guardianship(child_id=child_id, **values)
            session.add(row)
            session.flush()
            audit.record(session, actor, "create", "guardianship", entity_id=child_id, child_id=child_id,
                         detail={"after": values})
        else:
            if version is None:
                raise Conflict(CONFLICT_MESSAGE)  # someone else created it meanwhile
            _check_version(version, row.version)
            before = _row_values(row, values)
            for key, value in values.items():
                setattr(row, key, value)
            _flush(session)
            audit.record(session, actor, "update", "guardianship", entity_id=child_id, child_id=child_id,
                         detail=audit.changes(before, values))
        return _guardianship_record(row, actor)


# ---------------------------------------------------------------------------------------------- contacts


def _contact_values(check: _Checker, session: Session, child_id: int, data: ContactInput) -> dict[str, Any]:
    values = {
        "contacted_at": check.moment(data.contacted_at, "联系时间"),
        "channel": check.choice(data.channel, "方式", CONTACT_CHANNELS),
        "initiated_by": check.choice(data.initiated_by, "发起方", CONTACT_INITIATORS),
        "parent_id": data.parent_id,
        "duration_minutes": check.minutes(data.duration_minutes, "时长（分钟）"),
        "summary": check.text(data.summary, "内容摘要", 4000),
        "child_mood": check.text(data.child_mood, "孩子情绪", 32),
        "follow_up_needed": bool(data.follow_up_needed),
        "follow_up_due": check.date(data.follow_up_due, "跟进期限"),
    }
    if values["follow_up_needed"] and values["follow_up_due"] is None:
        check.fail("跟进期限", "需要跟进时，请填写最晚哪天跟进，这样到期会提醒。")
    if not values["follow_up_needed"]:
        values["follow_up_due"] = None
    if data.parent_id is not None:
        parent = session.get(Parent, data.parent_id)
        if parent is None or parent.child_id != child_id:
            check.fail("联系的家长", "这位家长不是这个儿童的父母，请重新选择。")
    return values


def add_contact(db: Database, actor: Actor, child_id: int, data: ContactInput, *,
                log_as_session: bool = False) -> ContactRecord:
    """Log one contact; a call made at the station can count as a 思亲梦 session in the same step."""
    require(db, actor, Permission.ARCHIVE, what="parent_contact", child_id=child_id)
    if log_as_session:
        require(db, actor, Permission.SESSION_LOG, what="session", child_id=child_id)
    with db.transaction() as session:
        _child(session, actor, child_id)
        check = _Checker()
        values = _contact_values(check, session, child_id, data)
        if log_as_session and values["channel"] not in CALL_CHANNELS:
            check.fail("记为思亲梦活动", "只有在站里打的电话、视频或微信通话才能记为思亲梦活动。", values["channel"])
        check.raise_if_any()
        row = ParentContact(station_id=actor.station_id, child_id=child_id, recorded_by=actor.user_id, **values)
        if log_as_session:
            from qsh_desk.services import sessions  # the dreams capability owns sessions

            row.session_id = sessions.add_call_home_session(
                session, actor, child_id=child_id, at=values["contacted_at"], summary=values["summary"]
            )
        session.add(row)
        session.flush()
        audit.record(session, actor, "create", "parent_contact", entity_id=row.id, child_id=child_id,
                     detail={"after": {**values, "session_id": row.session_id}})
        return _contact_record(row, _labels_of(session, child_id))


def update_contact(db: Database, actor: Actor, contact_id: int, version: str, data: ContactInput) -> ContactRecord:
    """Correct a logged contact; `version` is the record's fingerprint as it was read."""
    require(db, actor, Permission.ARCHIVE, what="parent_contact")
    with db.transaction() as session:
        row = _contact_row(session, actor, contact_id)
        check = _Checker()
        values = _contact_values(check, session, row.child_id, data)
        check.raise_if_any()
        _check_version(version, _fingerprint(row))
        before = _row_values(row, values)
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        audit.record(session, actor, "update", "parent_contact", entity_id=row.id, child_id=row.child_id,
                     detail=audit.changes(before, values))
        return _contact_record(row, _labels_of(session, row.child_id))


def delete_contact(db: Database, actor: Actor, contact_id: int, version: str) -> None:
    require(db, actor, Permission.ARCHIVE, what="parent_contact")
    with db.transaction() as session:
        row = _contact_row(session, actor, contact_id)
        _check_version(version, _fingerprint(row))
        before = _row_values(row, _CONTACT_FIELDS + ("follow_up_done_on", "session_id"))
        child_id = row.child_id
        session.delete(row)
        audit.record(session, actor, "delete", "parent_contact", entity_id=contact_id, child_id=child_id,
                     detail={"before": before})


def _contact_row(session: Session, actor: Actor, contact_id: int) -> ParentContact:
    row = session.get(ParentContact, contact_id)
    if row is None or row.station_id != actor.station_id:
        raise NotFound("没有找到这条联系记录：可能已被别人删除。请重新打开档案。")
    return row


def _labels_of(session: Session, child_id: int) -> dict[int, str]:
    rows = session.execute(select(Parent.id, Parent.relation, Parent.name).where(Parent.child_id == child_id))
    return {pid: _parent_label(rel, name) or "" for pid, rel, name in rows}


# ---------------------------------------------------------------------------------------------- home visits


def _home_visit_values(check: _Checker, data: HomeVisitInput) -> dict[str, Any]:
    return {
        "visited_on": check.date(data.visited_on, "家访日期", required=True, not_after=clock.today()),
        "visitors": check.text(data.visitors, "家访人员", 200, required=True),
        "met_whom": check.text(data.met_whom, "见到的人", 200),
        "findings": check.text(data.findings, "了解到的情况", 4000),
        "needs": check.text(data.needs, "需求", 4000),
        "follow_up_actions": check.text(data.follow_up_actions, "后续措施", 4000),
        "follow_up_due": check.date(data.follow_up_due, "跟进期限"),
    }


def add_home_visit(db: Database, actor: Actor, child_id: int, data: HomeVisitInput) -> HomeVisitRecord:
    require(db, actor, Permission.ARCHIVE, what="home_visit", child_id=child_id)
    check = _Checker()
    values = _home_visit_values(check, data)
    check.raise_if_any()
    with db.transaction() as session:
        _child(session, actor, child_id)
        row = HomeVisit(station_id=actor.station_id, child_id=child_id, recorded_by=actor.user_id, **values)
        session.add(row)
        session.flush()
        audit.record(session, actor, "create", "home_visit", entity_id=row.id, child_id=child_id, detail={"after": values})
        return _home_visit_record(row)


def update_home_visit(db: Database, actor: Actor, visit_id: int, version: int, data: HomeVisitInput) -> HomeVisitRecord:
    require(db, actor, Permission.ARCHIVE, what="home_visit")
    check = _Checker()
    values = _home_visit_values(check, data)
    check.raise_if_any()
    with db.transaction() as session:
        row = _home_visit_row(session, actor, visit_id)
        _check_version(version, row.version)
        before = _row_values(row, values)
        for key, value in values.items():
            setattr(row, key, value)
        _flush(session)
        audit.record(session, actor, "update", "home_visit", entity_id=row.id, child_id=row.child_id,
                     detail=audit.changes(before, values))
        return _home_visit_record(row)


def _home_visit_row(session: Session, actor: Actor, visit_id: int) -> HomeVisit:
    row = session.get(HomeVisit, visit_id)
    if row is None or row.station_id != actor.station_id:
        raise NotFound("没有找到这条家访记录：可能已被别人删除。请重新打开档案。")
    return row


def complete_follow_up(db: Database, actor: Actor, kind: str, record_id: int, done_on: dt.date | None = None) -> None:
    """Mark the follow-up of a contact or a home visit done (kind: contact / home_visit)."""
    require(db, actor, Permission.ARCHIVE, what="follow_up")
    done_on = done_on or clock.today()
    with db.transaction() as session:
        if kind == "contact":
            row: ParentContact | HomeVisit = _contact_row(session, actor, record_id)
            if not row.follow_up_needed:
                raise Refused("这条联系记录没有标记“需要跟进”，不用完成。")
        elif kind == "home_visit":
            row = _home_visit_row(session, actor, record_id)
            if row.follow_up_due is None and not row.follow_up_actions:
                raise Refused("这次家访没有后续措施，不用完成。")
        else:
            raise InvalidInput(f"不认识的跟进类型“{kind}”。")
        if row.follow_up_done_on is not None:
            raise Conflict(f"这项跟进已在 {row.follow_up_done_on:%Y-%m-%d} 标记完成了（可能是别人刚做的）。")
        if done_on < (row.contacted_at.date() if kind == "contact" else row.visited_on):
            raise InvalidInput(Problem("完成日期不能早于记录本身的日期。", field="完成日期", value=done_on.isoformat()))
        row.follow_up_done_on = done_on
        _flush(session)
        audit.record(session, actor, "update", "parent_contact" if kind == "contact" else "home_visit",
                     entity_id=record_id, child_id=row.child_id,
                     detail={"before": {"follow_up_done_on": None}, "after": {"follow_up_done_on": done_on}})


# ---------------------------------------------------------------------------------------------- alerts


def alerts(db: Database, actor: Actor, today: dt.date | None = None, *,
           return_within_days: int = RETURN_WINDOW_DAYS, opened: bool = True) -> Alerts:
    """The social worker's start page: who has had no contact, overdue follow-ups, poor care, parents coming home.

    Opening it is audited; `opened=False` is the start page on screen refreshing itself after a change."""
    require(db, actor, Permission.ARCHIVE, what="archive_alerts")
    today = today or clock.today()
    days = int(settings.get(db, actor.station_id, "no_contact_days"))
    end_of_today = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
    sid = actor.station_id
    with db.transaction() as session:
        # Columns only, not ORM rows: a district database holds thousands of children.
        registered: dict[int, dt.datetime] = {}
        refs: dict[int, ChildRef] = {}
        for cid, name, gender, grade, code, created_at in session.execute(
            select(Child.id, Child.name, Child.gender, Child.grade, Child.card_code, Child.created_at)
            .where(Child.station_id == sid, Child.active.is_(True), Child.archived_at.is_(None))
        ):
            refs[cid] = ChildRef(cid, name, gender, grade, code)
            registered[cid] = created_at
        last = dict(
            session.execute(
                select(ParentContact.child_id, func.max(ParentContact.contacted_at))
                .where(ParentContact.station_id == sid, ParentContact.contacted_at < end_of_today)
                .group_by(ParentContact.child_id)
            ).all()
        )
        silent: list[tuple[int, dt.datetime | None, int]] = []
        for cid in refs:
            # A child registered recently is not "out of contact" before the period has passed.
            since = last.get(cid) or registered[cid]
            gap = (today - since.date()).days
            if gap >= days:
                silent.append((cid, last.get(cid), gap))
        # Whom to call: the first parent on file with a phone number (tuples, not ORM rows, for speed).
        first_parent: dict[int, tuple[str, str | None]] = {}
        if silent:
            wanted = {cid for cid, _, _ in silent}
            for child_id, relation, name, phone in session.execute(
                select(Parent.child_id, Parent.relation, Parent.name, Parent.phone)
                .join(Child, Child.id == Parent.child_id).where(Child.station_id == sid).order_by(Parent.id)
            ):
                if child_id in wanted and (child_id not in first_parent or (first_parent[child_id][1] is None and phone)):
                    first_parent[child_id] = (_parent_label(relation, name) or "", phone)
        no_contact = tuple(
            NoContactAlert(refs[cid], when, gap, first_parent.get(cid, (None, None))[0],
                           _list_phone(first_parent.get(cid, (None, None))[1]))
            for cid, when, gap in sorted(silent, key=lambda s: (-s[2], refs[s[0]].name))
        )

        overdue: list[OverdueFollowUp] = []
        for c in session.execute(
            select(ParentContact.id, ParentContact.child_id, ParentContact.contacted_at, ParentContact.channel,
                   ParentContact.summary, ParentContact.follow_up_due).where(
                ParentContact.station_id == sid, ParentContact.follow_up_needed.is_(True),
                ParentContact.follow_up_due < today, ParentContact.follow_up_done_on.is_(None),
            )
        ):
            if c.child_id in refs:
                what = f"{c.contacted_at:%m-%d} {c.channel}联系后的跟进" + (f"：{_short(c.summary)}" if c.summary else "")
                overdue.append(OverdueFollowUp(refs[c.child_id], "contact", c.id, c.follow_up_due,
                                               (today - c.follow_up_due).days, what))
        for v in session.execute(
            select(HomeVisit.id, HomeVisit.child_id, HomeVisit.visited_on, HomeVisit.follow_up_actions,
                   HomeVisit.follow_up_due).where(
                HomeVisit.station_id == sid, HomeVisit.follow_up_due < today, HomeVisit.follow_up_done_on.is_(None)
            )
        ):
            if v.child_id in refs:
                what = f"{v.visited_on:%m-%d} 家访后的跟进" + (f"：{_short(v.follow_up_actions)}" if v.follow_up_actions else "")
                overdue.append(OverdueFollowUp(refs[v.child_id], "home_visit", v.id, v.follow_up_due,
                                               (today - v.follow_up_due).days, what))
        overdue.sort(key=lambda o: (o.due, o.child.name))

        poor = tuple(
            PoorGuardianship(refs[g.child_id], g.kind, g.delegate_name)
            for g in session.execute(select(Guardianship.child_id, Guardianship.kind, Guardianship.delegate_name)
                                     .where(Guardianship.quality == "差"))
            if g.child_id in refs
        )
        returns = [
            ReturnSoon(refs[p.child_id], p.id, _parent_label(p.relation, p.name) or p.relation, p.next_return,
                       (p.next_return - today).days)
            for p in session.execute(
                select(Parent.id, Parent.child_id, Parent.relation, Parent.name, Parent.next_return).where(
                    Parent.next_return >= today, Parent.next_return <= today + dt.timedelta(days=return_within_days)
                )
            )
            if p.child_id in refs
        ]
        returns.sort(key=lambda r: (r.next_return, r.child.name))
        result = Alerts(today, days, no_contact, tuple(overdue), tuple(sorted(poor, key=lambda p: p.child.name)),
                        tuple(returns))
        if opened:
            audit.record(session, actor, "read", "archive_alerts",
                         detail={"today": today, "no_contact": len(no_contact), "overdue": len(overdue),
                                 "poor_guardianship": len(poor), "returns_soon": len(returns)})
    return result


def _list_phone(phone: str | None) -> str | None:
    return mask_phone(phone)  # lists always show masked numbers; the full number is on the record


def _short(text_value: str, limit: int = 24) -> str:
    return text_value if len(text_value) <= limit else text_value[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------- export


def export_xlsx(db: Database, actor: Actor, path: str | os.PathLike[str], *, full_details: bool = False) -> ExportSummary:
    """The whole archive of the station as an Excel workbook (administrators only; audited).

    Phone and ID numbers are masked unless `full_details` is asked for (and that choice is audited too).
    """
    require(db, actor, Permission.ARCHIVE, what="archive_export")
    require(db, actor, Permission.EXPORT, what="archive_export")
    from openpyxl import Workbook  # imported lazily: only exporting needs it
    from openpyxl.styles import Font

    def phone(value: str | None) -> str | None:
        return value if full_details else _list_phone(value)

    def id_number(value: str | None) -> str | None:
        return value if full_details and actor.can(Permission.SEE_ID_NUMBERS) else mask_id_number(value)

    sid = actor.station_id
    workbook = Workbook()
    sheets = {
        "儿童与监护": ("儿童", "卡号", "性别", "年级", "监护类型", "监护情况", "委托监护人", "关系", "电话", "身份证号",
                   "住址", "协议存档", "家庭经济来源", "救助帮扶", "最近联系"),
        "父母": ("儿童", "卡号", "关系", "姓名", "电话", "电话2", "微信", "务工省份", "务工城市", "务工地址", "工作单位",
               "职业", "回家频率", "上次回家", "下次计划回家", "备注"),
        "亲子联系": ("儿童", "卡号", "时间", "方式", "发起方", "家长", "时长（分钟）", "内容摘要", "孩子情绪", "需要跟进",
                 "跟进期限", "跟进完成"),
        "家访": ("儿童", "卡号", "日期", "家访人员", "见到的人", "了解到的情况", "需求", "后续措施", "跟进期限", "跟进完成"),
    }
    workbook.remove(workbook.active)
    out = {title: workbook.create_sheet(title) for title in sheets}
    for title, header in sheets.items():
        out[title].append(header)
        for cell in out[title][1]:
            cell.font = Font(bold=True)
        out[title].freeze_panes = "A2"
    with db.transaction() as session:
        children = session.scalars(select(Child).where(Child.station_id == sid).order_by(Child.name, Child.id)).all()
        names = {c.id: (c.name, c.card_code) for c in children}
        guardianships = {g.child_id: g for g in session.scalars(select(Guardianship).join(Child).where(Child.station_id == sid))}
        last = dict(session.execute(select(ParentContact.child_id, func.max(ParentContact.contacted_at))
                                    .where(ParentContact.station_id == sid).group_by(ParentContact.child_id)).all())
        for c in children:
            g = guardianships.get(c.id)
            out["儿童与监护"].append([
                c.name, c.card_code, c.gender, c.grade,
                g.kind if g else None, g.quality if g else None, g.delegate_name if g else None,
                g.delegate_relation if g else None, phone(g.delegate_phone) if g else None,
                id_number(g.delegate_id_number) if g else None, g.delegate_address if g else None,
                ("是" if g.agreement_on_file else "否") if g else None, g.income_source if g else None,
                g.assistance if g else None, last.get(c.id),
            ])
        parents = session.scalars(select(Parent).join(Child).where(Child.station_id == sid).order_by(Parent.child_id, Parent.id)).all()
        labels = {p.id: _parent_label(p.relation, p.name) for p in parents}
        for p in parents:
            out["父母"].append([*names[p.child_id], p.relation, p.name, phone(p.phone), phone(p.phone2), p.wechat,
                               p.work_province, p.work_city, p.work_address, p.employer, p.occupation,
                               p.return_frequency, p.last_return, p.next_return, p.notes])
        contacts = session.scalars(select(ParentContact).where(ParentContact.station_id == sid)
                                   .order_by(ParentContact.child_id, ParentContact.contacted_at)).all()
        for c in contacts:
            out["亲子联系"].append([*names[c.child_id], c.contacted_at, c.channel, INITIATOR_TITLES.get(c.initiated_by),
                                labels.get(c.parent_id) if c.parent_id else None, c.duration_minutes, c.summary,
                                c.child_mood, "是" if c.follow_up_needed else "否", c.follow_up_due, c.follow_up_done_on])
        visits = session.scalars(select(HomeVisit).where(HomeVisit.station_id == sid)
                                 .order_by(HomeVisit.child_id, HomeVisit.visited_on)).all()
        for v in visits:
            out["家访"].append([*names[v.child_id], v.visited_on, v.visitors, v.met_whom, v.findings, v.needs,
                              v.follow_up_actions, v.follow_up_due, v.follow_up_done_on])
        for sheet in out.values():
            for column in sheet.columns:
                letter = column[0].column_letter
                sheet.column_dimensions[letter].width = min(40, max(8, *(len(str(c.value or "")) * 2 for c in column[:200])))
                for cell in column[1:]:
                    if isinstance(cell.value, dt.datetime):
                        cell.number_format = "yyyy-mm-dd hh:mm"
                    elif isinstance(cell.value, dt.date):
                        cell.number_format = "yyyy-mm-dd"
        summary = ExportSummary(str(path), len(children), len(parents), len(contacts), len(visits))
        # Written inside the transaction: if saving the file fails, the audit row is rolled back with it.
        workbook.save(path)
        audit.record(session, actor, "export", "archive",
                     detail={**asdict(summary), "path": os.path.basename(str(path)), "full_details": full_details})
    return summary
