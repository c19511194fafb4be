"""The main window: navigation on the left, the pages on the right, station and database in the status bar."""

from __future__ import annotations

import getpass
import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from qsh_desk import APP_TITLE
from qsh_desk.db.database import Database
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.gui.context import AppContext, Changes
from qsh_desk.gui.errors import show_error, user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.pages import PAGES
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.tasks import Tasks
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.stations import StationInfo, ensure_station

log = logging.getLogger(__name__)


def _open(db_arg: str | None) -> tuple[Database, StationInfo]:
    """Runs on the worker: open, refuse a newer schema, upgrade an older one, find the station."""
    db = Database(db_arg)
    try:
        upgrade_to_head(db.engine)
        station, _ = ensure_station(db)
    except BaseException:
        db.dispose()
        raise
    return db, station


class MainWindow(QMainWindow):
    opened = Signal()
    failed = Signal(str)  # the user's message; the app exits with code 1

    def __init__(self, db_arg: str | None = None):
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(icon("app"))
        self.resize(1200, 780)
        self.tasks = Tasks(lambda error: show_error(self, error), self)
        self.context: AppContext | None = None
        self.pages: dict[str, Page] = {}

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(28, 28))
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.loading = QLabel(self.tr("正在打开数据库…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_page)

        self.station_label = QLabel()
        self.where_label = QLabel()
        self.statusBar().addWidget(self.station_label)
        self.statusBar().addPermanentWidget(self.where_label)

        # Ctrl+1…9 jump to a page: everything works from the keyboard.
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self._jump(row))

        self.tasks.run(lambda: _open(db_arg), self._database_opened, self._database_failed)

    @property
    def ready(self) -> bool:
        return self.context is not None

    def _database_opened(self, result: tuple[Database, StationInfo]) -> None:
        db, station = result
        # Until accounts arrive (login at start), the window acts for the person at this PC as administrator.
        actor = Actor(user_id=None, name=f"gui:{getpass.getuser()}", role=Role.ADMIN, station_id=station.id)
        self.context = AppContext(db=db, station=station, actor=actor, tasks=self.tasks, changes=Changes(self))
        self.setWindowTitle(f"{APP_TITLE} — {station.name}")
        self.station_label.setText(self.tr("站点：") + station.name)
        self.where_label.setText(self.tr("数据库：") + db.where)
        for page_class in PAGES:
            if not actor.can(page_class.permission):
                continue
            page = page_class(self.context)
            self.pages[page.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(icon(page_class.icon_name), self.tr(page_class.title))
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            self.nav.addItem(item)
        self.nav.setCurrentRow(0)
        self.opened.emit()

    def _database_failed(self, error: BaseException) -> None:
        message = user_message(error)
        self.loading.setText(message)
        self.failed.emit(message)

    def _jump(self, row: int) -> None:
        if 0 <= row < self.nav.count():
            self.nav.setCurrentRow(row)

    def _show_page(self, row: int) -> None:
        item = self.nav.item(row)
        if item is None:
            return
        page = self.pages[item.data(Qt.ItemDataRole.UserRole)]
        self.stack.setCurrentWidget(page)
        page.activated()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self.tasks.wait_for_done()
        if self.context is not None:
            self.context.db.dispose()
        super().closeEvent(event)
