"""留守儿童花名册: the roster with the national template's columns, landscape."""

from __future__ import annotations

from typing import BinaryIO

from qsh_desk.printing.layout import MM, Column, Document, chinese_date
from qsh_desk.services.registers import Roster

COLUMNS = (
    Column("序号", 4.5), Column("姓名", 9), Column("性别", 4.5), Column("出生日期", 10), Column("民族", 5.5),
    Column("学校/年级", 16, "left"), Column("监护人", 9), Column("关系", 6), Column("父母务工地", 20, "left"),
    Column("监护类型", 14), Column("联系电话", 12),
)


def build_roster(roster: Roster, out: str | BinaryIO) -> int:
    doc = Document("留守儿童花名册", roster.station, "填报日期：" + chinese_date(roster.day), landscape=True,
                   signatures=("填表人", "审核人", "单位负责人"))
    rows = [
        (r.name, r.gender, r.birth_date.isoformat() if r.birth_date else "", r.ethnicity, r.school_grade,
         r.guardian, r.relation, r.parents_work, r.guardianship, r.phone)
        for r in roster.rows
    ]
    doc.table(COLUMNS, rows, row_height=9 * MM, header_height=9 * MM, size=9.5, numbered=True)
    return doc.write(out)
