"""打印: pick a document and its parameters, build the PDF off the GUI thread, preview it, print or save it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QRect,
    QSize,
    Qt,
    QTemporaryDir,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock, private
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.errors import dialogs_enabled, user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import Lane, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets import file_picker
from qsh_desk.elsewhere import Job
from qsh_desk.printing.jobs import DOCUMENTS, build_document
from qsh_desk.services import registers, reports, service_records, wishes
from qsh_desk.services.access import Permission
from qsh_desk.services.errors import Ambiguous, ServiceError


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


PRINT_DPI = 300  # enough for text and lines on paper; a page at a printer's 1200 dpi would be 550 MB of image


class PrinterNotReady(ServiceError):
    """The printer could not start; the message is for the user."""


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Runs on the printing thread: each page of the PDF rendered at PRINT_DPI and painted onto the printer.

    Qt allows painting on a QPrinter outside the GUI thread; the document is the thread's own. Returns the pages.
    """
    document = QPdfDocument()
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_:
            raise PrinterNotReady(QCoreApplication.translate("PrintPage", "要打印的文件读不出来，请重新生成预览后再打印。"))
        count = document.pageCount()
        if count == 0:
            return 0
        first = document.pagePointSize(0)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if first.width() > first.height()
                                   else QPageLayout.Orientation.Portrait)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterNotReady(QCoreApplication.translate("PrintPage", "打印机无法开始打印。请检查打印机是否开机、是否连接。"))
        try:
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            for index in range(count):
                if index:
                    printer.newPage()
                points = document.pagePointSize(index)
                scale = min(area.width() / points.width(), area.height() / points.height())  # printer pixels per point
                target = QRect(0, 0, int(points.width() * scale), int(points.height() * scale))
                pixels = min(PRINT_DPI, printer.resolution()) / 72
                image = document.render(index, QSize(int(points.width() * pixels), int(points.height() * pixels)))
                painter.drawImage(target, image)
        finally:
            painter.end()
        return count
    finally:
        document.close()


class PrintPage(Page):
    key = "print"
    title = QT_TRANSLATE_NOOP("Page", "打印")
    icon_name = "print"
    permission = Permission.PRINT_BASIC

    built = Signal(int)  # a preview is shown: its page count
    failed = Signal(str)  # building or printing failed: the message shown
    printed = Signal(int)  # pages sent to the printer

    def __init__(self, context: AppContext, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(context, parent)
        today = today or clock.today()
        self.pdf: bytes | None = None
        self._pdf_path: Path | None = None  # the previewed PDF on disk, which the printing thread reads
        self._tmp = QTemporaryDir()
        self._generation = 0
        self._printer: QPrinter | None = None  # kept alive while its pages are being sent

        outer = QHBoxLayout(self)
        side = QVBoxLayout()
        outer.addLayout(side, 0)
        heading = QLabel(self.tr("打印"))
        heading.setObjectName("pageHeading")
        side.addWidget(heading)

        form = QFormLayout()
        self.kind = QComboBox()
        for kind, document in DOCUMENTS.items():
            if context.actor.can(document.permission):  # e.g. the 花名册 for social workers and administrators
                self.kind.addItem(label(document.title), kind)
        form.addRow(self.tr("文档"), self.kind)

        qtoday = QDate(today.year, today.month, today.day)
        self.date = QDateEdit(qtoday)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.month = QDateEdit(qtoday)
        self.month.setDisplayFormat("yyyy-MM")
        self.session = QComboBox()
        self.home_visit = QComboBox()
        # A visit reads "2026-11-29 王浩然 · 社工小王、网格员": as wide as its longest entry, not cut after the date.
        self.home_visit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.volunteer = QLineEdit()
        self.volunteer.setPlaceholderText(self.tr("姓名、卡号或编号"))
        self.date_from = QDateEdit(QDate(today.year, 1, 1))
        self.date_to = QDateEdit(qtoday)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.child = QLineEdit()
        self.child.setPlaceholderText(self.tr("儿童姓名或卡号"))
        self.all_children = QCheckBox(self.tr("所有在册儿童（不只是这个月来过的）"))
        self.unit = QComboBox()  # the work units of the in-service party members; any name can be typed
        self.unit.setEditable(True)
        self.pickup = QCheckBox(self.tr("监护人接送卡"))
        self.even_if_closed = QCheckBox(self.tr("闭馆日也打印"))
        self.wish = QComboBox()
        self.wish_status = QComboBox()
        for code, title in (("open", self.tr("待认领")), ("claimed", self.tr("已认领")),
                            ("fulfilled", self.tr("已圆梦")), ("all", self.tr("全部"))):
            self.wish_status.addItem(title, code)
        self.a3 = QCheckBox(self.tr("A3 张贴用"))
        self._rows: dict[str, QWidget] = {
            "date": self.date, "month": self.month, "session": self.session, "home_visit": self.home_visit,
            "volunteer": self.volunteer, "date_from": self.date_from, "date_to": self.date_to, "pickup": self.pickup,
            "even_if_closed": self.even_if_closed, "wish": self.wish, "status": self.wish_status, "a3": self.a3,
            "child": self.child, "all": self.all_children, "unit": self.unit,
        }
        labels = {"date": QT_TRANSLATE_NOOP("PrintPage", "日期"), "month": QT_TRANSLATE_NOOP("PrintPage", "月份"),
                  "session": QT_TRANSLATE_NOOP("PrintPage", "活动"), "home_visit": QT_TRANSLATE_NOOP("PrintPage", "家访"),
                  "volunteer": QT_TRANSLATE_NOOP("PrintPage", "志愿者"), "date_from": QT_TRANSLATE_NOOP("PrintPage", "从"),
                  "date_to": QT_TRANSLATE_NOOP("PrintPage", "到"), "pickup": QT_TRANSLATE_NOOP("PrintPage", "卡片"),
                  "even_if_closed": QT_TRANSLATE_NOOP("PrintPage", "闭馆日"),
                  "wish": QT_TRANSLATE_NOOP("PrintPage", "微心愿"), "status": QT_TRANSLATE_NOOP("PrintPage", "哪些"),
                  "a3": QT_TRANSLATE_NOOP("PrintPage", "纸张"), "child": QT_TRANSLATE_NOOP("PrintPage", "儿童"),
                  "all": QT_TRANSLATE_NOOP("PrintPage", "范围"), "unit": QT_TRANSLATE_NOOP("PrintPage", "工作单位")}
        for key, widget in self._rows.items():
            form.addRow(self.tr(labels[key]), widget)
        self._form = form
        side.addLayout(form)

        self.build_button = QPushButton(icon("preview"), self.tr("生成预览 (F5)"))
        self.print_button = QPushButton(icon("print"), self.tr("打印… (Ctrl+P)"))
        self.save_button = QPushButton(icon("save"), self.tr("另存为 PDF… (Ctrl+S)"))
        for button in (self.build_button, self.print_button, self.save_button):
            side.addWidget(button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the build reports no steps
        self.progress.setTextVisible(False)
        self.progress.hide()
        side.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side.addWidget(self.status)
        side.addStretch(1)

        # The document belongs to the page and exists before the view: parented to the view it crashes on exit.
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        outer.addWidget(self.view, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.build_button.clicked.connect(self.build)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        for keys, action in ((QKeySequence(Qt.Key.Key_F5), self.build),
                             (QKeySequence(QKeySequence.StandardKey.Print), self.print_document),
                             (QKeySequence(QKeySequence.StandardKey.Save), self.save_document)):
            QShortcut(keys, self).activated.connect(action)
        self._kind_changed()
        self._set_ready(False)

    # -- parameters --------------------------------------------------------------------------------
    def current_kind(self) -> str:
        return self.kind.currentData()

    def choose(self, kind: str) -> None:
        index = self.kind.findData(kind)
        if index >= 0:
            self.kind.setCurrentIndex(index)

    def letter_of(self, child: str) -> None:
        """Show the letter of this month for one child (the archive's 给爸爸妈妈的信 button)."""
        self.choose("letter")
        self.child.setText(child)
        self.build()

    def _kind_changed(self) -> None:
        wanted = DOCUMENTS[self.current_kind()].parameters
        for key, widget in self._rows.items():
            self._form.setRowVisible(widget, key in wanted)
        ctx = self.context
        if "session" in wanted and self.session.count() == 0:
            self.run(lambda: reports.recent_sessions(ctx.db, ctx.actor), lambda c: self._fill(self.session, c),
                     line=self.status)
        if "home_visit" in wanted and self.home_visit.count() == 0:
            self.run(lambda: registers.recent_home_visits(ctx.db, ctx.actor), lambda c: self._fill(self.home_visit, c),
                     line=self.status)
        if "wish" in wanted and self.wish.count() == 0:
            self.run(lambda: wishes.recent_records(ctx.db, ctx.actor), lambda c: self._fill(self.wish, c),
                     line=self.status)
        if "unit" in wanted and self.unit.count() == 0:
            self.run(lambda: service_records.work_units(ctx.db, ctx.actor), self._fill_units, line=self.status)

    def _fill(self, combo: QComboBox, choices: list[reports.Choice]) -> None:
        combo.clear()
        for choice in choices:
            combo.addItem(choice.label, choice.id)
        if not choices:
            self.say(self.tr("还没有可以打印的记录。"), line=self.status)

    def _fill_units(self, units: list[str]) -> None:
        typed = self.unit.currentText()
        self.unit.clear()
        self.unit.addItems(units)
        if typed:
            self.unit.setEditText(typed)
        elif not units:
            self.say(self.tr("还没有登记在职党员：请在“志愿者”页编辑志愿者，勾选“在职党员”并填写工作单位。"), line=self.status)

    def party_report_of(self, unit: str, start: dt.date, end: dt.date) -> None:
        """Show the 双报到 feedback of one work unit for a period (the 志愿者 page's button)."""
        self.choose("party-report")
        self.unit.setEditText(unit)
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        self.date_to.setDate(QDate(end.year, end.month, end.day))
        self.build()

    def options(self) -> dict[str, Any]:
        return {
            "date": _to_date(self.date.date()),
            "month": self.month.date().toString("yyyy-MM"),
            "session": self.session.currentData(),
            "home_visit": self.home_visit.currentData(),
            "volunteer": self.volunteer.text().strip(),
            "date_from": _to_date(self.date_from.date()),
            "date_to": _to_date(self.date_to.date()),
            "pickup": self.pickup.isChecked(),
            "even_if_closed": self.even_if_closed.isChecked(),
            "wish": self.wish.currentData(),
            "status": self.wish_status.currentData(),
            "a3": self.a3.isChecked(),
            "child": self.child.text().strip(),
            "all": self.all_children.isChecked(),
            "unit": self.unit.currentText().strip(),
        }

    # -- building ----------------------------------------------------------------------------------
    def build(self) -> None:
        kind, options = self.current_kind(), self.options()
        if any(options[record] is None for record in ("session", "home_visit", "wish") if record in DOCUMENTS[kind].parameters):
            self._show_failure(self.tr("请先选择要打印的记录。"))
            return
        if kind == "letter" and not options["child"]:
            self._show_failure(self.tr("请写出儿童的姓名或卡号。"))
            self.child.setFocus()
            return
        if kind == "party-report" and not options["unit"]:
            self._show_failure(self.tr("请选择或写出工作单位。"))
            self.unit.setFocus()
            return
        if kind == "certificate" and not options["volunteer"]:
            self._show_failure(self.tr("请写出志愿者的姓名、卡号或编号。"))
            self.volunteer.setFocus()
            return
        self._generation += 1
        generation = self._generation
        ctx = self.context
        self.progress.show()
        self.say(self.tr("正在生成…"), line=self.status)
        self.run(Job(build_document, ctx.db, ctx.actor, kind, options),
                 lambda result: self._built(generation, result),
                 failed=lambda error: self._build_failed(generation, error), busy=[self.build_button],
                 publishes={Topic.CERTIFICATES} if kind == "certificate" else (), lane=Lane.LONG)

    def _built(self, generation: int, result: tuple[bytes, int]) -> None:
        if generation != self._generation:
            return
        self.progress.hide()
        self.pdf, pages = result
        path = Path(self._tmp.path()) / f"preview-{generation}.pdf"
        private.write_bytes(path, self.pdf)
        self._pdf_path = path
        self.document.load(str(path))
        self._set_ready(True)
        self.say(self.tr("共 {0} 页。可以打印或另存为 PDF。").format(pages), line=self.status)
        self.built.emit(pages)

    def _build_failed(self, generation: int, error: BaseException) -> bool:
        if generation == self._generation:
            self.progress.hide()
            message = user_message(error)
            if isinstance(error, Ambiguous):
                message += "\n" + "\n".join(c.label for c in error.candidates)
            overridden_by = getattr(error, "overridden_by", None)
            if overridden_by in self._rows:
                choice = self._rows[overridden_by]
                message += self.tr("确实需要时请勾选“{0}”，再按“生成预览”。").format(choice.text())
            self._show_failure(message)
        return True

    def _show_failure(self, message: str) -> None:
        self.say(message, error=True, line=self.status)
        self.failed.emit(message)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    # -- printing and saving -----------------------------------------------------------------------
    def print_document(self) -> None:
        if self.pdf is None or not dialogs_enabled():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Send the previewed pages to the printer on the printing thread; `printed` reports how many went."""
        if self._pdf_path is None or self._printer is not None:
            return
        self._printer = printer
        self.print_button.setEnabled(False)
        self.progress.show()
        self.say(self.tr("正在送往打印机…"), line=self.status)
        path = self._pdf_path
        # Rendering pages for a printer takes seconds: on the long lane, where no desk action waits for it.
        self.run(lambda: print_pdf(path, printer), self._print_done, failed=self._print_failed, lane=Lane.LONG)

    def _print_done(self, count: int) -> None:
        self._printer = None
        self.progress.hide()
        self.print_button.setEnabled(self.pdf is not None)
        self.say(self.tr("已送往打印机：{0} 页。").format(count), line=self.status)
        self.printed.emit(count)

    def _print_failed(self, error: BaseException) -> bool:
        self._printer = None
        self.progress.hide()
        self.print_button.setEnabled(self.pdf is not None)
        self._show_failure(user_message(error))
        return True

    def save_document(self) -> None:
        if self.pdf is None or not dialogs_enabled():
            return
        suggested = f"{label(DOCUMENTS[self.current_kind()].title).replace(' / ', '-')}-{clock.today():%Y%m%d}.pdf"
        chosen = file_picker.save_file(self, self.tr("另存为 PDF"), suggested, self.tr("PDF 文件 (*.pdf)"), ".pdf")
        if chosen:
            self.save_to(chosen)

    def save_to(self, path: Path) -> None:
        try:
            private.write_bytes(path, self.pdf or b"")
        except OSError as error:
            self._show_failure(self.tr("没能保存到 {0}：{1}。请换一个文件夹再试。").format(path, error.strerror or error))
            return
        self.say(self.tr("已保存：{0}").format(path), line=self.status)
