"""The 微心愿 page: a wish written down, claimed with Enter, fulfilled with F4; a duty volunteer may not fulfil."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from qsh_desk.gui.pages.wishes import WishesPage
from qsh_desk.services import wishes
from qsh_desk.services.access import Role
from tests.programme_data import add_child, add_volunteer


def _type(widget, text: str) -> None:
    """Chinese text as an input method commits it (QTest.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _ok(dialog):
    return dialog.buttons.button(dialog.buttons.StandardButton.Ok)


def _statuses(page) -> list[str]:
    return [page.table.item(r, 5).text() for r in range(page.table.rowCount())]


@pytest.fixture
def station_with_a_child(db, station):
    return {"child": add_child(db, station, "单田芳"), "volunteer": add_volunteer(db, station, "彭老师")}


def _focus_row(qtbot, page, row: int = 0) -> None:
    """Back in the page's window after a dialog closed, on a row of the table, as a user would be."""
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5000)
    page.table.setFocus()
    page.table.selectRow(row)


def _page(qtbot, harness, db, station, role: Role = Role.ADMIN) -> WishesPage:
    page = WishesPage(harness.context(db, station, role))
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()  # the page's keys work in the active window, as on a station PC
    qtbot.waitUntil(page.isActiveWindow, timeout=5000)
    page.activated()
    return page


def test_a_wish_goes_from_written_to_fulfilled_on_the_page(qtbot, harness, db, station, station_with_a_child):
    page = _page(qtbot, harness, db, station)
    qtbot.waitUntil(lambda: page.summary.text() == "共 0 个", timeout=10_000)

    dialog = page.add_wish()
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert "选好儿童" in dialog.message.text() and dialog.isVisible()
    _type(dialog.child.edit, "单田芳")
    qtbot.waitUntil(lambda: dialog.child.person_id == station_with_a_child["child"], timeout=5000)
    _type(dialog.wish, "想要一个新书包")
    qtbot.waitUntil(lambda: dialog.dream.findText("温暖梦") >= 0, timeout=5000)
    dialog.dream.setCurrentIndex(dialog.dream.findText("温暖梦"))
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.message.text() == "微心愿已登记。"
    assert [page.table.item(0, c).text() for c in (1, 2, 3, 5)] == ["单田芳", "想要一个新书包", "温暖梦", "待认领"]

    _focus_row(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on an open wish: claim it
    claim = page.dialog
    assert claim.isVisible() and claim.windowTitle().endswith("想要一个新书包")
    _type(claim.unit, "青山湖区水利局")
    claim.as_outsider.setChecked(True)
    qtbot.mouseClick(_ok(claim), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text() == "微心愿已认领。", timeout=10_000)
    page.status_filter.setCurrentIndex(0)  # 全部
    qtbot.waitUntil(lambda: _statuses(page) == ["已认领"], timeout=10_000)
    assert page.table.item(0, 6).text() == "青山湖区水利局"

    _focus_row(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_F4)
    fulfil = page.dialog
    _type(fulfil.thanks, "谢谢叔叔阿姨")
    qtbot.mouseClick(_ok(fulfil), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _statuses(page) == ["已圆梦"], timeout=10_000)
    assert "谢谢叔叔阿姨" in page.detail.text()
    assert harness.errors == []


def test_a_refused_claim_stays_in_the_form(qtbot, harness, db, station, admin, station_with_a_child):
    wishes.add_wish(db, admin, station_with_a_child["child"], "一本字典")
    page = _page(qtbot, harness, db, station, Role.DUTY)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    claim = page.claim()
    claim.as_outsider.setChecked(True)
    _type(claim.name, "李阿姨")
    qtbot.mouseClick(_ok(claim), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "留一个电话" in claim.message.text(), timeout=10_000)
    assert claim.isVisible() and claim.name.text() == "李阿姨"
    claim.reject()
    _focus_row(qtbot, page)

    assert not page.fulfil_button.isEnabled() and not page.cancel_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_F4)
    assert "社工或管理员" in page.message.text()
    assert harness.errors == []
