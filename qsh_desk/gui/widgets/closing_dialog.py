"""闭馆 (F9): who is still here, the families to phone (full numbers for the volunteer on duty), the reason,
and closing the day — one dialog that fits a 1024×768 screen at every type size."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
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
from qsh_desk.gui.widgets.elided import whole_hint
from qsh_desk.gui.widgets.desk_dialogs import SaysScans, problem_line, scaled_font
from qsh_desk.services.closing import ClosingStatus


class ClosingDialog(SaysScans, QDialog):
    """闭馆: every child still here with the family's phones; record each call; a reason if children remain.

    Fits any screen with any number of children: the children scroll, the reason and the buttons stay in view.
    From the keyboard alone: Tab goes child by child (who was called, what came of it — Enter records it),
    then the reason, where Enter closes the day.
    """

    call_recorded = Signal(int, object, str)  # visit id, guardian id called (None: another number), outcome
    close_requested = Signal(str)  # reason

    def __init__(self, status: ClosingStatus, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deskClosing")
        self.setWindowTitle(self.tr("闭馆"))
        self.setFont(scaled_font(self, 1.15))
        self.layout_ = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        self.layout_.addWidget(self.heading)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("closingChildren")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.layout_.addWidget(self.scroll, 1)
        self.reason_label = QLabel(self.tr("闭馆原因（有儿童在站时必填）"))
        self.layout_.addWidget(self.reason_label)
        self.reason = QLineEdit()  # one line: Enter closes the day, it never starts a second line
        whole_hint(self.reason, self.tr("如：已联系奶奶，由值班志愿者陪同等候"))
        self.reason.returnPressed.connect(self._close)
        self.reason_label.setBuddy(self.reason)
        self.layout_.addWidget(self.reason)
        self.error = problem_line()
        self.layout_.addWidget(self.error)
        row = QHBoxLayout()
        self.close_button = QPushButton(icon("check_out"), self.tr("闭馆（在原因里按回车）"))
        self.close_button.setObjectName("primary")
        self.close_button.clicked.connect(self._close)
        cancel = QPushButton(self.tr("返回（Esc）"))
        cancel.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.close_button)
        # Enter in a call's result field records that call; it must not close the dialog or the day.
        for button in (cancel, self.close_button):
            button.setAutoDefault(False)
        self.layout_.addLayout(row)
        self.outcomes: dict[int, QLineEdit] = {}
        self.called: dict[int, QComboBox] = {}
        self.show_status(status)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """As large as the children need, never larger than the screen it opens on."""
        screen = (self.parentWidget().screen() if self.parentWidget() is not None else None) or self.screen()
        room = screen.availableGeometry()
        wanted = self.sizeHint()
        width = min(max(wanted.width(), 720), room.width() - 40)
        height = min(max(wanted.height(), 420), room.height() - 60)
        self.setMaximumSize(room.width() - 20, room.height() - 40)
        self.resize(width, height)

    def _close(self) -> None:
        self.close_requested.emit(self.reason.text().strip())

    def show_problem(self, message: str, _possible_duplicate: bool = False) -> None:
        self.error.setText(message)

    def show_status(self, status: ClosingStatus) -> None:
        focused = next((visit for visit, edit in self.outcomes.items() if edit.hasFocus()), None)
        self.outcomes.clear()
        self.called.clear()
        self.status = status
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        heading = (self.tr("还有 %1 名儿童在站。请给家里打电话，记下结果。").replace("%1", str(len(status.children)))
                   if status.children else self.tr("儿童都已签退。"))
        if status.closed_at is not None:
            heading = self.tr("今天已于 %1 闭馆。").replace("%1", status.closed_at.strftime("%H:%M")) + heading
            self.close_button.setEnabled(False)
        self.heading.setText(heading)
        previous = None
        for child in status.children:
            column.addWidget(self._child_box(child))
            for widget in (self.called[child.visit_id], self.outcomes[child.visit_id]):
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        if status.volunteers:
            names = self.tr("、").join(p.name for p in status.volunteers)
            volunteers = QLabel(self.tr("志愿者还在站（请签退；未签退的值班会标记待补录）：") + names)
            volunteers.setWordWrap(True)
            column.addWidget(volunteers)
        column.addStretch(1)
        self.scroll.setWidget(body)  # the old list goes with its widget
        if previous is not None:
            QWidget.setTabOrder(previous, self.reason)
        # A call just recorded: on to the next child's, then to the reason. Opening: the first child's call.
        order = list(self.outcomes)
        if focused in order:
            following = order[order.index(focused) + 1:]
            target = self.outcomes[following[0]] if following else self.reason
        else:
            target = self.outcomes[order[0]] if order else self.reason
        target.setFocus()
        self.error.clear()

    def _child_box(self, child) -> QFrame:  # noqa: ANN001 - ClosingChild
        box = QFrame()
        box.setObjectName("tile")
        lines = QVBoxLayout(box)
        title = QLabel(self.tr("<b>{0}</b>　{1} 签到").format(child.name, f"{child.since:%H:%M}"))
        lines.addWidget(title)
        phones = self.tr("；").join(f"{label(c.relation)} {c.name} {c.phone or ''}".strip() for c in child.contacts)
        contact = QLabel(self.tr("联系：") + (phones or self.tr("没有登记电话")))
        contact.setWordWrap(True)
        contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lines.addWidget(contact)
        for call in child.calls:
            made = QLabel(f"{call.called_at:%H:%M} {call.called_number or ''} → {call.outcome}")
            made.setWordWrap(True)
            lines.addWidget(made)
        row = QHBoxLayout()
        called = QComboBox()
        called.setAccessibleName(self.tr("打给谁"))
        for c in child.contacts:
            called.addItem(f"{label(c.relation)} {c.phone or ''}".strip(), c.guardian_id)
        called.addItem(self.tr("别的号码（写在结果里）"), None)
        outcome = QLineEdit()
        outcome.setPlaceholderText(self.tr("结果，如：奶奶 10 分钟后到"))
        outcome.setAccessibleName(self.tr("电话结果"))
        record = QPushButton(self.tr("记录"))
        record.setAutoDefault(False)
        record.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter in the result records it: one stop fewer per child
        record.clicked.connect(lambda _=False, v=child.visit_id, w=outcome, who=called:
                               self.call_recorded.emit(v, who.currentData(), w.text()))
        outcome.returnPressed.connect(record.click)
        row.addWidget(called)
        row.addWidget(outcome, 1)
        row.addWidget(record)
        lines.addLayout(row)
        self.outcomes[child.visit_id] = outcome
        self.called[child.visit_id] = called
        return box


