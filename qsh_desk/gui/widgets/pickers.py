"""Small input widgets the 十个梦, statistics and pairing forms share: dates, a person search, a ticked list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import Operations
from qsh_desk.services.sessions import PersonRef

SEARCH_DELAY_MS = 250  # search once typing pauses, not on every key


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def plain(widget: QLineEdit | QPlainTextEdit) -> str:
    return (widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()).strip()


def date_edit(value: dt.date) -> QDateEdit:
    widget = QDateEdit(to_qdate(value))
    widget.setCalendarPopup(True)
    widget.setDisplayFormat("yyyy-MM-dd")
    return widget


class PersonPicker(Operations, QWidget):
    """Type a name, pinyin or initials; pick from what the station's search keys find."""

    picked = Signal(object)  # the id, or None
    message_shown = Signal(str)  # a search that failed says why in the list of results

    def __init__(self, context: AppContext, search: Callable[[str], list[PersonRef]], placeholder: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self._search = context, search
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(150)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.results = QComboBox()
        self.results.setMinimumContentsLength(6)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.returnPressed.connect(self.search)
        self.results.currentIndexChanged.connect(lambda _i: self.picked.emit(self.person_id))

    @property
    def person_id(self) -> int | None:
        return self.results.currentData()

    @property
    def person(self) -> PersonRef | None:
        return self.results.itemData(self.results.currentIndex(), Qt.ItemDataRole.UserRole + 1)

    def search(self) -> None:
        self._timer.stop()
        text = self.edit.text().strip()
        if not text:
            self.show_results([])
            return
        self.run(lambda: self._search(text), self.show_results)

    def show_results(self, found: list[PersonRef]) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        for person in found:
            self.results.addItem(f"{person.name}  {person.hint}".strip(), person.id)
            self.results.setItemData(self.results.count() - 1, person, Qt.ItemDataRole.UserRole + 1)
        if not found and self.edit.text().strip():
            self.results.addItem(self.tr("没有找到"), None)
        self.results.blockSignals(False)
        self.picked.emit(self.person_id)

    def say(self, text: str, *, error: bool = False, warning: bool = False, line: QLabel | None = None) -> None:
        self.results.clear()
        self.results.addItem(text, None)
        self.message_shown.emit(text)


class TickList(QWidget):
    """People with tick boxes, 全选 / 全不选, and a count of who is ticked."""

    changed = Signal()

    def __init__(self, title: str, noun: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.noun = noun
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        self.count_label = QLabel()
        heading.addWidget(QLabel(title))
        heading.addStretch(1)
        heading.addWidget(self.count_label)
        # The row under the heading: 全选 / 全不选, then whatever the owner adds (a search to add people).
        self.bar = QHBoxLayout()
        self.all_button = QPushButton(icon("select_all"), self.tr("全选"))
        self.none_button = QPushButton(icon("select_none"), self.tr("全不选"))
        self.bar.addWidget(self.all_button)
        self.bar.addWidget(self.none_button)
        self.list = QListWidget()
        layout.addLayout(heading)
        layout.addLayout(self.bar)
        layout.addWidget(self.list, 1)
        self.all_button.clicked.connect(lambda: self.tick_all(True))
        self.none_button.clicked.connect(lambda: self.tick_all(False))
        self.list.itemChanged.connect(lambda _item: self._changed())
        self._changed()

    def _changed(self) -> None:
        self.count_label.setText(self.tr("已选 {0} {1}").format(len(self.ticked_ids()), self.noun))
        self.changed.emit()

    def ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def ticked_ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def add(self, person: PersonRef, *, ticked: bool) -> None:
        """Add a person (once); adding someone already listed just sets the tick."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == person.id:
                item.setCheckState(Qt.CheckState.Checked if ticked else item.checkState())
                return
        item = QListWidgetItem(f"{person.name}  {person.hint}".strip())
        item.setData(Qt.ItemDataRole.UserRole, person.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.addItem(item)
        self._changed()

    def keep_only(self, keep: set[int]) -> None:
        """Drop unticked people not in `keep` (when the day changes, yesterday's arrivals go)."""
        for i in reversed(range(self.list.count())):
            item = self.list.item(i)
            if item.checkState() != Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole) not in keep:
                self.list.takeItem(i)
        self._changed()

    def tick_all(self, ticked: bool) -> None:
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._changed()
