"""The 志愿者 page: a volunteer's 政治面貌, 在职党员 and ID in the form, the service-record export and the 双报到
feedback for a work unit, driven through the real widgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook
from PySide6.QtCore import QDate

from qsh_desk.db.models import VolunteerShift
from qsh_desk.gui.pages.volunteers import VolunteersPage
from qsh_desk.services import volunteers
from qsh_desk.services.access import Role
from tests.gui.test_roster_pages import WAIT, setup, type_text  # noqa: F401 - `setup` is the fixture

ID = "360102198001010013"


def _edit(qtbot, page, name: str):
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == name)
    page.table.selectRow(row)
    with qtbot.waitSignal(page.editor_opened, timeout=WAIT):
        page.edit_button.click()
    return page.editor


def test_an_administrator_records_a_party_member_and_exports_the_service_records(qtbot, setup, tmp_path):  # noqa: F811
    build, db, admin = setup
    page = build(VolunteersPage)
    editor = _edit(qtbot, page, "刘芳")
    editor.political_status.setCurrentIndex(editor.political_status.findData("中共党员"))
    editor.in_service_party_member.setChecked(True)
    type_text(editor.work_unit, "")
    with qtbot.waitSignal(editor.problems_shown, timeout=WAIT):
        editor.save_button.click()
    assert "在职党员请填写工作单位" in editor.error_text("工作单位")
    type_text(editor.work_unit, "青山湖区税务局")
    type_text(editor.work_unit_party_org, "青山湖区税务局机关党委")
    editor.id_type.setCurrentIndex(editor.id_type.findData("居民身份证"))
    qtbot.keyClicks(editor.id_number, ID)
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        with qtbot.waitSignal(editor.saved, timeout=WAIT):
            editor.save_button.click()
    [saved] = [v for v in volunteers.list_volunteers(db, admin) if v.name == "刘芳"]
    assert (saved.political_status, saved.in_service_party_member, saved.work_unit, saved.id_number) == (
        "中共党员", True, "青山湖区税务局", ID)
    with db.transaction() as s:
        s.add(VolunteerShift(station_id=admin.station_id, volunteer_id=saved.id, started_at=dt.datetime(2026, 11, 21, 9),
                             ended_at=dt.datetime(2026, 11, 21, 12), hours=Decimal(3)))

    dialog = page.open_service_records()
    qtbot.waitUntil(lambda: dialog.unit.count() == 1, timeout=WAIT)
    assert dialog.unit.currentText() == "青山湖区税务局"
    dialog.date_from.setDate(QDate(2026, 11, 1))
    out = tmp_path / "hours.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.export_to(str(out))
    assert "共 3 小时" in dialog.message.text()
    rows = list(load_workbook(out)["服务记录"].iter_rows(values_only=True))
    assert rows[1][:4] == ("刘芳", None, "居民身份证", ID)
    with qtbot.waitSignal(page.party_report_wanted, timeout=WAIT) as wanted:
        dialog.party_button.click()
    assert wanted.args == ["青山湖区税务局", dt.date(2026, 11, 1), dt.date(2026, 11, 28)]


def test_a_social_worker_sees_no_id_fields_and_no_export(qtbot, setup):  # noqa: F811
    build, _db, _admin = setup
    page = build(VolunteersPage, Role.SOCIAL)
    editor = _edit(qtbot, page, "陈军")
    assert not hasattr(editor, "id_number") and "id_number" not in editor.widgets
    assert editor.political_status.isVisible() and editor.work_unit.isVisible()
    editor.reject()
    dialog = page.open_service_records()
    qtbot.waitUntil(lambda: "还没有登记在职党员" in dialog.message.text(), timeout=WAIT)
    assert not dialog.export_button.isVisible() and dialog.party_button.isVisible()
