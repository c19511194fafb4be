"""The command line of 志愿服务记录 and 双报到 (`export hours`, `print party-report`, `report party`) and of the
letters to parents (`print letter`, `print letters --out DIR`, `letter sent`), on a demo database."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from unittest.mock import patch

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from qsh_desk.cli import main
from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, Parent, ParentContact, Volunteer

UNTIL = "2026-03-15"  # the demo's last opening day
PERIOD = ["--from", "2026-01-01", "--to", UNTIL]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("records") / "demo.sqlite3"
    assert main(["--db", str(path), "demo", "--children", "12", "--volunteers", "6", "--weeks", "10",
                 "--until", UNTIL]) == 0
    db = Database(str(path))
    with db.transaction() as s:  # two of the demo's volunteers are party members of one unit
        for volunteer in s.scalars(select(Volunteer).order_by(Volunteer.id).limit(2)):
            volunteer.political_status, volunteer.in_service_party_member = "中共党员", True
            volunteer.work_unit, volunteer.work_unit_party_org = "青山湖区税务局", "青山湖区税务局机关党委"
    db.dispose()
    return str(path)


def admin_main(args: list[str]) -> int:
    """A command that needs an administrator: the demo's admin logs in with its password on stdin."""
    with patch("sys.stdin", io.StringIO("admin-demo\n")):
        return main(["--admin", "admin", "--admin-password-stdin", *args])


def _rows(db_path: str, query):
    db = Database(db_path)
    try:
        with db.transaction() as s:
            return s.execute(query).all()
    finally:
        db.dispose()


def test_export_hours_report_party_and_party_report_agree(demo_db, tmp_path, capsys):
    out = tmp_path / "hours.xlsx"
    assert admin_main(["--db", demo_db, "export", "hours", str(out), *PERIOD]) == 0
    assert "条服务记录" in capsys.readouterr().out
    sheet = list(load_workbook(out)["服务记录"].iter_rows(values_only=True))
    header = sheet[0]
    assert "证件号码" in header and "记录人" in header and "是否补录" in header  # an administrator logged in
    members = {name for name, in _rows(demo_db, select(Volunteer.name).where(Volunteer.in_service_party_member))}
    hours = header.index("服务时长（小时）")
    member_hours = sum(Decimal(str(r[hours])) for r in sheet[1:] if r[0] in members and r[hours] is not None)

    assert main(["--db", demo_db, "report", "party", *PERIOD, "--json"]) == 0
    [unit] = json.loads(capsys.readouterr().out)
    assert unit["unit"] == "青山湖区税务局" and unit["members"] == 2 and Decimal(unit["hours"]) == member_hours

    pdf = tmp_path / "party.pdf"
    assert main(["--db", demo_db, "print", "party-report", "--unit", "青山湖区税务局", *PERIOD,
                 "--out", str(pdf)]) == 0
    assert "在职党员进社区服务情况反馈表：1 页" in capsys.readouterr().out
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "青山湖区税务局" in text and "社区评价" in text and "签章" in text and "机关党委" in text
    assert all(name in text for name in members)

    one = tmp_path / "one.xlsx"
    code = _rows(demo_db, select(Volunteer.card_code).order_by(Volunteer.id).limit(1))[0][0]
    assert admin_main(["--db", demo_db, "export", "hours", str(one), *PERIOD, "--volunteer", code]) == 0
    assert len({r[0] for r in list(load_workbook(one)["服务记录"].iter_rows(values_only=True))[1:]}) == 1


def test_party_commands_refuse_in_plain_words(demo_db, tmp_path, capsys):
    assert main(["--db", demo_db, "print", "party-report", "--unit", "没有这个单位", *PERIOD,
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "已登记的单位：青山湖区税务局" in capsys.readouterr().err
    assert admin_main(["--db", demo_db, "export", "hours", str(tmp_path / "x.csv"), *PERIOD]) == 1
    assert ".xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--db", demo_db, "report", "party", "--from", "2026-01-01"])


def test_print_letter_letters_and_letter_sent(demo_db, tmp_path, capsys):
    child_id, name, card = _rows(demo_db, select(Child.id, Child.name, Child.card_code).join(
        Parent, Parent.child_id == Child.id).order_by(Child.id).limit(1))[0]
    pdf, png = tmp_path / "letter.pdf", tmp_path / "letter.png"
    assert admin_main(["--db", demo_db, "print", "letter", card, "--month", "2026-03", "--out", str(pdf),
                 "--png", str(png)]) == 0
    printed = capsys.readouterr().out
    assert f"给爸爸妈妈的信（{name}，2026年3月）" in printed and "图片 1080×" in printed
    text = PdfReader(pdf).pages[0].extract_text()
    assert f"这个月，{name[1:]}来亲善之家" in text and png.read_bytes()[:4] == b"\x89PNG"  # the letter says the given name

    folder = tmp_path / "letters"
    assert admin_main(["--db", demo_db, "print", "letters", "--month", "2026-03", "--out", str(folder)]) == 0
    printed = capsys.readouterr().out
    pdfs, pngs = list(folder.glob("*.pdf")), list(folder.glob("*.png"))
    assert [p.name for p in pdfs] == ["给爸爸妈妈的信-2026-03.pdf"]
    assert f"{len(pngs)} 封" in printed and len(pngs) == len(PdfReader(pdfs[0]).pages) >= 1
    assert admin_main(["--db", demo_db, "print", "letters", "--month", "2026-03", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "要是一个文件夹" in capsys.readouterr().err

    assert admin_main(["--db", demo_db, "letter", "sent", card, "--month", "2026-03", "--via", "wechat"]) == 0
    assert f"把{name}的信发给了" in capsys.readouterr().out
    [(channel, month)] = _rows(demo_db, select(ParentContact.channel, ParentContact.letter_month).where(
        ParentContact.child_id == child_id, ParentContact.letter_month.is_not(None)))
    assert channel == "微信" and month.isoformat() == "2026-03-01"
    with pytest.raises(SystemExit) as usage:
        admin_main(["--db", demo_db, "letter", "sent", card, "--month", "2026-03", "--via", "pigeon"])
    assert usage.value.code == 2 and "wechat" in capsys.readouterr().err
    assert admin_main(["--db", demo_db, "letter", "sent", card, "--month", "2099-01", "--via", "letter"]) == 1
    assert "还没到" in capsys.readouterr().err
