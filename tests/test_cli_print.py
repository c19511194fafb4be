"""`qsh-desk print KIND … --out FILE.pdf`: every document from a demo database, and the exit codes."""

from __future__ import annotations

import io


import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from qsh_desk.cli import main
from qsh_desk.db.database import Database
from qsh_desk.db.models import AuditEntry, Certificate, ChildVisit, HomeVisit, ProgrammeSession, Volunteer, Wish
from qsh_desk.services.search_keys import name_keys
from tests.moments import TODAY

UNTIL = "2026-03-15"  # a Sunday: the demo's last opening day


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("print") / "demo.sqlite3"
    assert main(["--db", str(path), "demo", "--children", "40", "--volunteers", "8", "--weeks", "10",
                 "--until", UNTIL]) == 0
    return str(path)


def _first(db_path: str, query):
    db = Database(db_path)
    try:
        with db.transaction() as s:
            return s.execute(query).first()
    finally:
        db.dispose()


def _text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_every_document_prints_from_the_command_line(demo_db, tmp_path, capsys, monkeypatch):
    session_id = _first(demo_db, select(ProgrammeSession.id).order_by(ProgrammeSession.id))[0]
    visit_id = _first(demo_db, select(HomeVisit.id).order_by(HomeVisit.id))[0]
    volunteer_code = _first(demo_db, select(Volunteer.card_code).order_by(Volunteer.id))[0]
    day = _first(demo_db, select(func.max(ChildVisit.checked_in_at)))[0].date()
    wish_id = _first(demo_db, select(Wish.id).where(Wish.status == "fulfilled").order_by(Wish.id))[0]
    commands = {
        "signin": ["signin-sheet", "--date", day.isoformat()],
        "volunteers": ["volunteer-sheet", "--date", day.isoformat()],
        "attendance": ["attendance", "--month", day.strftime("%Y-%m")],
        "session": ["session", str(session_id)],
        "roster": ["roster"],
        "home-visit": ["home-visit", str(visit_id)],
        "certificate": ["certificate", volunteer_code, "--from", "2026-01-01", "--to", UNTIL],
        "cards": ["cards"],
        "pickup": ["cards", "--pickup"],
        "wishes": ["wishes", "--status", "all"],
        "wish-record": ["wish-record", str(wish_id)],
        "items": ["items"],
        "loans": ["loans", "--month", day.strftime("%Y-%m")],
        "item-labels": ["item-labels"],
        "overdue-slips": ["overdue-slips"],
    }
    titles = {"signin": "儿童每日签到表", "volunteers": "志愿者签到表", "attendance": "月度考勤表",
              "session": "活动记录表", "roster": "留守儿童花名册", "home-visit": "家访记录表",
              "certificate": "志愿服务时长证明", "cards": "儿童卡", "pickup": "接送卡",
              "wishes": "微心愿认领榜", "wish-record": "微心愿圆梦记录",
              "items": "器材台账", "loans": "借阅登记表", "item-labels": "物品标签", "overdue-slips": "逾期提醒"}
    restricted = {"roster", "home-visit", "wish-record"}  # an administrator logs in for these (admin / admin-demo)
    for name, args in commands.items():
        out = tmp_path / f"{name}.pdf"
        login = ["--admin", "admin", "--admin-password-stdin"] if name in restricted else []
        if login:
            monkeypatch.setattr("sys.stdin", io.StringIO("admin-demo\n"))
        assert main(["--db", demo_db, *login, "print", *args, "--out", str(out)]) == 0, name
        printed = capsys.readouterr().out
        texts = _text(out)
        assert f"{titles[name]}：{len(texts)} 页" in printed
        assert titles[name] in "".join(texts)
        assert f"第 {len(texts)} 页 / 共 {len(texts)} 页" in texts[-1]
    assert len(_text(tmp_path / "cards.pdf")) == 4  # 40 children, 10 cards a page
    db = Database(demo_db)
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) == 1
        printed = s.execute(select(AuditEntry.entity, AuditEntry.actor).where(AuditEntry.action == "print")).all()
    db.dispose()
    assert {"roster", "home_visit", "certificate", "wish"} <= {entity for entity, _who in printed}
    assert {who for entity, who in printed if entity in ("roster", "home_visit")} == {"admin"}  # the account, by name


def test_a_certificate_reprint_keeps_its_number(demo_db, tmp_path, capsys):
    code = _first(demo_db, select(Volunteer.card_code).order_by(Volunteer.id.desc()))[0]
    for name in ("a", "b"):
        assert main(["--db", demo_db, "print", "certificate", code, "--from", "2026-01-01", "--to", "2026-02-28",
                     "--out", str(tmp_path / f"{name}.pdf")]) == 0
    first, second = _text(tmp_path / "a.pdf")[0], _text(tmp_path / "b.pdf")[0]
    serial = f"{TODAY.year}-"
    number = first[first.index(serial):first.index(serial) + 9]
    assert number in second and "补打" in second


def test_an_ambiguous_volunteer_exits_2_with_the_candidates(demo_db, tmp_path, capsys):
    db = Database(demo_db)
    with db.transaction() as s:
        for n in (1, 2):
            s.add(Volunteer(station_id=1, name="重名人", card_code=f"VX{n:04d}", search_keys=name_keys("重名人")))
    db.dispose()
    out = tmp_path / "c.pdf"
    code = main(["--db", demo_db, "print", "certificate", "重名人", "--from", "2026-01-01", "--to", UNTIL,
                 "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "VX0001" in err and "VX0002" in err and not out.exists()


def test_refusals_exit_1_and_usage_errors_exit_2(demo_db, tmp_path, capsys):
    assert main(["--db", demo_db, "print", "session", "999999", "--out", str(tmp_path / "s.pdf")]) == 1
    assert "找不到编号为 999999 的活动记录" in capsys.readouterr().err
    assert main(["--db", demo_db, "print", "roster", "--out", str(tmp_path / "no-such-dir" / "r.pdf")]) == 1
    assert "不存在" in capsys.readouterr().err
    assert main(["--db", demo_db, "print", "attendance", "--month", "2026/13", "--out", str(tmp_path / "a.pdf")]) == 1
    assert "2026-03" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["--db", demo_db, "print", "signin-sheet", "--date", "昨天", "--out", str(tmp_path / "x.pdf")])
    assert exited.value.code == 2 and "日期要写成" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_every_registered_document_is_on_the_command_line_and_the_print_page(qapp, db, station):
    """One registry of documents: a new entry appears in `qsh-desk print` and on the 打印 page, for who may print it."""
    import argparse

    from qsh_desk.cli import build_parser
    from qsh_desk.gui.context import AppContext, Changes
    from qsh_desk.gui.pages.print import PrintPage
    from qsh_desk.gui.tasks import Tasks
    from qsh_desk.printing.jobs import DOCUMENTS
    from qsh_desk.services.access import Actor, Role

    parser = build_parser()
    printing = next(a for a in parser._subparsers._group_actions[0].choices["print"]._actions
                    if isinstance(a, argparse._SubParsersAction))
    assert set(printing.choices) == set(DOCUMENTS)
    for role in (Role.DUTY, Role.ADMIN):
        actor = Actor(user_id=None, name=role.value, role=role, station_id=station.id)
        page = PrintPage(AppContext(db=db, station=station, actor=actor, tasks=Tasks(print), changes=Changes()))
        offered = {page.kind.itemData(i) for i in range(page.kind.count())}
        assert offered == {kind for kind, d in DOCUMENTS.items() if actor.can(d.permission)}
        page.deleteLater()
