"""The desk against the room's capacity and the ratio: the header's numbers and colour, the warning held at check-in
and at a volunteer's check-out, let through with one key, and the override on 今天的记录 (F7)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select

from qsh_desk.db.models import AuditEntry, VolunteerShift
from qsh_desk.gui.widgets.desk_dialogs import ConfirmDialog, DayRecordsDialog
from qsh_desk.services import capacity, checkin, settings
from qsh_desk.services.checkin import CHILD, VOLUNTEER
from tests.gui.test_desk import desk, open_visits, roster  # noqa: F401 - the desk's fixtures
from tests.moments import SATURDAY_MORNING


def _limits(db, admin, desk, qtbot, *, room=None, ratio=None, here=()) -> None:  # noqa: ANN001
    for key, value in (("room_capacity", room), ("children_per_volunteer", ratio)):
        settings.set_value(db, admin, key, value)
    for kind, person in here:
        checkin.check_in(db, desk.context.actor, kind, person)
    with qtbot.waitSignal(desk.present_shown, timeout=5000):
        desk.refresh_present()


def _type_and_enter(qtbot, desk, text: str) -> None:  # noqa: ANN001
    desk.search.clear()
    qtbot.keyClicks(desk.search, text)
    qtbot.keyClick(desk.search, Qt.Key.Key_Return)


def test_the_header_shows_the_limits_and_turns_amber_then_red(qtbot, desk, db, admin, roster):
    _limits(db, admin, desk, qtbot, room=40, ratio=8, here=[(VOLUNTEER, roster["vol"])])
    assert desk.counts.text().replace("\n", " · ") == "在站：儿童 0 / 40 人 · 志愿者 1 人（按 1:8 需要 0）"
    assert desk.counts.property("state") == "ok"
    _limits(db, admin, desk, qtbot, room=2, ratio=8, here=[(CHILD, roster["li1"]), (CHILD, roster["li2"])])
    assert desk.counts.property("state") == "near" and "#e65100" in desk.counts.styleSheet()  # 2 of 2: amber
    _limits(db, admin, desk, qtbot, room=1, ratio=8)
    assert desk.counts.property("state") == "over" and "#b71c1c" in desk.counts.styleSheet()
    assert desk.counts.text().startswith("在站：儿童 2 / 1 人")
    lines = desk.counts.text().split("\n")  # whatever the width, each line fits
    assert all(desk.counts.fontMetrics().horizontalAdvance(line) <= desk.counts.width() for line in lines)


def test_a_check_in_past_the_ratio_warns_and_one_key_lets_it_through_on_the_record(qtbot, desk, db, admin, roster):
    _limits(db, admin, desk, qtbot, ratio=1, here=[(VOLUNTEER, roster["vol"]), (CHILD, roster["li1"])])
    _type_and_enter(qtbot, desk, "zsf")
    qtbot.waitUntil(lambda: isinstance(desk.dialog, ConfirmDialog) and desk.dialog.objectName() == "deskPastLimits")
    text = " ".join(label.text() for label in desk.dialog.findChildren(type(desk.counts)))
    assert "按 1:1 需要 2 名志愿者，现在只有 1 名" in text and "记入今天的记录" in text
    assert open_visits(db, roster["zsf"]) == []  # held until the volunteer says so
    with qtbot.waitSignal(desk.acted, timeout=5000) as acted:
        qtbot.keyClick(desk.dialog, Qt.Key.Key_Return)  # one key
    assert acted.args[0].name == "张三丰" and len(open_visits(db, roster["zsf"])) == 1
    assert "已确认签到" in desk.status.text()
    assert desk.counts.property("state") == "over"
    with db.transaction() as s:
        override = s.scalars(select(AuditEntry).where(AuditEntry.action == capacity.ACTION_OVERRIDE)).one()
    assert (override.actor, override.detail["children"], override.detail["volunteers"]) == ("duty-gui", 2, 1)
    desk.open_day_records()
    records = desk.dialog
    assert isinstance(records, DayRecordsDialog)
    qtbot.waitUntil(lambda: records.table.rowCount() == 3)
    row = next(r for r in range(3) if records.table.item(r, 1).text() == "张三丰")
    assert "⚠ 超限放行（duty-gui 09:30）" in records.table.item(row, 4).text()
    assert records.load_line.text() == "峰值在站 2 人（09:30） · 超出师生比 0 分钟"
    records.reject()


def test_escape_leaves_the_child_out(qtbot, desk, db, admin, roster):
    _limits(db, admin, desk, qtbot, room=1, here=[(CHILD, roster["li1"])])
    _type_and_enter(qtbot, desk, "zsf")
    qtbot.waitUntil(lambda: isinstance(desk.dialog, ConfirmDialog))
    assert "超过场地最多容纳的 1 人" in " ".join(l.text() for l in desk.dialog.findChildren(type(desk.counts)))
    qtbot.keyClick(desk.dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: desk.dialog is None)
    assert open_visits(db, roster["zsf"]) == [] and "没有签到" in desk.status.text()


def test_a_volunteer_leaving_under_the_ratio_is_warned_the_same_way(qtbot, desk, db, admin, roster):
    _limits(db, admin, desk, qtbot, ratio=8, here=[(VOLUNTEER, roster["vol"]), (CHILD, roster["li1"])])
    _type_and_enter(qtbot, desk, "hls")
    qtbot.waitUntil(lambda: isinstance(desk.dialog, ConfirmDialog))
    qtbot.keyClick(desk.dialog, Qt.Key.Key_Return)  # 签退 黄老师
    qtbot.waitUntil(lambda: desk.dialog is not None and desk.dialog.objectName() == "deskPastLimits")
    text = " ".join(l.text() for l in desk.dialog.findChildren(type(desk.counts)))
    assert "黄老师 签退后只剩 0 名志愿者，在站儿童 1 人按 1:8 需要 1 名" in text
    assert desk.dialog.yes.text() == "仍然签退（回车）"
    with qtbot.waitSignal(desk.acted, timeout=5000):
        qtbot.keyClick(desk.dialog, Qt.Key.Key_Return)  # one key
    with db.transaction() as s:
        shift = s.scalars(select(VolunteerShift)).one()
        override = s.scalars(select(AuditEntry).where(AuditEntry.action == capacity.ACTION_OVERRIDE)).one()
    assert shift.ended_at is not None and (override.entity, override.entity_id) == ("volunteer_shift", shift.id)
    assert "已确认签退" in desk.status.text()


def test_the_overview_shows_todays_peak_and_minutes_over_the_ratio(qtbot, harness, db, station, admin, roster):
    from qsh_desk.gui.pages.home import HomePage

    settings.set_value(db, admin, "children_per_volunteer", 1)
    duty = harness.context(db, station).actor
    checkin.check_in(db, duty, CHILD, roster["li1"], at=SATURDAY_MORNING - dt.timedelta(minutes=20),
                     override_limits=True)
    page = HomePage(harness.context(db, station))
    qtbot.addWidget(page)
    page.show()
    page.activated()
    qtbot.waitUntil(lambda: page.tiles["minutes_over_ratio"].value.text() == "20", timeout=5000)
    assert page.tiles["peak_today"].value.text() == "1"
    harness.settle()
