"""The tabs of a child's 父母档案 record: what they share, and the parents and the guardianship tabs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.gui.context import AppContext
from qsh_desk.gui.errors import user_message
from qsh_desk.gui.kernel import KernelWidget, MessageLine, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.widgets.tables import fill, table
from qsh_desk.services import archive
from qsh_desk.services.archive import (
    ASSISTANCE_KINDS,
    GUARDIANSHIP_QUALITIES,
    GUARDIANSHIP_TYPES,
    INCOME_SOURCES,
    PARENT_RELATIONS,
    QUALITY_DEFINITIONS,
    ChildArchive,
    GuardianshipInput,
    ParentInput,
    ParentRecord,
)

if TYPE_CHECKING:
    from qsh_desk.gui.kernel import Operations


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def field_text(edit: QLineEdit | QPlainTextEdit) -> str:
    return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()


class Ticks(QWidget):
    """The template's tick boxes (家庭经济来源, 救助帮扶情况), plus a line for anything else; stored as 甲、乙."""

    def __init__(self, choices: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = {choice: QCheckBox(label(choice)) for choice in choices}
        for index, box in enumerate(self.boxes.values()):
            layout.addWidget(box, index // 3, index % 3)
        self.extra = QLineEdit()
        self.extra.setPlaceholderText(self.tr("其他说明"))
        layout.addWidget(self.extra, (len(choices) + 2) // 3, 0, 1, 3)

    def set_value(self, value: str | None) -> None:
        parts = [p for p in (value or "").split("、") if p]
        for choice, box in self.boxes.items():
            box.setChecked(choice in parts)
        self.extra.setText("、".join(p for p in parts if p not in self.boxes))

    def value(self) -> str:
        parts = [c for c, box in self.boxes.items() if box.isChecked()]
        extra = self.extra.text().strip()
        return "、".join(parts + ([extra] if extra else []))


class RecordTab(KernelWidget):
    """One tab of a child's archive: shows the record its page hands it, writes through the kernel, and says
    what happened on the page's message line."""

    def __init__(self, context: AppContext, page: Operations, parent: QWidget | None = None):
        super().__init__(context, None, parent)
        self.page = page
        self.current: ChildArchive | None = None
        self._build()

    def _build(self) -> None:
        raise NotImplementedError

    def say(self, text: str, *, error: bool = False, warning: bool = False, line: QLabel | None = None) -> None:
        self.page.say(text, error=error, warning=warning)

    def set_record(self, record: ChildArchive, new_child: bool) -> None:
        self.current = record
        if new_child:
            self.new_child()
        self.show_record(record)

    def new_child(self) -> None:
        """Another child is shown: the forms start empty."""

    def show_record(self, record: ChildArchive) -> None:
        raise NotImplementedError

    def write(self, work: Callable[[], Any], done_text: str, after: Callable[[], None] | None = None, *,
              publishes: Iterable[Topic] = (Topic.ARCHIVE,), form_line: MessageLine | None = None) -> None:
        """Save off the GUI thread; then say so, run `after` (e.g. empty a saved form) and let the views refresh.

        A refusal of a form's input shows on `form_line`, inside the form beside its fields, not at the page's top.
        """
        def done(_result: Any) -> None:
            if form_line is not None:
                form_line.show_text("")
            self.say(done_text)
            if after is not None:
                after()

        def failed(error: BaseException) -> bool:
            if form_line is None:
                return False
            form_line.show_text(user_message(error), error=True)
            return True

        self.run(work, done, failed=failed, publishes=publishes)

    @staticmethod
    def selected_record(table: QTableWidget, records: tuple[Any, ...]) -> Any:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        record_id = table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((r for r in records if r.id == record_id), None)

    def complete_selected(self, kind: str, table: QTableWidget) -> None:
        """Mark the follow-up of the selected contact or home visit done today."""
        if self.current is None:
            return
        records = self.current.contacts if kind == "contact" else self.current.home_visits
        record = self.selected_record(table, records)
        if record is None:
            return
        ctx = self.context
        self.write(lambda: archive.complete_follow_up(ctx.db, ctx.actor, kind, record.id), self.tr("已标记跟进完成。"))


class ParentsTab(RecordTab):
    """The child's parents: where they work, how to reach them, when they come home."""

    def __init__(self, context: AppContext, page: Operations, parent: QWidget | None = None):
        self.editing_parent: ParentRecord | None = None
        super().__init__(context, page, parent)

    def new_child(self) -> None:
        self._clear_parent_form()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.parents_table = table([self.tr("关系"), self.tr("姓名"), self.tr("电话"), self.tr("务工地"),
                                     self.tr("单位 / 职业"), self.tr("回家频率"), self.tr("上次回家"), self.tr("下次计划回家")])
        self.parents_table.setMinimumHeight(130)
        self.parents_table.itemSelectionChanged.connect(self._parent_selected)
        layout.addWidget(self.parents_table)
        group = QGroupBox(self.tr("父母信息"))
        form = QGridLayout(group)
        self.parent_relation = QComboBox()
        for relation in PARENT_RELATIONS:
            self.parent_relation.addItem(label(relation), relation)
        self.parent_fields: dict[str, QLineEdit] = {}
        labels = (("name", QT_TRANSLATE_NOOP("ParentsTab", "姓名")), ("phone", QT_TRANSLATE_NOOP("ParentsTab", "电话")),
                  ("phone2", QT_TRANSLATE_NOOP("ParentsTab", "电话2")),
                  ("wechat", QT_TRANSLATE_NOOP("ParentsTab", "微信")),
                  ("work_province", QT_TRANSLATE_NOOP("ParentsTab", "务工省份")),
                  ("work_city", QT_TRANSLATE_NOOP("ParentsTab", "务工城市")),
                  ("work_address", QT_TRANSLATE_NOOP("ParentsTab", "务工地址")),
                  ("employer", QT_TRANSLATE_NOOP("ParentsTab", "工作单位")),
                  ("occupation", QT_TRANSLATE_NOOP("ParentsTab", "职业")),
                  ("return_frequency", QT_TRANSLATE_NOOP("ParentsTab", "回家频率")),
                  ("last_return", QT_TRANSLATE_NOOP("ParentsTab", "上次回家")),
                  ("next_return", QT_TRANSLATE_NOOP("ParentsTab", "下次计划回家")),
                  ("notes", QT_TRANSLATE_NOOP("ParentsTab", "备注")))
        form.addWidget(QLabel(self.tr("关系")), 0, 0)
        form.addWidget(self.parent_relation, 0, 1)
        for index, (name, title) in enumerate(labels, start=1):
            edit = QLineEdit()
            if name in ("last_return", "next_return"):
                edit.setPlaceholderText(self.tr("年-月-日，可不填"))  # a hint, never a date that looks like data
            if name == "return_frequency":
                edit.setPlaceholderText(self.tr("每年春节 / 每季度 …"))
            self.parent_fields[name] = edit
            edit.returnPressed.connect(self.save_parent)  # Enter saves, as in every other form
            form.addWidget(QLabel(self.tr(title)), index // 2, (index % 2) * 2)
            form.addWidget(edit, index // 2, (index % 2) * 2 + 1)
        buttons = QHBoxLayout()
        self.parent_new = QPushButton(self.tr("新增一位"))
        self.parent_new.clicked.connect(self._clear_parent_form)
        self.parent_save = QPushButton(self.tr("保存父母信息"))
        self.parent_save.setObjectName("primary")
        self.parent_save.clicked.connect(self.save_parent)
        self.parent_delete = QPushButton(self.tr("删除这位"))
        self.parent_delete.clicked.connect(self.delete_parent)
        for button in (self.parent_new, self.parent_save, self.parent_delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addLayout(buttons, 8, 0, 1, 4)
        layout.addWidget(group)
        layout.addStretch(1)

    def show_record(self, record: ChildArchive) -> None:
        fill(self.parents_table, [
            (p.id, [p.relation, p.name, " / ".join(x for x in (p.phone, p.phone2) if x), p.works_in,
                    " / ".join(x for x in (p.employer, p.occupation) if x), p.return_frequency,
                    date_text(p.last_return), date_text(p.next_return)])
            for p in record.parents
        ])
        if self.editing_parent is not None:
            # Keep editing the same parent, at its new version, after a save.
            fresh = next((p for p in record.parents if p.id == self.editing_parent.id), None)
            self.editing_parent = fresh
            if fresh is None:
                self._clear_parent_form()
        self.parent_delete.setEnabled(self.editing_parent is not None)

    def _parent_selected(self) -> None:
        rows = self.parents_table.selectionModel().selectedRows()
        if not rows or self.current is None:
            return
        parent_id = self.parents_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        parent = next((p for p in self.current.parents if p.id == parent_id), None)
        if parent is None:
            return
        self.editing_parent = parent
        self.parent_relation.setCurrentIndex(max(0, self.parent_relation.findData(parent.relation)))
        for name, edit in self.parent_fields.items():
            value = getattr(parent, name)
            edit.setText(date_text(value) if isinstance(value, dt.date) else (value or ""))
        self.parent_save.setText(self.tr("保存修改"))
        self.parent_delete.setEnabled(True)

    def _clear_parent_form(self) -> None:
        self.editing_parent = None
        self.parents_table.clearSelection()
        for edit in self.parent_fields.values():
            edit.clear()
        self.parent_relation.setCurrentIndex(0)
        self.parent_save.setText(self.tr("保存父母信息"))
        self.parent_delete.setEnabled(False)

    def save_parent(self) -> None:
        if self.current is None:
            return
        data = ParentInput(relation=self.parent_relation.currentData(),
                           **{name: edit.text() for name, edit in self.parent_fields.items()})
        ctx, child_id, editing = self.context, self.current.child.id, self.editing_parent
        if editing is None:
            self.write(lambda: archive.add_parent(ctx.db, ctx.actor, child_id, data), self.tr("已添加：") + data.name,
                        self._clear_parent_form)
        else:
            self.write(lambda: archive.update_parent(ctx.db, ctx.actor, editing.id, editing.version, data),
                        self.tr("已保存修改：") + data.name)

    def delete_parent(self) -> None:
        editing = self.editing_parent
        if editing is None:
            return
        ctx = self.context
        self.write(lambda: archive.delete_parent(ctx.db, ctx.actor, editing.id, editing.version),
                    self.tr("已删除：") + editing.name, self._clear_parent_form)


class GuardianshipTab(RecordTab):
    """Who cares for the child, and how well (the national form's definitions beside the rating)."""

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.g_kind = QComboBox()
        self.g_kind.addItem(self.tr("（未填）"), None)
        for kind in GUARDIANSHIP_TYPES:
            self.g_kind.addItem(label(kind), kind)
        self.g_kind.currentIndexChanged.connect(self._kind_changed)
        kind_form = QFormLayout()
        kind_form.addRow(self.tr("监护类型"), self.g_kind)
        layout.addLayout(kind_form)
        # The rating and its definitions come first: it is what the start page's alerts are about.
        layout.addWidget(self._build_quality_group())
        self.g_fields = {name: QLineEdit() for name in ("delegate_name", "delegate_relation", "delegate_phone",
                                                        "delegate_id_number", "delegate_address")}
        for name, title in (("delegate_name", QT_TRANSLATE_NOOP("GuardianshipTab", "委托监护人")),
                            ("delegate_relation", QT_TRANSLATE_NOOP("GuardianshipTab", "与儿童关系")),
                            ("delegate_phone", QT_TRANSLATE_NOOP("GuardianshipTab", "委托监护人电话")),
                            ("delegate_id_number", QT_TRANSLATE_NOOP("GuardianshipTab", "委托监护人身份证号")),
                            ("delegate_address", QT_TRANSLATE_NOOP("GuardianshipTab", "委托监护人住址"))):
            form.addRow(self.tr(title), self.g_fields[name])
        self.g_agreement = QCheckBox(self.tr("委托监护协议已存档"))
        form.addRow("", self.g_agreement)
        self.g_income = Ticks(INCOME_SOURCES)
        form.addRow(self.tr("家庭经济来源"), self.g_income)
        self.g_assistance = Ticks(ASSISTANCE_KINDS)
        form.addRow(self.tr("救助帮扶情况"), self.g_assistance)
        layout.addLayout(form)
        self.g_save = QPushButton(self.tr("保存监护情况"))
        self.g_save.setObjectName("primary")
        self.g_save.clicked.connect(self.save_guardianship)
        layout.addWidget(self.g_save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _build_quality_group(self) -> QGroupBox:
        quality = QGroupBox(self.tr("监护情况评估（按《农村留守儿童基本情况登记表》的定义）"))
        grid = QGridLayout(quality)
        self.g_quality = QButtonGroup(self)
        self.g_quality_buttons: dict[str, QRadioButton] = {}
        self.quality_definitions: dict[str, QLabel] = {}
        for row, name in enumerate(GUARDIANSHIP_QUALITIES):
            button = QRadioButton(label(name))
            self.g_quality.addButton(button)
            self.g_quality_buttons[name] = button
            definition = QLabel(label(QUALITY_DEFINITIONS[name]))
            definition.setWordWrap(True)
            self.quality_definitions[name] = definition
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(definition, row, 1)
        grid.setColumnStretch(1, 1)
        return quality

    def _kind_changed(self) -> None:
        delegated = self.g_kind.currentData() == "委托监护"
        self.g_fields["delegate_name"].setPlaceholderText(self.tr("委托监护时必填") if delegated else "")

    def show_record(self, record: ChildArchive) -> None:
        g = record.guardianship
        index = self.g_kind.findData(g.kind if g else None)
        self.g_kind.setCurrentIndex(max(0, index))
        for name, edit in self.g_fields.items():
            edit.setText((getattr(g, name) or "") if g else "")
        self.g_agreement.setChecked(bool(g and g.agreement_on_file))
        self.g_income.set_value(g.income_source if g else None)
        self.g_assistance.set_value(g.assistance if g else None)
        self.g_quality.setExclusive(False)  # so that "not rated" can be shown
        for name, button in self.g_quality_buttons.items():
            button.setChecked(bool(g and g.quality == name))
        self.g_quality.setExclusive(True)

    def save_guardianship(self) -> None:
        if self.current is None:
            return
        checked = next((name for name, b in self.g_quality_buttons.items() if b.isChecked()), None)
        data = GuardianshipInput(
            kind=self.g_kind.currentData(),
            agreement_on_file=self.g_agreement.isChecked(),
            quality=checked,
            income_source=self.g_income.value(),
            assistance=self.g_assistance.value(),
            **{name: edit.text() for name, edit in self.g_fields.items()},
        )
        ctx, child_id = self.context, self.current.child.id
        version = self.current.guardianship.version if self.current.guardianship else None
        self.write(lambda: archive.save_guardianship(ctx.db, ctx.actor, child_id, data, version),
                    self.tr("监护情况已保存。"))
