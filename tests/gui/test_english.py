"""With English chosen on this PC, an administrator walks every page and sees no Chinese but the station's data."""

from __future__ import annotations

import re

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QCoreApplication, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from qsh_desk.gui import local_settings
from qsh_desk.gui.app import make_application
from qsh_desk.gui.kernel import EVERYTHING
from qsh_desk.gui.main_window import MainWindow
from qsh_desk.services import accounts, checkin, dreams, duty, roster, volunteers
from qsh_desk.services.roster import ChildInput, GuardianInput
from qsh_desk.services.stations import DEFAULT_STATION_NAME
from qsh_desk.services.volunteers import VolunteerInput

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
WAIT = 20_000
STATION = "Riverside Home"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(accounts, "_DUMMY_HASH", None)


@pytest.fixture
def english(qapp):
    """This PC set to English before the application starts; Chinese again afterwards for the other tests."""
    make_application()  # names the application, so QSettings finds this PC's settings
    QSettings().clear()
    local_settings.set_value("ui/language", "en")
    make_application()
    yield
    QSettings().clear()
    make_application()  # the default, Chinese, again
    assert QCoreApplication.translate("Page", "概览") == "概览"


def _texts(widget: QWidget, popups: list[QWidget]) -> list[tuple[str, str]]:
    """Every text a person can read on a widget: (where, text)."""
    name = f"{type(widget).__name__}:{widget.objectName()}"
    if isinstance(widget, QHeaderView) or widget in popups:
        return []  # read through their table and combo box
    found = [(name + " tooltip", widget.toolTip()), (name + " title", widget.windowTitle())]
    if isinstance(widget, QLabel):
        found.append((name, widget.text()))
    elif isinstance(widget, QAbstractButton):
        found.append((name, widget.text()))
    elif isinstance(widget, QGroupBox):
        found.append((name, widget.title()))
    elif isinstance(widget, QLineEdit):
        found += [(name + " placeholder", widget.placeholderText()), (name, widget.text())]
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        found += [(name + " placeholder", widget.placeholderText()), (name, widget.toPlainText())]
    elif isinstance(widget, QAbstractSpinBox):
        found += [(name, widget.text()), (name + " special", widget.specialValueText())]
    if isinstance(widget, QComboBox):
        found += [(f"{name} item", widget.itemText(i)) for i in range(widget.count())]
        if widget.lineEdit() is not None:
            found.append((name + " placeholder", widget.lineEdit().placeholderText()))
    if isinstance(widget, QTabWidget):
        found += [(f"{name} tab", widget.tabText(i)) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        rows = model.rowCount(QModelIndex())
        columns = 1 if isinstance(widget, QListView) else model.columnCount(QModelIndex())
        for orientation, count in ((Qt.Orientation.Horizontal, columns), (Qt.Orientation.Vertical, rows)):
            for section in range(count):
                found.append((f"{name} header", str(model.headerData(section, orientation) or "")))
        for row in range(rows):
            for column in range(columns):
                found.append((f"{name} cell", str(model.index(row, column).data() or "")))
    return found


def _chinese_left(window: QWidget, data: list[str]) -> list[tuple[str, str]]:
    texts = []
    if isinstance(window, MainWindow):
        texts += [("window title", window.windowTitle()), ("status bar", window.statusBar().currentMessage())]
    widgets = [window, *window.findChildren(QWidget)]
    popups = [combo.view() for combo in window.findChildren(QComboBox)]
    for widget in widgets:
        texts += _texts(widget, popups)
    left = []
    for where, text in texts:
        for item in data:  # the station's own data (names it gave its dreams…) is shown as it was entered
            text = text.replace(item, "")
        if CJK.search(text):
            left.append((where, text))
    return sorted(set(left))


def test_english_interface_has_no_chinese_on_any_page(qtbot, tmp_path, english):
    window = MainWindow(str(tmp_path / "english.sqlite3"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.opened, timeout=WAIT):
        pass
    panel = window.first_run
    assert panel is not None
    first_run = [("first run " + where, text) for where, text in _chinese_left(panel, [DEFAULT_STATION_NAME])]
    assert panel.button.text() == "Get started"
    panel.station_name.clear()
    qtbot.keyClicks(panel.station_name, STATION)
    qtbot.keyClicks(panel.display_name, "Anna Admin")
    qtbot.keyClicks(panel.password, "station-admin-1")
    qtbot.keyClicks(panel.password_again, "station-admin-1")
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.code is not None, timeout=WAIT)
    first_run += [("recovery code " + where, text) for where, text in _chinese_left(panel, [DEFAULT_STATION_NAME])]
    with qtbot.waitSignal(window.signed_in, timeout=WAIT):
        qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)

    # A child at the station and a volunteer, so the tables, the desk and the overview have rows to show.
    context = window.context
    child = roster.add_child(context.db, context.actor, ChildInput(
        name="Lily Wang", gender="女", birth_date="2016-05-01", school="Hill School", medical_flag=True,
        guardians=(GuardianInput(name="Ann Wang", relation="祖母", phone="13800138000"),)))
    volunteers.add_volunteer(context.db, context.actor, VolunteerInput(name="Tom Li", gender="男", phone="13900139000"))
    checkin.check_in(context.db, context.actor, "child", child.id)
    context.changes.publish(EVERYTHING)

    # Data: the dreams and duty posts a station starts with are rows of its database, named by the station in
    # Chinese; the activity log shows the station's name before the first run renamed it.
    data = {text for d in dreams.list_dreams(context.db, context.actor)
            for text in (d.dream_name, d.function_name, d.description or "") if text}
    data |= {post.name for post in duty.list_posts(context.db, context.actor)}
    data.add(DEFAULT_STATION_NAME)
    data.add("简体中文")  # the language list names each language in itself
    data = sorted(data, key=len, reverse=True)

    visited = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        qtbot.waitUntil(lambda: not window.tasks.pending, timeout=WAIT)
        visited.append(window.nav.item(row).data(Qt.ItemDataRole.UserRole))
    assert visited == window.page_keys and set(window.pages) == set(visited) and len(visited) >= 10
    assert [window.nav.item(i).text() for i in range(3)] == ["Overview", "Desk", "Children"]
    assert window.windowTitle().endswith(STATION)
    left = first_run + _chinese_left(window, data)
    assert left == [], "Chinese left in the English interface:\n" + "\n".join(f"{w}: {t!r}" for w, t in left)
