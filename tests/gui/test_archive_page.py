"""The 父母档案 page: the start-page alerts, the child picker, the forms — and that duty volunteers never get it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from qsh_desk.db.database import Database
from qsh_desk.db.models import AuditEntry, Child, ProgrammeSession
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.gui.app import make_application
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.pages import PAGES
from qsh_desk.gui.pages.archive import ArchivePage
from qsh_desk.services import archive
from qsh_desk.services.access import Actor, Permission, Role
from qsh_desk.services.archive import ContactInput, GuardianshipInput, ParentInput
from qsh_desk.services.search_keys import name_keys
from qsh_desk.services.stations import ensure_station
from tests.moments import SATURDAY_MORNING, TODAY

WAIT = 10_000


def type_chinese(widget: QLineEdit, text: str) -> None:
    """Type as an input method does (QTest.keyClicks aborts on non-ASCII text)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def setup(qtbot, harness, tmp_path):
    """A database with a station and three children, and the page acting for a social worker."""
    make_application()
    db = Database(tmp_path / "archive.sqlite3")
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    long_ago = SATURDAY_MORNING - dt.timedelta(days=400)
    ids = {}
    with db.transaction() as s:
        for n, name in enumerate(("张小雨", "王浩然", "李思琪"), start=1):
            child = Child(station_id=station.id, name=name, gender="女", grade="三年级", card_code=f"C01{n:06d}",
                          search_keys=name_keys(name), created_at=long_ago)
            s.add(child)
            s.flush()
            ids[name] = child.id
    social = Actor(user_id=None, name="社工小王", role=Role.SOCIAL, station_id=station.id)
    page = ArchivePage(harness.context(db, station, actor=social))
    page.resize(1200, 800)
    page.show()
    yield page, db, social, ids
    # Let every queued result reach the page before it goes away (so not qtbot.addWidget: pytest-qt closes
    # those widgets before fixtures are torn down, while a refresh may still be on its way).
    harness.settle()
    page.close()
    page.deleteLater()
    db.dispose()
    assert harness.errors == []


def open_record(qtbot, page: ArchivePage, child_id: int) -> None:
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        page.open_child(child_id)


def test_the_start_page_lists_the_four_kinds_of_alert_and_opens_a_child(qtbot, setup):
    page, db, social, ids = setup
    archive.add_contact(db, social, ids["张小雨"], ContactInput(
        dt.datetime.combine(TODAY - dt.timedelta(days=3), dt.time(19)), "电话", "parent", summary="成绩下降",
        follow_up_needed=True, follow_up_due=TODAY - dt.timedelta(days=1)))
    archive.add_contact(db, social, ids["王浩然"], ContactInput(
        dt.datetime.combine(TODAY - dt.timedelta(days=5), dt.time(19)), "视频", "child"))
    archive.save_guardianship(db, social, ids["王浩然"], GuardianshipInput(kind="父母均外出", quality="差"), None)
    archive.add_parent(db, social, ids["李思琪"], ParentInput(relation="母亲", name="李秀英", phone="13912345678",
                                                           next_return=TODAY + dt.timedelta(days=6)))
    with qtbot.waitSignal(page.alerts_shown, timeout=WAIT):
        page.activated()
    assert page.stack.currentWidget() is page.start_view
    lists = {key: [w.item(i).text() for i in range(w.count())] for key, w in page.alert_lists.items()}
    assert lists["no_contact"] == ["李思琪 · 从未联系 · 母亲 139****5678"]  # masked in lists
    assert "母亲 李秀英 139****5678" in page.alert_lists["no_contact"].item(0).toolTip()
    assert lists["overdue"] == ["张小雨 · 过期 1 天 · 亲子联系"]
    assert "成绩下降" in page.alert_lists["overdue"].item(0).toolTip()
    assert lists["poor_guardianship"] == ["王浩然 · 父母均外出"]
    assert lists["returns_soon"] == ["李思琪 · 母亲 李秀英 · " + (TODAY + dt.timedelta(days=6)).strftime("%m-%d") + " 6 天后"]
    assert page.alert_groups["no_contact"].title() == "超过 30 天没有和父母联系（1）"

    listing = page.alert_lists["poor_guardianship"]
    listing.setCurrentRow(0)
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.keyClick(listing, Qt.Key.Key_Return)
    assert page.record_heading.text().startswith("王浩然")
    assert page.guardianship.g_quality_buttons["差"].isChecked()


def test_the_picker_finds_a_child_by_initials_and_enter_opens_the_record(qtbot, setup):
    page, db, social, ids = setup
    archive.add_parent(db, social, ids["张小雨"], ParentInput(relation="父亲", name="张建华", phone="13512345678"))
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "zxy")
    qtbot.waitUntil(lambda: page.results.count() == 1 and page.results.item(0).text().startswith("张小雨"), timeout=WAIT)
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.parents.parents_table.item(0, 1).text() == "张建华"
    assert page.parents.parents_table.item(0, 2).text() == "13512345678"  # in full on the record
    with db.transaction() as s:
        reads = s.scalars(select(AuditEntry).where(AuditEntry.action == "read", AuditEntry.entity == "archive")).all()
        assert [(r.actor, r.child_id) for r in reads] == [("社工小王", ids["张小雨"])]


def _record_reads(db) -> list[int]:
    """Whose records were looked at (audited reads of one child's archive), in order."""
    with db.transaction() as s:
        return list(s.scalars(select(AuditEntry.child_id).where(
            AuditEntry.action == "read", AuditEntry.entity == "archive", AuditEntry.child_id.is_not(None))
            .order_by(AuditEntry.id)))


def test_enter_right_after_typing_opens_the_child_typed_not_the_first_of_the_list(qtbot, setup):
    page, db, social, ids = setup
    page.activated()
    qtbot.waitUntil(lambda: page.results.count() == 3, timeout=WAIT)  # everyone, before anything is typed
    page.search_edit.setFocus()
    # Typed and Enter at once, before the list caught up (the list still shows 张小雨 first):
    qtbot.keyClicks(page.search_edit, "whr")
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.record_heading.text().startswith("王浩然")
    assert _record_reads(db) == [ids["王浩然"]]  # one audited look, at the right child


def test_a_scanned_card_opens_that_child_and_arrows_choose_between_several(qtbot, setup):
    page, db, social, ids = setup
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "C01000003")  # 李思琪's card, as a scanner types it
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.record_heading.text().startswith("李思琪")
    with db.transaction() as s:
        s.add(Child(station_id=social.station_id, name="张小兰", gender="女", card_code="C01000009",
                    search_keys=name_keys("张小兰")))
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "zx")  # 张小雨 and 张小兰: Enter must not pick one
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "请多输入几个字，或用 ↓ ↑ 选中再按回车" in page.message.text(), timeout=WAIT)
    assert _record_reads(db) == [ids["李思琪"]]  # Enter did not guess
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    chosen = page.results.currentItem().text()
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.record_heading.text().startswith(chosen.split("（")[0])


def test_adding_and_editing_a_parent_through_the_form(qtbot, setup):
    page, db, social, ids = setup
    open_record(qtbot, page, ids["王浩然"])
    page.parents.parent_relation.setCurrentText("母亲")
    type_chinese(page.parents.parent_fields["name"], "刘桂兰")
    qtbot.keyClicks(page.parents.parent_fields["phone"], "13800001111")
    type_chinese(page.parents.parent_fields["work_city"], "东莞")
    qtbot.keyClicks(page.parents.parent_fields["next_return"], "2027-01-20")
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.mouseClick(page.parents.parent_save, Qt.MouseButton.LeftButton)
    assert page.message.text() == "已添加：刘桂兰"
    assert page.parents.parents_table.rowCount() == 1 and page.parents.parent_fields["name"].text() == ""  # form emptied
    page.parents.parents_table.selectRow(0)
    assert page.parents.parent_fields["phone"].text() == "13800001111" and page.parents.parent_save.text() == "保存修改"
    page.parents.parent_fields["work_city"].clear()
    type_chinese(page.parents.parent_fields["work_city"], "深圳")
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.mouseClick(page.parents.parent_save, Qt.MouseButton.LeftButton)
    assert page.parents.parents_table.item(0, 3).text() == "深圳"
    assert archive.get_archive(db, social, ids["王浩然"]).parents[0].version == 2


def test_a_bad_form_says_what_to_fix_and_keeps_what_was_typed(qtbot, setup):
    page, db, social, ids = setup
    open_record(qtbot, page, ids["王浩然"])
    type_chinese(page.parents.parent_fields["name"], "刘桂兰")
    qtbot.keyClicks(page.parents.parent_fields["phone"], "138-abc")
    with qtbot.waitSignal(page.message_shown, timeout=WAIT) as said:
        qtbot.mouseClick(page.parents.parent_save, Qt.MouseButton.LeftButton)
    assert "电话" in said.args[0] and "只能有数字" in said.args[0]
    assert page.parents.parent_fields["name"].text() == "刘桂兰" and page.parents.parent_fields["phone"].text() == "138-abc"
    assert archive.get_archive(db, social, ids["王浩然"]).parents == ()


def test_someone_elses_newer_edit_is_not_overwritten(qtbot, setup):
    page, db, social, ids = setup
    parent = archive.add_parent(db, social, ids["张小雨"], ParentInput(relation="父亲", name="张建华"))
    open_record(qtbot, page, ids["张小雨"])
    page.parents.parents_table.selectRow(0)
    archive.update_parent(db, social, parent.id, parent.version, ParentInput(relation="父亲", name="张建华", occupation="司机"))
    type_chinese(page.parents.parent_fields["occupation"], "保洁")
    with qtbot.waitSignal(page.message_shown, timeout=WAIT) as said:
        qtbot.mouseClick(page.parents.parent_save, Qt.MouseButton.LeftButton)
    assert "刚被别人改过" in said.args[0]
    assert archive.get_archive(db, social, ids["张小雨"]).parents[0].occupation == "司机"


def test_the_guardianship_form_shows_the_definitions_and_saves(qtbot, setup):
    page, db, social, ids = setup
    open_record(qtbot, page, ids["李思琪"])
    assert "得到较好保障" in page.guardianship.quality_definitions["较好"].text()
    assert "潜在风险" in page.guardianship.quality_definitions["一般"].text()
    assert "辍学" in page.guardianship.quality_definitions["差"].text()
    page.guardianship.g_kind.setCurrentIndex(page.guardianship.g_kind.findData("委托监护"))
    type_chinese(page.guardianship.g_fields["delegate_name"], "李奶奶")
    page.guardianship.g_agreement.setChecked(True)
    page.guardianship.g_quality_buttons["一般"].setChecked(True)
    page.guardianship.g_income.boxes["打工收入"].setChecked(True)
    page.guardianship.g_assistance.boxes["低保"].setChecked(True)
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.mouseClick(page.guardianship.g_save, Qt.MouseButton.LeftButton)
    saved = archive.get_archive(db, social, ids["李思琪"]).guardianship
    assert (saved.kind, saved.delegate_name, saved.agreement_on_file, saved.quality, saved.income_source,
            saved.assistance) == ("委托监护", "李奶奶", True, "一般", "打工收入", "低保")


def test_the_quick_contact_form_logs_a_station_call_as_a_call_home_session(qtbot, setup):
    page, db, social, ids = setup
    archive.add_parent(db, social, ids["张小雨"], ParentInput(relation="母亲", name="李秀英"))
    open_record(qtbot, page, ids["张小雨"])
    page.tabs.setCurrentIndex(2)
    page.contacts.c_channel.setCurrentText("书信")
    assert not page.contacts.c_session.isEnabled()  # a letter is not a call
    page.contacts.c_channel.setCurrentText("站内亲情连线")
    assert page.contacts.c_session.isEnabled()
    page.contacts.c_initiator.setCurrentIndex(page.contacts.c_initiator.findData("station"))
    page.contacts.c_parent.setCurrentIndex(1)
    qtbot.keyClicks(page.contacts.c_duration, "15")
    type_chinese(page.contacts.c_summary, "和妈妈视频，说了运动会")
    page.contacts.c_session.setChecked(True)
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.keyClick(page.contacts.c_summary, Qt.Key.Key_Return)
    assert page.message.text() == "已记录这次联系，并记为一次思亲梦活动。"
    assert page.contacts.contacts_table.item(0, 1).text() == "站内亲情连线（思亲梦）"
    assert page.contacts.contacts_table.item(0, 3).text() == "母亲 李秀英"
    assert page.contacts.c_summary.text() == "" and not page.contacts.c_session.isChecked()
    with db.transaction() as s:
        assert len(s.scalars(select(ProgrammeSession)).all()) == 1
    assert page.timeline.topLevelItem(0).text(1) == "亲子联系"


def test_a_follow_up_is_marked_done_from_the_contact_list(qtbot, setup):
    page, db, social, ids = setup
    archive.add_contact(db, social, ids["张小雨"], ContactInput(
        dt.datetime.combine(TODAY - dt.timedelta(days=3), dt.time(19)), "电话", "parent",
        follow_up_needed=True, follow_up_due=TODAY))
    open_record(qtbot, page, ids["张小雨"])
    assert page.contacts.contacts_table.item(0, 6).text().startswith("待跟进")
    page.contacts.contacts_table.selectRow(0)
    assert page.contacts.c_done.isEnabled()
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.mouseClick(page.contacts.c_done, Qt.MouseButton.LeftButton)
    assert page.contacts.contacts_table.item(0, 6).text().startswith("已完成")


def test_the_home_visit_form_records_a_visit(qtbot, setup):
    page, db, social, ids = setup
    open_record(qtbot, page, ids["王浩然"])
    page.tabs.setCurrentIndex(3)
    assert page.home_visits.v_fields["visited_on"].text() == TODAY.isoformat()
    type_chinese(page.home_visits.v_fields["visitors"], "社工小王、网格员")
    type_chinese(page.home_visits.v_fields["met_whom"], "祖母")
    page.home_visits.v_fields["findings"].setPlainText("老人腿脚不便，孩子作业没人辅导")
    type_chinese(page.home_visits.v_fields["follow_up_actions"], "安排志愿者结对辅导")
    qtbot.keyClicks(page.home_visits.v_fields["follow_up_due"], (TODAY + dt.timedelta(days=14)).isoformat())
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.mouseClick(page.home_visits.v_save, Qt.MouseButton.LeftButton)
    assert page.home_visits.visits_table.rowCount() == 1 and page.home_visits.visits_table.item(0, 2).text() == "祖母"
    visit = archive.get_archive(db, social, ids["王浩然"]).home_visits[0]
    assert visit.findings == "老人腿脚不便，孩子作业没人辅导" and visit.follow_up_due == TODAY + dt.timedelta(days=14)
    assert page.timeline.topLevelItem(0).text(1) == "家访"


def test_the_page_is_not_offered_to_a_duty_volunteer():
    duty = Actor(user_id=None, name="值班", role=Role.DUTY, station_id=1)
    social = Actor(user_id=None, name="社工", role=Role.SOCIAL, station_id=1)
    assert ArchivePage in PAGES and ArchivePage.permission is Permission.ARCHIVE
    # The main window lists exactly the pages the actor may use.
    assert "archive" not in [p.key for p in PAGES if duty.can(p.permission)]
    assert "archive" in [p.key for p in PAGES if social.can(p.permission)]
    assert not duty.can(Permission.ARCHIVE)


def test_only_an_administrator_gets_the_export_button_and_it_writes_the_workbook(qtbot, setup, tmp_path):
    page, db, social, ids = setup
    assert not hasattr(page, "export_button")  # a social worker's page
    admin = Actor(user_id=None, name="管理员", role=Role.ADMIN, station_id=social.station_id)
    context = AppContext(db=db, station=page.context.station, actor=admin, tasks=page.context.tasks,
                         changes=page.context.changes)
    admin_page = ArchivePage(context)
    qtbot.addWidget(admin_page)
    assert admin_page.export_button.isVisibleTo(admin_page)
    target = tmp_path / "父母档案.xlsx"
    with qtbot.waitSignal(admin_page.message_shown, timeout=WAIT) as said:
        admin_page.export_to(str(target))
    assert said.args[0].startswith("已导出 3 名儿童的档案") and target.exists()


def _archive_reads(db) -> int:
    with db.transaction() as s:
        return len(s.scalars(select(AuditEntry.id).where(AuditEntry.action == "read",
                                                          AuditEntry.entity.in_(("archive", "archive_alerts")))).all())


def test_check_ins_at_the_desk_write_no_archive_reads_hidden_or_shown(qtbot, setup):
    """The audit log records what the social worker looked at: opening the start page and a record, nothing else."""
    from qsh_desk.gui.kernel import Topic
    from qsh_desk.services import checkin

    page, db, social, ids = setup
    page.activated()
    qtbot.waitUntil(lambda: page.alerts is not None, timeout=WAIT)
    open_record(qtbot, page, ids["王浩然"])
    assert _archive_reads(db) == 2  # the start page, then the record she opened

    def check_in_at_the_desk(child_id: int) -> None:
        checkin.check_in(db, social, checkin.CHILD, child_id)
        page.context.changes.publish({Topic.VISITS})  # what the desk announces after every check-in

    page.hide()  # she went to another page
    for name in ("张小雨", "李思琪"):
        check_in_at_the_desk(ids[name])
    qtbot.wait(200)
    assert _archive_reads(db) == 2 and page.context.tasks.pending == 0  # a hidden page reads nothing

    page.show()
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        page.activated()  # back on the page: it catches up, as a refresh of the same view
    check_in_at_the_desk(ids["王浩然"])  # visible now: the timeline shows the arrival
    qtbot.waitUntil(lambda: any("到站" in page.timeline.topLevelItem(i).text(1)
                                for i in range(page.timeline.topLevelItemCount())), timeout=WAIT)
    assert _archive_reads(db) == 2


def test_the_forms_hints_never_look_like_dates_and_a_contact_is_logged_at_the_moment_it_is_saved(
        qtbot, setup, pinned_clock):
    page, db, social, ids = setup
    open_record(qtbot, page, ids["张小雨"])
    hints = [page.contacts.c_at.placeholderText(), page.contacts.c_due.placeholderText(),
             page.home_visits.v_fields["visited_on"].placeholderText(),
             page.parents.parent_fields["last_return"].placeholderText(),
             page.parents.parent_fields["next_return"].placeholderText()]
    assert all(hint and not any(ch.isdigit() for ch in hint) for hint in hints), hints
    page.tabs.setCurrentIndex(2)
    opened_at = page.contacts.c_at.text()
    pinned_clock.advance(dt.timedelta(minutes=20))  # the call took a while before the social worker saved
    type_chinese(page.contacts.c_summary, "和爸爸打电话")
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.keyClick(page.contacts.c_summary, Qt.Key.Key_Return)
    contact = archive.get_archive(db, social, ids["张小雨"]).contacts[0]
    assert contact.contacted_at.strftime("%Y-%m-%d %H:%M") != opened_at
    assert contact.contacted_at.replace(second=0, microsecond=0) == (
        dt.datetime.strptime(opened_at, "%Y-%m-%d %H:%M") + dt.timedelta(minutes=20))


def test_a_refused_follow_up_is_said_beside_the_field_and_enter_saves_the_home_visit(qtbot, setup):
    page, db, social, ids = setup
    open_record(qtbot, page, ids["王浩然"])
    page.tabs.setCurrentIndex(2)
    type_chinese(page.contacts.c_summary, "电话没人接")
    page.contacts.c_follow.setChecked(True)
    qtbot.keyClicks(page.contacts.c_due, "2026-13-40")
    qtbot.keyClick(page.contacts.c_due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.contacts.c_problem.isVisible(), timeout=WAIT)
    assert "跟进" in page.contacts.c_problem.text() or "日期" in page.contacts.c_problem.text()
    assert page.contacts.c_summary.text() == "电话没人接"  # what was typed stays
    assert not archive.get_archive(db, social, ids["王浩然"]).contacts
    page.tabs.setCurrentIndex(3)
    type_chinese(page.home_visits.v_fields["visitors"], "社工小王")
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.keyClick(page.home_visits.v_fields["visitors"], Qt.Key.Key_Return)
    assert page.home_visits.visits_table.rowCount() == 1
def test_a_refusal_goes_away_once_the_user_changes_what_it_was_about(qtbot, setup):
    """The red line is about what was typed before: editing the field takes it off the screen; saving the fixed
    form then says nothing stale."""
    page, db, social, ids = setup
    open_record(qtbot, page, ids["王浩然"])
    page.tabs.setCurrentIndex(2)
    type_chinese(page.contacts.c_summary, "电话没人接")
    page.contacts.c_follow.setChecked(True)
    qtbot.keyClicks(page.contacts.c_due, "2026-13-40")
    qtbot.keyClick(page.contacts.c_due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.contacts.c_problem.isVisible(), timeout=WAIT)
    page.contacts.c_due.setText("")  # a program's own change is not the user's: the refusal stays
    assert page.contacts.c_problem.isVisible()
    qtbot.keyClicks(page.contacts.c_due, "2026-12-10")
    assert not page.contacts.c_problem.isVisible() and page.contacts.c_problem.text() == ""
    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        qtbot.keyClick(page.contacts.c_due, Qt.Key.Key_Return)
    assert [c.summary for c in archive.get_archive(db, social, ids["王浩然"]).contacts] == ["电话没人接"]


def test_the_letter_line_writes_the_words_and_marks_the_letter_sent(qtbot, setup):
    from qsh_desk.db.models import Letter, ParentContact
    from qsh_desk.gui.widgets.letter_words import LetterWordsDialog

    page, db, social, ids = setup
    archive.add_parent(db, social, ids["张小雨"], ParentInput(relation="母亲", name="刘秀兰", phone="13700007777"))
    open_record(qtbot, page, ids["张小雨"])
    assert "还没有寄过" in page.last_letter.text()

    dialog = page.open_letter_words()
    assert isinstance(dialog, LetterWordsDialog)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT)
    dialog.note.setPlainText("小雨这个月学会了折纸飞机，还帮老师整理图书。" * 4)  # too long for one page
    assert dialog.note_count.text() == "88 / 75 字"
    with qtbot.waitSignal(dialog.message_shown, timeout=WAIT):
        dialog.save_button.click()
    assert "老师的话最多 75 个字" in dialog.message.text() and dialog.isVisible()
    dialog.note.setPlainText("小雨这个月学会了折纸飞机，还帮老师整理图书。")
    dialog.child_words.setPlainText("妈妈，我想你！")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save_button.click()
    with db.transaction() as s:
        letter = s.scalars(select(Letter).where(Letter.child_id == ids["张小雨"])).one()
        assert (letter.note, letter.child_words, letter.month) == (
            "小雨这个月学会了折纸飞机，还帮老师整理图书。", "妈妈，我想你！", TODAY.replace(day=1))
    again = page.open_letter_words()
    qtbot.waitUntil(lambda: again.child_words.toPlainText() == "妈妈，我想你！", timeout=WAIT)
    again.reject()

    with qtbot.waitSignal(page.archive_shown, timeout=WAIT):
        page.sent_wechat_button.click()
    qtbot.waitUntil(lambda: "通过微信发给" in page.last_letter.text(), timeout=WAIT)
    assert f"{TODAY:%Y-%m} 月的信".replace(" ", "") in page.last_letter.text().replace(" ", "")
    assert "已记下：张小雨的信已通过微信发给" in page.message.text()
    page.sent_post_button.click()
    qtbot.waitUntil(lambda: "通过书信发给" in page.last_letter.text(), timeout=WAIT)
    with db.transaction() as s:
        channels = s.scalars(select(ParentContact.channel).where(ParentContact.child_id == ids["张小雨"])
                             .order_by(ParentContact.id)).all()
    assert channels == ["微信", "书信"]
