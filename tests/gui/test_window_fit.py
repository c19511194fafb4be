"""The window on a 1024×768 station screen: it fits on every page in every type size, and asks before closing
with children still here."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from qsh_desk.gui.app import apply_type_scale, make_application
from qsh_desk.gui.main_window import MainWindow
from qsh_desk.services import accounts, checkin
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.checkin import CHILD
from tests.desk_helpers import add_child

WAIT = 20_000
STANDARD, LARGEST = 1.0, 1.6


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    from argon2 import PasswordHasher

    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(accounts, "_DUMMY_HASH", None)


@pytest.fixture
def window(qtbot, db, station):
    """The real window on the test's database, signed in as the station's administrator."""
    make_application()
    cli = Actor(user_id=None, name="cli:test", role=Role.ADMIN, station_id=station.id)
    accounts.create_user(db, cli, "boss", Role.ADMIN, "boss-pass-1", display_name="站长（演示）")
    win = MainWindow(db.url)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.opened, timeout=WAIT):
        pass
    win._signed_in(accounts.authenticate(win.db, station.id, "boss", "boss-pass-1"))
    yield win
    apply_type_scale(QApplication.instance(), STANDARD)
    win._closing_confirmed = True


def _within_screen(window: MainWindow) -> bool:
    room = window.screen().availableGeometry()
    return window.width() <= room.width() and window.height() <= room.height()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the window's size has nothing to do with the backend
def test_every_page_fits_a_1024x768_screen_in_standard_and_largest_type(qtbot, window):
    room = window.screen().availableGeometry()
    assert (room.width(), room.height()) == (1024, 768)  # the station PC the suite stands for
    assert _within_screen(window)  # opens at the screen's size, not at 1200×780
    for scale in (STANDARD, LARGEST):
        apply_type_scale(QApplication.instance(), scale)
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            qtbot.wait(50)
            assert _within_screen(window), (scale, window.nav.item(row).text(), window.size())
            # Every navigation entry is readable whole.
            text = window.nav.item(row).text()
            needed = window.nav.fontMetrics().horizontalAdvance(text) + window.nav.iconSize().width()
            assert needed < window.nav.viewport().width(), (scale, text)
        at_standard = {window.nav.item(r).text(): window.pages[window.page_keys[r]] for r in range(window.nav.count())}
        if scale == STANDARD:
            # In standard type no page needs to scroll sideways at 1024×768.
            for title, page in at_standard.items():
                window.nav.setCurrentRow(window.page_keys.index(page.key))
                qtbot.wait(50)
                frame = page.parentWidget().parentWidget()
                assert not frame.horizontalScrollBar().isVisible(), title
    # Back to standard type, the window is the screen's size again (it used to stay 1257 px wide).
    apply_type_scale(QApplication.instance(), STANDARD)
    qtbot.wait(50)
    assert _within_screen(window)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_desk_in_the_largest_type_shows_its_counts_whole_and_its_buttons(qtbot, window, db, station):
    from qsh_desk.services import settings

    admin = Actor(user_id=None, name="cli:test", role=Role.ADMIN, station_id=station.id)
    settings.set_value(db, admin, "room_capacity", 40)  # the longest header: "儿童 0 / 40 … （按 1:8 需要 0）"
    settings.set_value(db, admin, "children_per_volunteer", 8)
    apply_type_scale(QApplication.instance(), LARGEST)
    window.nav.setCurrentRow(window.page_keys.index("desk"))
    desk = window.pages["desk"]
    qtbot.wait(100)
    frame = desk.parentWidget().parentWidget()
    assert not frame.horizontalScrollBar().isVisible()
    desk.refresh_present()  # as its half-minute refresh would
    qtbot.waitUntil(lambda: "1:8" in desk.counts.text(), timeout=WAIT)
    lines = desk.counts.text().split("\n")
    assert all(desk.counts.fontMetrics().horizontalAdvance(line) <= desk.counts.width() for line in lines)
    placeholder = desk.search.placeholderText()
    assert desk.search.fontMetrics().horizontalAdvance(placeholder) < desk.search.width()  # read whole, no "…"
    for button in (desk.go_button, desk.walk_in_button, desk.undo_button, desk.closing_button, desk.records_button):
        assert button.isVisible() and button.width() >= button.sizeHint().width(), button.text()


def test_closing_the_window_with_children_here_asks_first(qtbot, window, db, station):
    child = add_child(db, station.id, "陈晨")
    checkin.check_in(db, window.context.actor, CHILD, child)
    window.nav.setCurrentRow(window.page_keys.index("home"))
    desk = window.page("desk")
    desk.refresh_present()
    qtbot.waitUntil(lambda: window.children_still_here() == ["陈晨"], timeout=WAIT)
    assert not window.close()  # not closed: asked
    box = window.close_question
    assert isinstance(box, QMessageBox) and "还有 1 名儿童在站：陈晨" in box.text()
    assert box.defaultButton().text() == "返回签到台"  # Enter keeps the program open
    box.defaultButton().click()
    assert window.isVisible() and window.current_page is desk
    window.close()
    leave = next(b for b in window.close_question.buttons() if b.text() == "仍然关闭")
    leave.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_title_and_the_status_bar_say_each_thing_once(qtbot, window, db, station):
    assert window.windowTitle() == "高新社区亲善之家"  # Qt adds " — 亲善之家前台" once, in the title bar
    assert window.user_label.text() == "当前用户：站长（演示）（管理员）"
    cli = Actor(user_id=None, name="cli:test", role=Role.ADMIN, station_id=station.id)
    accounts.create_user(db, cli, "duty", Role.DUTY, "duty-pass-1", display_name="值班志愿者（演示）")
    window._signed_in(accounts.authenticate(window.db, station.id, "duty", "duty-pass-1"))
    assert window.user_label.text() == "当前用户：值班志愿者（演示）"  # not "…（演示）（值班志愿者）"
