"""The roster services: walk-ins, duplicates, filters, optimistic locking, masking by role, consents, photos,
archive and delete — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from qsh_desk import config
from qsh_desk.db.models import AuditEntry, Child, ChildVisit, Guardian, Pairing
from qsh_desk.services import consents, roster, volunteers
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied, Refused
from qsh_desk.services.roster import ChildInput, ChildQuery, GuardianInput, PossibleDuplicate
from qsh_desk.services.volunteers import PossibleDuplicateVolunteer, VolunteerInput, VolunteerQuery
from tests.test_validation import make_id
from tests.moments import SATURDAY_MORNING

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
       b"\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def duty(station):
    return Actor(user_id=None, name="duty", role=Role.DUTY, station_id=station.id)


@pytest.fixture
def social(station):
    return Actor(user_id=None, name="social", role=Role.SOCIAL, station_id=station.id)


def child(name="王小明", gender="男", birth_date="2015-03-04", phone="13812345678", **more) -> ChildInput:
    guardians = more.pop("guardians", (GuardianInput("王秀英", "奶奶", phone),))
    return ChildInput(name=name, gender=gender, birth_date=birth_date, guardians=guardians, **more)


def count(db, table) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(table))


def audit_actions(db, entity: str) -> list[str]:
    with db.transaction() as session:
        return list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity == entity).order_by(AuditEntry.id)))


# --- adding -------------------------------------------------------------------------------------


def test_a_duty_volunteer_registers_a_walk_in_but_not_a_full_record(db, duty):
    with pytest.raises(PermissionDenied):
        roster.add_child(db, duty, child(name="王小明", notes="只有编辑花名册的人能建完整档案"))
    added = roster.add_walk_in(db, duty, child(name=" 王 䶮 ", birth_date=None, grade="3年级",
                                               phone="138 1234 5678"))
    assert (added.name, added.grade, added.card_code, added.active) == ("王䶮", "三年级", "C01000001", True)
    assert added.guardian == "祖母 王秀英" and added.guardian_phone == "138****5678"
    with db.transaction() as session:
        stored = session.get(Child, added.id)
        assert " wy " in stored.search_keys and " 王䶮 " in stored.search_keys
        guardian = session.scalars(select(Guardian)).one()
        assert (guardian.phone, guardian.phone_last4, guardian.is_primary, guardian.may_collect) == (
            "13812345678", "5678", True, True)
    assert audit_actions(db, "child") == ["denied", "create"]  # the full record was refused, on the log too


def test_a_walk_in_needs_a_birth_date_or_a_grade_and_lists_every_problem(db, duty):
    with pytest.raises(InvalidInput) as caught:
        roster.add_walk_in(db, duty, child(name="王小明3", gender="未知", birth_date=None,
                                           guardians=(GuardianInput("", "奶奶", "1381234567"),)))
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("姓名", "姓名里不能有数字或符号 “3”，请只写名字本身（备注另填）。"),
        ("性别", "性别请写“男”或“女”（也可以写 M 或 F）。"),
        ("出生日期", "请填写出生日期；不知道时至少填写年级。"),
        ("监护人1 姓名", "这一项必须填写。"),
        ("监护人1 电话", "手机号应为 11 位数字（现在是 10 位），请核对。"),
    ]
    assert count(db, Child) == 0


def test_id_number_must_match_the_birth_date(db, admin):
    with pytest.raises(InvalidInput) as caught:
        roster.add_child(db, admin, child(id_number=make_id("20150305")))
    assert caught.value.problems[0].field == "身份证号"
    assert "与填写的出生日期 2015-03-04 不一致" in caught.value.problems[0].message
    added = roster.add_child(db, admin, child(birth_date="2015年3月", id_number=make_id("20150304")))
    assert added.birth_date == dt.date(2015, 3, 4)  # 出生年月 completed from the ID number


def test_same_name_and_birth_date_or_guardian_phone_warns_before_saving(db, duty):
    first = roster.add_walk_in(db, duty, child())
    with pytest.raises(PossibleDuplicate) as same_birth:
        roster.add_walk_in(db, duty, child(phone="13900000000"))
    assert [m.id for m in same_birth.value.matches] == [first.id]
    assert "花名册里可能已经有这名儿童：王小明，男，2015-03-04，祖母 王秀英（卡号 C01000001）" in str(same_birth.value)
    with pytest.raises(PossibleDuplicate) as same_phone:
        roster.add_walk_in(db, duty, child(birth_date=None, grade="三年级"))
    assert [m.id for m in same_phone.value.matches] == [first.id]
    assert count(db, Child) == 1
    # Another child of the same name (different birthday, different family) is not a duplicate.
    roster.add_walk_in(db, duty, child(birth_date="2016-05-06", phone="13900000000"))
    confirmed = roster.add_walk_in(db, duty, child(), confirm_possible_duplicate=True)
    assert confirmed.card_code == "C01000003" and count(db, Child) == 3


# --- finding ------------------------------------------------------------------------------------


@pytest.fixture
def three_children(db, admin):
    a = roster.add_child(db, admin, child("张三丰", school="高新小学", grade="三年级", medical_flag=True,
                                          medical_details="花生过敏", phone="13800001111"))
    b = roster.add_child(db, admin, child("单雨涵", "女", "2014-01-02", school="塘山中学", grade="初一",
                                          phone="13900002222"))
    c = roster.add_child(db, admin, child("李𬬭", "男", "2016-06-01", school="高新小学", grade="二年级",
                                          phone="13700003333"))
    return a, b, c


def test_filters_and_pinyin_search(db, admin, duty, three_children):
    a, b, c = three_children
    names = lambda **kw: [r.name for r in roster.list_children(db, duty, ChildQuery(**kw))]  # noqa: E731
    assert names() == ["李𬬭", "单雨涵", "张三丰"]  # pinyin order: li, shan, zhang
    assert names(text="zsf") == ["张三丰"]
    assert names(text="ＺＳＦ") == ["张三丰"]
    assert names(text="shan") == ["单雨涵"]  # the surname reading
    assert names(text="dan") == ["单雨涵"]  # and the common reading people type
    assert names(text="2222") == ["单雨涵"]  # the last four digits of a guardian's phone
    assert names(text=c.card_code.lower()) == ["李𬬭"]
    assert names(school="高新小学") == ["李𬬭", "张三丰"]
    assert names(grade="初一") == ["单雨涵"]
    assert names(medical=True) == ["张三丰"]
    with db.transaction() as session:
        from qsh_desk.db.models import Volunteer

        v = Volunteer(station_id=admin.station_id, name="志愿者", card_code="V01000001", search_keys="")
        session.add(v)
        session.flush()
        session.add(Pairing(station_id=admin.station_id, volunteer_id=v.id, child_id=b.id,
                            started_on=dt.date(2026, 1, 1)))
    assert names(paired=True) == ["单雨涵"]
    assert names(paired=False) == ["李𬬭", "张三丰"]
    roster.archive_child(db, admin, c.id)
    assert names() == ["单雨涵", "张三丰"]
    assert names(status="archived") == ["李𬬭"]
    assert len(names(status="all")) == 3
    choices = roster.child_filter_choices(db, duty)
    assert choices.schools == ("塘山中学", "高新小学") and set(choices.grades) == {"三年级", "初一", "二年级"}


def test_masking_by_role_and_medical_reads_are_audited(db, admin, duty, social, three_children):
    a = three_children[0]
    roster.update_child(db, admin, a.id, child("张三丰", school="高新小学", grade="三年级", medical_flag=True,
                                               medical_details="花生过敏", phone="13800001111",
                                               id_number=make_id("20150304")), a.version)
    seen_by_duty = roster.get_child(db, duty, a.id)
    assert seen_by_duty.guardians[0].phone == "138****1111"
    assert seen_by_duty.medical_flag is True and seen_by_duty.medical_details is None
    assert not seen_by_duty.medical_visible
    assert seen_by_duty.id_number == "360111********1230"[: 6] + "*" * 8 + make_id("20150304")[-4:]
    before = audit_actions(db, "child_medical")
    seen_by_social = roster.get_child(db, social, a.id)
    assert seen_by_social.guardians[0].phone == "13800001111" and seen_by_social.medical_details == "花生过敏"
    assert "*" in seen_by_social.id_number
    assert audit_actions(db, "child_medical") == before + ["read"]
    assert roster.get_child(db, admin, a.id).id_number == make_id("20150304")


def test_saving_a_child_or_a_consent_is_not_audited_as_reading_the_medical_details(db, social, three_children,
                                                                                    tmp_path):
    """The audit log records what a person looked at: a save, a consent or a photo is not a new look."""
    a = three_children[0]
    saved = roster.update_child(db, social, a.id, child("张三丰", medical_flag=True, medical_details="花生过敏"),
                                a.version)
    assert saved.medical_details == "花生过敏"  # the form keeps showing what was typed
    saved = roster.update_child(db, social, a.id, roster.input_from_detail(saved), saved.version)
    consents.record_consent(db, social, a.id, "go_home_alone", "祖母 王秀英", "2026-11-01")
    assert [c.kind for c in consents.list_consents(db, social, a.id)] == ["go_home_alone"]
    photo = tmp_path / "a.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    roster.set_photo(db, social, a.id, photo)
    assert audit_actions(db, "child_medical") == []
    roster.get_child(db, social, a.id)  # opening the record is a look
    assert audit_actions(db, "child_medical") == ["read"]


# --- editing ------------------------------------------------------------------------------------


def test_update_with_a_stale_version_is_refused_never_overwritten(db, admin, social):
    added = roster.add_child(db, admin, child())
    first = roster.get_child(db, social, added.id)
    second = roster.get_child(db, admin, added.id)
    saved = roster.update_child(db, social, added.id, child(school="高新小学"), first.version)
    assert saved.school == "高新小学" and saved.version == first.version + 1
    with pytest.raises(Conflict) as caught:
        roster.update_child(db, admin, added.id, child(school="塘山中学"), second.version)
    assert "刚刚被别人（或另一台电脑）修改过，您的修改没有保存" in str(caught.value)
    assert roster.get_child(db, admin, added.id).school == "高新小学"
    changes = audit_actions(db, "child")
    assert changes == ["create", "update"]


def test_a_guardian_only_change_still_bumps_the_version(db, admin):
    added = roster.add_child(db, admin, child())
    detail = roster.get_child(db, admin, added.id)
    with_two = child(guardians=(GuardianInput("王秀英", "奶奶", "13812345678"),
                                GuardianInput("王建国", "姑父", "13912345678", may_collect=False)))
    saved = roster.update_child(db, admin, added.id, with_two, detail.version)
    assert saved.version == detail.version + 1
    assert [(g.relation, g.relation_note, g.may_collect) for g in saved.guardians] == [
        ("祖母", None, True), ("其他", "姑父", False)]
    # The guardian row that stayed keeps its id (visits refer to it as the collector).
    assert saved.guardians[0].id == detail.guardians[0].id


def test_masked_values_left_alone_are_kept(db, admin, social):
    added = roster.add_child(db, admin, child(id_number=make_id("20150304"), medical_details="哮喘"))
    seen = roster.get_child(db, social, added.id)
    unchanged = roster.input_from_detail(seen)
    assert "*" in unchanged.id_number
    roster.update_child(db, social, added.id, unchanged, seen.version)
    kept = roster.get_child(db, admin, added.id)
    assert kept.id_number == make_id("20150304") and kept.medical_details == "哮喘"


def test_duty_volunteers_cannot_edit_and_the_refusal_is_audited(db, admin, duty):
    added = roster.add_child(db, admin, child())
    with pytest.raises(PermissionDenied) as caught:
        roster.update_child(db, duty, added.id, child(school="x"), added.version)
    assert "不能编辑或导入花名册" in str(caught.value)
    assert audit_actions(db, "child")[-1] == "denied"


def test_consents_are_kept_with_who_when_and_scope(db, admin):
    added = roster.add_child(db, admin, child())
    with pytest.raises(InvalidInput) as caught:
        consents.record_consent(db, admin, added.id, "data", "王秀英", "2026/9/1")
    assert caught.value.problems[0].field == "同意范围"
    data = consents.record_consent(db, admin, added.id, "data", "王秀英（祖母）", "2026/9/1", "花名册、照片，仅用于本站活动")
    alone = consents.record_consent(db, admin, added.id, "go_home_alone", "王秀英", "2026年9月2日")
    assert (data.given_on, data.scope) == (dt.date(2026, 9, 1), "花名册、照片，仅用于本站活动")
    assert alone.scope is None
    revoked = consents.revoke_consent(db, admin, alone.id, dt.date(2026, 10, 1))
    assert revoked.revoked_on == dt.date(2026, 10, 1)
    kinds = [(c.kind, c.revoked_on) for c in roster.get_child(db, admin, added.id).consents]
    assert kinds == [("data", None), ("go_home_alone", dt.date(2026, 10, 1))]


def test_a_photo_is_copied_into_the_data_directory(db, admin, tmp_path):
    added = roster.add_child(db, admin, child())
    source = tmp_path / "相片.png"
    source.write_bytes(PNG)
    detail = roster.set_photo(db, admin, added.id, source)
    stored = config.data_dir() / "photos"
    assert detail.photo_path and detail.photo_path.startswith(str(stored))
    assert open(detail.photo_path, "rb").read() == PNG
    not_a_photo = tmp_path / "name.png"
    not_a_photo.write_text("hello")
    with pytest.raises(InvalidInput) as caught:
        roster.set_photo(db, admin, added.id, not_a_photo)
    assert caught.value.problems[0].message == "这个文件不是照片，请选择 JPG、PNG、GIF、BMP 或 WebP 图片。"
    cleared = roster.remove_photo(db, admin, added.id)
    assert cleared.photo_path is None and list(stored.iterdir()) == []


def test_archive_not_while_present_and_restore(db, admin):
    added = roster.add_child(db, admin, child())
    with db.transaction() as session:
        session.add(ChildVisit(station_id=admin.station_id, child_id=added.id,
                               checked_in_at=SATURDAY_MORNING))
    with pytest.raises(Refused) as caught:
        roster.archive_child(db, admin, added.id)
    assert "现在在站里，请先签退再归档" in str(caught.value)
    with db.transaction() as session:
        session.scalars(select(ChildVisit)).one().checked_out_at = SATURDAY_MORNING
    archived = roster.archive_child(db, admin, added.id)
    assert archived.active is False
    assert roster.restore_child(db, admin, added.id).active is True


def test_delete_is_for_admins_confirmed_and_twice_confirmed_with_history(db, admin, social):
    added = roster.add_child(db, admin, child())
    with pytest.raises(PermissionDenied):
        roster.delete_child(db, social, added.id, confirmed=True, confirm_history=True)
    with pytest.raises(Refused) as unconfirmed:
        roster.delete_child(db, admin, added.id)
    assert "通常应改为“归档”" in str(unconfirmed.value)
    moment = dt.datetime(2026, 11, 28, 9, 0)
    with db.transaction() as session:
        session.add(ChildVisit(station_id=admin.station_id, child_id=added.id, checked_in_at=moment,
                               checked_out_at=moment + dt.timedelta(hours=3)))
    assert roster.child_history(db, admin, added.id).describe() == "1 次到站记录"
    with pytest.raises(Refused) as with_history:
        roster.delete_child(db, admin, added.id, confirmed=True)
    assert "有历史记录（1 次到站记录）" in str(with_history.value)
    assert count(db, Child) == 1
    roster.delete_child(db, admin, added.id, confirmed=True, confirm_history=True)
    assert count(db, Child) == 0 and count(db, ChildVisit) == 0 and count(db, Guardian) == 0
    assert audit_actions(db, "child")[-1] == "delete"
    with pytest.raises(NotFound):
        roster.get_child(db, admin, added.id)


# --- volunteers and teams ------------------------------------------------------------------------


def test_volunteers_with_teams_numbers_and_duplicates(db, admin, duty):
    added = volunteers.add_volunteer(db, admin, VolunteerInput("刘芳", "女", "139 0000 1111", "南昌大学志愿服务队",
                                                               "jx2024001", "绘画、手工"))
    assert (added.card_code, added.team, added.volunteer_number) == ("V01000001", "南昌大学志愿服务队", "JX2024001")
    assert [t.name for t in volunteers.list_teams(db, admin)] == ["南昌大学志愿服务队"]
    with pytest.raises(PossibleDuplicateVolunteer):
        volunteers.add_volunteer(db, admin, VolunteerInput("刘芳", phone="13900001111"))
    assert [v.phone for v in volunteers.list_volunteers(db, duty)] == ["139****1111"]
    assert [v.name for v in volunteers.list_volunteers(db, duty, VolunteerQuery(text="lf"))] == ["刘芳"]
    assert volunteers.list_volunteers(db, duty, VolunteerQuery(team="社区五老志愿队")) == []
    with pytest.raises(PermissionDenied):
        volunteers.add_volunteer(db, duty, VolunteerInput("张三"))
    with pytest.raises(InvalidInput) as caught:
        volunteers.add_volunteer(db, admin, VolunteerInput("张三", "x", "123", volunteer_number="编号 1"))
    assert [p.field for p in caught.value.problems] == ["性别", "手机号", "志愿者编号"]


def test_volunteer_update_is_locked_optimistically_and_deactivated_not_deleted(db, admin):
    added = volunteers.add_volunteer(db, admin, VolunteerInput("刘芳", "女", "13900001111"))
    saved = volunteers.update_volunteer(db, admin, added.id, VolunteerInput("刘芳", "女", "13900001111",
                                                                            team="社区五老志愿队"), added.version)
    assert saved.team == "社区五老志愿队" and saved.version == added.version + 1
    with pytest.raises(Conflict):
        volunteers.update_volunteer(db, admin, added.id, VolunteerInput("刘芳2"), added.version)
    assert volunteers.set_volunteer_active(db, admin, added.id, False).active is False
    assert volunteers.list_volunteers(db, admin) == []
    assert [v.name for v in volunteers.list_volunteers(db, admin, VolunteerQuery(status="archived"))] == ["刘芳"]
    with pytest.raises(Refused):
        volunteers.delete_volunteer(db, admin, added.id)
    volunteers.delete_volunteer(db, admin, added.id, confirmed=True)
    assert volunteers.list_volunteers(db, admin, VolunteerQuery(status="all")) == []
    assert audit_actions(db, "volunteer") == ["create", "update", "archive", "delete"]


def test_the_linked_history_knows_every_table_that_refers_to_a_person():
    """A new kind of record that refers to a child or a volunteer must say how it is counted before a delete."""
    from qsh_desk.db.models import Child, Volunteer
    from qsh_desk.services.history import TITLES, referring

    referring_columns = {(t.name, column) for model in (Child, Volunteer) for t, column in referring(model.__table__)}
    assert referring_columns == set(TITLES)


def test_a_volunteer_with_duty_posts_but_no_shifts_has_history_before_a_delete(db, admin):
    import datetime as dt

    from qsh_desk.services import duty

    added = volunteers.add_volunteer(db, admin, VolunteerInput("钱志远", "男", "13900004444"))
    post = duty.list_posts(db, admin)[0]
    duty.assign(db, admin, post_id=post.id, day=dt.date(2026, 12, 5), volunteer_id=added.id)
    assert volunteers.volunteer_history(db, admin, added.id) == "1 个值班岗位安排"
    with pytest.raises(Refused, match="有历史记录（1 个值班岗位安排）"):
        volunteers.delete_volunteer(db, admin, added.id, confirmed=True)
