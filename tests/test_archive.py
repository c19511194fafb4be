"""父母档案 services: each record type, the alert rules on fixed dates, and the privacy rules."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from qsh_desk.db.models import AuditEntry, Child, ChildVisit, Dream, ProgrammeSession, SessionParticipant
from qsh_desk.services import archive, settings
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.archive import ContactInput, GuardianshipInput, HomeVisitInput, ParentInput
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from qsh_desk.services.search_keys import name_keys

TODAY = dt.date(2026, 6, 30)
LONG_AGO = dt.datetime(2025, 1, 1, 9, 0)
VALID_ID = "360111198001011234"  # a made-up number with a valid check character


def _valid_id(stem: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return stem + "10X98765432"[sum(int(d) * w for d, w in zip(stem, weights)) % 11]


DELEGATE_ID = _valid_id("36011119580305002")


def add_child(db, station, name: str, *, created: dt.datetime = LONG_AGO, active: bool = True) -> int:
    with db.transaction() as s:
        count = s.scalar(select(Child.id).order_by(Child.id.desc()).limit(1)) or 0
        child = Child(station_id=station.id, name=name, gender="女", grade="三年级", card_code=f"T{count + 1:06d}",
                      search_keys=name_keys(name), created_at=created, active=active)
        s.add(child)
        s.flush()
        return child.id


@pytest.fixture
def social(station) -> Actor:
    return Actor(user_id=None, name="社工小王", role=Role.SOCIAL, station_id=station.id)


@pytest.fixture
def duty(station) -> Actor:
    return Actor(user_id=None, name="值班小李", role=Role.DUTY, station_id=station.id)


def audit_rows(db, **where) -> list[AuditEntry]:
    with db.transaction() as s:
        stmt = select(AuditEntry).order_by(AuditEntry.id)
        for key, value in where.items():
            stmt = stmt.where(getattr(AuditEntry, key) == value)
        rows = s.scalars(stmt).all()
        s.expunge_all()
        return list(rows)


MOTHER = ParentInput(relation="母亲", name="李秀英", phone="13912345678", work_province="广东", work_city="深圳",
                     employer="深圳电子有限公司", occupation="电子厂工人", return_frequency="每年春节",
                     last_return="2026-02-10", next_return="2027-01-25")


# ------------------------------------------------------------------------------------------------ parents


def test_parents_are_added_read_in_full_changed_and_deleted_with_audit(db, station, social):
    cid = add_child(db, station, "张小雨")
    mother = archive.add_parent(db, social, cid, MOTHER)
    assert mother.phone == "13912345678" and mother.works_in == "广东深圳"
    assert mother.last_return == dt.date(2026, 2, 10)

    record = archive.get_archive(db, social, cid)
    assert [p.name for p in record.parents] == ["李秀英"]
    assert record.parents[0].phone == "13912345678"  # in full on the record

    changed = archive.update_parent(db, social, mother.id, mother.version,
                                    dataclasses.replace(MOTHER, work_city="东莞", phone="139 1234 0000"))
    assert changed.work_city == "东莞" and changed.phone == "13912340000" and changed.version == mother.version + 1
    update = audit_rows(db, entity="parent", action="update")[0]
    assert update.child_id == cid and update.actor == "社工小王"
    assert update.detail["before"]["work_city"] == "深圳" and update.detail["after"]["work_city"] == "东莞"
    assert "name" not in update.detail["before"]  # only what changed

    archive.delete_parent(db, social, mother.id, changed.version)
    assert archive.get_archive(db, social, cid).parents == ()
    deleted = audit_rows(db, entity="parent", action="delete")[0]
    assert deleted.detail["before"]["name"] == "李秀英"


def test_a_stale_parent_edit_is_refused_and_changes_nothing(db, station, social, admin):
    cid = add_child(db, station, "张小雨")
    mother = archive.add_parent(db, social, cid, MOTHER)
    archive.update_parent(db, admin, mother.id, mother.version, dataclasses.replace(MOTHER, occupation="保洁"))
    with pytest.raises(Conflict, match="刚被别人改过"):
        archive.update_parent(db, social, mother.id, mother.version, dataclasses.replace(MOTHER, occupation="快递员"))
    with pytest.raises(Conflict):
        archive.delete_parent(db, social, mother.id, mother.version)
    assert archive.get_archive(db, social, cid).parents[0].occupation == "保洁"


def test_parent_input_problems_are_all_listed_and_nothing_is_written(db, station, social):
    cid = add_child(db, station, "张小雨")
    bad = ParentInput(relation="舅舅", name=" ", phone="电话没有", last_return="去年", next_return="2026-13-01")
    with pytest.raises(InvalidInput) as raised:
        archive.add_parent(db, social, cid, bad)
    fields = {p.field for p in raised.value.problems}
    assert fields == {"关系", "姓名", "电话", "上次回家", "下次计划回家"}
    assert "请写成 2015-03-04" in str(raised.value)  # says how to write a date
    assert archive.get_archive(db, social, cid).parents == ()
    assert audit_rows(db, entity="parent") == []


def test_an_unknown_child_is_not_found(db, social):
    with pytest.raises(NotFound, match="没有找到"):
        archive.get_archive(db, social, 9999)


# ------------------------------------------------------------------------------------------------ guardianship


def test_guardianship_with_the_templates_definitions_and_delegate(db, station, social, admin):
    cid = add_child(db, station, "王小明")
    assert set(archive.QUALITY_DEFINITIONS) == {"较好", "一般", "差"}
    assert "得不到有效保障" in archive.QUALITY_DEFINITIONS["差"]

    with pytest.raises(InvalidInput, match="委托监护人是谁"):
        archive.save_guardianship(db, social, cid, GuardianshipInput(kind="委托监护", quality="一般"), None)
    with pytest.raises(InvalidInput, match="校验码"):
        archive.save_guardianship(db, social, cid, GuardianshipInput(
            kind="委托监护", delegate_name="王桂兰", delegate_id_number="360111195803050021"), None)

    data = GuardianshipInput(kind="委托监护", delegate_name="王桂兰", delegate_relation="祖母",
                             delegate_phone="13800001111", delegate_id_number=DELEGATE_ID.lower(),
                             delegate_address="高新社区3栋", agreement_on_file=True, quality="一般",
                             income_source="打工收入", assistance="低保、临时救助")
    saved = archive.save_guardianship(db, social, cid, data, None)
    assert saved.quality_definition == archive.QUALITY_DEFINITIONS["一般"]
    # Social workers may not see ID numbers (administrators may): the record shows it masked.
    assert saved.delegate_id_number != DELEGATE_ID and saved.delegate_id_number.endswith(DELEGATE_ID[-4:])
    assert archive.get_archive(db, admin, cid).guardianship.delegate_id_number == DELEGATE_ID

    # Saving the form back with the masked number unchanged keeps the real one.
    again = archive.save_guardianship(db, social, cid, dataclasses.replace(
        data, quality="差", delegate_id_number=saved.delegate_id_number), saved.version)
    assert again.quality == "差" and archive.get_archive(db, admin, cid).guardianship.delegate_id_number == DELEGATE_ID
    change = audit_rows(db, entity="guardianship", action="update")[0]
    assert change.detail == {"before": {"quality": "一般"}, "after": {"quality": "差"}}

    with pytest.raises(Conflict):
        archive.save_guardianship(db, social, cid, data, saved.version)  # stale
    with pytest.raises(Conflict):
        archive.save_guardianship(db, social, cid, data, None)  # someone created it meanwhile


# ------------------------------------------------------------------------------------------------ contacts


def test_contacts_are_logged_corrected_and_followed_up(db, station, social):
    cid = add_child(db, station, "刘子轩")
    father = archive.add_parent(db, social, cid, ParentInput(relation="父亲", name="刘建华", phone="13511112222"))
    with pytest.raises(InvalidInput, match="最晚哪天跟进"):
        archive.add_contact(db, social, cid, ContactInput("2026-06-01 19:30", "视频", "parent", follow_up_needed=True))
    with pytest.raises(InvalidInput) as raised:
        archive.add_contact(db, social, cid, ContactInput("昨天", "飞鸽", "grandma", duration_minutes="半小时"))
    assert {p.field for p in raised.value.problems} == {"联系时间", "方式", "发起方", "时长（分钟）"}

    contact = archive.add_contact(db, social, cid, ContactInput(
        "2026-06-01 19:30", "视频", "parent", parent_id=father.id, duration_minutes="20", summary="说期末考试的事",
        child_mood="开心", follow_up_needed=True, follow_up_due="2026-06-15"))
    assert contact.parent_label == "父亲 刘建华" and contact.initiated_by_title == "父母"
    assert contact.contacted_at == dt.datetime(2026, 6, 1, 19, 30) and contact.duration_minutes == 20

    fixed = archive.update_contact(db, social, contact.id, contact.version,
                                   dataclasses.replace(_as_input(contact), summary="说期末考试和暑假的事"))
    assert fixed.summary == "说期末考试和暑假的事"
    with pytest.raises(Conflict):
        archive.update_contact(db, social, contact.id, contact.version, _as_input(contact))  # read before the fix

    archive.complete_follow_up(db, social, "contact", contact.id, dt.date(2026, 6, 10))
    assert archive.get_archive(db, social, cid).contacts[0].follow_up_done_on == dt.date(2026, 6, 10)
    with pytest.raises(Conflict, match="已在 2026-06-10 标记完成"):
        archive.complete_follow_up(db, social, "contact", contact.id)
    assert [r.action for r in audit_rows(db, entity="parent_contact")] == ["create", "update", "update"]


def _as_input(c: archive.ContactRecord) -> ContactInput:
    return ContactInput(c.contacted_at, c.channel, c.initiated_by, c.parent_id, c.duration_minutes, c.summary,
                        c.child_mood, c.follow_up_needed, c.follow_up_due)


def test_a_letter_cannot_be_logged_as_a_call_home_session(db, station, social):
    cid = add_child(db, station, "刘子轩")
    with pytest.raises(InvalidInput, match="思亲梦"):
        archive.add_contact(db, social, cid, ContactInput("2026-06-01 10:00", "书信", "child"), log_as_session=True)
    assert archive.get_archive(db, social, cid).contacts == ()


# ------------------------------------------------------------------------------------------------ home visits


def test_home_visits_are_recorded_edited_with_locking_and_followed_up(db, station, social, admin):
    cid = add_child(db, station, "陈思琪")
    with pytest.raises(InvalidInput) as raised:
        archive.add_home_visit(db, social, cid, HomeVisitInput(visited_on="", visitors=""))
    assert {p.field for p in raised.value.problems} == {"家访日期", "家访人员"}
    visit = archive.add_home_visit(db, social, cid, HomeVisitInput(
        visited_on="2026-05-20", visitors="社工小王、网格员", met_whom="祖母", findings="老人腿脚不便",
        needs="课业辅导", follow_up_actions="安排志愿者结对", follow_up_due="2026-06-20"))
    assert visit.visited_on == dt.date(2026, 5, 20) and visit.version == 1
    edited = archive.update_home_visit(db, admin, visit.id, visit.version,
                                       HomeVisitInput("2026-05-20", "社工小王、网格员", needs="课业辅导、冬衣",
                                                      follow_up_actions="安排志愿者结对", follow_up_due="2026-06-20"))
    assert edited.needs == "课业辅导、冬衣" and edited.met_whom is None and edited.version == 2
    with pytest.raises(Conflict):
        archive.update_home_visit(db, social, visit.id, visit.version, HomeVisitInput("2026-05-20", "社工小王"))
    archive.complete_follow_up(db, social, "home_visit", visit.id, dt.date(2026, 6, 18))
    assert archive.get_archive(db, social, cid).home_visits[0].follow_up_done_on == dt.date(2026, 6, 18)


# ------------------------------------------------------------------------------------------------ timeline


def test_the_timeline_merges_contacts_home_visits_sessions_and_check_ins_newest_first(db, station, social):
    cid = add_child(db, station, "黄梓涵")
    with db.transaction() as s:
        dream = s.scalars(select(Dream).where(Dream.station_id == station.id, Dream.dream_name == "出彩梦")).one()
        session = ProgrammeSession(station_id=station.id, dream_id=dream.id, starts_at=dt.datetime(2026, 6, 6, 14, 0),
                                   theme="电子琴兴趣班")
        s.add(session)
        s.flush()
        s.add(SessionParticipant(session_id=session.id, child_id=cid))
        s.add(ChildVisit(station_id=station.id, child_id=cid, checked_in_at=dt.datetime(2026, 6, 6, 8, 50),
                         checked_out_at=dt.datetime(2026, 6, 6, 16, 10), collector_name="黄桂兰",
                         collector_relation="祖母"))
    archive.add_contact(db, social, cid, ContactInput("2026-06-07 19:00", "电话", "child", summary="想妈妈了"))
    archive.add_home_visit(db, social, cid, HomeVisitInput("2026-06-03", "社工小王"))

    entries = archive.child_timeline(db, social, cid)
    assert [(e.kind, e.at) for e in entries] == [
        ("contact", dt.datetime(2026, 6, 7, 19, 0)),
        ("session", dt.datetime(2026, 6, 6, 14, 0)),
        ("visit", dt.datetime(2026, 6, 6, 8, 50)),
        ("home_visit", dt.datetime(2026, 6, 3)),
    ]
    assert entries[1].title == "出彩梦 · 电子琴兴趣班"
    assert "祖母 黄桂兰接走" in entries[2].detail and "想妈妈了" in entries[0].detail
    assert archive.get_archive(db, social, cid).timeline == tuple(entries)
    assert audit_rows(db, entity="archive_timeline", child_id=cid)[0].action == "read"


# ------------------------------------------------------------------------------------------------ alerts


def test_no_contact_alert_counts_days_from_the_last_contact_or_registration(db, station, social):
    recent = add_child(db, station, "一号")  # contacted 29 days ago: not yet
    due = add_child(db, station, "二号")  # contacted exactly 30 days ago: alert
    never = add_child(db, station, "三号")  # never contacted, registered long ago: alert
    newcomer = add_child(db, station, "四号", created=dt.datetime(2026, 6, 20, 10, 0))  # registered 10 days ago
    add_child(db, station, "五号", active=False)  # left the station: no alerts
    archive.add_contact(db, social, recent, ContactInput(dt.datetime(2026, 6, 1, 20, 0), "电话", "parent"))
    archive.add_contact(db, social, due, ContactInput(dt.datetime(2026, 5, 31, 20, 0), "微信", "child"))
    archive.add_contact(db, social, due, ContactInput(dt.datetime(2026, 7, 5, 20, 0), "微信", "child"))  # after "today"
    archive.add_parent(db, social, never, ParentInput(relation="父亲", name="赵国强", phone="18612345678"))

    found = archive.alerts(db, social, today=TODAY)
    assert found.no_contact_days == 30
    assert [(a.child.name, a.days) for a in found.no_contact] == [("三号", 545), ("二号", 30)]
    never_alert = found.no_contact[0]
    assert never_alert.last_contact_at is None and never_alert.parent_label == "父亲 赵国强"
    assert never_alert.parent_phone == "186****5678"  # masked in lists
    assert found.no_contact[1].last_contact_at == dt.datetime(2026, 5, 31, 20, 0)
    assert newcomer not in {a.child.id for a in found.no_contact}

    settings.set_value(db, Actor(None, "admin", Role.ADMIN, station.id), "no_contact_days", 20)
    assert [a.child.name for a in archive.alerts(db, social, today=TODAY).no_contact] == ["三号", "二号", "一号"]


def test_overdue_follow_ups_poor_guardianship_and_returns_coming_up(db, station, social):
    a = add_child(db, station, "甲")
    b = add_child(db, station, "乙")
    c = add_child(db, station, "丙")
    overdue = archive.add_contact(db, social, a, ContactInput("2026-06-01 19:00", "电话", "station", summary="孩子成绩下降",
                                                           follow_up_needed=True, follow_up_due="2026-06-29"))
    archive.add_contact(db, social, a, ContactInput("2026-06-02 19:00", "电话", "station",
                                                 follow_up_needed=True, follow_up_due="2026-06-30"))  # due today
    done = archive.add_contact(db, social, b, ContactInput("2026-05-01 19:00", "电话", "station",
                                                        follow_up_needed=True, follow_up_due="2026-05-10"))
    archive.complete_follow_up(db, social, "contact", done.id, dt.date(2026, 5, 9))
    visit = archive.add_home_visit(db, social, b, HomeVisitInput("2026-05-01", "社工", follow_up_actions="送冬衣",
                                                               follow_up_due="2026-06-01"))
    archive.save_guardianship(db, social, c, GuardianshipInput(kind="父母均外出", quality="差"), None)
    archive.save_guardianship(db, social, b, GuardianshipInput(kind="父母均外出", quality="一般"), None)
    for child, relation, when in ((a, "父亲", "2026-06-30"), (b, "母亲", "2026-07-30"), (c, "父亲", "2026-07-31"),
                                  (c, "母亲", "2026-06-29")):
        archive.add_parent(db, social, child, ParentInput(relation=relation, name=relation + "某", next_return=when))

    found = archive.alerts(db, social, today=TODAY)
    assert [(o.kind, o.record_id, o.days_overdue) for o in found.overdue] == [
        ("home_visit", visit.id, 29), ("contact", overdue.id, 1)]
    assert "孩子成绩下降" in found.overdue[1].what and "送冬衣" in found.overdue[0].what
    assert [(p.child.name, p.kind) for p in found.poor_guardianship] == [("丙", "父母均外出")]
    assert [(r.child.name, r.parent_label, r.days_until) for r in found.returns_soon] == [
        ("甲", "父亲 父亲某", 0), ("乙", "母亲 母亲某", 30)]
    assert found.total == 2 + 1 + 2 + len(found.no_contact)
    assert audit_rows(db, entity="archive_alerts")[-1].detail["overdue"] == 2


# ------------------------------------------------------------------------------------------------ privacy


def test_a_duty_volunteer_is_refused_everything_and_each_attempt_is_audited(db, station, social, duty, tmp_path):
    cid = add_child(db, station, "张小雨")
    mother = archive.add_parent(db, social, cid, MOTHER)
    contact = archive.add_contact(db, social, cid, ContactInput("2026-06-01 19:00", "电话", "child"))
    visit = archive.add_home_visit(db, social, cid, HomeVisitInput("2026-06-01", "社工"))
    attempts = {
        "archive": lambda: archive.get_archive(db, duty, cid),
        "archive_timeline": lambda: archive.child_timeline(db, duty, cid),
        "archive_alerts": lambda: archive.alerts(db, duty, today=TODAY),
        "archive_search": lambda: archive.find_children(db, duty, "zxy"),
        "parent": lambda: archive.add_parent(db, duty, cid, MOTHER),
        "guardianship": lambda: archive.save_guardianship(db, duty, cid, GuardianshipInput(quality="差"), None),
        "parent_contact": lambda: archive.add_contact(db, duty, cid, ContactInput("2026-06-01 19:00", "电话", "child")),
        "home_visit": lambda: archive.add_home_visit(db, duty, cid, HomeVisitInput("2026-06-01", "社工")),
        "follow_up": lambda: archive.complete_follow_up(db, duty, "contact", contact.id),
        "archive_export": lambda: archive.export_xlsx(db, duty, tmp_path / "x.xlsx"),
    }
    for attempt in attempts.values():
        with pytest.raises(PermissionDenied, match="值班志愿者.*不能查看和编辑父母档案"):
            attempt()
    for attempt in (lambda: archive.update_parent(db, duty, mother.id, mother.version, MOTHER),
                    lambda: archive.delete_parent(db, duty, mother.id, mother.version),
                    lambda: archive.update_home_visit(db, duty, visit.id, visit.version, HomeVisitInput("2026-06-01", "x")),
                    lambda: archive.update_contact(db, duty, contact.id, contact.version, _as_input(contact))):
        with pytest.raises(PermissionDenied):
            attempt()
    denied = audit_rows(db, action="denied")
    assert {d.entity for d in denied} == set(attempts)
    assert len(denied) == len(attempts) + 4
    assert all(d.actor == "值班小李" and d.detail == {"permission": "archive"} for d in denied)
    assert {d.child_id for d in denied if d.entity == "archive"} == {cid}
    assert not (tmp_path / "x.xlsx").exists()


def test_every_read_of_a_childs_archive_is_audited(db, station, social, admin):
    cid = add_child(db, station, "张小雨")
    archive.get_archive(db, social, cid)
    archive.get_archive(db, admin, cid)
    reads = audit_rows(db, action="read", entity="archive")
    assert [(r.actor, r.child_id) for r in reads] == [("社工小王", cid), ("test-admin", cid)]
    assert all(r.at is not None for r in reads)


def test_the_child_picker_finds_children_by_pinyin_and_initials(db, station, social):
    add_child(db, station, "张小雨")
    add_child(db, station, "曾梓涵")
    add_child(db, station, "张浩", active=False)
    assert [c.name for c in archive.find_children(db, social, "zxy")] == ["张小雨"]
    assert [c.name for c in archive.find_children(db, social, "zeng")] == ["曾梓涵"]
    assert [c.name for c in archive.find_children(db, social, "张")] == ["张小雨"]
    assert {c.name for c in archive.find_children(db, social, "")} == {"张小雨", "曾梓涵"}
    assert [c.name for c in archive.find_children(db, social, "zh", include_inactive=True)] == ["张小雨", "张浩"]


# ------------------------------------------------------------------------------------------------ export


def test_only_an_administrator_exports_the_archive_and_it_is_audited(db, station, social, admin, tmp_path):
    from openpyxl import load_workbook

    cid = add_child(db, station, "张小雨")
    archive.add_parent(db, social, cid, MOTHER)
    archive.add_contact(db, social, cid, ContactInput("2026-06-01 19:00", "电话", "child", summary="想妈妈"))
    archive.save_guardianship(db, social, cid, GuardianshipInput(kind="父母均外出", quality="较好"), None)

    with pytest.raises(PermissionDenied, match="社工.*不能导出数据"):
        archive.export_xlsx(db, social, tmp_path / "social.xlsx")
    assert not (tmp_path / "social.xlsx").exists()
    assert audit_rows(db, action="denied")[-1].detail == {"permission": "export"}

    summary = archive.export_xlsx(db, admin, tmp_path / "archive.xlsx")
    assert (summary.children, summary.parents, summary.contacts, summary.home_visits) == (1, 1, 1, 0)
    book = load_workbook(tmp_path / "archive.xlsx")
    assert book.sheetnames == ["儿童与监护", "父母", "亲子联系", "家访"]
    parents = list(book["父母"].values)
    assert parents[1][:5] == ("张小雨", parents[1][1], "母亲", "李秀英", "139****5678")  # masked unless asked
    assert list(book["亲子联系"].values)[1][7] == "想妈妈"
    assert list(book["儿童与监护"].values)[1][5] == "较好"
    exported = audit_rows(db, action="export", entity="archive")[0]
    assert exported.detail["parents"] == 1 and exported.detail["full_details"] is False

    archive.export_xlsx(db, admin, tmp_path / "full.xlsx", full_details=True)
    assert list(load_workbook(tmp_path / "full.xlsx")["父母"].values)[1][4] == "13912345678"


def test_a_call_at_the_station_is_also_a_call_home_session_in_the_same_step(db, station, social):
    cid = add_child(db, station, "刘子轩")
    contact = archive.add_contact(db, social, cid, ContactInput("2026-06-06 10:30", "站内亲情连线", "station",
                                                             summary="和妈妈视频"), log_as_session=True)
    assert contact.session_id is not None
    with db.transaction() as s:
        session = s.get(ProgrammeSession, contact.session_id)
        dream = s.get(Dream, session.dream_id).dream_name
        participants = s.scalars(select(SessionParticipant.child_id).where(
            SessionParticipant.session_id == session.id)).all()
    assert (dream, session.starts_at, participants) == ("思亲梦", dt.datetime(2026, 6, 6, 10, 30), [cid])
    # The timeline shows the call once, as the contact that stands for the session.
    entries = archive.child_timeline(db, social, cid)
    assert [e.kind for e in entries] == ["contact"] and "已记为思亲梦活动" in entries[0].detail


def test_a_refused_contact_leaves_no_session_behind(db, station, social):
    cid = add_child(db, station, "刘子轩")
    with pytest.raises(InvalidInput):
        archive.add_contact(db, social, cid, ContactInput("2026-06-06 10:30", "电话", "station", parent_id=424242),
                            log_as_session=True)
    with db.transaction() as s:
        assert s.scalars(select(ProgrammeSession)).all() == []


def test_the_command_line_exports_the_archive(db, db_url, station, social, tmp_path, capsys):
    from openpyxl import load_workbook

    from qsh_desk.cli import main

    cid = add_child(db, station, "张小雨")
    archive.add_parent(db, social, cid, MOTHER)
    out = tmp_path / "档案.xlsx"
    assert main(["--db", db_url, "export", "archive", str(out)]) == 0
    assert "儿童 1，父母 1" in capsys.readouterr().out
    assert list(load_workbook(out)["父母"].values)[1][4] == "139****5678"
    assert audit_rows(db, action="export", entity="archive")[0].actor.startswith("cli:")


def test_what_was_said_on_a_call_home_stays_in_the_archive_and_never_reaches_the_session(db, station, social, duty):
    from pypdf import PdfReader

    from qsh_desk.printing.jobs import build_pdf, job_for
    from qsh_desk.services import sessions

    secret = "爸爸说在工地受伤住院，不要告诉奶奶"
    cid = add_child(db, station, "刘子轩")
    father = archive.add_parent(db, social, cid, dataclasses.replace(MOTHER, relation="父亲", name="刘建国"))
    contact = archive.add_contact(db, social, cid, ContactInput("2026-06-06 10:30", "视频", "child",
                                                             parent_id=father.id, summary=secret),
                                  log_as_session=True)

    seen = sessions.get_session(db, duty, contact.session_id)  # what a duty volunteer reads and prints
    assert seen.summary == "和父亲视频联系"
    pdf, _pages = build_pdf(job_for("session", {"session": contact.session_id}), db, duty)
    import io

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "工地" not in text and "和父亲视频联系" in text
    assert secret in archive.get_archive(db, social, cid).contacts[0].summary

    # A correction of the contact moves its session with it; deleting the contact deletes the session made with it.
    edited = archive.update_contact(db, social, contact.id, contact.version, dataclasses.replace(
        _as_input(contact), contacted_at="2026-06-06 11:00", channel="电话", summary=secret + "。已出院"))
    seen = sessions.get_session(db, duty, contact.session_id)
    assert seen.summary == "和父亲电话联系" and seen.starts_at == dt.datetime(2026, 6, 6, 11, 0)
    archive.delete_contact(db, social, edited.id, edited.version)
    with db.transaction() as s:
        assert s.get(ProgrammeSession, contact.session_id) is None
