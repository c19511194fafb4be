"""The columns the importer recognises (every heading stations use for each), the template's, and finding the
header row of a sheet."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from qsh_desk.services.validation import is_blank, normalise

MAX_GUARDIAN_COLUMNS = 4
HEADER_SEARCH_ROWS = 10  # a title, a date line, a blank line … above the header

# key → accepted headers; the first is what the template and the export write.
_CHILD_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "儿童姓名", "学生姓名", "名字"),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日", "出生时间"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证"),
    "ethnicity": ("民族",),
    "household_address": ("户籍地", "户籍所在地", "户籍地址", "户口所在地"),
    "current_address": ("现居住地", "现住址", "家庭住址", "居住地址", "住址"),
    "school": ("学校", "就读学校", "所在学校"),
    "grade": ("年级", "班级", "年级班级", "就读年级"),
    "boarding": ("是否住校", "住校"),
    "health_status": ("健康状况", "身体状况"),
    "medical_flag": ("过敏/疾病提示", "过敏提示", "有无过敏"),
    "medical_details": ("过敏与疾病详情", "过敏", "过敏史", "疾病", "过敏/疾病"),
    "initials_override": ("姓名首字母",),
    "notes": ("备注",),
    "active": ("在册",),
    "card_code": ("卡号",),
    "guardian1_name": ("监护人姓名", "监护人", "监护人1", "监护人1姓名"),
    "guardian1_relation": ("与儿童关系", "关系", "与儿童的关系", "监护人关系", "监护人1关系"),
    "guardian1_phone": ("监护人电话", "联系电话", "手机号", "电话", "联系方式", "手机", "监护人手机", "监护人1电话"),
    "guardian1_may_collect": ("可接送", "是否可接送", "监护人1可接送"),
}
for _n in range(2, MAX_GUARDIAN_COLUMNS + 1):
    _CHILD_COLUMNS[f"guardian{_n}_name"] = (f"监护人{_n}姓名", f"监护人{_n}")
    _CHILD_COLUMNS[f"guardian{_n}_relation"] = (f"监护人{_n}关系", f"关系{_n}")
    _CHILD_COLUMNS[f"guardian{_n}_phone"] = (f"监护人{_n}电话", f"电话{_n}", f"联系电话{_n}")
    _CHILD_COLUMNS[f"guardian{_n}_may_collect"] = (f"监护人{_n}可接送",)

_VOLUNTEER_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "志愿者姓名", "名字"),
    "gender": ("性别",),
    "phone": ("手机号", "联系电话", "电话", "手机", "联系方式"),
    "team": ("所属队伍", "队伍", "团队", "志愿队", "服务队"),
    "volunteer_number": ("志愿者编号", "编号", "志愿者证号", "注册编号"),
    "skills": ("特长", "技能", "专长"),
    "active": ("在册",),
    "card_code": ("卡号",),
    "initials_override": ("姓名首字母",),
    "political_status": ("政治面貌",),
    "in_service_party_member": ("是否在职党员", "在职党员", "在职党员报到"),
    "work_unit": ("工作单位", "单位", "所在单位"),
    "work_unit_party_org": ("单位党组织", "所在党组织", "党组织", "单位党组织名称"),
    "id_type": ("证件类型",),
    "id_number": ("证件号码", "身份证号", "身份证号码", "公民身份号码"),
}
COLUMNS = {"children": _CHILD_COLUMNS, "volunteers": _VOLUNTEER_COLUMNS}

# Template rows: the headers most stations fill, and one example.
TEMPLATE = {
    "children": (
        ("name", "王小明"), ("gender", "男"), ("birth_date", "2015-03-04"), ("id_number", ""),
        ("ethnicity", "汉族"), ("school", "高新小学"), ("grade", "三年级"), ("household_address", "江西省南昌市青山湖区"),
        ("current_address", "塘山镇高新社区"), ("guardian1_name", "王秀英"), ("guardian1_relation", "祖母"),
        ("guardian1_phone", "13812345678"), ("guardian1_may_collect", "是"), ("notes", ""),
    ),
    "volunteers": (
        ("name", "刘芳"), ("gender", "女"), ("phone", "13912345678"), ("team", "南昌大学志愿服务队"),
        ("volunteer_number", ""), ("skills", "绘画、手工"),
    ),
}


def header_title(kind: str, key: str) -> str:
    return COLUMNS[kind][key][0]


# Headers recognised as not to be imported (a running number), so they are not reported as unknown.
IGNORED_HEADERS = ("序号", "序", "no", "no.")


def header_key(text: Any) -> str:
    """A header as compared: no spaces, no required-marks or hints such as （必填） or (年-月-日)."""
    value = normalise(text, punctuation=True)
    value = re.sub(r"\([^)]*\)", "", value)
    return re.sub(r"[\s*:：]", "", value).lower()


LOOKUP = {kind: {header_key(alias): key for key, aliases in cols.items() for alias in aliases}
           for kind, cols in COLUMNS.items()}


def find_header(rows: Sequence[Sequence[Any]], kind: str) -> int | None:
    """The index of the header row: the first of the top rows in which at least two cells are known headers.

    A merged title (“高新社区留守儿童花名册”) or a date line above it is skipped.
    """
    lookup = LOOKUP[kind]
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        known = sum(1 for cell in row if not is_blank(cell) and header_key(cell) in lookup)
        if known >= 2:
            return index
    return None
