"""Keeping the data safe from the window: start-up recovery, daily and on-exit backups, and the crash hook."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from qsh_desk.gui import local_settings
from qsh_desk.gui.errors import dialogs_enabled, user_message
from qsh_desk.gui.labels import app_title
from qsh_desk.gui.kernel import Lane
from qsh_desk.gui.tasks import Tasks

# The services load on the worker that opens the database, after the window shows; they are imported where used.
if TYPE_CHECKING:
    from qsh_desk.db.database import Database
    from qsh_desk.services import backup, health

log = logging.getLogger(__name__)

RESTORE, NEW, QUIT = "restore", "new", "quit"


def ask(parent: QWidget | None, check: health.StartupCheck) -> str:
    """Ask what to do about a damaged or missing database: RESTORE the newest backup, start NEW, or QUIT."""
    from qsh_desk.services import health

    if not dialogs_enabled() or check.newest_backup is None:
        return QUIT
    box = QMessageBox(QMessageBox.Icon.Warning, app_title(), check.message, parent=parent)
    restore_button = box.addButton(QApplication.translate("recovery", "恢复这份备份"), QMessageBox.ButtonRole.AcceptRole)
    new_button = None
    if check.state == health.MISSING:
        new_button = box.addButton(QApplication.translate("recovery", "新建空数据库"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QApplication.translate("recovery", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore_button)
    box.exec()
    if box.clickedButton() is restore_button:
        return RESTORE
    if new_button is not None and box.clickedButton() is new_button:
        return NEW
    return QUIT


def _restore_at_start(check: health.StartupCheck) -> backup.RestoreResult:
    """Runs on the worker: put the offered backup in place and note it in the restored database's audit log."""
    from qsh_desk.db.database import Database
    from qsh_desk.services import backup
    from qsh_desk.services.access import Actor, Role
    from qsh_desk.services.stations import ensure_station

    assert check.newest_backup is not None
    result = backup.restore_file(check.url, check.newest_backup.path)
    db = Database(check.url)
    try:
        from qsh_desk.db.schema import upgrade_to_head

        upgrade_to_head(db.engine)
        station, _ = ensure_station(db)
        system = Actor(user_id=None, name="system:start-up recovery", role=Role.ADMIN, station_id=station.id)
        backup.record_restore(db, system, result)
    finally:
        db.dispose()
    return result


def offer_recovery(window, error: BaseException, reopen: Callable[[bool], None]) -> bool:  # noqa: ANN001
    """If the database failed the start-up check, ask the user; True when the start goes on (restored or new).

    `reopen(check)` opens the database again; `check=False` skips the start-up check (a new, empty database).
    """
    from qsh_desk.services import health

    if not isinstance(error, health.NeedsRecovery):
        return False
    check = error.check
    choice = ask(window, check)
    if choice == NEW and check.state == health.MISSING:
        reopen(False)
        return True
    if choice != RESTORE or check.newest_backup is None:
        return False

    def restored(result: backup.RestoreResult) -> None:
        window.statusBar().showMessage(result.message, 30_000)
        reopen(True)

    window.loading.setText(QApplication.translate("MainWindow", "正在恢复备份…"))
    window.tasks.run(lambda: _restore_at_start(check), restored, window._database_failed)
    return True


class Safekeeping(QObject):
    """The automatic backups: at the first start of each day and on exit, on the long lane of the window's worker
    (a large backup holds up neither the window nor the desk's database work)."""

    reported = Signal(str)  # one line for the status bar: done, or what went wrong

    def __init__(self, window: QObject | None, tasks: Tasks):
        # Not a child of the window: the result of a backup may arrive after the window is gone (at exit).
        super().__init__()
        self._window = window
        self.tasks = tasks

    def _report(self, message: str) -> None:
        if self._window is None or shiboken6.isValid(self._window):
            self.reported.emit(message)

    def _failed(self, error: BaseException) -> None:
        message = QApplication.translate("recovery", "自动备份没有成功：") + user_message(error)
        log.warning("%s", message)
        self._report(message)

    def _done(self, result: backup.BackupResult | None) -> None:
        if result is None:
            return
        message = QApplication.translate("recovery", "已自动备份。") + (result.second_folder_problem or "")
        self._report(message)

    def start_of_day(self, db: Database, today: dt.date | None = None) -> None:
        second = local_settings.get("backup/second_folder")

        def run() -> backup.BackupResult | None:
            from qsh_desk.services import backup

            if not backup.daily_backup_due(db, today):
                return None
            return backup.automatic_backup(db, "start", second_folder=second)

        self.tasks.run(run, self._done, self._failed, lane=Lane.LONG)

    def on_exit(self, db: Database, wait_ms: int = 300_000) -> bool:
        """Back up before the program ends; waits for it (the window is already hidden). True when done."""
        second = local_settings.get("backup/second_folder")
        outcome: dict[str, object] = {}

        def run() -> None:
            from qsh_desk.services import backup

            try:
                outcome["result"] = backup.automatic_backup(db, "exit", second_folder=second)
            except Exception as error:  # noqa: BLE001 - logged here: no event loop is left to deliver it
                log.warning("backup on exit failed: %s", user_message(error))
                outcome["error"] = error

        self.tasks.run(run, lane=Lane.LONG)
        self.tasks.wait_for_done(wait_ms)
        return "result" in outcome


# ---------------------------------------------------------------- exceptions in slots


class _CrashReporter(QObject):
    shown = Signal(str)  # the message shown for an exception that reached the event loop


crash_reporter: _CrashReporter | None = None


def install_excepthook() -> _CrashReporter:
    """An exception in a slot is logged and shown as 内部错误; the window and what was typed stay as they are."""
    global crash_reporter
    if crash_reporter is not None:
        return crash_reporter
    crash_reporter = _CrashReporter()
    previous = sys.excepthook

    def hook(kind, error, traceback) -> None:  # noqa: ANN001 - sys.excepthook's signature
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, traceback)
            return
        error = error if error is not None else kind()
        error.__traceback__ = traceback
        try:
            message = user_message(error)  # logs bugs with their traceback
            if threading.current_thread() is threading.main_thread():
                if dialogs_enabled():
                    QMessageBox.warning(QApplication.activeWindow(), QApplication.translate("recovery", "出错了"), message)
                crash_reporter.shown.emit(message)
        except Exception:  # noqa: BLE001 - the hook itself must never take the program down
            log.exception("error while reporting an error")

    sys.excepthook = hook
    return crash_reporter
