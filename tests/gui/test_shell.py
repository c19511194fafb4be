"""The main window opens offscreen in Chinese, shows the station and the database, and refuses newer databases."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from qsh_desk.db.database import Database
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.gui.app import make_application
from qsh_desk.gui.main_window import MainWindow


def _open_window(qtbot, db_arg: str) -> MainWindow:
    make_application()
    window = MainWindow(db_arg)
    qtbot.addWidget(window)
    window.show()
    return window


def _first_run(qtbot, window: MainWindow) -> None:
    """A new database asks for the station and its first administrator before any page is built."""
    # No login form flashes up first: a new file has no accounts, so the window waits for the wizard.
    assert window.screens.currentWidget() is window.shell and window.loading.text() == "正在打开数据库…"
    with qtbot.waitSignal(window.opened, timeout=20_000):
        pass
    panel = window.first_run
    assert panel is not None and window.screens.currentWidget() is panel and window.pages == {}
    qtbot.keyClicks(panel.password, "station-admin-1")
    qtbot.keyClicks(panel.password_again, "station-admin-1")
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.code is not None, timeout=20_000)  # the recovery code, shown once
    with qtbot.waitSignal(window.signed_in, timeout=20_000):
        qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)


def test_shell_opens_with_station_database_and_pages(qtbot, tmp_path):
    path = tmp_path / "shell.sqlite3"
    window = _open_window(qtbot, str(path))
    _first_run(qtbot, window)
    # The title is the station's; Qt adds the program's name once, in the title bar ("… — 亲善之家前台").
    assert window.windowTitle() == "高新社区亲善之家"
    assert QApplication.applicationDisplayName() == "亲善之家前台"
    assert "高新社区亲善之家" in window.station_label.text()
    assert str(path) in window.where_label.text()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[:2] == ["概览", "签到台"]
    assert window.current_page is window.pages["desk"]  # everyone starts at the desk
    # Only the desk is built at login; every other page is built the first time it is opened.
    assert list(window.pages) == ["desk"] and len(window.page_keys) == len(titles) > 10
    window.nav.setCurrentRow(0)
    home = window.pages["home"]
    assert window.current_page is home and set(window.pages) == {"desk", "home"}
    qtbot.waitUntil(lambda: home.tiles["children_active"].value.text() == "0", timeout=5000)


def test_the_interface_font_has_chinese_glyphs(qtbot):
    app = make_application()
    metrics = QFontMetrics(app.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "亲善之家前台签到")


def test_shell_refuses_a_newer_database(qtbot, tmp_path):
    path = tmp_path / "newer.sqlite3"
    db = Database(path)
    upgrade_to_head(db.engine)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    before = path.read_bytes()
    window = _open_window(qtbot, str(path))
    with qtbot.waitSignal(window.failed, timeout=20_000) as refused:
        pass
    assert "9999_future" in refused.args[0] and "更新版本" in refused.args[0]
    assert window.nav.count() == 0 and "更新版本" in window.loading.text()
    assert path.read_bytes() == before


def test_the_app_process_exits_1_on_a_newer_database(tmp_path):
    path = tmp_path / "newer.sqlite3"
    db = Database(path)
    upgrade_to_head(db.engine)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    before = path.read_bytes()
    result = subprocess.run([sys.executable, "-m", "qsh_desk", "--db", str(path)], capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert result.returncode == 1 and "更新版本" in result.stderr
    assert path.read_bytes() == before


def test_the_app_process_starts_and_quits_cleanly(tmp_path):
    data = tmp_path / "data"
    result = subprocess.run([sys.executable, "-m", "qsh_desk", "--db", str(tmp_path / "ok.sqlite3")],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "QSH_DESK_QUIT_AFTER_START": "1",
                                 "QSH_DESK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ok.sqlite3").exists()
    # The log says what the upgrade did, without Alembic's chatter about loading its own plugins.
    logged = (data / "logs" / "qsh-desk.log").read_text(encoding="utf-8")
    assert "Running upgrade" in logged and "alembic.runtime.plugins" not in logged
    assert "job process" in result.stdout and "job process" in logged  # it started and answered


def test_tab_walks_the_desk_through_visible_stops_only(qtbot, tmp_path):
    """From the search box Tab reaches every desk button, the here-now list, the page list and the lock button,
    each one visible, and comes back to the search box: no invisible stop on the way."""
    window = _open_window(qtbot, str(tmp_path / "tabs.sqlite3"))
    _first_run(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    desk = window.pages["desk"]
    desk.search.setFocus()
    qtbot.waitUntil(desk.search.hasFocus, timeout=5000)
    stops = []
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is desk.search:
            break
        stops.append(widget)
    else:
        raise AssertionError("Tab never came back to the search box")
    assert all(widget.isVisible() and widget.window() is window for widget in stops)
    # Every stop is something a volunteer sees as a control: a button, a list or the search box.
    assert {type(widget).__name__ for widget in stops} <= {"QPushButton", "QToolButton", "QListWidget"}
    labels = [widget.text() for widget in stops if hasattr(widget, "text") and callable(widget.text)]
    for wanted in ("签到 / 签退（回车）", "新来的孩子（F2）", "撤销（Ctrl+Z）", "闭馆（F9）", "今天的记录（F7）"):
        assert wanted in labels
    assert any("锁定" in label for label in labels)
    assert desk.here in stops and window.nav in stops


def test_a_desk_call_is_urgent_until_its_result_is_shown_and_a_long_job_never_is(qtbot, harness):
    from qsh_desk import courtesy
    from qsh_desk.gui.kernel import Lane

    seen_while_running: dict[str, bool] = {}
    shown: list[str] = []

    def job(name: str):  # noqa: ANN202
        def run() -> str:
            seen_while_running[name] = courtesy.is_urgent()
            return name
        return run

    def show(name: str) -> None:
        shown.append(name)
        seen_while_running[name + " shown"] = courtesy.is_urgent()  # still urgent while its result is shown

    harness.tasks.run(job("long"), show, lane=Lane.LONG)
    harness.settle()
    harness.tasks.run(job("desk"), show, lane=Lane.DESK)
    harness.settle()
    assert shown == ["long", "desk"]
    assert seen_while_running == {"long": False, "long shown": False, "desk": True, "desk shown": True}
    assert not courtesy.is_urgent()  # over once it was shown: long jobs go on


# The window's start in a fresh process: what the worker opening the database imported, and whether the pages'
# modules were imported on the GUI thread by the time the login showed for a few turns of the event loop.
START_PROBE = """
import json, sys, threading
from PySide6.QtCore import QTimer
from qsh_desk.gui import main_window
from qsh_desk.gui.app import make_application

app = make_application()
imported_by = {}  # module → imported on the GUI thread


class Watch:  # asked first for every module imported from now on, in the thread importing it
    def find_spec(self, name, path=None, target=None):
        imported_by.setdefault(name, threading.current_thread() is threading.main_thread())
        return None


sys.meta_path.insert(0, Watch())
window = main_window.MainWindow(sys.argv[1])
window.show()
window.opened.connect(lambda: QTimer.singleShot(2000, app.quit))
app.exec()
off_gui = sorted(m for m, on_gui in imported_by.items() if not on_gui and (m.startswith("PySide6")
                 or m.startswith("shiboken") or m.startswith("qsh_desk.gui")))
print(json.dumps({"qt_off_the_gui_thread": off_gui, "pages": "qsh_desk.gui.pages" in sys.modules,
                  "services_off_gui": "qsh_desk.services.archive" in imported_by
                  and not imported_by["qsh_desk.services.archive"]}))
"""


def test_the_worker_opening_the_database_imports_no_qt_and_the_pages_follow_on_the_gui_thread(tmp_path):
    """Qt types made on the worker beside the GUI thread's own use of the binding crashed about one start in
    twenty (a segmentation fault while the worker imported the print page); the worker now imports the
    database layer and the services only."""
    url = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    subprocess.run([sys.executable, "-m", "qsh_desk", "--db", url, "init"], check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-c", START_PROBE, url], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    seen = __import__("json").loads(result.stdout.strip().splitlines()[-1])
    assert seen["qt_off_the_gui_thread"] == []
    assert seen["services_off_gui"] is True  # the heavy plain-Python part still loads off the GUI thread
    assert seen["pages"] is True  # imported while the login showed, before anyone logged in
