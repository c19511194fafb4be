"""排班与计划 page: a volunteer claims a post by keyboard; a coordinator turns a plan into the session record."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from qsh_desk.db.models import Child, ChildVisit, Dream, DutyAssignment, ProgrammeSession, SessionParticipant, Volunteer
from qsh_desk.gui.pages.duty import DutyPage
from qsh_desk.services import plans
from qsh_desk.services.access import Role
from qsh_desk.services.search_keys import name_keys

TODAY = dt.date(2026, 12, 1)
SAT = dt.date(2026, 12, 5)


def _page(qtbot, harness, db, station, role: Role) -> tuple[DutyPage, list[BaseException]]:
    errors = harness.errors
    page = DutyPage(harness.context(db, station, role), today=TODAY)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    qtbot.waitUntil(lambda: page.day_list.count() > 0, timeout=10_000)
    return page, errors


@pytest.fixture
def volunteers(db, station):
    with db.transaction() as s:
        for n, name in enumerate(("王芳", "李强"), start=1):
            s.add(Volunteer(station_id=station.id, name=name, card_code=f"VG{n:05d}", search_keys=name_keys(name)))


def test_a_duty_volunteer_claims_an_open_post_by_keyboard(qtbot, harness, db, station, volunteers):
    page, errors = _page(qtbot, harness, db, station, Role.DUTY)
    assert page.day_list.item(0).text().startswith("12-05 周六 · 缺 8 人")
    assert page.add_plan_button.isHidden()  # planning is for coordinators
    page.posts_table.selectRow(2)  # 手工课 14:00–16:00
    page.claim_search.setFocus()
    qtbot.keyClicks(page.claim_search, "wf")
    qtbot.waitUntil(lambda: page.candidate_list.count() == 1, timeout=5000)
    with qtbot.waitSignal(page.message_shown, timeout=5000) as shown:
        qtbot.keyClick(page.claim_search, Qt.Key.Key_Return)
    assert shown.args[0] == "王芳 已安排在 12-05“手工课”。"
    qtbot.waitUntil(lambda: "王芳（认领）" in (page.posts_table.item(2, 3).text() if page.posts_table.item(2, 3) else ""),
                    timeout=5000)
    assert page.day_list.item(0).text().endswith("缺 7 人")
    with db.transaction() as s:
        assert s.scalars(select(DutyAssignment.claimed)).all() == [True]
    assert errors == []


def test_claiming_a_full_post_is_refused_with_a_clear_message(qtbot, harness, db, station, volunteers):
    page, _ = _page(qtbot, harness, db, station, Role.DUTY)
    page.posts_table.selectRow(3)  # 安全巡查 needs one person
    for initials in ("wf", "lq"):
        page.claim_search.setFocus()
        qtbot.keyClicks(page.claim_search, initials)
        qtbot.waitUntil(lambda: page.candidate_list.count() == 1, timeout=5000)
        with qtbot.waitSignal(page.message_shown, timeout=5000) as shown:
            qtbot.keyClick(page.claim_search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.claim_search.text() == "" or "已满" in page.status.text(), timeout=5000)
        page.posts_table.selectRow(3)
    assert "已满" in shown.args[0] and "安全巡查" in shown.args[0]


def test_a_coordinator_turns_a_plan_into_the_record_with_the_day_s_children(qtbot, harness, db, station, admin):
    with db.transaction() as s:
        dream_id = s.scalar(select(Dream.id).where(Dream.dream_name == "成长梦"))
        child = Child(station_id=station.id, name="刘洋", gender="男", card_code="CG00001", search_keys=name_keys("刘洋"))
        s.add(child)
        s.flush()
        s.add(ChildVisit(station_id=station.id, child_id=child.id, checked_in_at=dt.datetime(2026, 12, 5, 9, 10),
                         checked_out_at=dt.datetime(2026, 12, 5, 16, 0)))
        child_id = child.id
    plans.plan_session(db, admin, plans.PlanDraft(SAT, dt.time(14), dream_id, "防溺水安全教育"))
    page, errors = _page(qtbot, harness, db, station, Role.SOCIAL)
    assert not page.add_plan_button.isHidden()
    qtbot.waitUntil(lambda: page.plans_table.rowCount() == 1, timeout=5000)
    assert page.plans_table.item(0, 5).text() == "计划中"
    page.plans_table.selectRow(0)
    with qtbot.waitSignal(page.message_shown, timeout=5000) as shown:
        page.hold_button.click()
    assert "已转为活动记录" in shown.args[0]
    qtbot.waitUntil(lambda: page.plans_table.item(0, 5) is not None and page.plans_table.item(0, 5).text() == "已开展",
                    timeout=5000)
    with db.transaction() as s:
        session_id = s.scalar(select(ProgrammeSession.id))
        participants = s.scalars(select(SessionParticipant.child_id).where(SessionParticipant.session_id == session_id)).all()
    assert participants == [child_id]
    assert errors == []
