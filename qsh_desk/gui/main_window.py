"""The main window: navigation on the left, the pages on the right, station and database in the status bar."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from qsh_desk import config, startup
from qsh_desk.gui import local_settings, recovery
from qsh_desk.gui.errors import show_error, user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.labels import label
from qsh_desk.gui.widgets.elided import ElidedLabel
from qsh_desk.gui.login import FirstRunPanel, LoginPanel
from qsh_desk.gui.tasks import Tasks

if TYPE_CHECKING:
    from qsh_desk.db.database import Database
    from qsh_desk.elsewhere import JobProcess
    from qsh_desk.gui.context import AppContext
    from qsh_desk.gui.pages.base import Page
    from qsh_desk.services.accounts import UserInfo
    from qsh_desk.services.stations import StationInfo

log = logging.getLogger(__name__)

PREFERRED_SIZE = (1200, 780)
FRAME_ALLOWANCE = (16, 48)  # what a window manager's frame and title bar take around the window


def _open(db_arg: str | None, check: bool = True) -> tuple[Database, StationInfo, bool]:
    """Runs on the worker: check the file, open, refuse a newer schema, upgrade an older one, find the station.

    Returns (database, station, whether it still needs its first administrator). The window is already showing
    the login meanwhile, so this is also where the database layer and the services are imported: about 0.5 s of
    a cold start that nobody waits for while typing their name. Not the pages: a module that makes Qt types
    (a page's classes and enums) must not be imported beside the GUI thread's own use of the Qt binding — it
    crashed one start in about twenty — so they follow on the GUI thread (`_import_pages`).
    """
    import importlib
    import pkgutil

    from qsh_desk import services
    from qsh_desk.db.database import Database
    from qsh_desk.db.schema import upgrade_to_head
    from qsh_desk.services import accounts, health
    from qsh_desk.services.stations import ensure_station

    for module in pkgutil.iter_modules(services.__path__):  # what the pages use: plain Python, no Qt
        importlib.import_module(f"{services.__name__}.{module.name}")
    if check:
        health.require_healthy(db_arg)  # a damaged file is moved aside; the window then offers the newest backup
    db = Database(db_arg)
    try:
        upgrade_to_head(db.engine)
        station, _ = ensure_station(db)
        needs_first_run = accounts.needs_first_run(db)
    except BaseException:
        db.dispose()
        raise
    return db, station, needs_first_run


def _new_station_file(db_arg: str | None) -> bool:
    """True when the database is an SQLite file that does not exist yet (told without loading SQLAlchemy)."""
    value = db_arg or os.environ.get(config.DB_ENV_VAR) or str(config.default_db_path())
    if value.startswith("sqlite:///"):
        value = value.removeprefix("sqlite:///")
    elif "://" in value:
        return False  # a server's database: it may well have accounts
    return not Path(value).expanduser().exists()


PAGES_PACKAGE = "qsh_desk.gui.pages"


def _import_pages() -> None:
    """Import the pages' modules on the GUI thread, one per turn of the event loop (each 1–15 ms, the services
    being loaded already), while the login shows: the first page built after the login does not wait for them,
    and typing into the login never waits long. A login that comes first imports the rest at once."""
    import importlib
    import importlib.util
    import pkgutil

    spec = importlib.util.find_spec(PAGES_PACKAGE)  # imports qsh_desk.gui, not the pages package itself
    locations = spec.submodule_search_locations if spec is not None else None
    names = [f"{PAGES_PACKAGE}.{m.name}" for m in pkgutil.iter_modules(locations or [])] + [PAGES_PACKAGE]

    def next_one() -> None:
        importlib.import_module(names.pop(0))
        if names:
            QTimer.singleShot(0, next_one)

    QTimer.singleShot(0, next_one)


def _scrolling(page: QWidget) -> QScrollArea:
    """A page in a frame that scrolls when the page needs more room than the window has (1024×768 in 特大 type):
    the window never grows past the screen for one page's sake."""
    frame = QScrollArea()
    frame.setObjectName("pageFrame")
    frame.setWidgetResizable(True)
    frame.setFrameShape(QScrollArea.Shape.NoFrame)
    # The frame itself is no Tab stop: it draws no focus, so Tab seemed to vanish there before coming back.
    frame.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    frame.setWidget(page)
    return frame


class _IdleWatcher(QObject):
    """Restarts the idle timer on every key press, click, wheel or mouse move anywhere in the application."""

    ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                          QEvent.Type.Wheel, QEvent.Type.TouchBegin})

    def __init__(self, timer: QTimer, parent: QObject):
        super().__init__(parent)
        self.timer = timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in self.ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    opened = Signal()  # the database is open and the login (or first-run) screen is showing
    failed = Signal(str)  # the user's message; the app exits with code 1
    signed_in = Signal(object)  # UserInfo: the pages are built (or kept) for this user and showing
    locked = Signal()  # the lock screen covers the pages

    def __init__(self, db_arg: str | None = None, *, job_process: JobProcess | None = None,
                 settle_collector: bool = False):
        """`job_process`: where the long lane's jobs compute (the program passes one; without it, on the lane's
        own thread). `settle_collector`: the window owns its process (the program, not a test), so it sets each
        session's objects aside from Python's collector (see `startup.settle`)."""
        super().__init__()
        self._settle_collector = settle_collector
        self.setWindowIcon(icon("app"))  # the title is the station's: Qt adds the program's name to it
        self._fit_screen()
        self._closing_confirmed = False
        self.tasks = Tasks(lambda error: show_error(self, error), self, job_process=job_process)
        self.context: AppContext | None = None
        self.pages: dict[str, Page] = {}  # the pages built so far for the signed-in user
        self._page_classes: dict[str, type[Page]] = {}  # every page this user may open, in navigation order
        self.db: Database | None = None
        self.station: StationInfo | None = None
        self.user: UserInfo | None = None
        self.first_run: FirstRunPanel | None = None
        self._retired: list[QWidget] = []  # a previous user's pages, deleted once their pending work is done

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(28, 28))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.loading = QLabel(self.tr("正在打开数据库…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        # The shell (navigation + pages) and the gate (first run, login, lock) share the window; locking only
        # covers the shell, so a half-filled form is still there after the login.
        self.shell = central
        self.screens = QStackedWidget()
        self.screens.addWidget(self.shell)
        # The login is the first thing on screen, before the database is even open: one can type one's name
        # while the database layer loads and the file is checked; pressing Enter early waits for them.
        self.login = LoginPanel(self.tasks)
        self.login.authenticated.connect(self._signed_in)
        self.screens.addWidget(self.login)
        if not _new_station_file(db_arg):  # a new station sees its first-run wizard, not a login, once it is open
            self.screens.setCurrentWidget(self.login)
        self.setCentralWidget(self.screens)
        self.nav.currentRowChanged.connect(self._show_page)

        # Each gives way (…) rather than overlap the next in large type; the whole text is in the tooltip.
        self.station_label = ElidedLabel()
        self.where_label = ElidedLabel()
        self.user_label = ElidedLabel()
        self.lock_button = QPushButton(icon("lock"), self.tr("切换用户/锁定 (Ctrl+L)"))
        self.lock_button.setToolTip(self.tr("离开电脑时锁定屏幕；别人可以用自己的账号登录"))
        self.lock_button.clicked.connect(self.lock)
        self.lock_button.hide()
        self.statusBar().addWidget(self.station_label)
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.where_label)
        self.statusBar().addPermanentWidget(self.lock_button)

        # Idle lock: after N minutes without a key or a click the lock screen covers the pages.
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        # Watched only while someone is logged in: a filter on every event of the application runs Python for
        # each one, which made the first showing of the login window take 30 ms instead of 4.
        self._idle_watcher = _IdleWatcher(self.idle_timer, self)
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self.lock)

        # Ctrl+1…9 jump to a page: everything works from the keyboard.
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self._jump(row))

        self.db_arg = db_arg
        self.safekeeping = recovery.Safekeeping(self, self.tasks)  # daily and on-exit backups, on the long lane
        self.safekeeping.reported.connect(lambda text: self.statusBar().showMessage(text, 30_000))
        # Open the database once the window is up: the worker's imports would otherwise compete with the first
        # painting of the login for Python's lock.
        QTimer.singleShot(0, self._reopen)

    def _reopen(self, check: bool = True) -> None:
        self.tasks.run(lambda: _open(self.db_arg, check), self._database_opened, self._database_failed)

    @property
    def ready(self) -> bool:
        """Someone is logged in and the pages are built for them."""
        return self.context is not None

    @property
    def is_locked(self) -> bool:
        return self.screens.currentWidget() is not self.shell

    def _database_opened(self, result: tuple[Database, StationInfo, bool]) -> None:
        db, station, needs_first_run = result
        # Qt's and SQLAlchemy's classes, the models and the pages live as long as the program: re-scanning them
        # in every full collection made loading the desk's search index at district scale a third slower.
        startup.release_collector()
        self.db = db
        self.safekeeping.start_of_day(db)
        self._set_station(station)
        self.where_label.setText(self.tr("数据库：") + db.where)
        self.where_label.setToolTip(db.where)
        self.login.attach(db, station)  # a login submitted while the database was opening goes ahead now
        self._show_gate(needs_first_run)
        _import_pages()

    def _fit_screen(self) -> None:
        """Open at a comfortable size that fits the screen it opens on (1024×768 included), maximised if small."""
        screen = self.screen() or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is None:
            self.resize(*PREFERRED_SIZE)
            return
        # The frame and title bar the window manager adds are outside the size set here.
        width = min(PREFERRED_SIZE[0], room.width() - FRAME_ALLOWANCE[0])
        height = min(PREFERRED_SIZE[1], room.height() - FRAME_ALLOWANCE[1])
        self.resize(width, height)
        if (width, height) != PREFERRED_SIZE:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _fit_navigation(self) -> None:
        """The navigation as wide as its longest entry in the current type size (特大 included), no wider."""
        metrics = self.nav.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.nav.item(row).text()) for row in range(self.nav.count())),
                     default=metrics.horizontalAdvance("签到台"))
        self.nav.setFixedWidth(widest + self.nav.iconSize().width() + metrics.averageCharWidth() * 4
                               + self.nav.verticalScrollBar().sizeHint().width())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and hasattr(self, "nav"):
            # After the style sheet's new sizes are applied; never once the window is being taken apart.
            QTimer.singleShot(0, self.nav, self._fit_navigation)
        super().changeEvent(event)

    def _set_station(self, station: StationInfo) -> None:
        self.station = station
        self.setWindowTitle(station.name)
        self.station_label.setText(self.tr("站点：") + station.name)
        self.station_label.setToolTip(station.name)
        self.login.set_station(station)

    def _show_gate(self, needs_first_run: bool) -> None:
        """Nobody works with the pages before logging in; a database without accounts asks for its first admin."""
        assert self.db is not None and self.station is not None
        if needs_first_run:
            self.first_run = FirstRunPanel(self.db, self.station, self.tasks)
            self.first_run.completed.connect(self._first_run_done)
            self.screens.addWidget(self.first_run)
            self.screens.setCurrentWidget(self.first_run)
        else:
            self.screens.setCurrentWidget(self.login)
        self.opened.emit()

    def _first_run_done(self, user: UserInfo) -> None:
        from qsh_desk.services.stations import StationInfo

        assert self.station is not None and self.first_run is not None
        self._set_station(StationInfo(self.station.id, self.first_run.station_name.text().strip()))
        self.screens.removeWidget(self.first_run)
        self.first_run.deleteLater()
        self.first_run = None
        self._signed_in(user)

    def _signed_in(self, user: UserInfo) -> None:
        """The same user back from the lock finds everything as left; anyone else gets freshly built pages."""
        assert self.db is not None and self.station is not None
        if self.context is None or self.user is None or (self.user.id, self.user.role) != (user.id, user.role):
            self._build_pages(user)  # another person, or the same with another role: their own pages
        self.user = user
        role = label(user.role_title)
        # "值班志愿者（演示）" needs no "（值班志愿者）" after it: the role is said once.
        said = user.display_name if role in user.display_name else self.tr("{0}（{1}）").format(user.display_name, role)
        self.user_label.setText(self.tr("当前用户：") + said)
        self.user_label.setToolTip(said)
        self.lock_button.show()
        self.screens.setCurrentWidget(self.shell)
        minutes = local_settings.get("security/idle_lock_minutes")
        if minutes > 0:  # 0 turns the idle lock off on this PC
            self.idle_timer.start(minutes * 60_000)
            QApplication.instance().installEventFilter(self._idle_watcher)
        current = self.current_page
        if current is not None:
            current.setFocus()
        self.signed_in.emit(user)

    def _build_pages(self, user: UserInfo) -> None:
        """The navigation for this user; a page itself is built the first time it is shown (see `page`)."""
        from qsh_desk.gui.context import AppContext, Changes
        from qsh_desk.gui.pages import PAGES

        self._retire_pages()
        actor = user.actor()
        self.context = AppContext(db=self.db, station=self.station, actor=actor, tasks=self.tasks,
                                  changes=Changes(self))
        self.context.changes.account_lost.connect(self.lock_out)
        self._page_classes = {page_class.key: page_class for page_class in PAGES if actor.can(page_class.permission)}
        for key, page_class in self._page_classes.items():
            item = QListWidgetItem(icon(page_class.icon_name), page_class.display_title())
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self._fit_navigation()
        # Everyone starts at the desk: it is what the station PC is for on an opening day.
        keys = self.page_keys
        self.nav.setCurrentRow(keys.index("desk") if "desk" in keys else 0)

    @property
    def page_keys(self) -> list[str]:
        """The pages the signed-in user may open, in navigation order."""
        return list(self._page_classes)

    def page(self, key: str) -> Page:
        """The page for `key`, built on first use: building all fourteen at login cost 0.8 s and 60 MB."""
        page = self.pages.get(key)
        if page is None:
            assert self.context is not None
            page = self._page_classes[key](self.context)
            self.pages[key] = page
            self.stack.addWidget(_scrolling(page))
            letter_wanted = getattr(page, "letter_wanted", None)
            if letter_wanted is not None:
                letter_wanted.connect(self._show_letter)
            party_report_wanted = getattr(page, "party_report_wanted", None)
            if party_report_wanted is not None:
                party_report_wanted.connect(self._show_party_report)
            index_ready = getattr(page, "index_ready", None)  # the desk's search index: the session's biggest part
            if index_ready is not None and self._settle_collector:
                index_ready.connect(startup.settle)
        return page

    def _show_letter(self, child: str) -> None:
        """The archive's 给爸爸妈妈的信: the 打印 page with that child's letter of this month."""
        if "print" not in self._page_classes or self.is_locked:
            return
        self.nav.setCurrentRow(self.page_keys.index("print"))
        self.page("print").letter_of(child)

    def _show_party_report(self, unit: str, start: object, end: object) -> None:
        """The 志愿者 page's 双报到反馈表: the 打印 page with that unit's feedback for the period."""
        if "print" not in self._page_classes or self.is_locked:
            return
        self.nav.setCurrentRow(self.page_keys.index("print"))
        self.page("print").party_report_of(unit, start, end)

    @property
    def current_page(self) -> Page | None:
        """The page on screen (inside the frame that lets it scroll), or None before any is shown."""
        frame = self.stack.currentWidget()
        page = frame.widget() if isinstance(frame, QScrollArea) else None
        return page if page in self.pages.values() else None

    def _retire_pages(self) -> None:
        """Take the previous user's pages off screen now; delete them once no database work will answer them."""
        old = list(self.pages.values())
        self.pages.clear()
        self._page_classes.clear()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        frames = [page.parentWidget().parentWidget() for page in old]  # page → viewport → its scroll area
        for frame in frames:
            self.stack.removeWidget(frame)
            frame.hide()
        old = frames  # a frame goes with its page
        if self.context is not None:
            old.append(self.context.changes)
        self._retired.extend(old)
        if self.tasks.pending:
            self.tasks.busy_changed.connect(self._delete_retired, Qt.ConnectionType.SingleShotConnection)
        else:
            self._delete_retired()

    def _delete_retired(self, _busy: bool = False) -> None:
        if self.tasks.pending:  # more work arrived meanwhile: wait for the queue to drain again
            self.tasks.busy_changed.connect(self._delete_retired, Qt.ConnectionType.SingleShotConnection)
            return
        if self._settle_collector and self._retired:  # once the last is deleted, their cycles are collectable
            self._retired[-1].destroyed.connect(startup.resettle, Qt.ConnectionType.SingleShotConnection)
        for widget in self._retired:
            widget.deleteLater()
        self._retired.clear()

    def lock(self) -> None:
        """Cover the pages with the login screen (Ctrl+L, the status-bar button, or after idle minutes)."""
        if self.user is None or self.is_locked:
            return
        self.idle_timer.stop()
        QApplication.instance().removeEventFilter(self._idle_watcher)
        self.lock_button.hide()
        self.login.show_locked(self.user)
        self.screens.setCurrentWidget(self.login)
        self.locked.emit()

    def lock_out(self, message: str) -> None:
        """The account was disabled or its role changed: cover the pages with a plain login that says why. What
        was typed stays in the pages; only a login with an account that may continue brings them back."""
        if self.user is None:
            return
        self.lock()
        self.login.show_login()
        self.login.say(message)

    def _database_failed(self, error: BaseException) -> None:
        startup.release_collector()
        if recovery.offer_recovery(self, error, self._reopen):
            return
        message = user_message(error)
        self.loading.setText(message)
        self.login.refuse(message)
        self.failed.emit(message)

    def _jump(self, row: int) -> None:
        if not self.is_locked and 0 <= row < self.nav.count():
            self.nav.setCurrentRow(row)

    def _show_page(self, row: int) -> None:
        item = self.nav.item(row)
        if item is None:
            return
        page = self.page(item.data(Qt.ItemDataRole.UserRole))
        self.stack.setCurrentWidget(page.parentWidget().parentWidget())
        page.activated()

    def children_still_here(self) -> list[str]:
        """The names of the children the desk last saw still here (it refreshes every half minute)."""
        desk = self.pages.get("desk")
        present = getattr(desk, "present_", None)
        return [child.name for child in present.children] if present is not None else []

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        here = self.children_still_here()
        if here and not self._closing_confirmed:
            event.ignore()  # ask first; the answer closes the window again, or not
            self._ask_before_closing(here)
            return
        self.tasks.wait_for_done()
        if self.db is not None:
            self.hide()
            self.safekeeping.on_exit(self.db)
            self.db.dispose()
        super().closeEvent(event)

    def _ask_before_closing(self, here: list[str]) -> None:
        names = self.tr("、").join(here[:5]) + (self.tr("等") if len(here) > 5 else "")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("还有儿童在站"),
                          self.tr("还有 {0} 名儿童在站：{1}。\n\n请先为他们签退。现在关闭程序，"
                                  "他们会一直记为在站，下次打开时仍在在站名单里。").format(len(here), names), parent=self)
        box.setObjectName("closeWithChildren")
        stay = box.addButton(self.tr("返回签到台"), QMessageBox.ButtonRole.RejectRole)
        leave = box.addButton(self.tr("仍然关闭"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)

        def answered(button) -> None:  # noqa: ANN001 - QAbstractButton
            if button is leave:
                self._closing_confirmed = True
                self.close()
            elif "desk" in self._page_classes and not self.is_locked:
                self.nav.setCurrentRow(self.page_keys.index("desk"))

        box.buttonClicked.connect(answered)
        self.close_question = box
        box.open()
