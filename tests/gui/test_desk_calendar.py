"""The desk and the opening calendar: on a day the calendar keeps closed the desk says so, and still works."""

from __future__ import annotations


from qsh_desk.gui.kernel import Topic
from qsh_desk.gui.pages.desk import DeskPage
from qsh_desk.services import calendar
from qsh_desk.services.access import Role
from tests.moments import TODAY


def _desk(qtbot, harness, db, station) -> DeskPage:
    page = DeskPage(harness.context(db, station, Role.DUTY))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.index_ready, timeout=10_000):
        pass
    return page


def test_a_closed_day_is_announced_on_the_desk(qtbot, harness, db, station, admin):
    calendar.close_day(db, admin, TODAY, "社区活动室装修")
    page = _desk(qtbot, harness, db, station)
    assert page.day_notice.isVisible()
    assert page.day_notice.text() == "今天按开放日历不开放（社区活动室装修）。仍然可以签到签退，记录照常保存。"
    calendar.open_day(db, admin, TODAY, "临时加开")
    with qtbot.waitSignal(page.index_ready, timeout=10_000):
        page.context.changes.publish({Topic.CALENDAR})
    assert not page.day_notice.isVisible()
