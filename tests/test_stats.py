"""十个梦 statistics checked against small hand-computed data; the passport; not reached; the CLI's JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from qsh_desk.cli import main
from qsh_desk.services import sessions, stats
from qsh_desk.services.errors import InvalidInput
from tests.programme_data import add_child, add_volunteer, dream_id


@pytest.fixture
def little_station(db, station, admin):
    """Four sessions whose figures are worked out by hand in the tests below."""
    a, b, c = (add_child(db, station, n) for n in ("安安", "贝贝", "晨晨"))
    never = add_child(db, station, "丁丁")
    add_child(db, station, "新来", created=dt.datetime(2026, 11, 25))  # registered within the weeks asked
    add_child(db, station, "离开", active=False)
    v1, v2, v3 = (add_volunteer(db, station, n) for n in ("志愿一", "志愿二", "志愿三"))
    good, joy = dream_id(db, station, "好人梦"), dream_id(db, station, "快乐梦")

    def log(dream, start, end, organiser, helpers, kids):
        sessions.log_session(db, admin, sessions.SessionDraft(
            dream_id=dream, starts_at=start, ends_at=end, theme="主题", organiser_volunteer_id=organiser,
            helper_ids=helpers, participant_ids=kids))

    # 1.5 h × (organiser v1 + helper v2) = 3 h
    log(good, dt.datetime(2026, 11, 7, 9, 30), dt.datetime(2026, 11, 7, 11, 0), v1, (v2,), (a, b))
    # 1 h × 2 (the organiser, also listed as a helper, counts once) = 2 h
    log(good, dt.datetime(2026, 11, 14, 9, 30), dt.datetime(2026, 11, 14, 10, 30), v1, (v1, v2), (a, c))
    # no end time: 1 h × helper v3 = 1 h (a staff organiser adds no volunteer hours)
    log(joy, dt.datetime(2026, 11, 21, 14, 0), None, None, (v3,), (b,))
    # October, no volunteers: 0 h
    log(joy, dt.datetime(2026, 10, 31, 14, 0), dt.datetime(2026, 10, 31, 15, 0), None, (), (a,))
    return {"a": a, "b": b, "c": c, "never": never, "good": good, "joy": joy}


def _by_dream(report):
    return {f.dream: (f.sessions, f.participations, f.children, f.volunteer_hours) for f in report.dreams}


def test_a_month_per_dream_against_hand_counted_figures(db, admin, little_station):
    november = stats.period_for("month", dt.date(2026, 11, 28))
    report = stats.dream_report(db, admin, november)
    figures = _by_dream(report)
    assert figures["好人梦"] == (2, 4, 3, 5.0)
    assert figures["快乐梦"] == (1, 1, 1, 1.0)
    assert figures["求知梦"] == (0, 0, 0, 0.0) and len(report.dreams) == 10
    total = report.total
    assert (total.sessions, total.participations, total.children, total.volunteer_hours) == (3, 5, 3, 6.0)


def test_a_year_counts_each_child_once_per_dream_and_in_the_total(db, admin, little_station):
    report = stats.dream_report(db, admin, stats.period_for("year", dt.date(2026, 3, 1)))
    assert _by_dream(report)["快乐梦"] == (2, 2, 2, 1.0)
    assert (report.total.sessions, report.total.participations, report.total.children) == (4, 6, 3)


def test_periods_month_quarter_year_and_custom():
    assert stats.period_for("month", dt.date(2024, 2, 10)) == stats.Period(dt.date(2024, 2, 1), dt.date(2024, 2, 29),
                                                                          "2024 年 2 月")
    quarter = stats.period_for("quarter", dt.date(2026, 11, 28))
    assert (quarter.start, quarter.end, quarter.label) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31), "2026 年第 4 季度")
    assert stats.period_for("year", dt.date(2026, 5, 5)).end == dt.date(2026, 12, 31)
    with pytest.raises(InvalidInput):
        stats.custom_period(dt.date(2026, 2, 1), dt.date(2026, 1, 1))


def test_the_dream_passport_of_a_child(db, admin, little_station):
    passport = stats.dream_passport(db, admin, little_station["a"])
    stamps = {s.dream: (s.times, s.last) for s in passport.stamps}
    assert stamps["好人梦"] == (2, dt.date(2026, 11, 14))
    assert stamps["快乐梦"] == (1, dt.date(2026, 10, 31))
    assert stamps["出彩梦"] == (0, None)
    assert passport.child_name == "安安" and passport.dreams_reached == 2 and len(passport.stamps) == 10


def test_children_not_reached_in_n_weeks(db, admin, little_station):
    # One week before 28 Nov: only 贝贝 (21 Nov) was reached; 新来 is too new, 离开 has left.
    found = stats.children_not_reached(db, admin, weeks=1, today=dt.date(2026, 11, 28))
    assert [(n.name, n.last_session) for n in found] == [
        ("丁丁", None), ("安安", dt.date(2026, 11, 14)), ("晨晨", dt.date(2026, 11, 14))]
    # The station setting (8 weeks by default) reaches back to October.
    assert [n.name for n in stats.children_not_reached(db, admin, today=dt.date(2026, 11, 28))] == ["丁丁"]


def test_cli_report_dreams_json(db, little_station, capsys):
    code = main(["--db", db.url, "report", "dreams", "--from", "2026-11-01", "--to", "2026-11-30", "--json"])
    out = capsys.readouterr().out
    assert code == 0
    rows = json.loads(out)
    assert [r["dream"] for r in rows][:3] == ["好人梦", "孝亲梦", "温暖梦"] and len(rows) == 10
    assert {k: rows[0][k] for k in ("dream", "sessions", "participations", "children", "volunteer_hours")} == {
        "dream": "好人梦", "sessions": 2, "participations": 4, "children": 3, "volunteer_hours": 5.0}


def test_cli_report_dreams_table_and_bad_dates(db, little_station, capsys):
    assert main(["--db", db.url, "report", "dreams", "--from", "2026-11-01", "--to", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    assert "好人梦" in out and "合计" in out and "志愿服务时长" in out
    assert main(["--db", db.url, "report", "dreams", "--from", "2026-12-01", "--to", "2026-11-30"]) == 1
    assert "结束日期早于开始日期" in capsys.readouterr().err


def test_cli_export_sessions(db, little_station, tmp_path, capsys):
    from openpyxl import load_workbook

    target = tmp_path / "活动记录.xlsx"
    assert main(["--db", db.url, "export", "sessions", str(target), "--from", "2026-11-01", "--to", "2026-11-30"]) == 0
    assert "已导出 3 条活动记录" in capsys.readouterr().out
    assert load_workbook(target).active.max_row == 4
