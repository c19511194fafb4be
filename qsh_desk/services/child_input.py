"""What a child's record holds as a form or a file row gives it: the fields, their titles and their checks (the roster's edit form, the desk's short form and the import share them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from qsh_desk.services.errors import Problem
from qsh_desk.services.validation import (
    BadValue,
    Checker,
    PartialDate,
    id_birth_date,
    normalise,
    optional_text,
    parse_birth_date,
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


# The grades a station's children are in, in school order (the form's choices and the demo's).
GRADES = ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "初一", "初二", "初三")
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
