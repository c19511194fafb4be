"""The window's long jobs compute in its job process (as `qsh-desk` runs them): the children page's import and
export and the 打印 page's PDF arrive on the page as they do from the long lane's own thread."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from qsh_desk.db.models import Child
from qsh_desk.elsewhere import JobProcess
from qsh_desk.gui.pages.children import ChildrenPage
from qsh_desk.gui.pages.print import PrintPage
from qsh_desk.services import settings
from qsh_desk.services.access import Role
from tests.desk_helpers import add_child
from tests.gui.test_roster_pages import WAIT, count, names, setup  # noqa: F401 - the page fixture
from tests.test_import_export import MESSY_ROWS, write_csv


@pytest.fixture
def job_process(harness):
    process = JobProcess()
    harness.tasks.job_process = process
    yield process
    harness.settle()
    process.close()


def test_the_import_wizard_and_the_export_run_in_the_job_process(qtbot, setup, job_process, tmp_path):  # noqa: F811
    build, db, _admin = setup
    page = build(ChildrenPage)
    path = tmp_path / "花名册.csv"
    write_csv(path, MESSY_ROWS, "gbk")
    wizard = page.open_import()
    with qtbot.waitSignal(wizard.checked, timeout=WAIT):
        wizard.check_file(str(path))
    assert job_process.started  # the check itself ran there
    assert wizard.problems.rowCount() == 5 and "第 4 行“王小明”已在名单中" in wizard.notes.text()
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        with qtbot.waitSignal(wizard.imported, timeout=WAIT) as done:
            wizard.import_valid.click()
    assert done.args[0].startswith("已导入 2 名儿童。")
    assert count(db, Child) == 5 and "李梅" in names(page)  # the page refreshed from what the other process wrote

    target = tmp_path / "children.xlsx"
    with qtbot.waitSignal(page.message_shown, timeout=WAIT) as said:
        page.export_to(str(target))
    assert said.args[0] == f"已导出 5 名儿童到 {target}"
    assert load_workbook(target).worksheets[0].max_row == 6  # the header and five children
    with qtbot.waitSignal(page.message_shown, timeout=WAIT) as said:
        page.export_to(str(tmp_path / "children.txt"))
    assert said.args[0] == "请把文件保存为 .xlsx 格式（文件名以 .xlsx 结尾）。"  # a refusal there, said here


def test_the_print_page_builds_its_pdf_in_the_job_process(qtbot, harness, db, station, admin, job_process, tmp_path):
    settings.set_value(db, admin, "signin_expected", "active")
    for name in ("张三", "李𬬭"):
        add_child(db, station.id, name)
    page = PrintPage(harness.context(db, station, Role.DUTY))
    qtbot.addWidget(page)
    page.show()
    page.even_if_closed.setChecked(True)
    with qtbot.waitSignal(page.built, timeout=WAIT) as built:
        page.build_button.click()
    assert job_process.started and built.args == [1] and page.document.pageCount() == 1
    page.save_to(tmp_path / "sheet.pdf")
    text = PdfReader(tmp_path / "sheet.pdf").pages[0].extract_text()
    assert "张三" in text and "李𬬭" in text and "2026年11月28日" in text  # the day of the (pinned) clock
