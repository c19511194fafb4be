"""操作日志: the administrator reads who did what and when, filtered by user, date, kind and child — read-only."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.labels import label
from qsh_desk.gui.pages.base import Page
from qsh_desk.services import auditlog, vocabulary
from qsh_desk.services.access import Permission
from qsh_desk.services.auditlog import AuditChoices, AuditPage

# Marked for lupdate; self.tr() translates them where shown.
COLUMNS = (QT_TRANSLATE_NOOP("AuditLogPage", "时间"), QT_TRANSLATE_NOOP("AuditLogPage", "操作人"),
           QT_TRANSLATE_NOOP("AuditLogPage", "类型"), QT_TRANSLATE_NOOP("AuditLogPage", "对象"),
           QT_TRANSLATE_NOOP("AuditLogPage", "儿童"), QT_TRANSLATE_NOOP("AuditLogPage", "详情"))
class AuditLogPage(Page):
    key = "audit"
    title = QT_TRANSLATE_NOOP("Page", "操作日志")
    icon_name = "audit"
    permission = Permission.AUDIT_VIEW

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("操作日志"))
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)

        filters = QGridLayout()
        self.user = QComboBox()
        self.user.setEditable(True)
        self.user.lineEdit().setPlaceholderText(self.tr("全部"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部"), "")
        self.child = QLineEdit()
        self.child.setPlaceholderText(self.tr("姓名或卡号"))
        self.by_date = QCheckBox(self.tr("日期从"))
        self.by_date.setChecked(True)
        day = clock.today()
        today = QDate(day.year, day.month, day.day)
        self.since = QDateEdit(today.addDays(-30))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.by_date.toggled.connect(self.since.setEnabled)
        self.by_date.toggled.connect(self.until.setEnabled)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.child.returnPressed.connect(self.search)
        self.user.lineEdit().returnPressed.connect(self.search)
        filters.addWidget(QLabel(self.tr("操作人")), 0, 0)
        filters.addWidget(self.user, 0, 1)
        filters.addWidget(QLabel(self.tr("类型")), 0, 2)
        filters.addWidget(self.kind, 0, 3)
        filters.addWidget(QLabel(self.tr("儿童")), 0, 4)
        filters.addWidget(self.child, 0, 5)
        filters.addWidget(self.by_date, 1, 0)
        filters.addWidget(self.since, 1, 1)
        filters.addWidget(QLabel(self.tr("到")), 1, 2)
        filters.addWidget(self.until, 1, 3)
        filters.addWidget(self.search_button, 1, 5)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(5, 1)
        layout.addLayout(filters)

        self.count = QLabel()
        layout.addWidget(self.count)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table = QTableView()
        self.table.setModel(self.model)
        # Read-only by construction: no editor opens, and the service has no way to change a row anyway.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self._choices_loaded = False

    def activated(self) -> None:
        ctx = self.context
        if not self._choices_loaded:
            self.run(lambda: auditlog.filter_choices(ctx.db, ctx.actor), self._show_choices, line=self.count)
        self.search()

    def _show_choices(self, choices: AuditChoices) -> None:
        self._choices_loaded = True
        typed = self.user.currentText()
        self.user.clear()
        self.user.addItem("")
        self.user.addItems(choices.users)
        self.user.setEditText(typed)
        chosen = self.kind.currentData()
        self.kind.clear()
        self.kind.addItem(self.tr("全部"), "")
        for kind in choices.kinds:
            self.kind.addItem(label(auditlog.kind_title(kind)), kind)
        index = self.kind.findData(chosen)
        self.kind.setCurrentIndex(max(0, index))

    def search(self) -> None:
        ctx = self.context
        filters = dict(
            user=self.user.currentText().strip() or None,
            kind=self.kind.currentData() or None,
            child=self.child.text().strip() or None,
            since=self.since.date().toPython() if self.by_date.isChecked() else None,
            until=self.until.date().toPython() if self.by_date.isChecked() else None,
        )
        self.run(lambda: auditlog.query(ctx.db, ctx.actor, **filters), self.show_rows, busy=[self.search_button],
                 line=self.count)

    def show_rows(self, page: AuditPage) -> None:
        self.model.setRowCount(0)
        for row in page.rows:
            cells = (
                f"{row.at:%Y-%m-%d %H:%M:%S}" if isinstance(row.at, dt.datetime) else str(row.at),
                row.actor,
                label(row.kind_title),
                label(vocabulary.entity_title(row.entity)),
                row.child_name or ("" if row.child_id is None else f"#{row.child_id}"),
                vocabulary.detail_text(row.detail, word=label),
            )
            self.model.appendRow([QStandardItem(text) for text in cells])
        self.table.resizeColumnsToContents()
        if page.total > len(page.rows):
            self.count.setText(
                self.tr("共 {total} 条，显示最新的 {shown} 条。请缩小筛选范围查看更早的记录。")
                .replace("{total}", f"{page.total:,}").replace("{shown}", f"{len(page.rows):,}")
            )
        else:
            self.count.setText(self.tr("共 {total} 条。").replace("{total}", f"{page.total:,}"))
