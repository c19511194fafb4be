"""志愿服务记录与双报到 from the 志愿者 page: a period, the .xlsx of service records, and a work unit's feedback form."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.elsewhere import Job
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.kernel import KernelDialog, Lane
from qsh_desk.gui.widgets.roster_widgets import save_path
from qsh_desk.services import service_records
from qsh_desk.services.access import Permission


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ServiceRecordsDialog(KernelDialog):
    """Export the period's service records (administrators), or ask the 打印 page for a unit's 双报到 feedback."""

    party_report_wanted = Signal(str, object, object)  # unit, from, to
    exported = Signal(str)
    units_loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setObjectName("serviceRecords")
        self.setWindowTitle(self.tr("志愿服务记录与在职党员报到"))
        today = clock.today()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.date_from = QDateEdit(_qdate(today.replace(month=1, day=1)))
        self.date_to = QDateEdit(_qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.unit = QComboBox()
        self.unit.setEditable(True)
        form.addRow(self.tr("从"), self.date_from)
        form.addRow(self.tr("到"), self.date_to)
        form.addRow(self.tr("工作单位"), self.unit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("导出服务记录 (.xlsx)…"))
        self.export_button.setVisible(context.actor.can(Permission.EXPORT))
        self.party_button = QPushButton(self.tr("打印双报到反馈表"))
        close = QPushButton(self.tr("关闭"))
        for button in (self.export_button, self.party_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.export_button.clicked.connect(lambda: self.export_to())
        self.party_button.clicked.connect(self._party_report)
        close.clicked.connect(self.reject)
        self.run(lambda: service_records.work_units(context.db, context.actor), self._show_units, line=self.message)

    def period(self) -> tuple[dt.date, dt.date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def _show_units(self, units: list[str]) -> None:
        self.unit.addItems(units)
        if not units:
            self.say(self.tr("还没有登记在职党员：编辑志愿者，勾选“在职党员”并填写工作单位。"))
        self.units_loaded.emit()

    def export_to(self, path: str | None = None) -> None:
        start, end = self.period()
        target = save_path(self, self.tr("导出志愿服务记录"),
                           self.tr("志愿服务记录 {0} 至 {1}.xlsx").format(start.isoformat(), end.isoformat()), path)
        if target is None:
            return
        ctx = self.context
        self.run(Job(service_records.export_hours, ctx.db, ctx.actor, target, start, end), self._exported,
                 busy=[self.export_button], line=self.message, lane=Lane.LONG)

    def _exported(self, exported: service_records.HoursExport) -> None:
        summary = exported.summary()
        self.say(summary)
        self.exported.emit(summary)

    def _party_report(self) -> None:
        unit = self.unit.currentText().strip()
        if not unit:
            self.say(self.tr("请选择或写出工作单位。"), error=True)
            self.unit.setFocus()
            return
        start, end = self.period()
        self.party_report_wanted.emit(unit, start, end)
        self.accept()
