"""儿童: the children's roster — a filterable, sortable table, with import, template and export; the edit form
is in child_form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QWidget,
)

from qsh_desk.elsewhere import Job
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.kernel import Topic
from qsh_desk.gui.models.roster import ChildTableModel
from qsh_desk.gui.pages.child_form import ChildEditDialog
from qsh_desk.gui.pages.roster_base import RosterPage
from qsh_desk.gui.widgets.search_box import rehint
from qsh_desk.services import exporting, roster
from qsh_desk.services.access import Permission
from qsh_desk.services.roster import (
    ChildDetail,
    ChildQuery,
    ChildSummary,
    FilterChoices,
)

class ChildrenPage(RosterPage):
    key = "children"
    title = QT_TRANSLATE_NOOP("Page", "儿童")
    icon_name = "children"
    kind = "children"
    topic = Topic.CHILDREN
    watches = frozenset({Topic.CHILDREN, Topic.VISITS, Topic.PAIRINGS, Topic.ARCHIVE})

    editor_opened = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, ChildTableModel(), parent)
        self.choices = FilterChoices((), ())
        rehint(self.search, self.tr("搜索：姓名、拼音或首字母、卡号、监护人电话后四位"))
        self.new_button.setText(self.tr("新增儿童"))

    def add_filters(self, layout) -> None:  # noqa: ANN001 - the filter bar's FlowLayout
        self.school_filter = QComboBox()
        self.school_filter.addItem(self.tr("全部学校"), None)
        self.grade_filter = QComboBox()
        self.grade_filter.addItem(self.tr("全部年级"), None)
        self.medical_filter = QComboBox()
        for title, value in ((self.tr("过敏/疾病：不限"), None), (self.tr("有过敏或疾病"), True),
                             (self.tr("无过敏或疾病"), False)):
            self.medical_filter.addItem(title, value)
        self.paired_filter = QComboBox()
        for title, value in ((self.tr("结对：不限"), None), (self.tr("已结对"), True), (self.tr("未结对"), False)):
            self.paired_filter.addItem(title, value)
        for combo in (self.medical_filter, self.paired_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for combo in (self.school_filter, self.grade_filter, self.medical_filter, self.paired_filter):
            layout.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.reload())

    def can_add(self) -> bool:
        # The full record is for who edits the roster; duty volunteers register a child who is new at the desk (F2).
        return self.context.actor.can(Permission.ROSTER_EDIT)

    def current_query(self) -> ChildQuery:
        return ChildQuery(
            text=self.search.text(),
            status=self.status.currentData(),
            school=self.school_filter.currentData(),
            grade=self.grade_filter.currentData(),
            medical=self.medical_filter.currentData(),
            paired=self.paired_filter.currentData(),
        )

    def load(self, query: ChildQuery) -> tuple[list[ChildSummary], FilterChoices]:
        ctx = self.context
        return roster.list_children(ctx.db, ctx.actor, query), roster.child_filter_choices(ctx.db, ctx.actor)

    def show_loaded(self, result: tuple[list[ChildSummary], FilterChoices]) -> None:
        rows, choices = result
        self.choices = choices
        for combo, values in ((self.school_filter, choices.schools), (self.grade_filter, choices.grades)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self.model.set_rows(rows)

    def open_editor(self, row: ChildSummary | None) -> None:
        if row is None:
            self._show_editor(None)
            return
        ctx = self.context
        self.run(lambda: roster.get_child(ctx.db, ctx.actor, row.id), self._show_editor)

    def _show_editor(self, detail: ChildDetail | None) -> None:
        self.show_editor(ChildEditDialog(self.context, detail, self.choices, self))

    def archive(self, row: ChildSummary) -> Any:
        ctx = self.context
        if row.active:
            return roster.archive_child(ctx.db, ctx.actor, row.id)
        return roster.restore_child(ctx.db, ctx.actor, row.id)

    def history(self, row: ChildSummary) -> str:
        ctx = self.context
        return roster.child_history(ctx.db, ctx.actor, row.id).describe()

    def delete(self, row: ChildSummary, confirm_history: bool) -> None:
        ctx = self.context
        roster.delete_child(ctx.db, ctx.actor, row.id, confirmed=True, confirm_history=confirm_history)

    def export(self, path: str) -> Job:
        return Job(exporting.export_children, self.context.db, self.context.actor, path)
