"""场地容量与师生比: the two optional settings, the warning and its recorded override, a day's peak and minutes over."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from qsh_desk.cli import main
from qsh_desk.db.database import Database
from qsh_desk.db.models import AuditEntry, ChildVisit
from qsh_desk.services import capacity, checkin, corrections, settings
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.checkin import CHILD, VOLUNTEER, OverLimits
from qsh_desk.services.errors import InvalidInput
from qsh_desk.services.stations import current_station
from tests.desk_helpers import add_child, add_volunteer
from tests.moments import SATURDAY_MORNING, TODAY


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(hour, minute))


@pytest.fixture
def duty(station) -> Actor:
    return Actor(user_id=None, name="duty-1", role=Role.DUTY, station_id=station.id)


def test_the_limits_are_optional_and_validated_like_the_settings_page(db, admin):
    assert settings.get(db, admin, "room_capacity") is None
    assert settings.set_value(db, admin, "room_capacity", "40") == 40
    with pytest.raises(InvalidInput, match="不能小于 1"):
        settings.set_value(db, admin, "children_per_volunteer", 0)
    with pytest.raises(InvalidInput, match="整数；不限请留空"):
        settings.set_value(db, admin, "children_per_volunteer", "八")
    assert settings.set_value(db, admin, "room_capacity", "") is None  # empty: off
    assert settings.get(db, admin, "room_capacity") is None
    with db.transaction() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.entity == "setting").order_by(AuditEntry.id)).all()
    assert [r.detail for r in rows] == [{"key": "room_capacity", "before": None, "after": 40},
                                        {"key": "room_capacity", "before": 40, "after": None}]


def test_a_check_in_past_the_ratio_is_held_until_overridden_and_the_override_recorded(db, station, admin, duty):
    settings.set_value(db, admin, "children_per_volunteer", 2)
    volunteer = add_volunteer(db, station.id, "黄老师")
    kids = [add_child(db, station.id, name) for name in ("张一", "张二", "张三")]
    checkin.check_in(db, duty, VOLUNTEER, volunteer, at=at(9))
    for kid in kids[:2]:
        assert checkin.check_in(db, duty, CHILD, kid, at=at(9, 5)).warning is None
    with pytest.raises(OverLimits) as held:
        checkin.check_in(db, duty, CHILD, kids[2], at=at(9, 10))
    assert "按 1:2 需要 2 名志愿者，现在只有 1 名" in held.value.warning
    with db.transaction() as s:
        assert s.scalars(select(ChildVisit).where(ChildVisit.child_id == kids[2])).all() == []
    done = checkin.check_in(db, duty, CHILD, kids[2], at=at(9, 10), override_limits=True)
    assert "已确认签到" in done.warning
    record = next(r for r in corrections.day_records(db, duty) if r.person_id == kids[2] and r.kind == CHILD)
    assert record.override is not None and record.override.by == "duty-1"
    assert "1:2" in record.override.warning
    with db.transaction() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.action == capacity.ACTION_OVERRIDE)).one()
    assert (row.detail["children"], row.detail["volunteers"], row.detail["needed_volunteers"]) == (3, 1, 2)
    assert row.detail["over"] is True
    here = checkin.present(db, duty).load
    assert (here.children, here.needed_volunteers, here.state) == (3, 2, "over")


def test_capacity_and_a_volunteer_leaving_under_the_ratio(db, station, admin, duty):
    settings.set_value(db, admin, "room_capacity", 1)
    settings.set_value(db, admin, "children_per_volunteer", 8)
    volunteers = [add_volunteer(db, station.id, name) for name in ("黄老师", "李老师")]
    first, second = add_child(db, station.id, "王一"), add_child(db, station.id, "王二")
    for v in volunteers:
        checkin.check_in(db, duty, VOLUNTEER, v, at=at(9))
    checkin.check_in(db, duty, CHILD, first, at=at(9, 1))
    with pytest.raises(OverLimits, match="超过场地最多容纳的 1 人"):
        checkin.check_in(db, duty, CHILD, second, at=at(9, 2))
    assert checkin.check_out_volunteer(db, duty, volunteers[0], at=at(9, 3)).warning is None  # one is enough
    with pytest.raises(OverLimits, match="签退后只剩 0 名志愿者"):
        checkin.check_out_volunteer(db, duty, volunteers[1], at=at(9, 4))
    done = checkin.check_out_volunteer(db, duty, volunteers[1], at=at(9, 4), override_limits=True)
    assert "已确认签退" in done.warning
    shift = next(r for r in corrections.day_records(db, duty) if (r.kind, r.person_id) == (VOLUNTEER, volunteers[1]))
    assert shift.override is not None


def test_without_limits_nothing_changes(db, station, duty):
    kid = add_child(db, station.id, "赵一")
    assert checkin.check_in(db, duty, CHILD, kid, at=at(9)).warning is None
    load = checkin.present(db, duty).load
    assert (load.limited, load.state, load.needed_volunteers) == (False, "ok", None)


@pytest.mark.parametrize(("children", "volunteers", "state"), [(20, 3, "ok"), (22, 3, "near"), (25, 3, "over"),
                                                               (36, 5, "near"), (41, 6, "over")])
def test_the_header_colour_follows_the_limits(children, volunteers, state):
    assert capacity.Load(children, volunteers, 40, 8).state == state


def test_a_day_peak_and_minutes_over_the_ratio(db, station, admin, duty):
    settings.set_value(db, admin, "children_per_volunteer", 1)
    volunteer = add_volunteer(db, station.id, "黄老师")
    a, b = add_child(db, station.id, "甲"), add_child(db, station.id, "乙")
    checkin.check_in(db, duty, VOLUNTEER, volunteer, at=at(8))
    checkin.check_in(db, duty, CHILD, a, at=at(8, 10))
    checkin.check_in(db, duty, CHILD, b, at=at(8, 30), override_limits=True)  # two children, one volunteer
    checkin.check_out_child(db, duty, b, checkin.Pickup(name="乙妈妈", relation="母亲"), at=at(9, 15))
    load = capacity.day_load(db, duty)  # the clock: 09:30
    assert SATURDAY_MORNING == at(9, 30)
    assert (load.peak_children, load.peak_at, load.minutes_over_ratio) == (2, at(8, 30), 45)
    assert load.footer() == "峰值在站 2 人（08:30） · 超出师生比 45 分钟"


@pytest.fixture
def cli_db(db_url):
    assert main(["--db", db_url, "init"]) == 0
    db = Database(db_url)
    station = current_station(db)
    ids = {"kid": add_child(db, station.id, "张三丰"), "kid2": add_child(db, station.id, "李四"),
           "vol": add_volunteer(db, station.id, "黄老师")}
    yield db_url, db, ids
    db.dispose()


def test_cli_settings_round_trip(cli_db, capsys):
    url, db, _ = cli_db
    capsys.readouterr()
    assert main(["--db", url, "settings", "set", "room_capacity", "40"]) == 0
    assert "场地最多容纳儿童：40" in capsys.readouterr().out
    assert main(["--db", url, "settings", "set", "room_capacity", "0"]) == 1
    assert "“场地最多容纳儿童”不能小于 1。" in capsys.readouterr().err
    assert main(["--db", url, "settings", "set", "no_such", "1"]) == 1
    assert "没有名为“no_such”的设置" in capsys.readouterr().err
    assert main(["--db", url, "settings", "list", "--json"]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == set(settings.REGISTRY)
    assert (rows["room_capacity"]["value"], rows["room_capacity"]["default"]) == (40, None)
    assert rows["children_per_volunteer"]["value"] is None
    assert main(["--db", url, "settings", "list"]) == 0
    assert "room_capacity\t40\t场地最多容纳儿童\t（默认 不限）" in capsys.readouterr().out
    assert main(["--db", url, "settings", "unset", "room_capacity"]) == 0
    assert "不限" in capsys.readouterr().out
    with db.transaction() as s:
        audited = s.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).all()
    assert [(r.actor.startswith("cli:"), r.detail["after"]) for r in audited] == [(True, 40), (True, None)]


def test_cli_checkin_warns_on_stderr_and_present_shows_the_ratio(cli_db, capsys):
    url, _, _ = cli_db
    assert main(["--db", url, "settings", "set", "children_per_volunteer", "1"]) == 0
    assert main(["--db", url, "checkin", "黄老师"]) == 0
    assert main(["--db", url, "checkin", "张三丰"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "checkin", "李四"]) == 0
    out = capsys.readouterr()
    assert "李四 签到成功" in out.out and "按 1:1 需要 2 名志愿者，现在只有 1 名" in out.err
    assert main(["--db", url, "present"]) == 0
    assert "儿童 2 人 · 志愿者 1 人（按 1:1 需要 2） · 超出限额" in capsys.readouterr().out
    assert main(["--db", url, "present", "--json"]) == 0
    assert [r["kind"] for r in json.loads(capsys.readouterr().out)] == ["child", "child", "volunteer"]
    assert main(["--db", url, "present", "--summary", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"children": 2, "volunteers": 1, "capacity": None, "ratio": 1,
                                                   "needed_volunteers": 2, "over": True}
    assert main(["--db", url, "visits", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["李四"]["override"]["by"].startswith("cli:") and rows["张三丰"]["override"] is None


def test_the_overview_and_the_sign_in_sheet_footer_show_the_peak(db, station, admin, duty):
    import io

    from pypdf import PdfReader

    from qsh_desk.printing.sheets import build_signin_sheet
    from qsh_desk.services import overview, reports

    settings.set_value(db, admin, "children_per_volunteer", 1)
    a, b = add_child(db, station.id, "甲"), add_child(db, station.id, "乙")
    checkin.check_in(db, duty, CHILD, a, at=at(9), override_limits=True)
    checkin.check_in(db, duty, CHILD, b, at=at(9, 10), override_limits=True)
    glance = overview.station_overview(db, duty, station.name)
    assert (glance.peak_today, glance.minutes_over_ratio) == (2, 30)  # no volunteer since 09:00; now 09:30
    out = io.BytesIO()
    build_signin_sheet(reports.signin_sheet(db, admin, TODAY), out)
    text = PdfReader(io.BytesIO(out.getvalue())).pages[-1].extract_text()
    assert "峰值在站 2 人（09:10） · 超出师生比 30 分钟" in text
    settings.unset_value(db, admin, "children_per_volunteer")
    assert overview.station_overview(db, duty, station.name).minutes_over_ratio is None
