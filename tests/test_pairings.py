"""结对帮扶: pairings, their visits, and the overdue rule with fixed dates."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from qsh_desk.db.models import AuditEntry
from qsh_desk.services import pairings, settings
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import InvalidInput, PermissionDenied
from tests.programme_data import add_child, add_volunteer

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def people(db, station):
    return {
        "child": add_child(db, station, "黄小花"),
        "child2": add_child(db, station, "何小草"),
        "volunteer": add_volunteer(db, station, "党员老周"),
    }


def test_a_pairing_with_visits_of_each_kind(db, station, admin, people):
    pairing = pairings.create_pairing(db, admin, volunteer_id=people["volunteer"], child_id=people["child"],
                                      started_on=dt.date(2026, 9, 1), goal="每月一次学习辅导")
    duty = Actor(user_id=None, name="duty", role=Role.DUTY, station_id=station.id)
    for day, kind in ((dt.date(2026, 9, 20), "上门"), (dt.date(2026, 10, 18), "电话"), (dt.date(2026, 11, 1), "站内")):
        pairings.record_visit(db, duty, pairing, visited_on=day, kind=kind, what_done="辅导作业", items_given="书包",
                              next_step="期末前再去")
    visits = pairings.list_visits(db, admin, pairing)
    assert [(v.visited_on.day, v.kind) for v in visits] == [(1, "站内"), (18, "电话"), (20, "上门")]
    assert visits[0].items_given == "书包" and visits[0].next_step == "期末前再去"
    info = pairings.list_pairings(db, admin, today=TODAY)[0]
    assert (info.volunteer_name, info.child_name, info.visits, info.last_visit) == ("党员老周", "黄小花", 3,
                                                                                    dt.date(2026, 11, 1))
    with db.transaction() as s:
        assert len(s.scalars(select(AuditEntry).where(AuditEntry.entity == "pairing_visit")).all()) == 3


def test_the_overdue_rule_with_fixed_dates(db, station, admin, people):
    # Default rule: every 30 days. Visited 28 Oct → due 27 Nov → overdue by 1 on 28 Nov.
    late = pairings.create_pairing(db, admin, volunteer_id=people["volunteer"], child_id=people["child"],
                                   started_on=dt.date(2026, 9, 1))
    pairings.record_visit(db, admin, late, visited_on=dt.date(2026, 10, 28), kind="上门")
    # Its own rule of 60 days, never visited since 1 Oct → due 30 Nov: not overdue yet.
    relaxed = pairings.create_pairing(db, admin, volunteer_id=people["volunteer"], child_id=people["child2"],
                                      started_on=dt.date(2026, 10, 1), visit_interval_days=60)
    # Due exactly today (visited 29 Oct): not overdue.
    other = add_volunteer(db, station, "大学生小李")
    on_time = pairings.create_pairing(db, admin, volunteer_id=other, child_id=people["child"],
                                      started_on=dt.date(2026, 10, 1))
    pairings.record_visit(db, admin, on_time, visited_on=dt.date(2026, 10, 29), kind="电话")
    # Ended pairings are never overdue.
    ended = pairings.create_pairing(db, admin, volunteer_id=other, child_id=people["child2"],
                                    started_on=dt.date(2025, 1, 1), ended_on=dt.date(2025, 12, 31))

    overdue = pairings.overdue_pairings(db, admin, today=TODAY)
    assert [(p.id, p.due_on, p.days_overdue(TODAY)) for p in overdue] == [(late, dt.date(2026, 11, 27), 1)]
    listed = {p.id: p for p in pairings.list_pairings(db, admin, today=TODAY)}
    assert listed[relaxed].due_on == dt.date(2026, 11, 30) and ended not in listed

    # A stricter station rule (every 14 days) moves the default-rule pairings (due 11 and 12 Nov now);
    # the pairing with its own 60-day rule is not affected.
    settings.set_value(db, admin, "pairing_visit_days", 14)
    overdue = pairings.overdue_pairings(db, admin, today=TODAY)
    assert [(p.id, p.days_overdue(TODAY)) for p in overdue] == [(late, 17), (on_time, 16)]


def test_pairing_input_is_checked_and_managing_needs_the_permission(db, station, admin, people):
    duty = Actor(user_id=None, name="duty", role=Role.DUTY, station_id=station.id)
    with pytest.raises(PermissionDenied):
        pairings.create_pairing(db, duty, volunteer_id=people["volunteer"], child_id=people["child"],
                                started_on=dt.date(2026, 9, 1))
    with pytest.raises(InvalidInput, match="结束日期早于开始日期"):
        pairings.create_pairing(db, admin, volunteer_id=people["volunteer"], child_id=people["child"],
                                started_on=dt.date(2026, 9, 1), ended_on=dt.date(2026, 8, 1))
    pairing = pairings.create_pairing(db, admin, volunteer_id=people["volunteer"], child_id=people["child"],
                                      started_on=dt.date(2026, 9, 1))
    with pytest.raises(InvalidInput, match="已经和这个儿童结对"):
        pairings.create_pairing(db, admin, volunteer_id=people["volunteer"], child_id=people["child"],
                                started_on=dt.date(2026, 10, 1))
    with pytest.raises(InvalidInput, match="走访方式"):
        pairings.record_visit(db, admin, pairing, visited_on=dt.date(2026, 9, 5), kind="微信")
    pairings.update_pairing(db, admin, pairing, goal="学习与生活", started_on=dt.date(2026, 9, 1),
                            ended_on=dt.date(2026, 11, 27), visit_interval_days=None)
    assert pairings.list_pairings(db, admin, today=TODAY) == []
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "pairing", AuditEntry.action == "update")).one()
        assert entry.detail["after"] == {"ended_on": "2026-11-27", "goal": "学习与生活"}
