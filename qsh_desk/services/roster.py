"""The children's roster: add (also as a desk walk-in), find, edit with optimistic locking, guardians and consents,
photos, archive, and a real delete for administrators. Returns plain frozen rows, never ORM objects."""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from qsh_desk import config
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    ChildVisit,
    Consent,
    Guardian,
    HomeVisit,
    Pairing,
    ParentContact,
    SessionParticipant,
)
from qsh_desk.services import audit
from qsh_desk.services.access import Actor, Permission, mask_id_number, phone_for, require
from qsh_desk.services.cards import next_card_code
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, Problem, Refused
from qsh_desk.services.search_keys import name_keys
from qsh_desk.services.validation import (
    BadValue,
    Checker,
    PartialDate,
    id_birth_date,
    normalise,
    optional_text,
    parse_birth_date,
    parse_date,
    parse_ethnicity,
    parse_gender,
    parse_grade,
    parse_id_number,
    parse_name,
    parse_phone,
    parse_relation,
    parse_yes_no,
    phone_last4,
)

# The Chinese title of each input field: problems name the field by it, and the edit form finds its widget by it.
FIELD_TITLES = {
    "name": "姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "id_number": "身份证号",
    "household_address": "户籍地",
    "current_address": "现居住地",
    "school": "学校",
    "grade": "年级",
    "boarding": "是否住校",
    "health_status": "健康状况",
    "medical_flag": "过敏/疾病提示",
    "medical_details": "过敏与疾病详情",
    "notes": "备注",
    "initials_override": "姓名首字母",
}
HEALTH_STATUSES = ("健康", "患病", "残疾")
MAX_GUARDIANS = 8


def guardian_field(index: int, part: str) -> str:
    """The field name of a guardian's part in problems, e.g. “监护人1 电话”."""
    return f"监护人{index + 1} {part}"


@dataclass(frozen=True)
class GuardianInput:
    name: str
    relation: str  # 祖父/祖母/…, or a word such as 姑姑 (stored as 其他 with a note)
    phone: str | None = None
    may_collect: bool = True
    relation_note: str | None = None


@dataclass(frozen=True)
class ChildInput:
    """What a form, the desk or an import row gives for a child; values as typed (they are checked here)."""

    name: str
    gender: str
    birth_date: Any = None  # date, or text such as 2015年3月4日
    grade: str | None = None
    guardians: tuple[GuardianInput, ...] = ()
    ethnicity: str | None = None
    id_number: str | None = None
    household_address: str | None = None
    current_address: str | None = None
    school: str | None = None
    boarding: Any = False
    health_status: str | None = None
    medical_flag: Any = False
    medical_details: str | None = None
    notes: str | None = None
    initials_override: str | None = None


@dataclass(frozen=True)
class ChildSummary:
    """One row of the roster table (phones masked for the actor)."""

    id: int
    name: str
    gender: str
    birth_date: dt.date | None
    age: int | None
    school: str | None
    grade: str | None
    card_code: str
    medical_flag: bool
    active: bool
    paired: bool
    guardian: str | None  # 祖母 王秀英
    guardian_phone: str | None
    has_photo: bool
    version: int


@dataclass(frozen=True)
class GuardianView:
    id: int
    name: str
    relation: str
    relation_note: str | None
    phone: str | None  # masked unless the actor may see phones
    may_collect: bool
    is_primary: bool


@dataclass(frozen=True)
class ConsentView:
    id: int
    kind: str
    given_by: str
    given_on: dt.date
    scope: str | None
    revoked_on: dt.date | None


@dataclass(frozen=True)
class ChildDetail:
    """Everything the edit form shows; restricted values are masked or None when the actor may not see them."""

    id: int
    name: str
    gender: str
    ethnicity: str
    birth_date: dt.date | None
    id_number: str | None
    household_address: str | None
    current_address: str | None
    school: str | None
    grade: str | None
    boarding: bool
    health_status: str | None
    medical_flag: bool
    medical_details: str | None
    medical_visible: bool
    photo_path: str | None  # absolute path of the stored photo, if any
    card_code: str
    notes: str | None
    initials_override: str | None
    active: bool
    archived_at: dt.datetime | None
    version: int
    guardians: tuple[GuardianView, ...] = ()
    consents: tuple[ConsentView, ...] = ()


class PossibleDuplicate(Refused):
    """The child may already be on the roster; `matches` are the candidates. Save again with confirmation."""

    def __init__(self, matches: Sequence[ChildSummary]):
        self.matches = list(matches)
        listed = "；".join(_match_label(m) for m in self.matches)
        super().__init__(f"花名册里可能已经有这名儿童：{listed}。请先核对；确实是另一名儿童时，再确认保存。")


def _match_label(match: ChildSummary) -> str:
    parts = [match.name, match.gender]
    if match.birth_date:
        parts.append(match.birth_date.isoformat())
    if match.guardian:
        parts.append(match.guardian)
    if not match.active:
        parts.append("已归档")
    return "，".join(parts) + f"（卡号 {match.card_code}）"


# --- checking input -----------------------------------------------------------------------------


@dataclass
class _CleanChild:
    values: dict[str, Any]
    guardians: list[dict[str, Any]] = field(default_factory=list)


def _check_guardians(checker: Checker, guardians: Sequence[GuardianInput]) -> list[dict[str, Any]]:
    if len(guardians) > MAX_GUARDIANS:
        checker.add("监护人", f"最多登记 {MAX_GUARDIANS} 位监护人或接送人。")
    clean = []
    for index, guardian in enumerate(guardians):
        name = checker.check(guardian_field(index, "姓名"), guardian.name, parse_name, required=True)
        relation = checker.check(guardian_field(index, "关系"), guardian.relation, parse_relation, required=True)
        phone = checker.check(guardian_field(index, "电话"), guardian.phone, parse_phone)
        may_collect = checker.check(guardian_field(index, "可接送"), guardian.may_collect, parse_yes_no)
        note = normalise(guardian.relation_note) or (relation[1] if relation else None)
        clean.append(
            {
                "name": name,
                "relation": relation[0] if relation else None,
                "relation_note": note[:32] if note else None,
                "phone": phone,
                "phone_last4": phone_last4(phone),
                "may_collect": True if may_collect is None else may_collect,
                "is_primary": index == 0,
                "sort_order": index,
            }
        )
    return clean


def check_child(data: ChildInput, *, row: int | None = None, today: dt.date | None = None) -> tuple[_CleanChild, list[Problem]]:
    """Check every field of a child; returns the clean values and every problem (empty when all is well)."""
    c = Checker(row)
    t = FIELD_TITLES
    values: dict[str, Any] = {}
    values["name"] = c.check(t["name"], data.name, parse_name, required=True)
    values["gender"] = c.check(t["gender"], data.gender, parse_gender, required=True)
    values["ethnicity"] = c.check(t["ethnicity"], data.ethnicity, parse_ethnicity) or "汉族"
    birth_date = None
    partial: PartialDate | None = None
    try:
        birth_date = None if data.birth_date in (None, "") else parse_birth_date(data.birth_date, today=today)
    except PartialDate as error:
        partial = error
    except BadValue as error:
        c.add(t["birth_date"], error.message, data.birth_date)
    id_number = None
    if normalise(data.id_number):
        try:
            # A birth date given only as year and month (出生年月) is completed from a matching ID number.
            id_number = parse_id_number(data.id_number, birth_date=birth_date, gender=values["gender"])
            if partial is not None:
                embedded = id_birth_date(id_number)
                if (embedded.year, embedded.month) == (partial.year, partial.month):
                    birth_date, partial = embedded, None
        except BadValue as error:
            c.add(t["id_number"], error.message, data.id_number)
    if partial is not None:
        c.add(t["birth_date"], partial.message, data.birth_date)
    values["birth_date"] = birth_date
    values["id_number"] = id_number
    values["grade"] = c.check(t["grade"], data.grade, parse_grade)
    if values["birth_date"] is None and values["grade"] is None and not c.problems_for(t["birth_date"]):
        c.add(t["birth_date"], "请填写出生日期；不知道时至少填写年级。")
    for key, limit in (("household_address", 200), ("current_address", 200), ("school", 100), ("notes", 2000)):
        values[key] = c.check(t[key], getattr(data, key), optional_text, max_length=limit, title=t[key])
    values["boarding"] = bool(c.check(t["boarding"], data.boarding, parse_yes_no))
    health = normalise(data.health_status) or None
    if health is not None and health not in HEALTH_STATUSES:
        c.add(t["health_status"], "健康状况请选“健康”“患病”或“残疾”（详情写在过敏与疾病详情里）。", health)
    values["health_status"] = health
    values["medical_details"] = c.check(
        t["medical_details"], data.medical_details, optional_text, max_length=2000, title=t["medical_details"]
    )
    # Details without the flag would hide an allergy from the desk, which only sees the flag.
    values["medical_flag"] = bool(c.check(t["medical_flag"], data.medical_flag, parse_yes_no)) or bool(
        values["medical_details"]
    )
    override = normalise(data.initials_override).lower().replace(" ", "") or None
    if override is not None and not (override.isascii() and override.isalpha() and len(override) <= 16):
        c.add(t["initials_override"], "姓名首字母只能是字母，如 zsf。", data.initials_override)
    values["initials_override"] = override
    guardians = _check_guardians(c, data.guardians)
    return _CleanChild(values, guardians), c.problems


# --- reading ------------------------------------------------------------------------------------


def _age(birth: dt.date | None, today: dt.date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _paired_ids(session: Session, child_ids: Sequence[int], today: dt.date) -> set[int]:
    if not child_ids:
        return set()
    query = select(Pairing.child_id).where(
        Pairing.child_id.in_(child_ids), or_(Pairing.ended_on.is_(None), Pairing.ended_on >= today)
    )
    return set(session.scalars(query))


def _summary(actor: Actor, child: Child, paired: bool, today: dt.date) -> ChildSummary:
    primary = child.guardians[0] if child.guardians else None
    guardian = None
    if primary is not None:
        guardian = f"{primary.relation_note or primary.relation} {primary.name}"
    return ChildSummary(
        id=child.id,
        name=child.name,
        gender=child.gender,
        birth_date=child.birth_date,
        age=_age(child.birth_date, today),
        school=child.school,
        grade=child.grade,
        card_code=child.card_code,
        medical_flag=child.medical_flag,
        active=child.active,
        paired=paired,
        guardian=guardian,
        guardian_phone=phone_for(actor, primary.phone) if primary is not None else None,
        has_photo=bool(child.photo_path),
        version=child.version,
    )


def _summaries(session: Session, actor: Actor, children: Sequence[Child]) -> list[ChildSummary]:
    today = dt.date.today()
    paired = _paired_ids(session, [c.id for c in children], today)
    return [_summary(actor, c, c.id in paired, today) for c in children]


def _find_duplicates(session: Session, station_id: int, name: str, birth_date: dt.date | None,
                     phones: Sequence[str], exclude_id: int | None = None) -> list[Child]:
    """Children of the station with the same name and the same birth date or the same guardian phone."""
    same: list[Any] = []
    if birth_date is not None:
        same.append(Child.birth_date == birth_date)
    if phones:
        same.append(exists().where(Guardian.child_id == Child.id, Guardian.phone.in_(list(phones))))
    if not same:
        return []
    query = (
        select(Child)
        .where(Child.station_id == station_id, Child.name == name, or_(*same))
        .options(selectinload(Child.guardians))
        .order_by(Child.id)
    )
    if exclude_id is not None:
        query = query.where(Child.id != exclude_id)
    return list(session.scalars(query))


def _load(session: Session, actor: Actor, child_id: int) -> Child:
    child = session.get(Child, child_id, options=[selectinload(Child.guardians), selectinload(Child.consents)])
    if child is None or child.station_id != actor.station_id:
        raise NotFound("找不到这名儿童，可能已被删除。请刷新列表。")
    return child


# --- writing ------------------------------------------------------------------------------------


def _snapshot(child: Child) -> dict[str, Any]:
    """The audited state of a child (phones and ID numbers included: the log is for administrators)."""
    values = {key: getattr(child, key) for key in FIELD_TITLES}
    values["guardians"] = [
        {"name": g.name, "relation": g.relation, "relation_note": g.relation_note, "phone": g.phone,
         "may_collect": g.may_collect}
        for g in child.guardians
    ]
    return values


def _apply(child: Child, clean: _CleanChild) -> None:
    for key, value in clean.values.items():
        setattr(child, key, value)
    child.search_keys = name_keys(child.name, child.initials_override)
    existing = list(child.guardians)
    # Keep guardian rows (their ids are referenced by visits as the collector) where the position is unchanged.
    for index, values in enumerate(clean.guardians):
        if index < len(existing):
            for key, value in values.items():
                setattr(existing[index], key, value)
        else:
            child.guardians.append(Guardian(**values))
    for surplus in existing[len(clean.guardians):]:
        child.guardians.remove(surplus)


def add_child(db: Database, actor: Actor, data: ChildInput, *, confirm_possible_duplicate: bool = False) -> ChildSummary:
    """Put a child on the roster (from the edit form, or as a walk-in at the desk).

    Raises InvalidInput listing every problem, or PossibleDuplicate when a child of the same name has the
    same birth date or guardian phone (unless the caller confirms it is another child).
    """
    # Duty volunteers may register walk-ins; everyone who edits the roster may too.
    require(db, actor, Permission.WALK_IN if not actor.can(Permission.ROSTER_EDIT) else Permission.ROSTER_EDIT,
            what="child")
    clean, problems = check_child(data)
    if problems:
        raise InvalidInput(problems)
    with db.transaction() as session:
        child = _insert_child(session, actor, clean, confirm_possible_duplicate=confirm_possible_duplicate)
        return _summaries(session, actor, [child])[0]


def _insert_child(session: Session, actor: Actor, clean: _CleanChild, *, confirm_possible_duplicate: bool,
                  source: str | None = None) -> Child:
    """Insert a checked child in the caller's transaction (shared by add_child and the import)."""
    phones = [g["phone"] for g in clean.guardians if g["phone"]]
    if not confirm_possible_duplicate:
        matches = _find_duplicates(session, actor.station_id, clean.values["name"], clean.values["birth_date"], phones)
        if matches:
            raise PossibleDuplicate(_summaries(session, actor, matches))
    child = Child(station_id=actor.station_id, card_code=next_card_code(session, "C", actor.station_id))
    _apply(child, clean)
    session.add(child)
    session.flush()
    detail: dict[str, Any] = {"card_code": child.card_code, "name": child.name}
    if confirm_possible_duplicate:
        detail["confirmed_possible_duplicate"] = True
    if source:
        detail["source"] = source
    audit.record(session, actor, "create", "child", entity_id=child.id, child_id=child.id, detail=detail)
    return child
