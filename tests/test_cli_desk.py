"""The desk's command-line contract (checkin, checkout, present, visits, correct-time) on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from qsh_desk.cli import main
from qsh_desk.db.database import Database
from qsh_desk.db.models import ChildVisit
from qsh_desk.services.stations import current_station
from tests.desk_helpers import add_child, add_volunteer
from tests.moments import TODAY

YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def desk_db(db_url):
    assert main(["--db", db_url, "init"]) == 0
    db = Database(db_url)
    station = current_station(db)
    ids = {
        "zsf": add_child(db, station.id, "张三丰", guardians=(("张奶奶", "祖母", "13800004321"),)),
        "alone": add_child(db, station.id, "赵大", alone_consent=True),
        "no_consent": add_child(db, station.id, "赵小"),
        "li1": add_child(db, station.id, "李明", grade="二年级"),
        "li2": add_child(db, station.id, "李明", grade="五年级"),
        "vol": add_volunteer(db, station.id, "黄老师"),
    }
    yield db_url, db, ids
    db.dispose()


def _visits(db, child_id):
    with db.transaction() as s:
        return s.scalars(select(ChildVisit).where(ChildVisit.child_id == child_id)).all()


def test_checkin_present_checkout_round_trip(desk_db, capsys):
    url, db, ids = desk_db
    capsys.readouterr()
    assert main(["--db", url, "checkin", "zsf", "--at", f"{YESTERDAY}T09:30"]) == 0
    assert "张三丰 签到成功" in capsys.readouterr().out
    assert main(["--db", url, "checkin", "黄老师"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "present", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["id"], r["name"]) for r in rows] == [("child", ids["zsf"], "张三丰"),
                                                              ("volunteer", ids["vol"], "黄老师")]
    assert rows[0]["since"] == f"{YESTERDAY}T09:30:00"
    assert dt.datetime.fromisoformat(rows[1]["since"])  # every since is ISO 8601
    assert main(["--db", url, "present"]) == 0
    assert "在站儿童 1 人，志愿者 1 人" in capsys.readouterr().out
    assert main(["--db", url, "checkout", "zsf", "--pickup", "张奶奶", "--at", f"{YESTERDAY}T16:00"]) == 0
    assert "由 张奶奶（祖母）接走" in capsys.readouterr().out
    assert main(["--db", url, "checkout", "hls"]) == 0
    assert "签退成功" in capsys.readouterr().out
    assert main(["--db", url, "present", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    visit = _visits(db, ids["zsf"])[0]
    assert (visit.checked_out_at, visit.collector_name) == (dt.datetime.combine(YESTERDAY, dt.time(16)), "张奶奶")


def test_checkin_already_here_exits_1_with_a_message(desk_db, capsys):
    url, db, ids = desk_db
    assert main(["--db", url, "checkin", "张三丰"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "checkin", "张三丰"]) == 1
    assert "已经在站" in capsys.readouterr().err
    assert len(_visits(db, ids["zsf"])) == 1


def test_ambiguous_exits_2_listing_candidates_and_not_found_exits_1(desk_db, capsys):
    url, db, ids = desk_db
    capsys.readouterr()
    assert main(["--db", url, "checkin", "李明"]) == 2
    err = capsys.readouterr().err
    assert "对应 2 人" in err and "二年级" in err and "五年级" in err
    assert _visits(db, ids["li1"]) == [] and _visits(db, ids["li2"]) == []
    assert main(["--db", url, "checkin", "没有这个人"]) == 1
    assert "没有找到" in capsys.readouterr().err


def test_checkout_of_a_child_needs_pickup_or_consented_alone(desk_db, capsys):
    url, db, ids = desk_db
    for query in ("赵大", "赵小"):
        assert main(["--db", url, "checkin", query]) == 0
    capsys.readouterr()
    assert main(["--db", url, "checkout", "赵小"]) == 1
    assert "--pickup" in capsys.readouterr().err
    assert main(["--db", url, "checkout", "赵小", "--alone"]) == 1
    assert "同意书" in capsys.readouterr().err
    assert main(["--db", url, "checkout", "赵大", "--alone"]) == 0
    assert "自行回家" in capsys.readouterr().out
    assert main(["--db", url, "checkout", "赵小", "--pickup", "陈阿姨"]) == 1
    assert "关系" in capsys.readouterr().err
    assert main(["--db", url, "checkout", "赵小", "--pickup", "陈阿姨", "--relation", "邻居"]) == 0
    out, err = capsys.readouterr()
    assert "签退成功" in out and "不在 赵小 的可接送名单上" in err
    assert _visits(db, ids["no_consent"])[0].collector_unlisted


def test_checkout_of_someone_not_here_and_a_bad_time(desk_db, capsys):
    url, _db, _ids = desk_db
    capsys.readouterr()
    assert main(["--db", url, "checkout", "张三丰", "--pickup", "张奶奶"]) == 1
    assert "不在站" in capsys.readouterr().err
    assert main(["--db", url, "checkin", "张三丰", "--at", "昨天上午"]) == 1
    assert "时间看不懂" in capsys.readouterr().err


def test_visits_lists_a_day_and_correct_time_fixes_a_finished_visit_with_a_reason(desk_db, capsys):
    url, db, ids = desk_db
    assert main(["--db", url, "checkin", "zsf", "--at", f"{YESTERDAY}T09:30"]) == 0
    assert main(["--db", url, "checkout", "zsf", "--pickup", "张奶奶", "--at", f"{YESTERDAY}T11:40"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "visits", "--date", str(YESTERDAY), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["in"][11:16], r["out"][11:16], r["collected_by"]) for r in rows] == [
        ("张三丰", "09:30", "11:40", "张奶奶（祖母）")]
    record = rows[0]["record"]
    assert record.startswith("C")

    assert main(["--db", url, "correct-time", record, "--date", str(YESTERDAY), "--out", "11:05",
                 "--reason", "奶奶 11:05 就接走了，忘了点签退"]) == 0
    assert "已更正 张三丰 的时间" in capsys.readouterr().out
    assert [v.checked_out_at for v in _visits(db, ids["zsf"])] == [dt.datetime.combine(YESTERDAY, dt.time(11, 5))]

    assert main(["--db", url, "correct-time", record, "--date", str(YESTERDAY), "--out", "08:00",
                 "--reason", "写错了"]) == 1
    assert "签退时间不能早于签到时间" in capsys.readouterr().err
    assert main(["--db", url, "correct-time", "Z9", "--out", "11:00", "--reason", "x"]) == 1
    assert "记录号看不懂" in capsys.readouterr().err
    assert [v.checked_out_at for v in _visits(db, ids["zsf"])] == [dt.datetime.combine(YESTERDAY, dt.time(11, 5))]
