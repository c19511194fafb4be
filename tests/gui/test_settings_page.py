"""The settings page: large type at once, this PC's choices remembered, station settings saved and audited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select

from qsh_desk.db.models import AuditEntry
from qsh_desk.gui import local_settings
from qsh_desk.gui.app import BASE_POINT_SIZE, apply_type_scale, make_application
from qsh_desk.gui.pages.settings import SettingsPage
from qsh_desk.services import settings as station_settings
from qsh_desk.services.access import Role
from qsh_desk.services.stations import current_station


@pytest.fixture
def fresh_pc_settings(qapp):
    """Each test starts from this PC's defaults and leaves the shared application at normal type size."""
    make_application()
    QSettings().clear()
    yield
    QSettings().clear()
    apply_type_scale(QApplication.instance(), 1.0)


def _page(qtbot, harness, db, station, role: Role = Role.ADMIN) -> tuple[SettingsPage, list[BaseException]]:
    errors = harness.errors
    page = SettingsPage(harness.context(db, station, role))
    qtbot.addWidget(page)
    page.show()
    page.activated()
    qtbot.waitUntil(lambda: bool(page._loaded_station), timeout=10_000)
    return page, errors


def _type_chinese(widget, text: str) -> None:
    """Qt's key clicks abort on non-ASCII characters: commit the text the way an input method does."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_large_type_mode_enlarges_the_interface_at_once_and_after_a_restart(qtbot, harness, db, station, fresh_pc_settings):
    page, _ = _page(qtbot, harness, db, station)
    heading_before = page.findChild(type(page.local_status), "pageHeading").sizeHint().height()
    page.scale.setFocus()
    qtbot.keyClick(page.scale, Qt.Key.Key_Down)  # 标准 → 大
    qtbot.keyClick(page.scale, Qt.Key.Key_Down)  # 大 → 更大
    assert page.scale.currentText() == "更大"
    app = QApplication.instance()
    assert app.font().pointSizeF() == pytest.approx(BASE_POINT_SIZE * 1.4)
    assert page.findChild(type(page.local_status), "pageHeading").sizeHint().height() > heading_before
    assert "已保存" in page.local_status.text()
    # The next start reads it back.
    apply_type_scale(app, 1.0)
    make_application()
    assert app.font().pointSizeF() == pytest.approx(BASE_POINT_SIZE * 1.4)


def test_printer_paper_and_language_are_remembered_for_this_pc(qtbot, harness, db, station, fresh_pc_settings):
    page, _ = _page(qtbot, harness, db, station)
    assert page.printer.currentText() == "系统默认打印机"
    page.paper.setCurrentIndex(page.paper.findData("A3"))
    assert local_settings.get("print/paper") == "A3"
    assert page.language_hint.text() == ""
    page.language.setCurrentIndex(page.language.findData("en"))
    assert local_settings.get("ui/language") == "en"
    assert "重新启动" in page.language_hint.text()
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    assert page.language_hint.text() == ""


def test_a_missing_printer_stays_chosen_and_is_marked(qtbot, harness, db, station, fresh_pc_settings):
    local_settings.set_value("print/printer", "前台 HP LaserJet")
    page, _ = _page(qtbot, harness, db, station)
    assert page.printer.currentData() == "前台 HP LaserJet"
    assert "未连接" in page.printer.currentText()


def test_idle_lock_and_second_backup_folder(qtbot, harness, db, station, fresh_pc_settings, tmp_path, monkeypatch):
    page, _ = _page(qtbot, harness, db, station)
    page.idle_lock.setFocus()
    page.idle_lock.lineEdit().selectAll()
    qtbot.keyClicks(page.idle_lock, "25")
    assert local_settings.get("security/idle_lock_minutes") == 25

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(usb))
    qtbot.mouseClick(page.choose_backup, Qt.MouseButton.LeftButton)
    assert page.backup_folder.text() == str(usb)
    assert local_settings.get("backup/second_folder") == str(usb)

    # A folder that is gone (a U 盘 pulled out) is refused, and the one chosen before is kept.
    assert not page.set_backup_folder(str(tmp_path / "gone"))
    assert "不能写入" in page.local_status.text()
    assert local_settings.get("backup/second_folder") == str(usb)

    qtbot.mouseClick(page.clear_backup, Qt.MouseButton.LeftButton)
    assert local_settings.get("backup/second_folder") == ""


def test_station_settings_and_name_are_saved_and_audited(qtbot, harness, db, station, fresh_pc_settings):
    page, errors = _page(qtbot, harness, db, station)
    spin = page.station_fields["no_contact_days"]
    assert spin.value() == 30
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "45")
    rounding = page.station_fields["hours_rounding_minutes"]
    rounding.setCurrentIndex(rounding.findData(30))
    page.station_name.setFocus()
    page.station_name.selectAll()
    _type_chinese(page.station_name, "高新社区亲善之家（二楼）")

    with qtbot.waitSignal(page.station_saved, timeout=10_000):
        qtbot.mouseClick(page.save_station, Qt.MouseButton.LeftButton)

    assert errors == []
    assert "已保存" in page.station_status.text()
    assert station_settings.station_value(db, station.id, "no_contact_days") == 45
    assert station_settings.station_value(db, station.id, "hours_rounding_minutes") == 30
    assert current_station(db).name == "高新社区亲善之家（二楼）"
    assert page.context.station.name == "高新社区亲善之家（二楼）"
    with db.transaction() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "update")).all()
        audited = {(e.entity, (e.detail or {}).get("key")) for e in entries}
    assert audited == {("station", None), ("setting", "no_contact_days"), ("setting", "hours_rounding_minutes")}


def test_an_empty_station_name_is_refused_and_nothing_changes(qtbot, harness, db, station, fresh_pc_settings):
    page, _ = _page(qtbot, harness, db, station)
    page.station_name.clear()
    spin = page.station_fields["undo_minutes"]
    spin.setValue(9)
    qtbot.mouseClick(page.save_station, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "站点名称" in page.station_status.text(), timeout=10_000)
    assert page.save_station.isEnabled()
    assert current_station(db).name == station.name
    assert station_settings.station_value(db, station.id, "undo_minutes") == 5


def test_a_duty_volunteer_may_enlarge_the_type_but_not_change_the_station(qtbot, harness, db, station, fresh_pc_settings):
    page, _ = _page(qtbot, harness, db, station, Role.DUTY)
    assert page.scale.isEnabled() and page.printer.isEnabled() and page.language.isEnabled()
    assert not page.idle_lock.isEnabled() and not page.choose_backup.isEnabled()
    assert not page.save_station.isEnabled() and not page.station_name.isEnabled()
    assert all(not widget.isEnabled() for widget in page.station_fields.values())
    assert any("只有管理员" in label.text() for label in page.findChildren(type(page.local_status)))
    # The values are still shown, so a volunteer can read them.
    assert page.station_fields["undo_minutes"].value() == 5


def test_the_print_dialog_starts_with_this_pcs_paper_and_a_connected_printer_only(fresh_pc_settings):
    default_name = QPrinter().printerName()
    local_settings.set_value("print/paper", "A3")
    local_settings.set_value("print/printer", "前台 HP LaserJet")  # not connected here
    printer = local_settings.apply_printer_settings(QPrinter())
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A3
    assert printer.printerName() == default_name


def test_every_station_setting_has_a_field_showing_its_value(qtbot, harness, db, station, fresh_pc_settings):
    page, _ = _page(qtbot, harness, db, station)
    assert set(page.station_fields) == set(station_settings.REGISTRY)
    for key, setting in station_settings.REGISTRY.items():
        assert page._field_value(page.station_fields[key]) == setting.default, key


def test_the_room_limits_read_unlimited_until_set_and_can_be_turned_off_again(qtbot, harness, db, station,
                                                                           fresh_pc_settings):
    page, errors = _page(qtbot, harness, db, station)
    spin = page.station_fields["room_capacity"]
    assert spin.text() == "不限" and page._field_value(spin) is None
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "40")
    with qtbot.waitSignal(page.station_saved, timeout=10_000):
        qtbot.mouseClick(page.save_station, Qt.MouseButton.LeftButton)
    assert station_settings.station_value(db, station.id, "room_capacity") == 40
    spin.setValue(spin.minimum())  # back to 不限
    with qtbot.waitSignal(page.station_saved, timeout=10_000):
        qtbot.mouseClick(page.save_station, Qt.MouseButton.LeftButton)
    assert station_settings.station_value(db, station.id, "room_capacity") is None and spin.text() == "不限"
    assert errors == []


def test_the_administrator_seals_the_usb_copies_with_a_passphrase_and_stops_again(
        qtbot, harness, db, station, fresh_pc_settings, monkeypatch):
    from qsh_desk.gui.pages import settings as settings_page
    from qsh_desk.services import sealed

    sealed.stop_sealing()
    page, errors = _page(qtbot, harness, db, station)
    assert "未加密" in page.sealing_state.text() and not page.unseal_button.isVisible()
    monkeypatch.setattr(settings_page, "ask_passphrase", lambda parent, choose: "short")
    qtbot.mouseClick(page.seal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "至少要 10 个字符" in page.local_status.text(), timeout=10_000)
    assert sealed.current_key() is None
    monkeypatch.setattr(settings_page, "ask_passphrase", lambda parent, choose: "高新社区周六见2026")
    qtbot.mouseClick(page.seal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已加密" in page.sealing_state.text(), timeout=10_000)
    assert sealed.current_key() is not None and page.unseal_button.isVisible()
    assert "口令抄在纸上" in page.local_status.text() and page.seal_button.text() == "换口令…"
    qtbot.mouseClick(page.unseal_button, Qt.MouseButton.LeftButton)  # offscreen, the question counts as yes
    assert sealed.current_key() is None and "未加密" in page.sealing_state.text() and errors == []


def test_only_an_administrator_may_change_the_sealing(qtbot, harness, db, station, fresh_pc_settings):
    page, _ = _page(qtbot, harness, db, station, Role.SOCIAL)
    assert not page.seal_button.isEnabled() and not page.unseal_button.isEnabled()
