"""志愿服务记录 and 在职党员双报到: the export, the certificate and the party report count the same hours; IDs for admins."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from qsh_desk.db.models import (
    DutyAssignment,
    DutyPost,
    ProgrammeSession,
    SessionVolunteer,
)
from qsh_desk.services import certificates, checkin, service_records, volunteers
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import InvalidInput, NotFound, PermissionDenied
from qsh_desk.services.volunteers import VolunteerInput
from tests.programme_data import add_shift, dream_id

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
ID = "360102198001010013"  # an invented number with a right check digit


def actor(station, role: Role) -> Actor:
    return Actor(user_id=None, name=role.value, role=role, station_id=station.id)


@pytest.fixture
def served(db, station, admin, pinned_clock):
    """Two party members of one unit and a student: shifts through the desk, a session, a claimed post."""
    wang = volunteers.add_volunteer(db, admin, VolunteerInput(
        "王建国", political_status="中共党员", in_service_party_member="是", work_unit="青山湖区税务局",
        work_unit_party_org="青山湖区税务局机关党委", id_type="居民身份证", id_number=ID)).id
    li = volunteers.add_volunteer(db, admin, VolunteerInput(
        "李红梅", political_status="中共党员", in_service_party_member=True, work_unit="青山湖区税务局")).id
    zhao = volunteers.add_volunteer(db, admin, VolunteerInput("赵小兵", political_status="共青团员")).id
    desk = actor(station, Role.DUTY)
    pinned_clock.set(dt.datetime(2026, 11, 21, 9, 0))
    checkin.check_in(db, desk, checkin.VOLUNTEER, wang)
    checkin.check_in(db, desk, checkin.VOLUNTEER, zhao)
    pinned_clock.set(dt.datetime(2026, 11, 21, 12, 10))  # 3 h 10 min: 3.25 h at the 15-minute rounding
    checkin.check_out_volunteer(db, desk, wang)
    checkin.check_out_volunteer(db, desk, zhao)
    pinned_clock.set(dt.datetime(2026, 11, 28, 9, 30))
    add_shift(db, station, wang, dt.datetime(2026, 11, 22, 9), hours=2)
    add_shift(db, station, wang, dt.datetime(2026, 10, 31, 9), hours=5)  # outside November
    with db.transaction() as s:
        row = ProgrammeSession(station_id=station.id, dream_id=dream_id(db, station, "求知梦"),
                               starts_at=dt.datetime(2026, 11, 21, 10), ends_at=dt.datetime(2026, 11, 21, 11, 30),
                               theme="水利科普小课堂", summary="讲解节约用水")
        s.add(row)
        s.flush()
        s.add(SessionVolunteer(session_id=row.id, volunteer_id=wang))
        post = s.scalars(select(DutyPost).where(DutyPost.station_id == station.id, DutyPost.name == "前台值班")).one()
        s.add(DutyAssignment(station_id=station.id, post_id=post.id, day=dt.date(2026, 11, 21), volunteer_id=wang,
                             claimed=True, assigned_by="王建国"))
    return {"wang": wang, "li": li, "zhao": zhao}


def test_the_export_the_certificate_and_the_party_report_count_the_same_hours(db, station, admin, served, tmp_path):
    result = service_records.export_hours(db, admin, tmp_path / "hours.xlsx", *NOVEMBER)
    book = load_workbook(result.path)
    rows = list(book["服务记录"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    hours = header.index("服务时长（小时）")
    assert header[:4] == ("志愿者姓名", "志愿者编号", "证件类型", "证件号码")
    assert len(body) == 4  # wang: two shifts and a session; zhao: one shift; li served nothing
    exported = sum(Decimal(str(r[hours])) for r in body if r[hours] is not None)
    wang_rows = [r for r in body if r[0] == "王建国"]
    assert {r[header.index("服务项目")] for r in wang_rows} >= {"水利科普小课堂（求知梦）"}
    assert [r[header.index("备注")] for r in wang_rows].count("时长已计入当日签到记录") == 1
    assert all(r[header.index("记录人")] == "duty" for r in body if r[header.index("服务日期")].day == 21
               and r[hours] is not None)
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert sum(Decimal(str(r[-1])) for r in summary[1:]) == exported == result.hours == Decimal("8.5")

    wang_hours = sum(Decimal(str(r[hours])) for r in wang_rows if r[hours] is not None)
    cert = certificates.volunteer_certificate(db, admin, served["wang"], *NOVEMBER)
    assert Decimal(cert.hours) == wang_hours == Decimal("5.25") and cert.id_number == ID

    report = service_records.party_report(db, admin, "青山湖区税务局", *NOVEMBER)
    assert [m.name for m in report.members] == ["李红梅", "王建国"]
    assert report.hours == wang_hours and report.members[1].posts == ("前台值班",)
    assert report.members[1].sessions == 1 and report.members[0].hours == 0
    [line] = service_records.party_summary(db, admin, *NOVEMBER)
    assert (line.unit, line.members, line.served, line.hours) == ("青山湖区税务局", 2, 1, wang_hours)


def test_id_numbers_are_for_administrators_only(db, station, admin, served, tmp_path):
    social = actor(station, Role.SOCIAL)
    records = service_records.service_records(db, social, *NOVEMBER)
    assert records.records and all(r.id_number == "" and r.id_type == "" for r in records.records)
    assert ID in {r.id_number for r in service_records.service_records(db, admin, *NOVEMBER).records}
    cert = certificates.volunteer_certificate(db, social, served["wang"], *NOVEMBER)
    assert cert.id_number == "360102********0013"
    with pytest.raises(PermissionDenied):
        service_records.export_hours(db, social, tmp_path / "no.xlsx", *NOVEMBER)
    # A social worker's edit cannot change or clear the number it never saw.
    summary = volunteers.get_volunteer(db, social, served["wang"])
    volunteers.update_volunteer(db, social, served["wang"], VolunteerInput("王建国", id_type=None, id_number=None),
                                summary.version)
    assert service_records.service_records(db, admin, *NOVEMBER, volunteer_id=served["wang"]).records[0].id_number == ID


def test_volunteer_fields_are_checked_in_plain_words(db, admin):
    with pytest.raises(InvalidInput) as bad:
        volunteers.add_volunteer(db, admin, VolunteerInput(
            "周平", political_status="群众", in_service_party_member="是", id_number="360102198001010014"))
    text = str(bad.value)
    assert "在职党员的政治面貌应是中共党员" in text and "在职党员请填写工作单位" not in text
    assert "校验码" in text
    with pytest.raises(InvalidInput, match="政治面貌只能是"):
        volunteers.add_volunteer(db, admin, VolunteerInput("周平", political_status="党员"))
    with pytest.raises(InvalidInput, match="请填写工作单位"):
        volunteers.add_volunteer(db, admin, VolunteerInput("周平", political_status="中共党员",
                                                           in_service_party_member="是", work_unit=""))


def test_a_unit_without_members_and_an_empty_period_say_what_to_do(db, admin, served, tmp_path):
    with pytest.raises(NotFound, match="已登记的单位：青山湖区税务局"):
        service_records.party_report(db, admin, "不存在的单位", *NOVEMBER)
    with pytest.raises(InvalidInput, match="没有已签退的志愿服务记录"):
        service_records.export_hours(db, admin, tmp_path / "x.xlsx", dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    with pytest.raises(InvalidInput, match="结束日期不能早于开始日期"):
        service_records.party_summary(db, admin, NOVEMBER[1], NOVEMBER[0])
