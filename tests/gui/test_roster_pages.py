"""The 儿童 and 志愿者 pages: table models (without widgets), filters, the edit form's messages next to fields,
the duplicate warning, stale edits, the import wizard, template and export — driven through real widgets."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from sqlalchemy import func, select

from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, Volunteer
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.gui.app import make_application
from qsh_desk.gui.models.roster import ChildTableModel, ProblemTableModel, VolunteerTableModel
from qsh_desk.gui.models.rows import ROW_ROLE, SORT_ROLE, SortProxy
from qsh_desk.gui.pages import PAGES
from qsh_desk.gui.pages.children import ChildrenPage
from qsh_desk.gui.pages.volunteers import VolunteersPage
from qsh_desk.services import roster, volunteers
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import Problem
from qsh_desk.services.roster import ChildInput, ChildSummary, GuardianInput
from qsh_desk.services.search_keys import sort_key
from qsh_desk.services.stations import ensure_station
from qsh_desk.services.volunteers import VolunteerInput
from tests.test_import_export import MESSY_ROWS, write_csv

WAIT = 10_000


def type_text(widget: QLineEdit, text: str) -> None:
    """Type as an input method does (QTest.keyClicks aborts on non-ASCII text)."""
    widget.setFocus()
    widget.clear()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def summary(name: str, birth: dt.date | None, active: bool = True, **more) -> ChildSummary:
    values = dict(id=1, name=name, sort_name=sort_key(name), gender="男", birth_date=birth, age=None, school=None, grade=None, card_code="C1",
                  medical_flag=False, active=active, paired=False, guardian=None, guardian_phone=None,
                  has_photo=False, version=1)
    values.update(more)
    return ChildSummary(**values)


# --- models, without widgets --------------------------------------------------------------------


def test_the_child_model_shows_plain_rows_and_sorts_names_by_pinyin(qapp):
    model = ChildTableModel()
    rows = [summary("张三", dt.date(2015, 3, 4), id=1), summary("阿依古丽", dt.date(2016, 1, 1), id=2),
            summary("王五", None, id=3, medical_flag=True, active=False), summary("李四", dt.date(2014, 1, 1), id=4)]
    model.set_rows(rows)
    assert (model.rowCount(), model.columnCount()) == (4, 12)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["姓名", "性别", "年龄"] and "过敏/疾病" in headers
    wang = model.index(2, headers.index("过敏/疾病"))
    assert wang.data() == "⚠ 有" and model.index(2, headers.index("状态")).data() == "已归档"
    assert model.index(0, 0).data(ROW_ROLE) is rows[0]
    proxy = SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["阿依古丽", "李四", "王五", "张三"]
    proxy.sort(headers.index("年龄"), Qt.SortOrder.AscendingOrder)  # youngest first, unknown age last
    assert [proxy.row_at(r).name for r in range(4)] == ["阿依古丽", "张三", "李四", "王五"]
    assert model.index(0, 2).data(SORT_ROLE) == -dt.date(2015, 3, 4).toordinal()
    # 曾 as a surname reads zeng (after 王, before 张), as on the printed sheets — not ceng, under C.
    model.set_rows([*rows, summary("曾小明", None, id=5), summary("蔡明", None, id=6)])
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(r, 0).data() for r in range(6)]
    assert names == ["阿依古丽", "蔡明", "李四", "王五", "曾小明", "张三"]


def test_the_volunteer_and_problem_models(qapp):
    volunteer_model = VolunteerTableModel()
    volunteer_model.set_rows([volunteers.VolunteerSummary(1, "刘芳", sort_key("刘芳"), "女", "139****1111", "南昌大学志愿服务队", "JX1",
                                                          "绘画", "V01000001", True, True, 1)])
    assert [volunteer_model.index(0, c).data() for c in range(volunteer_model.columnCount())] == [
        "刘芳", "女", "139****1111", "南昌大学志愿服务队", "JX1", "绘画", "已结对", "V01000001", "在册"]
    problems = ProblemTableModel()
    problems.set_rows([Problem("请核对。", field="性别", row=7, value="x"), Problem("缺少“姓名”列。")])
    assert [problems.index(0, c).data() for c in range(4)] == ["7", "性别", "x", "请核对。"]
    assert problems.index(1, 0).data() == "整个文件"


# --- pages --------------------------------------------------------------------------------------


@pytest.fixture
def setup(qtbot, harness, tmp_path):
    """A station with three children and two volunteers; a function building a page for a role."""
    make_application()
    db = Database(tmp_path / "roster.sqlite3")
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    admin = Actor(user_id=None, name="管理员", role=Role.ADMIN, station_id=station.id)
    roster.add_child(db, admin, ChildInput("王小明", "男", "2015-03-04", school="高新小学", grade="三年级",
                                           guardians=(GuardianInput("王秀英", "祖母", "13812345678"),)))
    roster.add_child(db, admin, ChildInput("张三丰", "男", "2014-05-06", school="塘山中学", grade="初一",
                                           medical_flag=True, medical_details="花生过敏",
                                           guardians=(GuardianInput("张华", "外公", "13900001111"),)))
    roster.add_child(db, admin, ChildInput("李𬬭", "女", "2016-07-08", school="高新小学", grade="二年级"))
    volunteers.add_volunteer(db, admin, VolunteerInput("刘芳", "女", "13900002222", "南昌大学志愿服务队"))
    volunteers.add_volunteer(db, admin, VolunteerInput("陈军", "男", "13900003333", "社区五老志愿队"))
    errors = harness.errors
    built = []

    def build(page_class, role: Role = Role.ADMIN):
        actor = Actor(user_id=None, name=role.value, role=role, station_id=station.id)
        page = page_class(harness.context(db, station, actor=actor))
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
            page.activated()
        built.append(page)
        return page

    yield build, db, admin
    harness.settle()
    db.dispose()
    assert errors == []


def names(page) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def count(db, table) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_both_pages_are_registered_in_the_navigation():
    keys = {page.key: page.title for page in PAGES}
    assert keys["children"] == "儿童" and keys["volunteers"] == "志愿者"


def test_the_children_table_filters_by_pinyin_school_and_allergy(qtbot, setup):
    build, _db, _admin = setup
    page = build(ChildrenPage)
    assert names(page) == ["李𬬭", "王小明", "张三丰"] and page.count.text() == "共 3 人"
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        qtbot.keyClicks(page.search, "zsf")
    assert names(page) == ["张三丰"]
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.search.clear()
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.school_filter.setCurrentIndex(page.school_filter.findData("高新小学"))
    assert names(page) == ["李𬬭", "王小明"]
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.school_filter.setCurrentIndex(0)
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.medical_filter.setCurrentIndex(page.medical_filter.findData(True))
    assert names(page) == ["张三丰"]


@pytest.mark.parametrize("scale", [1.0, 1.6], ids=["standard", "extra-large"])
def test_the_search_box_shows_its_magnifier_centred_and_its_whole_hint(qtbot, setup, scale):
    build, _db, _admin = setup
    page = build(ChildrenPage)
    font = page.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    page.setFont(font)
    page.resize(1000, 700)  # the page as it sits in the window on a 1024×768 screen
    qtbot.wait(50)
    box = page.search
    magnifier = box.findChild(QLabel, "searchIcon")
    assert magnifier.isVisible() and magnifier.height() >= box.fontMetrics().height() - 1
    middle = magnifier.y() + magnifier.height() / 2
    assert abs(middle - box.height() / 2) <= 1.5  # on the text's line, not sitting low
    assert box.cursorRect().left() >= magnifier.x() + magnifier.width()  # what is typed starts after it
    hint = box.placeholderText()
    assert "监护人电话后四位" in hint
    room = box.width() - box.cursorRect().left() - 30  # less the clear button
    assert box.fontMetrics().horizontalAdvance(hint) <= room  # the hint is shown whole, not "卡号、…"
    for combo in (page.medical_filter, page.paired_filter):  # fixed choices are read whole
        assert combo.width() > combo.fontMetrics().horizontalAdvance(combo.currentText()) + 20


def test_duty_volunteers_see_masked_phones_and_no_edit_actions(qtbot, setup):
    build, _db, _admin = setup
    page = build(ChildrenPage, Role.DUTY)
    column = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())].index("电话")
    phones = {page.proxy.index(r, 0).data(): page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())}
    assert phones["王小明"] == "138****5678"
    assert not page.new_button.isVisible()  # the full record is for who edits the roster; a walk-in is the desk's F2
    assert page.edit_button.text() == "查看"
    assert not page.archive_button.isVisible() and not page.delete_button.isVisible()
    assert not page.import_button.isVisible() and not page.export_button.isVisible()


def open_new_editor(qtbot, page):
    with qtbot.waitSignal(page.editor_opened, timeout=WAIT):
        page.new_button.click()
    return page.editor


def test_the_edit_form_shows_each_problem_next_to_its_field_and_writes_nothing(qtbot, setup):
    build, db, _admin = setup
    page = build(ChildrenPage)
    editor = open_new_editor(qtbot, page)
    type_text(editor.name, "王小明2")
    qtbot.keyClicks(editor.birth_date, "2015-13-01")
    editor.set_guardian(0, "王秀英", "奶奶", "1381234567")
    with qtbot.waitSignal(editor.problems_shown, timeout=WAIT):
        editor.save_button.click()
    assert editor.error_text("姓名") == "姓名里不能有数字或符号 “2”，请只写名字本身（备注另填）。"
    assert editor.error_text("性别") == "这一项必须填写。"
    assert editor.error_text("出生日期") == "没有 2015 年 13 月 1 日这一天，请核对。"
    assert editor.guardian_errors.text() == "监护人1 电话：手机号应为 11 位数字（现在是 10 位），请核对。"
    assert editor.error_text("学校") == ""
    assert editor.tabs.currentIndex() == 0 and editor.isVisible()
    assert editor.name.text() == "王小明2"  # what was typed stays
    assert count(db, Child) == 3


def test_a_refused_save_keeps_the_form_and_nothing_typed_is_lost_without_asking(qtbot, setup):
    build, db, _admin = setup
    page = build(ChildrenPage)
    page.say("已保存：张三丰")  # an earlier save's message must not speak for the new form
    editor = open_new_editor(qtbot, page)
    assert not page.message.isVisible()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=WAIT)
    type_text(editor.name, "王小明2")
    editor.save_button.setFocus()
    with qtbot.waitSignal(editor.problems_shown, timeout=WAIT):
        qtbot.keyClick(editor.save_button, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.name  # on the first problem, never on 取消
    # Enter again, even from 取消, tries to save again: the form stays with what was typed.
    editor.cancel_button.setFocus()
    with qtbot.waitSignal(editor.problems_shown, timeout=WAIT):
        qtbot.keyClick(editor.cancel_button, Qt.Key.Key_Return)
    assert editor.isVisible() and editor.name.text() == "王小明2"
    # Esc asks before throwing the input away; 继续填写 (the default) keeps the form.
    qtbot.keyClick(editor.name, Qt.Key.Key_Escape)
    question = editor.discard_question
    assert question is not None and question.isVisible() and "还没有保存" in question.text()
    assert question.defaultButton().text() == "继续填写"
    question.defaultButton().click()
    assert editor.isVisible() and editor.name.text() == "王小明2"
    editor.cancel_button.click()
    drop = next(b for b in editor.discard_question.buttons() if b.text() == "放弃并关闭")
    drop.click()
    assert not editor.isVisible() and count(db, Child) == 3


def test_a_form_closes_without_asking_when_nothing_was_typed(qtbot, setup):
    build, _db, _admin = setup
    page = build(ChildrenPage)
    page.select_row(next(r.id for r in page.model.rows() if r.name == "张三丰"))
    with qtbot.waitSignal(page.editor_opened, timeout=WAIT):
        page.edit_button.click()
    editor = page.editor
    qtbot.waitUntil(editor.isVisible, timeout=WAIT)
    editor.cancel_button.click()
    assert not editor.isVisible() and editor.discard_question is None


def test_a_possible_duplicate_warns_before_saving(qtbot, setup):
    build, db, _admin = setup
    page = build(ChildrenPage)
    editor = open_new_editor(qtbot, page)
    type_text(editor.name, "王小明")
    editor.gender.setCurrentText("男")
    qtbot.keyClicks(editor.birth_date, "2015/3/4")
    editor.set_guardian(0, "王建国", "父亲", "13700000000")
    with qtbot.waitSignal(editor.duplicate_shown, timeout=WAIT):
        editor.save_button.click()
    warning = editor.duplicate_dialog
    assert warning.isVisible() and "王小明，男，2015-03-04，祖母 王秀英（卡号 C01000001）" in warning.matches.text()
    assert warning.back.isDefault()
    warning.back.click()
    assert not warning.isVisible() and editor.isVisible() and count(db, Child) == 3
    with qtbot.waitSignal(editor.duplicate_shown, timeout=WAIT):
        editor.save_button.click()
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        editor.duplicate_dialog.save_anyway.click()
    assert count(db, Child) == 4
    qtbot.waitUntil(lambda: names(page).count("王小明") == 2, timeout=WAIT)


def test_a_stale_edit_is_refused_and_what_was_typed_stays(qtbot, setup):
    build, db, admin = setup
    page = build(ChildrenPage)
    assert page.select_row(next(r.id for r in page.model.rows() if r.name == "王小明"))
    with qtbot.waitSignal(page.editor_opened, timeout=WAIT):
        page.edit_button.click()
    editor = page.editor
    assert editor.guardian_inputs()[0].phone == "13812345678"
    # Someone else saves the same child first.
    detail = roster.get_child(db, admin, editor.detail.id)
    roster.update_child(db, admin, detail.id, replace(roster.input_from_detail(detail), school="塘山中学"),
                        detail.version)
    editor.school.setCurrentText("京东小学")
    with qtbot.waitSignal(editor.conflict_shown, timeout=WAIT) as shown:
        editor.save_button.click()
    assert "刚刚被别人（或另一台电脑）修改过，您的修改没有保存" in shown.args[0]
    assert editor.general.isVisible() and editor.school.currentText() == "京东小学"
    assert roster.get_child(db, admin, detail.id).school == "塘山中学"


def test_consents_and_photo_in_the_edit_form(qtbot, setup, tmp_path):
    from tests.test_roster import PNG

    build, db, admin = setup
    page = build(ChildrenPage)
    page.select_row(next(r.id for r in page.model.rows() if r.name == "王小明"))
    with qtbot.waitSignal(page.editor_opened, timeout=WAIT):
        page.edit_selected()
    editor = page.editor
    type_text(editor.consent_by, "祖母 王秀英")
    with qtbot.waitSignal(editor.consents_changed, timeout=WAIT):
        editor.consent_add.click()
    assert editor.consent_errors.text().startswith("同意范围：请写明同意保存哪些信息")
    type_text(editor.consent_scope, "花名册和照片，仅用于本站活动")
    with qtbot.waitSignal(editor.consents_changed, timeout=WAIT):
        editor.consent_add.click()
    assert editor.consent_list.count() == 1
    assert editor.consent_list.item(0).text().startswith("同意保存儿童信息：祖母 王秀英，")
    photo = tmp_path / "photo.png"
    photo.write_bytes(PNG)
    with qtbot.waitSignal(editor.photo_changed, timeout=WAIT):
        editor.set_photo_file(str(photo))
    assert editor.photo.pixmap() is not None and not editor.photo.pixmap().isNull()
    # The form saves on top of the photo's new version without a false conflict.
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        editor.save_button.click()
    assert roster.get_child(db, admin, editor.detail.id).photo_path


def test_the_import_wizard_previews_every_problem_then_imports_only_valid_rows(qtbot, setup, tmp_path):
    build, db, _admin = setup
    page = build(ChildrenPage)
    path = tmp_path / "花名册.csv"
    write_csv(path, MESSY_ROWS, "gbk")
    wizard = page.open_import()
    with qtbot.waitSignal(wizard.checked, timeout=WAIT):
        wizard.check_file(str(path))
    assert wizard.problems.rowCount() == 5
    assert wizard.summary.text().startswith("共 7 行，可导入 2 名儿童，1 名已在名单中（不会重复添加），4 行有问题。")
    assert "未识别的列（不会导入）：家庭年收入" in wizard.notes.text()
    assert "第 4 行“王小明”已在名单中" in wizard.notes.text()
    assert not wizard.import_all.isEnabled() and wizard.import_valid.isEnabled()
    assert count(db, Child) == 3
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        with qtbot.waitSignal(wizard.imported, timeout=WAIT) as done:
            wizard.import_valid.click()
    assert done.args[0] == "已导入 2 名儿童。1 名已在名单中，未重复添加。有问题的 4 行未导入（第 7、8、9、10 行），请改正后单独导入。"
    assert count(db, Child) == 5 and "李梅" in names(page)


def test_template_and_export_from_the_page(qtbot, setup, tmp_path):
    build, _db, _admin = setup
    page = build(ChildrenPage)
    with qtbot.waitSignal(page.message_shown, timeout=WAIT) as said:
        page.save_template(str(tmp_path / "模板.xlsx"))
    assert said.args[0].startswith("已保存导入模板：") and (tmp_path / "模板.xlsx").exists()
    with qtbot.waitSignal(page.message_shown, timeout=WAIT) as said:
        page.export_to(str(tmp_path / "children.xlsx"))
    assert said.args[0] == f"已导出 3 名儿童到 {tmp_path / 'children.xlsx'}"
    with qtbot.waitSignal(page.message_shown, timeout=WAIT) as said:
        page.export_to(str(tmp_path / "children.txt"))
    assert said.args[0] == "请把文件保存为 .xlsx 格式（文件名以 .xlsx 结尾）。"


def test_archive_and_delete_from_the_page(qtbot, setup):
    build, db, _admin = setup
    page = build(ChildrenPage)
    page.select_row(next(r.id for r in page.model.rows() if r.name == "李𬬭"))
    assert page.archive_button.text() == "归档"
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.archive_button.click()
    assert names(page) == ["王小明", "张三丰"]
    page.select_row(next(r.id for r in page.model.rows() if r.name == "王小明"))
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.delete_button.click()
    assert names(page) == ["张三丰"] and count(db, Child) == 2


def test_the_volunteers_page_adds_with_a_new_team_and_warns_of_duplicates(qtbot, setup):
    build, db, _admin = setup
    page = build(VolunteersPage)
    assert names(page) == ["陈军", "刘芳"]
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.team_filter.setCurrentIndex(page.team_filter.findData("社区五老志愿队"))
    assert names(page) == ["陈军"]
    with qtbot.waitSignal(page.editor_opened, timeout=WAIT):
        page.new_button.click()
    editor = page.editor
    type_text(editor.name, "刘芳")
    qtbot.keyClicks(editor.phone, "139 0000 2222")
    type_text(editor.team.lineEdit(), "党员志愿服务队")
    with qtbot.waitSignal(editor.duplicate_shown, timeout=WAIT):
        editor.save_button.click()
    assert "刘芳（卡号 V01000001，南昌大学志愿服务队）" in editor.duplicate_dialog.matches.text()
    editor.duplicate_dialog.back.click()
    editor.phone.clear()
    qtbot.keyClicks(editor.phone, "12345")
    with qtbot.waitSignal(editor.problems_shown, timeout=WAIT):
        editor.save_button.click()
    assert editor.error_text("手机号") == "手机号应为 11 位数字（现在是 5 位），请核对。"
    editor.phone.clear()
    qtbot.keyClicks(editor.phone, "13900004444")
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        with qtbot.waitSignal(editor.saved, timeout=WAIT):
            editor.save_button.click()
    assert count(db, Volunteer) == 3
    assert {t.name for t in page.teams} == {"党员志愿服务队", "南昌大学志愿服务队", "社区五老志愿队"}
    assert "刘芳" in names(page) or page.team_filter.currentData() == "社区五老志愿队"


def test_the_station_defines_its_teams(qtbot, setup):
    build, _db, admin = setup
    page = build(VolunteersPage)
    dialog = page.open_teams()
    qtbot.waitUntil(lambda: dialog.teams.count() == 2, timeout=WAIT)
    type_text(dialog.name, "巾帼志愿队")
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.teams.count() == 3, timeout=WAIT)
    assert page.team_filter.findData("巾帼志愿队") > 0
    type_text(dialog.name, "巾帼志愿队")
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        dialog.add_button.click()
    assert dialog.message.text() == "已经有名为“巾帼志愿队”的队伍。"
    dialog.teams.setCurrentRow([dialog.teams.item(i).text() for i in range(3)].index("社区五老志愿队（1 人）"))
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.teams.count() == 2, timeout=WAIT)
    assert [v.team for v in volunteers.list_volunteers(_db, admin) if v.name == "陈军"] == [None]


def test_enter_in_the_search_box_opens_the_one_child_typed_or_offers_the_list(qtbot, setup):
    build, _db, _admin = setup
    page = build(ChildrenPage)
    with qtbot.waitSignal(page.editor_opened, timeout=WAIT):
        qtbot.keyClicks(page.search, "zsf")
        qtbot.keyClick(page.search, Qt.Key.Key_Return)  # at once: Enter waits for the rows of "zsf"
    assert page.editor.name.text() == "张三丰"
    page.editor.reject()
    page.search.clear()
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.rowCount() > 1 and "用 ↓ ↑ 选中" in page.message.text()
    assert page.selected() is not None


def test_a_childs_record_shows_and_adds_that_childs_wishes(qtbot, setup):
    from qsh_desk.services import wishes

    build, db, admin = setup
    child_id = next(c.id for c in roster.list_children(db, admin) if c.name == "王小明")
    wishes.add_wish(db, admin, child_id, "一本新华字典")
    wishes.add_wish(db, admin, next(c.id for c in roster.list_children(db, admin) if c.name == "张三丰"), "一个篮球")
    page = build(ChildrenPage, Role.DUTY)
    assert page.select_row(child_id)
    with qtbot.waitSignal(page.editor_opened, timeout=WAIT):
        page.edit_button.click()
    tab = page.editor.wishes_tab
    page.editor.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=WAIT)
    assert tab.table.item(0, 2).text() == "一本新华字典"
    dialog = tab.add_wish()
    dialog.wish.setFocus()
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString("去科技馆看一看")
    QApplication.sendEvent(dialog.wish, event)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2, timeout=WAIT)
    assert tab.message.text() == "微心愿已登记。"
