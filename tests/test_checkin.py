"""The desk's rules: one open visit, pickup by the authorised list, hours, closing, undo, corrections."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from qsh_desk.db.models import AuditEntry, ChildVisit, ClosingCall, DayClosing, VolunteerShift
from qsh_desk.services import checkin, closing, corrections, settings, undo
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.checkin import CHILD, VOLUNTEER, AlreadyHere, Pickup
from qsh_desk.services.errors import InvalidInput, NotFound, PermissionDenied, Refused
from tests.desk_helpers import add_child, add_volunteer
from tests.moments import SATURDAY_MORNING, TODAY


def at(hour: int, minute: int = 0, day: dt.date | None = None) -> dt.datetime:
    return dt.datetime.combine(day or TODAY - dt.timedelta(days=1), dt.time(hour, minute))


@pytest.fixture
def duty(station) -> Actor:
    return Actor(user_id=None, name="duty-1", role=Role.DUTY, station_id=station.id)


def _visits(db, child_id):
    with db.transaction() as s:
        return s.scalars(select(ChildVisit).where(ChildVisit.child_id == child_id).order_by(ChildVisit.id)).all()


def test_check_in_then_a_second_check_in_is_refused_and_offers_check_out(db, station, duty):
    child = add_child(db, station.id, "张三丰")
    done = checkin.check_in(db, duty, CHILD, child, at=at(9, 5))
    assert done.message.startswith("张三丰 签到成功") and done.at == at(9, 5)
    with pytest.raises(AlreadyHere) as again:
        checkin.check_in(db, duty, CHILD, child, at=at(9, 6))
    assert "已经在站" in again.value.message and again.value.since == at(9, 5)
    assert len(_visits(db, child)) == 1
    here = checkin.present(db, duty)
    assert [(p.name, p.since) for p in here.children] == [("张三丰", at(9, 5))]
    assert here.children_count == 1 and here.volunteers_count == 0


def test_the_database_itself_refuses_a_second_open_visit(db, station):
    child = add_child(db, station.id, "李四")
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        with db.transaction() as s:
            s.add(ChildVisit(station_id=station.id, child_id=child, checked_in_at=at(9)))
            s.add(ChildVisit(station_id=station.id, child_id=child, checked_in_at=at(10)))
    assert _visits(db, child) == []


def test_check_out_with_a_listed_collector_records_who_and_when(db, station, duty):
    child = add_child(db, station.id, "王小明", guardians=(("王秀英", "祖母", "13800001234"),
                                                          ("王建国", "祖父", "13800005678")))
    checkin.check_in(db, duty, CHILD, child, at=at(9))
    options = checkin.pickup_options(db, duty, child)
    assert [(c.name, c.relation) for c in options.collectors] == [("王秀英", "祖母"), ("王建国", "祖父")]
    assert options.collectors[0].phone == "138****1234"  # duty volunteers see masked phones
    assert options.alone_allowed is False
    done = checkin.check_out_child(db, duty, child, Pickup.by_guardian(options.collectors[1].guardian_id), at=at(16))
    assert done.warning is None and "王建国（祖父）" in done.message
    visit = _visits(db, child)[0]
    assert (visit.checked_out_at, visit.collector_name, visit.collector_relation, visit.collector_unlisted) == (
        at(16), "王建国", "祖父", False)
    assert checkin.present(db, duty).children == ()


def test_pickup_by_name_matches_the_list_or_records_an_unlisted_person_with_a_warning(db, station, duty):
    listed = add_child(db, station.id, "刘一")
    other = add_child(db, station.id, "刘二", unauthorised=(("刘大强", "其他", "13700009999"),))
    for child in (listed, other):
        checkin.check_in(db, duty, CHILD, child, at=at(9))
    done = checkin.check_out_child(db, duty, listed, Pickup.by_person("王秀英"), at=at(15))
    assert done.collector_unlisted is False and done.warning is None
    with pytest.raises(InvalidInput) as missing:
        checkin.check_out_child(db, duty, other, Pickup.by_person("陌生人"), at=at(15))
    assert "关系" in str(missing.value)
    done = checkin.check_out_child(db, duty, other, Pickup.by_person("陈阿姨", "邻居", "13600001111"), at=at(15))
    assert done.collector_unlisted and "不在 刘二 的可接送名单上" in done.warning
    visit = _visits(db, other)[0]
    assert (visit.collector_name, visit.collector_relation, visit.collector_phone, visit.collector_unlisted) == (
        "陈阿姨", "邻居", "13600001111", True)
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "check_out", AuditEntry.child_id == other)).one()
        assert "不在" in entry.detail["warning"]


def test_an_unlisted_collectors_phone_follows_the_same_rule_as_every_form(db, station, duty):
    child = add_child(db, station.id, "刘四")
    checkin.check_in(db, duty, CHILD, child, at=at(9))
    with pytest.raises(InvalidInput) as refused:  # five digits passed the desk's own rule before
        checkin.check_out_child(db, duty, child, Pickup.by_person("陈阿姨", "邻居", "12345"), at=at(15))
    assert [p.field for p in refused.value.problems] == ["电话"]
    assert "手机号应为 11 位数字（现在是 5 位）" in refused.value.problems[0].message  # the archive's words
    assert _visits(db, child)[0].checked_out_at is None  # nothing written
    checkin.check_out_child(db, duty, child, Pickup.by_person("陈阿姨", "邻居", "0791 8812 3456"), at=at(15))
    assert _visits(db, child)[0].collector_phone == "0791-88123456"  # written as the archive writes it


def test_a_guardian_without_collect_permission_is_recorded_as_unlisted(db, station, duty):
    child = add_child(db, station.id, "刘三", unauthorised=(("刘大强", "其他", "13700009999"),))
    checkin.check_in(db, duty, CHILD, child, at=at(9))
    assert [c.name for c in checkin.pickup_options(db, duty, child).collectors] == ["王秀英"]
    done = checkin.check_out_child(db, duty, child, Pickup.by_person("刘大强", "叔叔"), at=at(15))
    assert done.collector_unlisted and "没有接送权限" in done.warning


def test_going_home_alone_needs_the_consent(db, station, duty):
    without = add_child(db, station.id, "赵小", grade="五年级")
    with_consent = add_child(db, station.id, "赵大", grade="六年级", alone_consent=True)
    for child in (without, with_consent):
        checkin.check_in(db, duty, CHILD, child, at=at(9))
    with pytest.raises(Refused) as refused:
        checkin.check_out_child(db, duty, without, Pickup.home_alone(), at=at(15))
    assert "同意书" in refused.value.message
    assert _visits(db, without)[0].checked_out_at is None
    assert checkin.pickup_options(db, duty, with_consent).alone_allowed
    done = checkin.check_out_child(db, duty, with_consent, Pickup.home_alone(), at=at(15))
    assert done.went_home_alone and "自行回家" in done.message


def test_check_out_of_someone_not_here_and_unknown_people(db, station, duty):
    child = add_child(db, station.id, "孙悟")
    with pytest.raises(Refused) as refused:
        checkin.check_out_child(db, duty, child, Pickup.home_alone())
    assert "不在站" in refused.value.message
    with pytest.raises(NotFound):
        checkin.check_in(db, duty, CHILD, 999_999)
    with pytest.raises(InvalidInput) as future:
        checkin.check_in(db, duty, CHILD, child, at=SATURDAY_MORNING + dt.timedelta(hours=2))
    assert "将来" in str(future.value)


def test_check_out_before_check_in_is_refused(db, station, duty):
    child = add_child(db, station.id, "周一")
    checkin.check_in(db, duty, CHILD, child, at=at(10))
    with pytest.raises(InvalidInput) as early:
        checkin.check_out_child(db, duty, child, Pickup.by_person("王秀英"), at=at(9))
    assert "不能早于签到时间" in str(early.value)


@pytest.mark.parametrize(("rounding", "minutes", "hours"), [(15, 187, "3.00"), (15, 188, "3.25"), (30, 200, "3.50"),
                                                            (60, 89, "1.00"), (1, 100, "1.67")])
def test_volunteer_hours_are_rounded_per_the_setting(db, station, admin, duty, rounding, minutes, hours):
    settings.set_value(db, admin, "hours_rounding_minutes", rounding)
    volunteer = add_volunteer(db, station.id, "李老师")
    checkin.check_in(db, duty, VOLUNTEER, volunteer, at=at(8))
    assert [p.name for p in checkin.present(db, duty).volunteers] == ["李老师"]
    done = checkin.check_out_volunteer(db, duty, volunteer, at=at(8) + dt.timedelta(minutes=minutes))
    assert done.hours == Decimal(hours) and f"{hours} 小时" in done.message
    with db.transaction() as s:
        assert s.scalars(select(VolunteerShift.hours)).one() == Decimal(hours)


def test_undo_a_check_in_and_a_check_out_within_the_window(db, station, duty):
    child = add_child(db, station.id, "吴用")
    checkin.check_in(db, duty, CHILD, child)
    undone = undo.undo_last(db, duty)
    assert undone.undone == "check_in" and "撤销" in undone.message
    assert _visits(db, child) == []
    with pytest.raises(Refused):  # one undo only: the undo is not itself undone by pressing again
        undo.undo_last(db, duty)
    checkin.check_in(db, duty, CHILD, child)
    checkin.check_out_child(db, duty, child, Pickup.by_person("王秀英"))
    undo.undo_last(db, duty)
    visit = _visits(db, child)[0]
    assert visit.checked_out_at is None and visit.collector_name is None
    assert [p.name for p in checkin.present(db, duty).children] == ["吴用"]
    with db.transaction() as s:
        undos = s.scalars(select(AuditEntry).where(AuditEntry.action == "undo")).all()
        assert [u.detail["undone"] for u in undos] == ["check_in", "check_out"]


def test_undo_is_refused_after_the_window(db, station, duty):
    child = add_child(db, station.id, "郑和")
    checkin.check_in(db, duty, CHILD, child)
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "check_in")).one()
        entry.at = entry.at - dt.timedelta(minutes=6)  # the default window is 5 minutes
    with pytest.raises(Refused) as late:
        undo.undo_last(db, duty)
    assert "5 分钟" in late.value.message
    assert len(_visits(db, child)) == 1


def test_undo_does_not_touch_another_users_action(db, station, duty, admin):
    child = add_child(db, station.id, "钱多")
    checkin.check_in(db, admin, CHILD, child)
    with pytest.raises(Refused):
        undo.undo_last(db, duty)
    assert len(_visits(db, child)) == 1


def test_correcting_a_time_needs_a_reason_and_is_audited(db, station, duty):
    child = add_child(db, station.id, "冯七")
    done = checkin.check_in(db, duty, CHILD, child, at=at(9))
    with pytest.raises(InvalidInput) as no_reason:
        corrections.correct_times(db, duty, CHILD, done.record_id, reason=" ", checked_in_at=at(8, 30))
    assert "原因" in str(no_reason.value)
    corrections.correct_times(db, duty, CHILD, done.record_id, reason="奶奶说八点半就到了", checked_in_at=at(8, 30))
    visit = _visits(db, child)[0]
    assert (visit.checked_in_at, visit.source) == (at(8, 30), "corrected")
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "correct")).one()
        assert entry.detail["reason"] == "奶奶说八点半就到了"
        assert entry.detail["before"]["checked_in_at"] == at(9).isoformat()


def test_a_days_records_list_finished_and_open_visits_and_a_finished_one_can_be_corrected(db, station, duty):
    day = TODAY - dt.timedelta(days=1)
    early, late = add_child(db, station.id, "郑早"), add_child(db, station.id, "郑晚")
    helper = add_volunteer(db, station.id, "何帮")
    first = checkin.check_in(db, duty, CHILD, early, at=at(8, 40, day))
    checkin.check_out_child(db, duty, early, Pickup.by_person("王秀英"), at=at(11, 30, day))
    checkin.check_in(db, duty, VOLUNTEER, helper, at=at(8, 50, day))
    checkin.check_in(db, duty, CHILD, late, at=at(9, 15, day))
    checkin.check_in(db, duty, CHILD, add_child(db, station.id, "郑昨"), at=at(9, 0, day - dt.timedelta(days=1)))

    records = corrections.day_records(db, duty, day)
    assert [(r.name, r.kind, r.checked_in_at, r.checked_out_at) for r in records] == [
        ("郑早", CHILD, at(8, 40, day), at(11, 30, day)),
        ("何帮", VOLUNTEER, at(8, 50, day), None),
        ("郑晚", CHILD, at(9, 15, day), None),
    ]  # in order of arrival; the day before is not listed
    assert records[0].collected_by == "王秀英（祖母）" and records[0].finished and not records[2].finished

    # The check-out was recorded late: corrected afterwards, with a reason, audited.
    corrections.correct_times(db, duty, CHILD, first.record_id, reason="奶奶 11 点就接走了，忘了点签退",
                          checked_out_at=at(11, 0, day))
    assert corrections.day_records(db, duty, day)[0].checked_out_at == at(11, 0, day)
    with pytest.raises(InvalidInput) as backwards:
        corrections.correct_times(db, duty, CHILD, first.record_id, reason="写错", checked_out_at=at(8, 0, day))
    assert "签退时间不能早于签到时间" in str(backwards.value)


def test_closing_with_children_present_needs_a_reason_and_lists_phones(db, station, duty):
    child = add_child(db, station.id, "陈晨", guardians=(("陈奶奶", "祖母", "13800001234"),))
    checkin.check_in(db, duty, CHILD, child, at=SATURDAY_MORNING)
    status = closing.closing_status(db, duty)
    # The duty volunteer must phone these families: the numbers are in full (masked everywhere else).
    assert [(c.name, [(p.name, p.phone) for p in c.contacts]) for c in status.children] == [
        ("陈晨", [("陈奶奶", "13800001234")])]
    grandmother = status.children[0].contacts[0]
    call = closing.record_call(db, duty, status.children[0].visit_id, "奶奶 10 分钟后到",
                               guardian_id=grandmother.guardian_id)
    assert (call.outcome, call.called_number) == ("奶奶 10 分钟后到", "13800001234")
    with db.transaction() as s:  # what is kept for ever is the number really called
        assert s.scalars(select(ClosingCall.called_number)).all() == ["13800001234"]
    with pytest.raises(InvalidInput) as needs_reason:
        closing.close_day(db, duty)
    assert "还有 1 名儿童在站" in str(needs_reason.value)
    closed = closing.close_day(db, duty, reason="已联系奶奶，由值班志愿者陪同等候")
    assert closed.closed_at is not None and closed.children[0].calls[0].outcome == "奶奶 10 分钟后到"
    with db.transaction() as s:
        row = s.scalars(select(DayClosing)).one()
        assert (row.children_present, row.reason) == (1, "已联系奶奶，由值班志愿者陪同等候")
    with pytest.raises(Refused):
        closing.close_day(db, duty, reason="again")


def test_closing_with_nobody_here_needs_no_reason(db, station, duty):
    assert closing.close_day(db, duty).closed_reason is None


def test_open_shifts_after_closing_are_flagged_and_backfilled_by_an_admin(db, station, duty, admin):
    volunteer = add_volunteer(db, station.id, "黄老师")
    checkin.check_in(db, duty, VOLUNTEER, volunteer, at=at(8, 30, day=TODAY - dt.timedelta(days=1)))
    flagged = closing.open_shifts_after_closing(db, duty)
    assert [(s.name, s.started_at) for s in flagged] == [("黄老师", at(8, 30))]
    yesterday = checkin.present(db, duty).volunteers[0]
    assert yesterday.stale and not yesterday.after_closing and yesterday.needs_backfill
    with pytest.raises(PermissionDenied):
        closing.complete_shift(db, duty, flagged[0].shift_id, at(12, 30))
    done = closing.complete_shift(db, admin, flagged[0].shift_id, at(12, 30), reason="忘记签退")
    assert done.hours == Decimal("4.00") and "补录" in done.message
    with db.transaction() as s:
        shift = s.scalars(select(VolunteerShift)).one()
        assert shift.backfilled and shift.backfilled_at is not None
    assert closing.open_shifts_after_closing(db, duty) == ()


def test_a_walk_in_is_added_to_the_roster_and_checked_in(db, station, duty):
    from qsh_desk.services.roster import ChildInput, GuardianInput, PossibleDuplicate

    data = ChildInput(name="新来的", gender="女", grade="二年级",
                      guardians=(GuardianInput(name="新奶奶", relation="祖母", phone="13512345678"),))
    done = checkin.walk_in(db, duty, data)
    assert "已登记新来的孩子 新来的" in done.message
    here = checkin.present(db, duty)
    assert [(p.id, p.name) for p in here.children] == [(done.person_id, "新来的")]
    options = checkin.pickup_options(db, duty, done.person_id)
    assert [(c.name, c.relation) for c in options.collectors] == [("新奶奶", "祖母")]
    checkin.check_out_child(db, duty, done.person_id, Pickup.by_guardian(options.collectors[0].guardian_id))
    with pytest.raises(PossibleDuplicate):
        checkin.walk_in(db, duty, data)
    again = checkin.walk_in(db, duty, data, confirm_possible_duplicate=True)
    assert again.person_id != done.person_id
    with pytest.raises(InvalidInput) as bad:
        checkin.walk_in(db, duty, ChildInput(name="", gender="女"))
    assert "姓名" in str(bad.value)


def test_a_shift_still_open_after_todays_closing_is_flagged(db, station, duty):
    volunteer = add_volunteer(db, station.id, "林老师")
    checkin.check_in(db, duty, VOLUNTEER, volunteer, at=SATURDAY_MORNING)
    assert not checkin.present(db, duty).volunteers[0].needs_backfill
    assert closing.open_shifts_after_closing(db, duty) == ()
    closing.close_day(db, duty)
    here = checkin.present(db, duty).volunteers[0]
    # Still here after today's closing: not "left from an earlier day", but a shift to end (补录).
    assert (here.stale, here.after_closing, here.needs_backfill) == (False, True, True)
    assert [s.name for s in closing.open_shifts_after_closing(db, duty)] == ["林老师"]


def test_checking_in_after_closing_is_recorded_with_a_warning(db, station, duty):
    early, late = add_child(db, station.id, "陈早"), add_child(db, station.id, "陈晚")
    checkin.check_in(db, duty, CHILD, early, at=SATURDAY_MORNING - dt.timedelta(hours=1))
    assert checkin.present(db, duty).closed_at is None
    closed_at = SATURDAY_MORNING - dt.timedelta(minutes=30)
    closing.close_day(db, duty, reason="奶奶在路上，志愿者陪着", at=closed_at)
    done = checkin.check_in(db, duty, CHILD, late)
    assert done.message.startswith("陈晚 签到成功")
    assert done.warning == "注意：今天已于 09:00 闭馆。签到照样记下了；请确认有志愿者陪着孩子，离开时记得签退。"
    here = checkin.present(db, duty)
    assert here.closed_at == closed_at
    assert [(p.name, p.stale, p.after_closing) for p in here.children] == [("陈早", False, True),
                                                                         ("陈晚", False, True)]
