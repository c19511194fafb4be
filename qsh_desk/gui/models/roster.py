"""The columns of the children's and volunteers' tables, and of the import preview's problem list.

Titles are marked for translation in the "RosterColumns" context; RowsModel translates them when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from qsh_desk.gui.labels import label
from qsh_desk.gui.models.rows import Column, RowsModel
from qsh_desk.services.errors import Problem
from qsh_desk.services.roster import ChildSummary
from qsh_desk.services.volunteers import VolunteerSummary

ATTENTION = "#b71c1c"
MUTED = "#78909c"


# Words shown in the cells, marked for lupdate; _t() translates them when a row is shown.
ACTIVE, ARCHIVED, DEACTIVATED = (QT_TRANSLATE_NOOP("RosterColumns", "在册"), QT_TRANSLATE_NOOP("RosterColumns", "已归档"),
                                 QT_TRANSLATE_NOOP("RosterColumns", "已停用"))
MEDICAL = QT_TRANSLATE_NOOP("RosterColumns", "⚠ 有")
MEDICAL_TIP = QT_TRANSLATE_NOOP("RosterColumns", "有过敏或疾病，详情见编辑窗口（需相应权限）")
PAIRED = QT_TRANSLATE_NOOP("RosterColumns", "已结对")
WHOLE_FILE = QT_TRANSLATE_NOOP("RosterColumns", "整个文件")


def _t(text: str) -> str:
    return QCoreApplication.translate("RosterColumns", text)


def _guardian(text: str | None) -> str:
    """The service writes “relation name”; a relation the database knows is shown in the interface language."""
    relation, _, name = (text or "").partition(" ")
    return f"{label(relation)} {name}" if name else label(relation)


def _status(active: bool) -> str:
    return _t(ACTIVE) if active else _t(ARCHIVED)


CHILD_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("RosterColumns", "姓名"), lambda r: r.name, sort=lambda r: (r.sort_name, r.name),
           colour=lambda r: None if r.active else MUTED),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "性别"), lambda r: label(r.gender or "")),
    # Age sorts by the birth date itself (two eight-year-olds are still ordered); unknown ages go last.
    Column(QT_TRANSLATE_NOOP("RosterColumns", "年龄"), lambda r: r.age,
           sort=lambda r: -(r.birth_date.toordinal()) if r.birth_date else 1, align_right=True),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "出生日期"), lambda r: r.birth_date.isoformat() if r.birth_date else ""),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "学校"), lambda r: r.school),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "年级"), lambda r: r.grade),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "监护人"), lambda r: _guardian(r.guardian)),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "电话"), lambda r: r.guardian_phone),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "过敏/疾病"), lambda r: _t(MEDICAL) if r.medical_flag else "",
           colour=lambda r: ATTENTION if r.medical_flag else None,
           tooltip=lambda r: _t(MEDICAL_TIP) if r.medical_flag else None),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "结对"), lambda r: _t(PAIRED) if r.paired else ""),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "卡号"), lambda r: r.card_code),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "状态"), lambda r: _status(r.active),
           colour=lambda r: None if r.active else MUTED),
)

VOLUNTEER_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("RosterColumns", "姓名"), lambda r: r.name, sort=lambda r: (r.sort_name, r.name),
           colour=lambda r: None if r.active else MUTED),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "性别"), lambda r: label(r.gender or "")),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "手机号"), lambda r: r.phone),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "所属队伍"), lambda r: r.team),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "志愿者编号"), lambda r: r.volunteer_number),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "特长"), lambda r: r.skills),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "结对"), lambda r: _t(PAIRED) if r.paired else ""),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "卡号"), lambda r: r.card_code),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "状态"), lambda r: _t(ACTIVE) if r.active else _t(DEACTIVATED),
           colour=lambda r: None if r.active else MUTED),
)

PROBLEM_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("RosterColumns", "行"), lambda p: p.row if p.row is not None else _t(WHOLE_FILE),
           sort=lambda p: p.row or 0, align_right=True),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "列"), lambda p: p.field),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "填写的内容"), lambda p: p.value),
    Column(QT_TRANSLATE_NOOP("RosterColumns", "问题和改法"), lambda p: p.message),
)


class ChildTableModel(RowsModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(CHILD_COLUMNS, parent)

    def row(self, number: int) -> ChildSummary:
        return super().row(number)


class VolunteerTableModel(RowsModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(VOLUNTEER_COLUMNS, parent)

    def row(self, number: int) -> VolunteerSummary:
        return super().row(number)


class ProblemTableModel(RowsModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(PROBLEM_COLUMNS, parent)

    def row(self, number: int) -> Problem:
        return super().row(number)
