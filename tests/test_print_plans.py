"""月度活动计划表 and 值班表 read back with pypdf: dates, dreams, themes, holders, gaps and page numbers."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from qsh_desk.printing.plans import build_duty_month, build_plan_month
from qsh_desk.services import calendar, duty, plans
from tests.programme_data import add_volunteer, dream_id


def _text(build, data) -> str:
    buffer = io.BytesIO()
    build(data, buffer)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages)


def test_the_month_plan_lists_every_plan_by_date_and_dream(db, station, admin):
    first = plans.plan_session(db, admin, plans.PlanDraft(dt.date(2026, 12, 5), dt.time(9, 30),
                                                          dream_id(db, station, "成长梦"), "防溺水安全教育",
                                                          ends_at=dt.time(11), materials="救生圈"))
    plans.plan_session(db, admin, plans.PlanDraft(dt.date(2026, 12, 13), dt.time(14), dream_id(db, station, "求知梦"),
                                                  "水利科普"))
    plans.cancel_plan(db, admin, first, "寒潮")
    text = _text(build_plan_month, plans.plan_month(db, admin, 2026, 12))
    assert "月度活动计划表" in text and "2026年12月" in text and station.name in text
    assert "12月5日 周六" in text and "防溺水安全教育" in text and "救生圈" in text and "已取消" in text
    assert "12月13日 周日" in text and "水利科普" in text and "计划中" in text
    assert "第 1 页 / 共 1 页" in text


def test_the_duty_roster_shows_holders_and_gaps_of_every_opening_day(db, station, admin):
    wang = add_volunteer(db, station, "王芳")
    craft = next(p for p in duty.list_posts(db, admin) if p.name == "手工课")
    duty.assign(db, admin, post_id=craft.id, day=dt.date(2026, 12, 5), volunteer_id=wang)
    calendar.close_day(db, admin, dt.date(2026, 12, 26), "元旦前闭馆")
    text = _text(build_duty_month, duty.duty_month(db, admin, 2026, 12, today=dt.date(2026, 12, 1)))
    assert "值班表" in text and "2026年12月" in text
    assert "王芳" in text and "14:00–16:00" in text
    assert "12月5日 周六" in text and "12月26日" not in text  # a closed day gets no posts
    assert text.count("前台值班") == 7  # December 2026 has eight weekend days, one closed
    assert "第 1 页 / 共" in text


def test_print_plan_and_duty_from_the_command_line(db_url, tmp_path, capsys):
    from qsh_desk.cli import main

    assert main(["--db", db_url, "init"]) == 0
    for kind in ("plan", "duty"):
        out = tmp_path / f"{kind}.pdf"
        assert main(["--db", db_url, "print", kind, "--month", "2026-12", "--out", str(out)]) == 0
        text = "".join(page.extract_text() for page in PdfReader(out).pages)
        assert ("月度活动计划表" if kind == "plan" else "值班表") in text and "2026年12月" in text
    assert main(["--db", db_url, "print", "signin-sheet", "--date", "2026-12-07", "--out", str(tmp_path / "s.pdf")]) == 1
    assert "不开放" in capsys.readouterr().err and not (tmp_path / "s.pdf").exists()
