"""The 器材与图书 page driven by a simulated scanner: item then card, card then items, one-scan returns, stocktake."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qsh_desk.gui.pages.items import ItemsPage
from qsh_desk.services import lending
from qsh_desk.services.access import Role
from tests.desk_helpers import add_child


def scan(qtbot, page, code: str) -> None:
    """A USB scanner: the code's keys a few milliseconds apart, then Enter, into the focused scan box."""
    page.scan_box.setFocus()
    for char in code:
        qtbot.keyClick(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def _page(qtbot, harness, db, station, role=Role.DUTY) -> ItemsPage:
    page = ItemsPage(harness.context(db, station, role))
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5000)
    page.activated()
    return page


def _card(db, child_id: int) -> str:
    from qsh_desk.db.models import Child

    with db.transaction() as s:
        return s.get(Child, child_id).card_code


def test_lending_and_returning_by_scanner(qtbot, harness, db, station, admin):
    codes = lending.add_item(db, admin, "安徒生童话", copies=2).codes
    ball = lending.add_item(db, admin, "篮球", kind="器材").codes[0]
    child = add_child(db, station.id, "单田芳")
    page = _page(qtbot, harness, db, station)

    scan(qtbot, page, codes[0])  # the item first, then the child's card
    qtbot.waitUntil(lambda: "请扫描孩子的卡" in page.message.text(), timeout=10_000)
    scan(qtbot, page, _card(db, child))
    qtbot.waitUntil(lambda: page.message.text().startswith("“安徒生童话”借给 单田芳"), timeout=10_000)

    scan(qtbot, page, _card(db, child))  # the child first, then two items
    qtbot.waitUntil(lambda: "请扫描要借的物品" in page.message.text(), timeout=10_000)
    scan(qtbot, page, codes[1])
    qtbot.waitUntil(lambda: len(lending.list_loans(db, admin)) == 2, timeout=10_000)
    scan(qtbot, page, ball)
    qtbot.waitUntil(lambda: page.loans.rowCount() == 3, timeout=10_000)
    assert "正在借给：单田芳" in page.pending.text()
    qtbot.keyClick(page.scan_box, Qt.Key.Key_Escape)
    assert page.pending.text() == ""

    scan(qtbot, page, codes[0])  # an item out: one scan brings it back
    qtbot.waitUntil(lambda: "已由 单田芳 归还" in page.message.text(), timeout=10_000)
    qtbot.waitUntil(lambda: page.loans.rowCount() == 2, timeout=10_000)
    scan(qtbot, page, "NOSUCH1")
    qtbot.waitUntil(lambda: "不认识这个编码" in page.message.text(), timeout=10_000)
    page.tabs.setCurrentIndex(1)
    page.items.selectRow(next(r for r in range(page.items.rowCount()) if page.items.item(r, 0).text() == "安徒生童话"))
    qtbot.waitUntil(lambda: "单田芳 归还" in page.history.text(), timeout=10_000)
    assert not page.stocktake_button.isEnabled()  # a duty volunteer lends; the stocktake is a coordinator's
    assert harness.errors == []


def test_a_stocktake_by_scanner_says_what_is_missing(qtbot, harness, db, station, admin):
    codes = lending.add_item(db, admin, "跳棋", kind="游戏", copies=3).codes
    page = _page(qtbot, harness, db, station, Role.SOCIAL)
    qtbot.mouseClick(page.stocktake_button, Qt.MouseButton.LeftButton)
    scan(qtbot, page, codes[0])
    scan(qtbot, page, codes[2])
    assert "已扫 2 件" in page.message.text()
    qtbot.mouseClick(page.stocktake_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("盘点完成"), timeout=10_000)
    assert f"缺少 1 件：跳棋（{codes[1]}）" in page.message.text()
    assert harness.errors == []
