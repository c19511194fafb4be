"""The desk and the opening calendar: on a day the calendar keeps closed the desk says so, and still works."""

from __future__ import annotations


from qsh_desk.gui.app import make_application
from qsh_desk.gui.context import AppContext, Changes
from qsh_desk.gui.kernel import Topic
from qsh_desk.gui.pages.desk import DeskPage
from qsh_desk.gui.tasks import Tasks
from qsh_desk.services import calendar
from qsh_desk.services.access import Actor, Role
from tests.moments import TODAY


def _desk(qtbot, db, station) -> DeskPage:
    make_application()
    actor = Actor(user_id=None, name="duty-gui", role=Role.DUTY, station_id=station.id)
    page = DeskPage(AppContext(db=db, station=station, actor=actor, tasks=Tasks(lambda e: None), changes=Changes()))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.index_ready, timeout=10_000):
        pass
    return page


def test_a_closed_day_is_announced_on_the_desk(qtbot, db, station, admin):
    calendar.close_day(db, admin, TODAY, "社区活动室装修")
    page = _desk(qtbot, db, station)
    assert page.day_notice.isVisible()
    assert page.day_notice.text() == "今天按开放日历不开放（社区活动室装修）。仍然可以签到签退，记录照常保存。"
    calendar.open_day(db, admin, TODAY, "临时加开")
    with qtbot.waitSignal(page.index_ready, timeout=10_000):
        page.context.changes.publish({Topic.CALENDAR})
    assert not page.day_notice.isVisible()
