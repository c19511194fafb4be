"""打印 page: choose a document, the preview appears (built off the GUI thread), then print and save it."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from qsh_desk.gui.pages.print import PrintPage
from qsh_desk.services import settings
from qsh_desk.services.access import Role
from tests.desk_helpers import add_child
from tests.programme_data import add_shift, add_volunteer

TODAY = dt.date(2026, 3, 14)


def _page(qtbot, harness, db, station, role: Role) -> tuple[PrintPage, list[BaseException]]:
    errors = harness.errors
    page = PrintPage(harness.context(db, station, role), today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.activated()
    return page, errors


def test_preview_print_and_save_a_signin_sheet(qtbot, harness, db, station, admin, tmp_path):
    settings.set_value(db, admin, "signin_expected", "active")
    for name in ("张三", "李四"):
        add_child(db, station.id, name)
    page, errors = _page(qtbot, harness, db, station, Role.DUTY)
    assert not page.print_button.isEnabled() and not page.save_button.isEnabled()
    assert page.current_kind() == "signin-sheet" and page.date.isVisible() and not page.month.isVisible()

    with qtbot.waitSignal(page.built, timeout=20_000) as built:
        page.build_button.click()
    assert page.progress.isHidden() and built.args == [1]
    assert page.document.pageCount() == 1 and page.print_button.isEnabled()
    assert "共 1 页" in page.status.text()

    saved = tmp_path / "sheet.pdf"
    page.save_to(saved)
    text = PdfReader(saved).pages[0].extract_text()
    assert "张三" in text and "李四" in text and "2026年3月14日" in text

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(page.printed, timeout=20_000) as printed:
        page.print_to(printer)  # on the printing thread: the window goes on meanwhile
        assert "正在送往打印机" in page.status.text() and not page.print_button.isEnabled()
    assert printed.args == [1] and "已送往打印机：1 页" in page.status.text() and page.print_button.isEnabled()
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 1
    assert errors == []


def test_parameters_follow_the_document_and_restricted_ones_are_hidden(qtbot, harness, db, station):
    page, _ = _page(qtbot, harness, db, station, Role.DUTY)
    kinds = [page.kind.itemData(i) for i in range(page.kind.count())]
    assert "roster" not in kinds and "home-visit" not in kinds and "cards" in kinds
    page.choose("attendance")
    assert page.month.isVisible() and not page.date.isVisible()
    page.choose("certificate")
    assert page.volunteer.isVisible() and page.date_from.isVisible() and page.date_to.isVisible()
    social, _ = _page(qtbot, harness, db, station, Role.SOCIAL)
    assert social.kind.findData("roster") >= 0 and social.kind.findData("home-visit") >= 0


def test_a_certificate_for_an_ambiguous_name_lists_the_candidates(qtbot, harness, db, station):
    for name in ("周同名", "周同名"):
        vid = add_volunteer(db, station, name)
        add_shift(db, station, vid, dt.datetime(2026, 3, 7, 9), hours=2)
    page, errors = _page(qtbot, harness, db, station, Role.ADMIN)
    page.choose("certificate")
    page.volunteer.setText("周同名")
    with qtbot.waitSignal(page.failed, timeout=20_000) as failed:
        page.build_button.click()
    assert "2 位志愿者" in failed.args[0] and failed.args[0].count("周同名") == 3
    assert page.build_button.isEnabled() and page.progress.isHidden() and not page.save_button.isEnabled()
    assert errors == []


def test_a_social_worker_previews_a_childs_letter_and_the_archive_offers_it(qtbot, harness, db, station, tmp_path):
    from qsh_desk.db.models import Parent
    from qsh_desk.gui.pages.archive import ArchivePage

    child_id = add_child(db, station.id, "张小雨")
    with db.transaction() as s:
        s.add(Parent(child_id=child_id, relation="母亲", name="刘芳"))
    page, errors = _page(qtbot, harness, db, station, Role.SOCIAL)
    page.choose("letter")
    assert page.child.isVisible() and page.month.isVisible() and not page.date.isVisible()
    page.build_button.click()  # no child written yet: the page says what to do
    assert "儿童的姓名或卡号" in page.status.text()
    page.month.setDate(page.month.date().fromString("2026-03", "yyyy-MM"))
    with qtbot.waitSignal(page.built, timeout=20_000):
        page.letter_of("张小雨")
    text = PdfReader(io.BytesIO(page.pdf)).pages[0].extract_text()
    assert "亲爱的妈妈" in text and "2026年3月" in text
    archive_page = ArchivePage(harness.context(db, station, Role.SOCIAL))
    qtbot.addWidget(archive_page)
    archive_page.show()
    with qtbot.waitSignal(archive_page.archive_shown, timeout=20_000):
        archive_page.open_child(child_id)
    assert "还没有寄过" in archive_page.last_letter.text()
    with qtbot.waitSignal(archive_page.letter_wanted, timeout=5_000) as wanted:
        archive_page.letter_button.click()
    assert wanted.args and wanted.args[0].startswith("C")
    assert errors == []


def test_a_work_units_party_report_is_chosen_and_previewed(qtbot, harness, db, station, tmp_path):
    from qsh_desk.db.models import Volunteer

    volunteer_id = add_volunteer(db, station, "王建国")
    with db.transaction() as s:
        volunteer = s.get(Volunteer, volunteer_id)
        volunteer.political_status, volunteer.in_service_party_member = "中共党员", True
        volunteer.work_unit = "青山湖区税务局"
    add_shift(db, station, volunteer_id, dt.datetime(2026, 11, 21, 9), hours=3)
    page, errors = _page(qtbot, harness, db, station, Role.DUTY)
    page.choose("party-report")
    assert page.unit.isVisible() and page.date_from.isVisible() and not page.child.isVisible()
    qtbot.waitUntil(lambda: page.unit.count() == 1, timeout=10_000)
    page.unit.setEditText("")
    page.build_button.click()
    assert "请选择或写出工作单位" in page.status.text()
    with qtbot.waitSignal(page.built, timeout=20_000):
        page.party_report_of("青山湖区税务局", dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    text = PdfReader(io.BytesIO(page.pdf)).pages[0].extract_text()
    assert "在职党员进社区服务情况反馈表" in text and "王建国" in text and "前台值班" not in text
    assert "社区评价" in text and "签章" in text and "3" in text
    assert errors == []
