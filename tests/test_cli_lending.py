"""`qsh-desk item|lend|return|loans` and the lending printouts; the labels' QR codes decode to the item codes."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from qsh_desk.cli import main
from qsh_desk.db.database import Database
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.services import roster
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.stations import ensure_station
from tests.programme_data import add_child


def _text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def station_db(tmp_path):
    path = tmp_path / "station.sqlite3"
    db = Database(path)
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    add_child(db, station, "单田芳")
    archived = add_child(db, station, "王归档")
    roster.archive_child(db, Actor(None, "t", Role.ADMIN, station.id), archived)
    db.dispose()
    return ["--db", str(path)]


def test_lending_on_the_command_line(station_db, tmp_path, capsys, pinned_clock):
    import datetime as dt

    assert main([*station_db, "item", "add", "安徒生童话", "--copies", "2", "--isbn", "9787020002207"]) == 0
    codes = capsys.readouterr().out.split()
    assert len(codes) == 2
    assert main([*station_db, "item", "add", "电子琴", "--kind", "乐器", "--stays", "--donor", "水利局"]) == 0
    keyboard = capsys.readouterr().out.strip()
    assert main([*station_db, "lend", codes[0], "单田芳", "--at", "2026-11-28T10:00"]) == 0
    assert "应还日期 2026-12-12" in capsys.readouterr().out
    assert main([*station_db, "lend", codes[0], "单田芳"]) == 1
    assert "已借给单田芳" in capsys.readouterr().err
    assert main([*station_db, "lend", codes[1], "王归档"]) == 1
    assert "王归档" in capsys.readouterr().err  # an archived child is not found at all (the service refuses too)
    assert main([*station_db, "return", codes[1]]) == 1
    assert "没有借出" in capsys.readouterr().err

    pinned_clock.advance(dt.timedelta(days=16))
    assert main([*station_db, "loans", "--overdue", "--json"]) == 0
    [loan] = json.loads(capsys.readouterr().out)
    assert {k: loan[k] for k in ("item", "code", "child", "since", "due", "overdue")} == {
        "item": "安徒生童话", "code": codes[0], "child": "单田芳", "since": "2026-11-28T10:00", "due": "2026-12-12",
        "overdue": True}

    printed = {}
    for kind, args in (("items", []), ("loans", ["--month", "2026-11"]), ("item-labels", []), ("overdue-slips", [])):
        out = tmp_path / f"{kind}.pdf"
        assert main([*station_db, "print", kind, *args, "--out", str(out)]) == 0, kind
        printed[kind] = _text(out)
    assert "器材台账" in printed["items"] and "捐赠：水利局" in printed["items"] and "电子琴" in printed["items"]
    assert "借阅登记表" in printed["loans"] and "安徒生童话" in printed["loans"] and "单田芳" in printed["loans"]
    assert "逾期提醒" in printed["overdue-slips"] and "已逾期 2 天" in printed["overdue-slips"]
    assert all(code in printed["item-labels"] for code in (*codes, keyboard))

    assert main([*station_db, "return", codes[0], "--condition", "damaged"]) == 0
    assert "已由 单田芳 归还" in capsys.readouterr().out
    assert main([*station_db, "item", "list", "--json"]) == 0
    items = {i["name"]: i for i in json.loads(capsys.readouterr().out)}
    assert items["安徒生童话"]["conditions"] == {"有损坏": 1, "好": 1} and items["安徒生童话"]["out"] == 0

    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg or pdftoppm is not installed: the labels' QR codes were not decoded")
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(tmp_path / "item-labels.pdf"), str(tmp_path / "labels")],
                   check=True)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", *sorted(str(p) for p in tmp_path.glob("labels*.png"))],
                             capture_output=True, text=True, check=True).stdout.split()
    assert sorted(decoded) == sorted([*codes, keyboard])
