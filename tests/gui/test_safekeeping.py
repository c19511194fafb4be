"""The window keeps the data safe: start-up recovery, daily and on-exit backups, crashes in slots, the backups page."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import func, select, text

from qsh_desk import clock, config
from qsh_desk.db.database import Database
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.db.models import AuditEntry, Dream
from qsh_desk.gui import local_settings, recovery
from qsh_desk.gui.app import make_application
from qsh_desk.gui.kernel import EVERYTHING
from qsh_desk.gui.main_window import MainWindow
from qsh_desk.gui.pages import backups as backups_page
from qsh_desk.gui.pages.backups import BackupsPage
from qsh_desk.logs import log_path, setup_logging
from qsh_desk.services import backup, health
from qsh_desk.services.access import Actor, Permission, Role
from qsh_desk.services.stations import current_station, ensure_station
from tests.test_backup import corrupt, dump_tables, make_demo


def init(path) -> None:
    db = Database(path)
    upgrade_to_head(db.engine)
    ensure_station(db)
    db.dispose()


@pytest.fixture
def clean_pc_settings(qapp):
    make_application()
    QSettings().clear()
    yield
    QSettings().clear()


def _window(qtbot, path) -> MainWindow:
    make_application()
    window = MainWindow(str(path))
    qtbot.addWidget(window)
    window.show()
    return window


def _backups(path, reason: str | None = None) -> list[backup.BackupInfo]:
    found = backup.list_backups_in(config.backups_dir(), f"sqlite:///{path}")
    return [b for b in found if reason is None or b.reason == reason]


# ---------------------------------------------------------------- start-up recovery


def test_a_corrupt_database_is_moved_aside_and_the_newest_backup_restored_at_start(qtbot, tmp_path, monkeypatch,
                                                                                   clean_pc_settings):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=30)
    db = Database(path)
    good = backup.automatic_backup(db, "exit", at=dt.datetime(2026, 11, 28, 17))
    db.dispose()
    children = dump_tables(path)["children"]
    corrupt(path)
    offered: list[health.StartupCheck] = []
    monkeypatch.setattr(recovery, "ask", lambda parent, check: offered.append(check) or recovery.RESTORE)

    window = _window(qtbot, path)
    with qtbot.waitSignal(window.opened, timeout=30_000):
        pass

    assert len(offered) == 1 and offered[0].state == health.CORRUPT
    assert offered[0].newest_backup.path == good.backup.path and "2026-11-28 17:00" in offered[0].message
    assert offered[0].moved_to.exists()  # the damaged file is kept beside, never overwritten
    assert dump_tables(path)["children"] == children
    with window.db.transaction() as s:
        restored_by = s.scalars(select(AuditEntry.actor).where(AuditEntry.action == "restore")).all()
    assert restored_by == ["system:start-up recovery"]


def test_declining_the_backup_leaves_the_damaged_file_aside_and_says_where(qtbot, tmp_path, monkeypatch,
                                                                            clean_pc_settings):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=30)
    db = Database(path)
    backup.automatic_backup(db, "exit")
    db.dispose()
    corrupt(path)
    monkeypatch.setattr(recovery, "ask", lambda parent, check: recovery.QUIT)
    window = _window(qtbot, path)
    with qtbot.waitSignal(window.failed, timeout=30_000) as failed:
        pass
    message = failed.args[0]
    assert "已损坏" in message and ".corrupt-" in message and "最新的完好备份" in message
    moved = [p for p in tmp_path.glob("desk.sqlite3.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
    assert not path.exists() and len(moved) == 1 and str(moved[0]) in message


# ---------------------------------------------------------------- automatic backups


def test_first_start_of_the_day_and_exit_each_make_a_verified_backup(qtbot, tmp_path, clean_pc_settings):
    path = tmp_path / "desk.sqlite3"
    init(path)
    local_settings.set_value("backup/second_folder", str(tmp_path / "no-usb-stick"))
    window = _window(qtbot, path)
    with qtbot.waitSignal(window.opened, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: len(_backups(path, "start")) == 1, timeout=30_000)
    # The missing USB stick is reported on the status bar, without a dialog in the way of the desk.
    qtbot.waitUntil(lambda: "找不到" in window.statusBar().currentMessage(), timeout=10_000)
    assert backup.verify(_backups(path, "start")[0].path).ok

    window.close()

    exits = _backups(path, "exit")
    assert len(exits) == 1 and backup.verify(exits[0].path).ok


def test_a_second_start_on_the_same_day_does_not_back_up_again(qtbot, tmp_path, clean_pc_settings):
    path = tmp_path / "desk.sqlite3"
    init(path)
    db = Database(path)
    backup.automatic_backup(db, "exit")  # earlier today
    db.dispose()
    window = _window(qtbot, path)
    with qtbot.waitSignal(window.opened, timeout=30_000):
        pass
    window.safekeeping.tasks.wait_for_done()
    assert _backups(path, "start") == []


# ---------------------------------------------------------------- an exception in a slot


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_and_typed_text_stays(qtbot, monkeypatch):
    make_application()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(recovery, "crash_reporter", None)
    setup_logging()
    reporter = recovery.install_excepthook()
    form = QWidget()
    layout = QVBoxLayout(form)
    name = QLineEdit()
    save = QPushButton("保存")
    layout.addWidget(name)
    layout.addWidget(save)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(name, "Zhang San 13800001234")

    def broken_save() -> None:
        raise ZeroDivisionError("a bug in the save slot")

    save.clicked.connect(broken_save)
    with qtbot.waitSignal(reporter.shown, timeout=5_000) as shown:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    assert shown.args[0].startswith("内部错误") and str(log_path()) in shown.args[0]
    assert name.text() == "Zhang San 13800001234" and form.isVisible()
    logged = log_path().read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug in the save slot" in logged and "Traceback" in logged


# ---------------------------------------------------------------- the backups page


def _page(qtbot, harness, db, station) -> BackupsPage:
    page = BackupsPage(harness.context(db, station, Role.ADMIN))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.listed, timeout=10_000):
        page.activated()
    return page


def test_only_administrators_see_the_backups_page():
    assert BackupsPage.permission == Permission.BACKUP and BackupsPage.key == "backups"
    assert Actor(user_id=None, name="a", role=Role.ADMIN, station_id=1).can(BackupsPage.permission)
    for role in (Role.DUTY, Role.SOCIAL):
        assert not Actor(user_id=None, name="x", role=role, station_id=1).can(BackupsPage.permission)


def test_back_up_now_lists_the_backup_with_time_and_size(qtbot, harness, db, station, clean_pc_settings):
    page = _page(qtbot, harness, db, station)
    assert page.table.rowCount() == 0
    with qtbot.waitSignal(page.listed, timeout=60_000):
        with qtbot.waitSignal(page.finished, timeout=60_000) as finished:
            qtbot.mouseClick(page.back_up_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].startswith("已备份到")
    assert page.table.rowCount() == 1
    when = dt.datetime.strptime(page.table.item(0, 0).text(), "%Y-%m-%d %H:%M:%S")
    assert abs(clock.now() - when) < dt.timedelta(minutes=5)
    assert page.table.item(0, 1).text() == "手动" and page.table.item(0, 2).text().endswith("KB")
    page.table.selectRow(0)
    # Restoring over a shared PostgreSQL database is for its administrator: the page says how, and cannot.
    assert page.restore_button.isEnabled() == db.is_sqlite
    assert ("pg_restore" in page.explanation.text()) != db.is_sqlite


def test_restore_from_the_page_after_confirmation_brings_the_data_back(qtbot, harness, tmp_path, monkeypatch,
                                                                         clean_pc_settings):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=10)
    db = Database(path)
    page = _page(qtbot, harness, db, current_station(db))
    with qtbot.waitSignal(page.listed, timeout=60_000):
        qtbot.mouseClick(page.back_up_button, Qt.MouseButton.LeftButton)
    with db.transaction() as s:
        s.execute(text("DELETE FROM dreams WHERE sort_order = 10"))
    asked: list = []
    monkeypatch.setattr(backups_page, "confirm_restore", lambda parent, p: asked.append(p) or False)
    page.table.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    with db.transaction() as s:
        assert s.scalar(select(func.count(Dream.id))) == 9  # declined: nothing happened

    monkeypatch.setattr(backups_page, "confirm_restore", lambda parent, p: asked.append(p) or True)
    with qtbot.waitSignal(page.context.changes.changed, timeout=60_000) as changed:
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert changed.args[0] == EVERYTHING and asked[0] == asked[1] and asked[0].name.endswith("-manual.sqlite3")
    assert "已从" in page.status.text() and "恢复前的数据库已备份到" in page.status.text()
    with db.transaction() as s:
        assert s.scalar(select(func.count(Dream.id))) == 10
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)  # plus the backup taken before restoring
    db.dispose()


def test_a_sealed_copy_from_another_pc_is_restored_from_the_page_with_its_passphrase(
        qtbot, harness, tmp_path, monkeypatch, clean_pc_settings):
    from qsh_desk.services import sealed

    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=6)
    stick = tmp_path / "usb"
    stick.mkdir()
    sealed.set_passphrase("高新社区周六见2026")
    db = Database(path)
    copy = backup.automatic_backup(db, "exit", second_folder=stick).second_copy
    sealed.stop_sealing()  # the copy now comes from "another PC"
    with db.transaction() as s:
        s.execute(text("DELETE FROM dreams WHERE sort_order = 10"))
    page = _page(qtbot, harness, db, current_station(db))
    monkeypatch.setattr(backups_page, "confirm_restore", lambda parent, p: True)
    monkeypatch.setattr(backups_page, "ask_passphrase", lambda parent, choose: None)  # cancelled: nothing happens
    page.restore(copy)
    with db.transaction() as s:
        assert s.scalar(select(func.count(Dream.id))) == 9
    monkeypatch.setattr(backups_page, "ask_passphrase", lambda parent, choose: "高新社区周日见2026")
    page.restore(copy)
    qtbot.waitUntil(lambda: "口令不对" in page.status.text(), timeout=60_000)
    monkeypatch.setattr(backups_page, "ask_passphrase", lambda parent, choose: "高新社区周六见2026")
    with qtbot.waitSignal(page.context.changes.changed, timeout=60_000):
        page.restore(copy)
    assert "已从" in page.status.text()
    with db.transaction() as s:
        assert s.scalar(select(func.count(Dream.id))) == 10
    db.dispose()
