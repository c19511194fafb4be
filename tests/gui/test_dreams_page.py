"""十个梦 and 统计 pages: the session form offers the day's check-ins; statistics draw a chart and a table."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from qsh_desk.gui.app import make_application
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.pages.dreams import DREAM_ICON_CHOICES, DreamsPage, SessionForm
from qsh_desk.gui.pages.stats import StatsPage
from qsh_desk.services import sessions, stats
from qsh_desk.services.access import Role
from qsh_desk.services.stations import TEN_DREAMS
from tests.moments import TODAY
from tests.programme_data import add_child, add_volunteer, check_in, dream_id


def _context(harness, db, station, role: Role = Role.ADMIN) -> tuple[AppContext, list[BaseException]]:
    return harness.context(db, station, role), harness.errors


def _type(widget, text: str) -> None:
    """Chinese text as an input method commits it (QTest.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _ticked_names(tick_list) -> list[str]:
    return [tick_list.list.item(i).text().split()[0] for i in range(tick_list.list.count())
            if tick_list.list.item(i).checkState() == Qt.CheckState.Checked]


@pytest.fixture
def today_at_the_station(db, station):
    names = ("郭小一", "马小二", "朱小三")
    kids = [add_child(db, station, n) for n in names]
    for minute, child in enumerate(kids):
        check_in(db, station, child, dt.datetime.combine(TODAY, dt.time(8, 30 + minute)))
    return {"kids": kids, "guest": add_child(db, station, "罗来宾"), "volunteer": add_volunteer(db, station, "彭老师")}


def test_the_session_form_ticks_todays_children_and_saves_a_session(qtbot, harness, db, station, today_at_the_station, tmp_path):
    context, errors = _context(harness, db, station, Role.DUTY)
    form = SessionForm(context)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.loaded, timeout=10_000)
    assert _ticked_names(form.participants) == ["郭小一", "马小二", "朱小三"]
    assert "已选 3" in form.participants.count_label.text()

    qtbot.mouseClick(form.participants.none_button, Qt.MouseButton.LeftButton)
    assert _ticked_names(form.participants) == [] and "已选 0" in form.participants.count_label.text()
    qtbot.mouseClick(form.participants.all_button, Qt.MouseButton.LeftButton)
    form.participants.list.item(1).setCheckState(Qt.CheckState.Unchecked)  # 马小二 went home early

    _type(form.child_picker.edit, "罗来宾")
    qtbot.waitUntil(lambda: form.child_picker.person_id == today_at_the_station["guest"], timeout=5000)
    qtbot.mouseClick(form.add_child_button, Qt.MouseButton.LeftButton)
    form.dream_combo.setCurrentIndex(form.dream_combo.findText("求知梦"))
    _type(form.theme_edit, "水利科普")
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    image.save(str(tmp_path / "photo.png"))
    form.add_photo(str(tmp_path / "photo.png"))
    assert not form.photos.item(0).icon().isNull()

    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    detail = sessions.get_session(db, context.actor, saved.args[0])
    assert sorted(p.name for p in detail.participants) == ["朱小三", "罗来宾", "郭小一"]
    assert (detail.dream_name, detail.theme, len(detail.photos)) == ("求知梦", "水利科普", 1)
    assert errors == []


def test_the_form_keeps_the_input_and_says_what_is_missing(qtbot, harness, db, station, today_at_the_station):
    context, _errors = _context(harness, db, station, Role.DUTY)
    form = SessionForm(context)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.loaded, timeout=10_000)
    _type(form.summary_edit, "没填主题")
    qtbot.mouseClick(form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "主题" in form.message.text(), timeout=10_000)
    assert form.isVisible() and form.summary_edit.toPlainText() == "没填主题"
    assert sessions.list_sessions(db, context.actor) == []


def test_the_dreams_page_lists_filters_and_shows_overdue_pairings(qtbot, harness, db, station, admin, today_at_the_station):
    from qsh_desk.services import pairings

    kids = today_at_the_station["kids"]
    for day, name, kid in ((1, "快乐梦", kids[0]), (2, "成长梦", kids[1])):
        sessions.log_session(db, admin, sessions.SessionDraft(
            dream_id=dream_id(db, station, name), theme=name + "活动", participant_ids=(kid,),
            starts_at=dt.datetime.combine(TODAY - dt.timedelta(days=day), dt.time(9, 30))))
    pairings.create_pairing(db, admin, volunteer_id=today_at_the_station["volunteer"], child_id=kids[0],
                            started_on=TODAY - dt.timedelta(days=60))
    context, errors = _context(harness, db, station)
    page = DreamsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    qtbot.waitUntil(lambda: page.session_table.rowCount() == 2, timeout=10_000)
    assert page.session_table.item(0, 2).text() == "快乐梦"
    page.dream_filter.setCurrentIndex(page.dream_filter.findText("成长梦"))
    qtbot.waitUntil(lambda: page.session_table.rowCount() == 1 and page.session_table.item(0, 3).text() == "成长梦活动",
                    timeout=10_000)
    page.tabs.setCurrentWidget(page.pairings)  # the pairings load when their tab is first shown
    qtbot.waitUntil(lambda: page.pairings.table.rowCount() == 1, timeout=10_000)
    assert page.pairings.table.item(0, 7).text() == "30"  # started 60 days ago, never visited, monthly rule
    page.pairings.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: "1 个逾期" in page.pairings.summary.text(), timeout=10_000)
    assert page.tabs.count() == 3 and errors == []


def test_a_pairing_is_created_and_visited_through_its_forms(qtbot, harness, db, station, admin, today_at_the_station):
    from qsh_desk.services import pairings

    context, errors = _context(harness, db, station)
    page = DreamsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    page.tabs.setCurrentWidget(page.pairings)
    qtbot.waitUntil(lambda: page.pairings.summary.text().startswith("结对 0 个"), timeout=10_000)

    dialog = page.pairings.new_pairing()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # nobody chosen yet: the form says so and stays open
    assert "选好志愿者和儿童" in dialog.message.text() and dialog.isVisible()
    _type(dialog.volunteer.edit, "彭老师")
    _type(dialog.child.edit, "郭小一")
    qtbot.waitUntil(lambda: dialog.volunteer.person_id == today_at_the_station["volunteer"]
                    and dialog.child.person_id == today_at_the_station["kids"][0], timeout=5000)
    _type(dialog.goal, "每月辅导一次作业")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible() and page.pairings.table.rowCount() == 1, timeout=10_000)
    assert page.status.text() == "结对已建立。"
    assert [(p.volunteer_name, p.child_name, p.goal) for p in pairings.list_pairings(db, admin)] == [
        ("彭老师", "郭小一", "每月辅导一次作业")]

    page.pairings.table.selectRow(0)
    visit = page.pairings.record_visit()
    visit.kind.setCurrentText("上门")
    _type(visit.what, "一起做了数学作业")
    qtbot.mouseClick(visit.buttons.button(visit.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not visit.isVisible() and page.pairings.table.item(0, 4).text() == "1", timeout=10_000)
    qtbot.waitUntil(lambda: page.pairings.visit_table.rowCount() == 1, timeout=10_000)
    assert page.pairings.visit_table.item(0, 2).text() == "一起做了数学作业" and errors == []


def test_the_catalogue_tab_renames_a_dream_and_its_sessions_follow(qtbot, harness, db, station, admin, today_at_the_station):
    sessions.log_session(db, admin, sessions.SessionDraft(
        dream_id=dream_id(db, station, "好人梦"), theme="好人好事", participant_ids=(today_at_the_station["kids"][0],),
        starts_at=dt.datetime.combine(TODAY, dt.time(9, 30))))
    context, errors = _context(harness, db, station)
    page = DreamsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    catalogue = page.catalogue_tab
    page.tabs.setCurrentWidget(catalogue)
    qtbot.waitUntil(lambda: catalogue.table.rowCount() == 10, timeout=10_000)
    catalogue.table.selectRow(0)
    dialog = catalogue.edit_dream()
    assert dialog.dream_edit.text() == "好人梦"
    dialog.dream_edit.clear()
    _type(dialog.dream_edit, "好少年梦")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: catalogue.table.item(0, 2).text() == "好少年梦", timeout=10_000)
    assert not dialog.isVisible() and catalogue.table.item(0, 3).text() == "1"
    assert page.status.text() == "类别已保存；它的活动记录都还在。"
    qtbot.waitUntil(lambda: page.session_table.rowCount() == 1 and page.session_table.item(0, 2).text() == "好少年梦",
                    timeout=10_000)
    assert errors == []


def test_a_call_home_is_logged_from_the_page_in_one_step(qtbot, harness, db, station, today_at_the_station):
    context, errors = _context(harness, db, station, Role.DUTY)
    page = DreamsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    child = today_at_the_station["kids"][2]
    dialog = page.call_home()
    qtbot.keyClicks(dialog.child.edit, "zxs")  # 朱小三 by initials
    qtbot.waitUntil(lambda: dialog.child.person_id == child, timeout=5000)
    _type(dialog.summary, "和爸爸视频")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.session_table.rowCount() == 1, timeout=10_000)
    assert not dialog.isVisible() and "思亲梦" in page.status.text()
    assert [page.session_table.item(0, c).text() for c in (2, 3, 5)] == ["思亲梦", "站内亲情连线", "1"]
    assert sessions.list_sessions(db, context.actor, child_id=child)[0].dream_name == "思亲梦" and errors == []


@pytest.mark.parametrize("role", [Role.ADMIN, Role.DUTY])
def test_opening_a_logged_session_edits_it_only_with_manage(qtbot, harness, db, station, admin, today_at_the_station, role):
    from sqlalchemy import select

    from qsh_desk.db.models import AuditEntry

    kids = today_at_the_station["kids"]
    sessions.log_session(db, admin, sessions.SessionDraft(
        dream_id=dream_id(db, station, "托辅梦"), theme="作业辅导", participant_ids=(kids[0], kids[1]),
        starts_at=dt.datetime.combine(TODAY, dt.time(9, 30))))
    context, errors = _context(harness, db, station, role)
    page = DreamsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    qtbot.waitUntil(lambda: page.session_table.rowCount() == 1, timeout=10_000)
    page.session_table.selectRow(0)
    page.open_selected()
    qtbot.waitUntil(lambda: page.form is not None and page.form.loaded, timeout=10_000)
    form = page.form
    # The session's own participants are ticked; the third child checked in that day is offered, unticked.
    assert _ticked_names(form.participants) == ["郭小一", "马小二"] and form.participants.list.count() == 3
    save = form.buttons.button(form.buttons.StandardButton.Save)
    if role == Role.DUTY:
        assert not save.isEnabled() and "社工或管理员" in form.message.text()
        return
    form.theme_edit.clear()
    _type(form.theme_edit, "周末作业辅导")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.session_table.item(0, 3).text() == "周末作业辅导", timeout=10_000)
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
        assert entry.detail == {"before": {"theme": "作业辅导"}, "after": {"theme": "周末作业辅导"}}
    assert errors == []


def test_a_duty_volunteer_has_no_catalogue_tab(qtbot, harness, db, station):
    context, _errors = _context(harness, db, station, Role.DUTY)
    page = DreamsPage(context)
    qtbot.addWidget(page)
    assert page.tabs.count() == 2 and not page.delete_button.isEnabled() and page.call_home_button.isEnabled()


def test_every_dream_icon_can_be_drawn(qapp):
    make_application()
    for name in DREAM_ICON_CHOICES + tuple(seed.icon for seed in TEN_DREAMS):
        assert not icon(name).isNull()


def test_the_statistics_page_draws_the_chart_and_the_table(qtbot, harness, db, station, admin, today_at_the_station):
    kids = today_at_the_station["kids"]
    sessions.log_session(db, admin, sessions.SessionDraft(
        dream_id=dream_id(db, station, "快乐梦"), theme="运动会", participant_ids=tuple(kids),
        starts_at=dt.datetime.combine(TODAY, dt.time(9, 30))))
    context, errors = _context(harness, db, station)
    page = StatsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.chart_view is None  # QtCharts is not touched before the page is shown
    page.activated()
    qtbot.waitUntil(lambda: page.report is not None and page.report_table.rowCount() == 11, timeout=10_000)
    assert page.chart_view is not None
    series = page.chart_view.chart().series()[0]
    joy = [s for s in series.barSets() if s.label() == "快乐梦"][0]
    assert sum(joy.at(i) for i in range(joy.count())) == 3.0  # participant-times by default
    assert page.report_table.item(10, 0).text() == "合计" and page.report_table.item(10, 2).text() == "3"
    axis = page.chart_view.chart().axes(Qt.Orientation.Vertical)[0]
    ticks = [axis.min() + i * (axis.max() - axis.min()) / (axis.tickCount() - 1) for i in range(axis.tickCount())]
    assert ticks == [0, 1, 2, 3]  # whole counts, each once (not 0, 1, 1, 2)

    page.metric_choice.setCurrentIndex(page.metric_choice.findData("sessions"))
    joy = [s for s in page.chart_view.chart().series()[0].barSets() if s.label() == "快乐梦"][0]
    assert sum(joy.at(i) for i in range(joy.count())) == 1.0
    page.set_period("year", TODAY.replace(year=TODAY.year - 1))
    qtbot.waitUntil(lambda: page.report.total.sessions == 0, timeout=10_000)

    page.tabs.setCurrentIndex(1)
    page.load_passport(kids[0])
    qtbot.waitUntil(lambda: "已参加 1 / 10" in page.passport_title.text(), timeout=10_000)
    assert page.stamps.count() == 10

    qtbot.waitUntil(lambda: "名儿童" in page.not_reached_count.text(), timeout=10_000)
    assert errors == []
    assert isinstance(stats.period_for("month", TODAY), stats.Period)


def test_the_children_in_a_saved_photo_are_ticked_in_the_session_form(qtbot, harness, db, station, admin,
                                                                       today_at_the_station, tmp_path):
    from qsh_desk.services import letters

    context, errors = _context(harness, db, station, Role.DUTY)
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    image.save(str(tmp_path / "photo.png"))
    kids = today_at_the_station["kids"]
    session_id = sessions.log_session(db, admin, sessions.SessionDraft(
        dream_id=dream_id(db, station, "出彩梦"), starts_at=dt.datetime.combine(TODAY, dt.time(9, 30)), theme="画墙绘",
        participant_ids=tuple(kids), photos=(str(tmp_path / "photo.png"),)))
    detail = sessions.get_session(db, admin, session_id)
    form = SessionForm(context, detail=detail)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.loaded, timeout=10_000)
    assert not form.photo_children_button.isEnabled()  # nothing chosen yet
    form.add_photo(str(tmp_path / "photo.png"))  # a new photo has no stored name: save first
    form.photos.setCurrentRow(1)
    assert not form.photo_children_button.isEnabled()
    form.photos.setCurrentRow(0)
    assert form.photo_children_button.isEnabled()

    form.photo_children_button.click()
    dialog = form.photo_children_dialog
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)
    assert _ticked_names(dialog.children) == [] and dialog.children.list.count() == 3
    for i in range(dialog.children.list.count()):
        if dialog.children.list.item(i).text().split()[0] in ("郭小一", "朱小三"):
            dialog.children.list.item(i).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    assert "已记下照片里的 2 个孩子" in form.message.text()
    stored = detail.photos[0]
    assert set(letters.photo_children(db, admin, session_id, stored)) == {kids[0], kids[2]}

    again = form.open_photo_children()
    qtbot.waitUntil(again.save_button.isEnabled, timeout=10_000)
    assert sorted(_ticked_names(again.children)) == sorted(["郭小一", "朱小三"])
    again.reject()
    assert errors == []
