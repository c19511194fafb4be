"""Sessions (活动记录): logging, participants from the day's check-ins, editing audited, the call home."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from qsh_desk.config import data_dir
from qsh_desk.db.models import AuditEntry, Dream, ProgrammeSession, SessionParticipant
from qsh_desk.services import call_home, session_people, sessions
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import Conflict, InvalidInput, PermissionDenied
from qsh_desk.services.call_home import add_call_home_session
from tests.programme_data import add_child, add_shift, add_volunteer, check_in, dream_id


def test_a_call_home_is_logged_as_a_si_qin_session_for_that_child(db, station, admin):
    child_id = add_child(db, station, "王小雨")
    at = dt.datetime(2026, 11, 28, 10, 30)
    with db.transaction() as s:
        session_id = add_call_home_session(s, admin, child_id=child_id, at=at, summary="和妈妈视频十分钟")
    with db.transaction() as s:
        row = s.get(ProgrammeSession, session_id)
        dream = s.get(Dream, row.dream_id)
        participants = s.scalars(select(SessionParticipant.child_id).where(SessionParticipant.session_id == session_id)).all()
        audits = s.scalars(select(AuditEntry).where(AuditEntry.entity == "programme_session")).all()
        assert (dream.dream_name, row.starts_at, row.summary) == ("思亲梦", at, "和妈妈视频十分钟")
        assert participants == [child_id]
        assert [(a.action, a.entity_id, a.child_id) for a in audits] == [("create", session_id, child_id)]



DAY = dt.date(2026, 11, 28)


def _duty(station):
    return Actor(user_id=None, name="duty", role=Role.DUTY, station_id=station.id)


def _png(tmp_path, name: str) -> str:
    path = tmp_path / name
    # A 1×1 PNG is enough: the service copies bytes, it does not decode images.
    path.write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                                   "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"))
    return str(path)


def test_the_children_checked_in_that_day_are_offered_in_arrival_order(db, station):
    late = add_child(db, station, "赵晚到")
    early = add_child(db, station, "钱早到")
    other_day = add_child(db, station, "孙昨天")
    check_in(db, station, late, dt.datetime(2026, 11, 28, 10, 5))
    check_in(db, station, early, dt.datetime(2026, 11, 28, 8, 40))
    check_in(db, station, other_day, dt.datetime(2026, 11, 27, 9, 0))
    offered = session_people.checked_in_children(db, _duty(station), DAY)
    assert [(p.name, p.hint) for p in offered] == [("钱早到", "08:40 到站"), ("赵晚到", "10:05 到站")]


def test_a_duty_volunteer_logs_a_session_with_the_days_children_and_a_searched_one(db, station, tmp_path):
    duty = _duty(station)
    here = [add_child(db, station, n) for n in ("周一一", "吴二二")]
    for child in here:
        check_in(db, station, child, dt.datetime(2026, 11, 28, 9, 0))
    found = session_people.search_children(db, duty, "zss")
    assert found == []
    guest = add_child(db, station, "郑三三")
    found = session_people.search_children(db, duty, "zss")
    assert [p.id for p in found] == [guest]
    organiser = add_volunteer(db, station, "陈老师")
    helper = add_volunteer(db, station, "林姐姐")
    add_shift(db, station, helper, dt.datetime(2026, 11, 28, 8, 30))
    assert [p.name for p in session_people.volunteers_on_duty(db, duty, DAY)] == ["林姐姐"]
    ticked = tuple(p.id for p in session_people.checked_in_children(db, duty, DAY)) + (guest,)

    session_id = sessions.log_session(db, duty, sessions.SessionDraft(
        dream_id=dream_id(db, station, "求知梦"), starts_at=dt.datetime(2026, 11, 28, 9, 30),
        ends_at=dt.datetime(2026, 11, 28, 11, 0), theme="水利科普", place="活动室", organiser_volunteer_id=organiser,
        helper_ids=(helper,), participant_ids=ticked, summary="看了水车模型", follow_up="下次参观水厂",
        photos=(_png(tmp_path, "a.png"), _png(tmp_path, "b.JPG"))))

    detail = sessions.get_session(db, duty, session_id)
    assert sorted(p.name for p in detail.participants) == ["吴二二", "周一一", "郑三三"]
    assert [p.name for p in detail.helpers] == ["林姐姐"] and detail.organiser_volunteer.name == "陈老师"
    assert len(detail.photos) == 2 and all(not p.startswith("/") for p in detail.photos)
    assert all(sessions.photo_file(p).is_file() for p in detail.photos)
    assert sessions.photo_file(detail.photos[1]).suffix == ".png"  # what the file is (a PNG), not what it was called
    assert str(sessions.photo_file(detail.photos[0])).startswith(str(data_dir() / "photos"))
    row = sessions.list_sessions(db, duty)[0]
    assert (row.dream_name, row.theme, row.organiser, row.participants, row.photos) == ("求知梦", "水利科普", "陈老师", 3, 2)


def test_invalid_sessions_are_refused_before_anything_is_written(db, station, tmp_path):
    duty = _duty(station)
    photos = tuple(_png(tmp_path, f"{i}.png") for i in range(5))
    with pytest.raises(InvalidInput) as refused:
        sessions.log_session(db, duty, sessions.SessionDraft(
            dream_id=dream_id(db, station, "快乐梦"), starts_at=dt.datetime(2026, 11, 28, 14, 0),
            ends_at=dt.datetime(2026, 11, 28, 13, 0), theme=" ", photos=photos))
    message = str(refused.value)
    assert "主题" in message and "结束时间" in message and "最多 4 张" in message
    assert sessions.list_sessions(db, duty) == []
    assert not (data_dir() / "photos").exists()


def test_editing_needs_manage_and_is_audited_with_before_and_after(db, station, admin, tmp_path):
    duty = _duty(station)
    kids = [add_child(db, station, n) for n in ("甲一", "乙二", "丙三")]
    session_id = sessions.log_session(db, duty, sessions.SessionDraft(
        dream_id=dream_id(db, station, "快乐梦"), starts_at=dt.datetime(2026, 11, 28, 14, 0), theme="趣味运动会",
        participant_ids=tuple(kids[:2]), photos=(_png(tmp_path, "x.png"),)))
    detail = sessions.get_session(db, duty, session_id)
    changed = dataclasses.replace(detail.draft(), theme="冬季趣味运动会", participant_ids=(kids[0], kids[2]), photos=())

    with pytest.raises(PermissionDenied):
        sessions.update_session(db, duty, session_id, changed, expected_version=detail.version)
    sessions.update_session(db, admin, session_id, changed, expected_version=detail.version)

    after = sessions.get_session(db, admin, session_id)
    assert after.theme == "冬季趣味运动会" and sorted(p.id for p in after.participants) == [kids[0], kids[2]]
    assert after.photos == () and not sessions.photo_file(detail.photos[0]).exists()
    with pytest.raises(Conflict):
        sessions.update_session(db, admin, session_id, changed, expected_version=detail.version)
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
        assert entry.detail["before"]["theme"] == "趣味运动会" and entry.detail["after"]["theme"] == "冬季趣味运动会"
        assert entry.detail["before"]["participants"] == sorted(kids[:2])


def test_deleting_is_audited_and_keeps_what_the_session_was(db, station, admin):
    child = add_child(db, station, "丁四")
    session_id = sessions.log_session(db, admin, sessions.SessionDraft(
        dream_id=dream_id(db, station, "成长梦"), starts_at=dt.datetime(2026, 11, 28, 15, 0), theme="防溺水安全教育",
        participant_ids=(child,)))
    with pytest.raises(PermissionDenied):
        sessions.delete_session(db, _duty(station), session_id)
    sessions.delete_session(db, admin, session_id)
    assert sessions.list_sessions(db, admin) == []
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "delete")).one()
        assert entry.detail["before"]["theme"] == "防溺水安全教育" and entry.detail["before"]["participants"] == [child]


def test_the_list_filters_by_dream_dates_and_child(db, station, admin):
    a, b = add_child(db, station, "戊五"), add_child(db, station, "己六")
    joy, growth = dream_id(db, station, "快乐梦"), dream_id(db, station, "成长梦")
    for day, dream, kids in ((1, joy, (a,)), (8, growth, (a, b)), (15, joy, (b,))):
        sessions.log_session(db, admin, sessions.SessionDraft(
            dream_id=dream, starts_at=dt.datetime(2026, 11, day, 9, 30), theme=f"11月{day}日", participant_ids=kids))

    def themes(**filters):
        return [s.theme for s in sessions.list_sessions(db, admin, **filters)]

    assert themes() == ["11月15日", "11月8日", "11月1日"]
    assert themes(dream_id=joy) == ["11月15日", "11月1日"]
    assert themes(date_from=dt.date(2026, 11, 8), date_to=dt.date(2026, 11, 8)) == ["11月8日"]
    assert themes(child_id=a) == ["11月8日", "11月1日"]
    assert themes(child_id=b, dream_id=joy, date_to=dt.date(2026, 11, 14)) == []


def test_a_call_home_in_one_step_for_a_duty_volunteer(db, station):
    child = add_child(db, station, "庚七")
    session_id = call_home.log_call_home(db, _duty(station), child, at=dt.datetime(2026, 11, 28, 11, 0))
    row = sessions.list_sessions(db, _duty(station), child_id=child)[0]
    assert (row.id, row.dream_name, row.theme, row.participants) == (session_id, "思亲梦", "站内亲情连线", 1)


def test_export_writes_a_workbook_and_is_audited(db, station, admin, tmp_path):
    from openpyxl import load_workbook

    child = add_child(db, station, "辛八")
    sessions.log_session(db, admin, sessions.SessionDraft(
        dream_id=dream_id(db, station, "出彩梦"), starts_at=dt.datetime(2026, 11, 28, 14, 0), theme="电子琴",
        participant_ids=(child,)))
    target = tmp_path / "sessions.xlsx"
    with pytest.raises(PermissionDenied):
        sessions.export_sessions(db, _duty(station), target, date_from=DAY, date_to=DAY)
    assert sessions.export_sessions(db, admin, target, date_from=DAY, date_to=DAY) == 1
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]][:5] == ["日期", "开始", "结束", "梦", "主题"]
    assert sheet["D2"].value == "出彩梦" and sheet["J2"].value == "辛八"
    with db.transaction() as s:
        assert s.scalars(select(AuditEntry.action).where(AuditEntry.action == "export")).all() == ["export"]



def test_a_renamed_document_is_not_taken_as_a_session_photo(db, station, tmp_path):
    """One photo store: a session's photos are checked by their bytes, as a child's photo is."""
    fake = tmp_path / "活动照片.jpg"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # a Word 97 document, renamed
    with pytest.raises(InvalidInput, match="不是照片"):
        sessions.log_session(db, _duty(station), sessions.SessionDraft(
            dream_id=dream_id(db, station, "快乐梦"), starts_at=dt.datetime(2026, 11, 28, 10, 0), theme="拔河",
            photos=(str(fake),)))
    assert sessions.list_sessions(db, _duty(station)) == []
    saved = sessions.log_session(db, _duty(station), sessions.SessionDraft(
        dream_id=dream_id(db, station, "快乐梦"), starts_at=dt.datetime(2026, 11, 28, 10, 0), theme="拔河",
        photos=(_png(tmp_path, "real.png"),)))
    assert sessions.get_session(db, _duty(station), saved).photos[0].endswith(".png")
