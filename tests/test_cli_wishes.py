"""`qsh-desk wish …` and `qsh-desk print wishes|wish-record`: the same services, refusals in Chinese with exit 1."""

from __future__ import annotations

import json

from pypdf import PdfReader

from qsh_desk.cli import main
from qsh_desk.db.database import Database
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.services.stations import ensure_station
from tests.programme_data import add_child, add_volunteer


def _text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_wish_on_the_command_line_from_add_to_record(tmp_path, capsys):
    path = tmp_path / "station.sqlite3"
    db = Database(path)
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    add_child(db, station, "单田芳")
    add_volunteer(db, station, "彭老师")
    db.dispose()
    base = ["--db", str(path)]

    assert main([*base, "wish", "add", "单田芳", "想要一个新书包", "--value", "80", "--dream", "温暖梦"]) == 0
    wish_id = capsys.readouterr().out.strip()
    assert wish_id.isdigit()
    assert main([*base, "wish", "fulfil", wish_id]) == 1
    assert "还没有人认领" in capsys.readouterr().err
    assert main([*base, "wish", "claim", wish_id, "--by", "李阿姨"]) == 1
    assert "留一个电话或写明所在单位" in capsys.readouterr().err
    assert main([*base, "wish", "claim", wish_id, "--by", "彭老师"]) == 0
    assert "彭老师" in capsys.readouterr().out
    assert main([*base, "wish", "claim", wish_id, "--by", "李阿姨", "--phone", "13900001111"]) == 1
    assert "不能再认领" in capsys.readouterr().err

    assert main([*base, "wish", "list", "--status", "claimed", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert (listed["id"], listed["child"], listed["wish"], listed["status"], listed["claimed_by"],
            listed["fulfilled_on"]) == (int(wish_id), "单田芳", "想要一个新书包", "claimed", "彭老师", None)

    board = tmp_path / "board.pdf"
    assert main([*base, "print", "wishes", "--status", "all", "--a3", "--out", str(board)]) == 0
    text = _text(board)
    assert "微心愿认领榜" in text and "一名三年级的孩子" in text and "田芳" not in text  # no consent on file
    assert PdfReader(board).pages[0].mediabox.height > 1100  # A3: 420 mm is 1190 points

    assert main([*base, "wish", "fulfil", wish_id, "--on", "2026-11-28", "--note", "蓝色的书包"]) == 0
    record = tmp_path / "record.pdf"
    assert main([*base, "print", "wish-record", wish_id, "--out", str(record)]) == 0
    text = _text(record)
    assert "微心愿圆梦记录" in text and "单田芳" in text and "志愿者：彭老师" in text and "2026年11月28日" in text

    capsys.readouterr()
    assert main([*base, "wish", "add", "单田芳", "一本字典"]) == 0
    second = capsys.readouterr().out.strip()
    assert main([*base, "wish", "cancel", second, "--reason", "已经有了"]) == 0
    assert "已取消" in capsys.readouterr().out
    assert main([*base, "wish", "list", "--status", "cancelled", "--json"]) == 0
    assert [w["id"] for w in json.loads(capsys.readouterr().out)] == [int(second)]


def test_wish_statistics_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "station.sqlite3"
    db = Database(path)
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    add_child(db, station, "单田芳")
    db.dispose()
    base = ["--db", str(path)]
    assert main([*base, "wish", "add", "单田芳", "一个篮球", "--dream", "快乐梦"]) == 0
    wish_id = capsys.readouterr().out.strip()
    assert main([*base, "wish", "claim", wish_id, "--by", "李阿姨", "--unit", "共建单位"]) == 0
    assert main([*base, "wish", "fulfil", wish_id]) == 0
    capsys.readouterr()
    assert main([*base, "report", "wishes", "--from", "2026-11-01", "--to", "2026-11-30", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["months"] == [{"month": "2026-11", "written": 1, "claimed": 1, "fulfilled": 1}]
    assert figures["by_claimer"]["爱心人士"] == 1 and figures["by_dream"] == {"快乐梦": 1}
