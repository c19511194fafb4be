"""The desk's dialogs: check-out (who collects, by number key), the walk-in form, times and the day's records;
closing (闭馆) is in closing_dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.gui.icons import icon
from qsh_desk.gui.labels import label
from qsh_desk.gui.scanner import scanned_in_a_dialog
from qsh_desk.gui.widgets.elided import whole_hint
from qsh_desk.gui.widgets.keeps_input import KeepsInput
from qsh_desk.gui.widgets.tables import fill, table
from qsh_desk.services.checkin import CHILD, Pickup, PickupOptions
from qsh_desk.services.corrections import DayRecord
from qsh_desk.services.roster import ChildInput, GuardianInput

WARNING_STYLE = "color: #b71c1c; font-weight: bold;"


def scaled_font(widget: QWidget, factor: float):  # noqa: ANN201 - QFont
    """The application's font (which follows the large-type setting) times `factor`."""
    from PySide6.QtWidgets import QApplication

    font = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    return font


class SaysScans:
    """A desk dialog told that a card was scanned into it: it says so where it shows problems, and does nothing."""

    def card_scanned(self, code: str) -> None:
        self.show_problem(scanned_in_a_dialog(code))


def fit_to_screen(dialog: QDialog, minimum: tuple[int, int] = (0, 0)) -> None:
    """Never larger than the screen the dialog opens on (1024×768 in 特大 type included): its body scrolls."""
    parent = dialog.parentWidget()
    screen = (parent.screen() if parent is not None else None) or dialog.screen()
    room = screen.availableGeometry()
    dialog.setMaximumSize(room.width() - 20, room.height() - 40)
    wanted = dialog.sizeHint()
    dialog.resize(min(max(wanted.width(), minimum[0]), room.width() - 40),
                  min(max(wanted.height(), minimum[1]), room.height() - 60))


def scrolling(body: QWidget) -> QScrollArea:
    """`body` in a frameless scroll area that only scrolls up and down, as tall as the body when there is room."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(body)
    return area


def problem_line() -> QLabel:
    line = QLabel()
    line.setWordWrap(True)
    line.setStyleSheet(WARNING_STYLE)
    return line


class CheckOutDialog(SaysScans, QDialog):
    """Who collects the child: 1, 2, 3… for the authorised list, A for 自行回家 (with consent), 0 for someone else."""

    chosen = Signal(object)  # a Pickup

    def __init__(self, options: PickupOptions, parent: QWidget | None = None, kept: tuple[str, ...] = ()):
        super().__init__(parent)
        self.options = options
        self.saving = False  # a choice was made and is being saved
        self.setObjectName("deskCheckOut")
        self.setWindowTitle(self.tr("签退：") + options.name)
        self.setFont(scaled_font(self, 1.25))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("谁来接 %1？按数字键选择。").replace("%1", options.name))
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        self.notice = problem_line()
        self.notice.hide()
        layout.addWidget(self.notice)
        if options.medical_flag:
            flag = QLabel(self.tr("⚠ 有过敏或疾病提示"))
            flag.setStyleSheet(WARNING_STYLE)
            layout.addWidget(flag)
        self.kept = None
        if kept:  # borrowed things that may not leave the room (the keyboard, a computer): give them back first
            self.kept = QLabel(self.tr("⚠ 还没还（只能在站内使用）：{0}").format("、".join(kept)))
            self.kept.setWordWrap(True)
            self.kept.setStyleSheet(WARNING_STYLE)
            layout.addWidget(self.kept)
        # The choices (and the form for someone else) scroll; the heading and 取消 stay on screen.
        self.choices = QWidget()
        choices = QVBoxLayout(self.choices)
        choices.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        for number, collector in enumerate(options.collectors, start=1):
            phone = f"  {collector.phone}" if collector.phone else ""
            button = QPushButton(
                self.tr("{0}   {1}（{2}）{3}").format(number, collector.name, label(collector.relation), phone))
            button.clicked.connect(lambda _=False, gid=collector.guardian_id: self._choose(Pickup.by_guardian(gid)))
            choices.addWidget(button)
            self.buttons.append(button)
        if not options.collectors:
            choices.addWidget(QLabel(self.tr("名单上没有可接送的人。")))
        self.alone = QPushButton(self.tr("A   自行回家（有监护人同意书）") if options.alone_allowed
                                 else self.tr("自行回家：没有监护人同意书，不可以"))
        self.alone.setEnabled(options.alone_allowed)
        self.alone.clicked.connect(lambda: self._choose(Pickup.home_alone()))
        choices.addWidget(self.alone)
        self.other_button = QPushButton(self.tr("0   其他人来接（不在名单上）…"))
        self.other_button.clicked.connect(self.show_other)
        choices.addWidget(self.other_button)

        self.other = QFrame()
        form = QFormLayout(self.other)
        self.warning = QLabel(
            self.tr("注意：这个人不在可接送名单上。请核对身份，填写姓名、关系和电话；签退会被记录并提醒社工。")
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        form.addRow(self.warning)
        self.other_name = QLineEdit()
        self.other_relation = QLineEdit()
        self.other_relation.setPlaceholderText(self.tr("如：舅舅、邻居"))
        self.other_phone = QLineEdit()
        form.addRow(self.tr("姓名"), self.other_name)
        form.addRow(self.tr("关系"), self.other_relation)
        form.addRow(self.tr("电话"), self.other_phone)
        self.other_error = problem_line()  # wraps: a refusal of the phone number is a sentence
        form.addRow(self.other_error)
        self.other_confirm = QPushButton(self.tr("确认签退"))
        self.other_confirm.setObjectName("primary")
        self.other_confirm.clicked.connect(self._confirm_other)
        self.other_confirm.hide()
        for field in (self.other_name, self.other_relation, self.other_phone):
            field.returnPressed.connect(self._confirm_other)
        self.other.hide()
        choices.addWidget(self.other)
        choices.addStretch(1)
        self.body = scrolling(self.choices)
        layout.addWidget(self.body, 1)
        cancel = QPushButton(self.tr("取消（Esc）"))
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()  # always in view, whatever the type size
        bottom.addWidget(cancel, 1)
        bottom.addWidget(self.other_confirm, 1)
        layout.addLayout(bottom)
        # Enter must never pick a collector by itself: only a number key, a click, or the form's own button.
        for button in (*self.buttons, self.alone, self.other_button, self.other_confirm, cancel):
            button.setAutoDefault(False)
            button.setDefault(False)
        fit_to_screen(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        text = event.text()
        if not self.other.isVisible():
            if text.isdigit() and text != "0" and int(text) <= len(self.buttons):
                self.buttons[int(text) - 1].click()
                return
            if text == "0":
                self.show_other()
                return
            if text.lower() == "a" and self.alone.isEnabled():
                self.alone.click()
                return
        super().keyPressEvent(event)

    def show_other(self) -> None:
        """0: someone not on the list. The list's choices step aside, so that the form and its buttons fit."""
        for button in (*self.buttons, self.alone, self.other_button):
            button.hide()
        self.other.show()
        self.other_confirm.show()
        self.other_name.setFocus()
        fit_to_screen(self)

    def show_problem(self, message: str, _possible_duplicate: bool = False) -> None:
        """A refusal (or a scan) is said in the dialog, beside the form for someone else when it is open: what was
        typed stays, and the choice can be made again."""
        self.saving = False
        line = self.other_error if self.other.isVisible() else self.notice
        line.setText(message)
        line.show()
        if line is self.other_error:
            self.body.ensureWidgetVisible(line)  # below the form: scrolled into view at large type

    def _confirm_other(self) -> None:
        name, relation, phone = (w.text().strip() for w in (self.other_name, self.other_relation, self.other_phone))
        missing = [title for title, value in ((self.tr("姓名"), name), (self.tr("关系"), relation),
                                              (self.tr("电话"), phone)) if not value]
        if missing:
            self.other_error.setText(self.tr("请填写：") + self.tr("、").join(missing))
            return
        self._choose(Pickup.by_person(name, relation, phone))

    def _choose(self, pickup: Pickup) -> None:
        if self.saving:  # one choice at a time: the desk closes the dialog once it is saved
            return
        self.saving = True
        self.chosen.emit(pickup)


class ConfirmDialog(SaysScans, QDialog):
    """A yes/no question answered with Enter or Esc (e.g. check out a volunteer who is here)."""

    def __init__(self, title: str, question: str, yes: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setFont(scaled_font(self, 1.25))
        layout = QVBoxLayout(self)
        label = QLabel(question)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.error = problem_line()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.yes = buttons.addButton(yes, QDialogButtonBox.ButtonRole.AcceptRole)
        self.yes.setDefault(True)
        buttons.addButton(self.tr("取消（Esc）"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_problem(self, message: str, _possible_duplicate: bool = False) -> None:
        self.error.setText(message)


class WalkInDialog(KeepsInput, SaysScans, QDialog):
    """A child who is not on the roster: a short form, then added and checked in at once."""

    submitted = Signal(object, bool)  # ChildInput, confirm_possible_duplicate

    def __init__(self, name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deskWalkIn")
        self.setWindowTitle(self.tr("新来的孩子：登记并签到"))
        self.setFont(scaled_font(self, 1.2))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(name)
        self.gender = QComboBox()
        self.gender.addItem(self.tr("（请选择）"), None)  # never a guess: the volunteer asks or looks
        for gender in ("男", "女"):  # stored in Chinese, shown in the interface language
            self.gender.addItem(label(gender), gender)
        self.birth = QLineEdit(self)  # with the dialog's larger font from the start: its hint is measured in it
        whole_hint(self.birth, self.tr("如 2016-05-01；不知道可只填年级"))
        self.grade = QLineEdit()
        self.grade.setPlaceholderText(self.tr("如 三年级"))
        self.guardian_name = QLineEdit()
        self.guardian_relation = QLineEdit()
        self.guardian_relation.setPlaceholderText(self.tr("如 奶奶、外公、姑姑"))
        self.guardian_phone = QLineEdit()
        for title, widget in ((self.tr("姓名"), self.name), (self.tr("性别"), self.gender),
                              (self.tr("出生日期"), self.birth), (self.tr("年级"), self.grade),
                              (self.tr("监护人姓名"), self.guardian_name), (self.tr("关系"), self.guardian_relation),
                              (self.tr("监护人电话"), self.guardian_phone)):
            form.addRow(title, widget)
        layout.addLayout(form)
        self.duplicate = QCheckBox(self.tr("我已核对：这是另一个孩子，仍然登记"))
        self.duplicate.hide()
        layout.addWidget(self.duplicate)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(WARNING_STYLE)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("登记并签到"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("primary")
        self.ok.setDefault(True)
        buttons.addButton(self.tr("取消（Esc）"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.gender if name else self.name).setFocus()

    def data(self) -> ChildInput:
        guardian = GuardianInput(
            name=self.guardian_name.text(), relation=self.guardian_relation.text(), phone=self.guardian_phone.text()
        )
        has_guardian = any(w.text().strip() for w in (self.guardian_name, self.guardian_relation, self.guardian_phone))
        return ChildInput(
            name=self.name.text(), gender=self.gender.currentData(), birth_date=self.birth.text() or None,
            grade=self.grade.text() or None, guardians=(guardian,) if has_guardian else (),
        )

    def typed_input(self) -> tuple[str, ...]:
        return (*(w.text() for w in (self.name, self.birth, self.grade, self.guardian_name, self.guardian_relation,
                                     self.guardian_phone)), str(self.gender.currentData()))

    def submit(self) -> None:
        self.error.clear()
        if not self.guardian_name.text().strip() or not self.guardian_relation.text().strip():
            self.error.setText(self.tr("请填写监护人的姓名和关系：签退时要核对谁来接。"))
            return
        self.submitted.emit(self.data(), self.duplicate.isChecked())

    def show_problem(self, message: str, possible_duplicate: bool = False) -> None:
        self.error.setText(message)
        if possible_duplicate:
            self.duplicate.show()


class TimeDialog(SaysScans, QDialog):
    """A time and a reason: correcting a check-in time, or an administrator's 补录 of a shift left open."""

    submitted = Signal(object, str)  # datetime, reason

    def __init__(self, title: str, question: str, default, parent: QWidget | None = None):  # noqa: ANN001 - datetime
        super().__init__(parent)
        self.setObjectName("deskTime")
        self.setWindowTitle(title)
        self.setFont(scaled_font(self, 1.2))
        self.default = default
        layout = QVBoxLayout(self)
        label = QLabel(question)
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.when = QLineEdit(default.strftime("%Y-%m-%d %H:%M"))
        self.reason = QLineEdit(self)  # in the dialog's font from the start: its hint is measured in it
        whole_hint(self.reason, self.tr("必填，如：忘记签退，按家长来接的时间补记"))
        form.addRow(self.tr("时间"), self.when)
        form.addRow(self.tr("原因"), self.reason)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(WARNING_STYLE)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.addButton(self.tr("取消（Esc）"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.when.setFocus()

    def submit(self) -> None:
        import datetime as dt

        text = self.when.text().strip().replace("：", ":")
        try:
            when = dt.datetime.strptime(text, "%Y-%m-%d %H:%M")
        except ValueError:
            try:
                when = dt.datetime.combine(self.default.date(), dt.datetime.strptime(text, "%H:%M").time())
            except ValueError:
                self.error.setText(self.tr("时间看不懂：请写成 2026-11-28 09:30，或只写 09:30。"))
                return
        if not self.reason.text().strip():
            self.error.setText(self.tr("请写明原因：更正时间会记入操作日志。"))
            return
        self.submitted.emit(when, self.reason.text().strip())

    def show_problem(self, message: str, _possible_duplicate: bool = False) -> None:
        self.error.setText(message)


class DayRecordsDialog(SaysScans, QDialog):
    """今天的到站记录: every visit and shift of the day, to correct a time afterwards (with a reason)."""

    correct_requested = Signal(object, str)  # DayRecord, "in" or "out"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deskDayRecords")
        self.setWindowTitle(self.tr("今天的到站记录"))
        self.setFont(scaled_font(self, 1.15))
        self.resize(760, 520)
        self.records: tuple[DayRecord, ...] = ()
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("选中一条记录，更正签到或签退时间（须写明原因，记入操作日志）。还在站的人在右边的在站名单里签退。"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.load_line = QLabel()  # the day's peak and the minutes over the ratio
        self.load_line.setObjectName("dayLoad")
        layout.addWidget(self.load_line)
        self.error = problem_line()
        layout.addWidget(self.error)
        self.table = table([self.tr("类别"), self.tr("姓名"), self.tr("签到"), self.tr("签退"), self.tr("接送人")])
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self._request("out" if self._current_finished() else "in"))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.correct_in = QPushButton(icon("edit"), self.tr("更正签到时间…"))
        self.correct_in.clicked.connect(lambda: self._request("in"))
        self.correct_out = QPushButton(icon("edit"), self.tr("更正签退时间…"))
        self.correct_out.clicked.connect(lambda: self._request("out"))
        close = QPushButton(self.tr("关闭（Esc）"))
        close.clicked.connect(self.reject)
        for button in (self.correct_in, self.correct_out):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self._selection_changed()

    def show_problem(self, message: str, _possible_duplicate: bool = False) -> None:
        self.error.setText(message)

    def show_records(self, records: tuple[DayRecord, ...], load=None) -> None:  # noqa: ANN001 - capacity.DayLoad
        """Fill the table, keeping the selected record selected; a check-in or check-out let through past the
        limits says by whom and when."""
        keep = self.current()
        self.records = records
        if load is not None:
            line = self.tr("峰值在站 %1 人").replace("%1", str(load.peak_children))
            if load.peak_at is not None:
                line += f"（{load.peak_at:%H:%M}）"
            if load.ratio is not None:
                line += self.tr(" · 超出师生比 %1 分钟").replace("%1", str(load.minutes_over_ratio))
            self.load_line.setText(line)
        fill(self.table, [
            (index, [label("儿童") if r.kind == CHILD else label("志愿者"), r.name, f"{r.checked_in_at:%H:%M}",
                     f"{r.checked_out_at:%H:%M}" if r.checked_out_at else self.tr("未签退"),
                     (r.collected_by or "") + (self.tr("  ⚠ 不在名单上") if r.collector_unlisted else "")
                     + (self.tr("  ⚠ 超限放行（%1 %2）").replace("%1", r.override.by)
                        .replace("%2", f"{r.override.at:%H:%M}") if r.override else "")])
            for index, r in enumerate(records)
        ])
        for index, r in enumerate(records):
            if keep is not None and (r.kind, r.record_id) == (keep.kind, keep.record_id):
                self.table.selectRow(index)
        # Nothing is chosen for the volunteer (a correction is made on purpose): ↓ or a click chooses a record.
        self.table.setFocus()
        if self.table.currentRow() >= 0:
            self.table.scrollToItem(self.table.item(self.table.currentRow(), 0))
        self._selection_changed()

    def current(self) -> DayRecord | None:
        """The record chosen (selected, not merely where the keyboard's cursor happens to be), or None."""
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.records[row] if 0 <= row < len(self.records) else None

    def _current_finished(self) -> bool:
        record = self.current()
        return record is not None and record.finished

    def _selection_changed(self) -> None:
        record = self.current()
        self.correct_in.setEnabled(record is not None)
        self.correct_out.setEnabled(record is not None and record.finished)

    def _request(self, which: str) -> None:
        record = self.current()
        if record is not None and (which == "in" or record.finished):
            self.correct_requested.emit(record, which)
