"""微心愿: written down, claimed by a volunteer or an outside claimer, fulfilled or cancelled; the board hides names."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from PySide6.QtGui import QImage
from sqlalchemy import select
from sqlalchemy.engine import make_url

from qsh_desk.db.models import AuditEntry, Child, Consent
from qsh_desk.services import consents, settings, wishes
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import Conflict, InvalidInput, PermissionDenied, Refused
from tests.moments import TODAY
from tests.programme_data import add_child, add_volunteer


def _actor(station, role: Role) -> Actor:
    return Actor(user_id=None, name=f"wish-{role.value}", role=role, station_id=station.id)


def _child(db, station, name: str, grade: str = "五年级", *, board_consent: bool = True) -> int:
    child_id = add_child(db, station, name)
    with db.transaction() as s:
        child = s.get(Child, child_id)
        child.grade = grade
        if board_consent:
            child.consents.append(Consent(kind="wish_board", given_by="单奶奶", given_on=TODAY - dt.timedelta(days=30)))
    return child_id


def test_given_name_and_grade_only_on_the_board():
    assert wishes.board_name("单田芳", "五年级", True) == "田芳 · 五年级"
    assert wishes.board_name("欧阳娜娜", "三年级", True) == "娜娜 · 三年级"
    assert wishes.board_name("欧阳娜", "三年级", True) == "娜 · 三年级"
    assert wishes.board_name("张三", None, True) == "三"
    assert wishes.board_name("单田芳", "五年级", False) == "一名五年级的孩子"
    assert wishes.board_name("单田芳", None, False) == "一名孩子"


def test_a_wish_from_written_to_fulfilled(db, station, admin, tmp_path, pinned_clock):
    duty, social = _actor(station, Role.DUTY), _actor(station, Role.SOCIAL)
    child = _child(db, station, "单田芳")
    volunteer = add_volunteer(db, station, "彭老师")
    wish_id = wishes.add_wish(db, duty, child, "想要一个新书包", value_yuan="80", dream="温暖梦")
    [row] = wishes.list_wishes(db, duty, status="open")
    assert (row.id, row.status_title, row.board_name, row.dream, row.value_yuan) == (
        wish_id, "待认领", "田芳 · 五年级", "温暖梦", 80)
    assert wishes.open_wish_count(db, duty) == 1

    with pytest.raises(Refused, match="还没有人认领"):
        wishes.fulfil_wish(db, social, wish_id)
    claimed = wishes.claim_wish(db, duty, wish_id, volunteer_id=volunteer)
    assert (claimed.status_title, claimed.claimer, claimed.claimer_kind) == ("已认领", "彭老师", "volunteer")
    with pytest.raises(Refused, match="已经由“彭老师”认领了"):
        wishes.claim_wish(db, duty, wish_id, name="李阿姨", phone="13900001111")
    with pytest.raises(PermissionDenied):
        wishes.fulfil_wish(db, duty, wish_id)

    pinned_clock.advance(dt.timedelta(days=7))
    photo = tmp_path / "delivered.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(0x3366AA)
    image.save(str(photo))
    wishes.fulfil_wish(db, social, wish_id, delivery="周末在站里当面送", photo=photo, note="书包是蓝色的",
                       thanks="谢谢彭老师！")
    [done] = wishes.list_wishes(db, social, status="fulfilled")
    assert (done.status_title, done.fulfilled_on, done.has_photo, done.thanks) == (
        "已圆梦", TODAY + dt.timedelta(days=7), True, "谢谢彭老师！")
    assert wishes.open_wish_count(db, duty) == 0
    with pytest.raises(Refused, match="已经圆梦"):
        wishes.cancel_wish(db, social, wish_id, "搬家了")
    record = wishes.wish_record(db, social, wish_id)
    assert (record.child_name, record.claimer, record.photo.is_file()) == ("单田芳", "志愿者：彭老师", True)
    with db.transaction() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "wish").order_by(AuditEntry.id)).all()
    assert actions == ["create", "claim", "denied", "update", "print"]  # the duty volunteer's refused fulfilment


def test_an_outside_claimer_needs_a_phone_or_a_unit_and_the_phone_is_masked(db, station):
    duty, social = _actor(station, Role.DUTY), _actor(station, Role.SOCIAL)
    wish_id = wishes.add_wish(db, duty, _child(db, station, "王小明"), "一本新华字典")
    with pytest.raises(InvalidInput, match="留一个电话或写明所在单位"):
        wishes.claim_wish(db, duty, wish_id, name="李阿姨")
    claimed = wishes.claim_wish(db, duty, wish_id, name="李阿姨", phone="13900001111")
    assert (claimed.claimer_kind, claimed.claimer_phone) == ("person", "139****1111")
    assert wishes.list_wishes(db, social)[0].claimer_phone == "13900001111"
    unit_wish = wishes.add_wish(db, duty, _child(db, station, "王小红"), "去科技馆看看")
    by_unit = wishes.claim_wish(db, duty, unit_wish, unit="青山湖区水利局")
    assert (by_unit.claimer_kind, by_unit.claimer) == ("unit", "青山湖区水利局")


def test_a_wish_above_the_cap_waits_for_a_coordinator(db, station, admin):
    duty, social = _actor(station, Role.DUTY), _actor(station, Role.SOCIAL)
    child = _child(db, station, "赵小宝")
    wish_id = wishes.add_wish(db, duty, child, "一台电子琴", value_yuan=300)
    assert wishes.list_wishes(db, duty)[0].status_title == "待批准"
    assert wishes.open_wish_count(db, duty) == 0
    assert wishes.wish_board(db, duty).entries == ()
    with pytest.raises(Refused, match="超过本站的上限"):
        wishes.claim_wish(db, duty, wish_id, unit="共建单位甲")
    with pytest.raises(PermissionDenied):
        wishes.approve_wish(db, duty, wish_id)
    wishes.approve_wish(db, social, wish_id)
    assert wishes.claim_wish(db, duty, wish_id, unit="共建单位甲").status == "claimed"
    settings.set_value(db, admin, "wish_value_cap", 500)
    assert wishes.list_wishes(db, duty, status="claimed")[0].status_title == "已认领"
    by_coordinator = wishes.add_wish(db, social, child, "一辆自行车", value_yuan=600)
    assert wishes.list_wishes(db, duty, status="open")[0].id == by_coordinator
    assert not wishes.list_wishes(db, duty, status="open")[0].awaiting_approval


def test_bad_input_is_refused_in_plain_chinese(db, station):
    duty, social = _actor(station, Role.DUTY), _actor(station, Role.SOCIAL)
    child = _child(db, station, "钱多多")
    with pytest.raises(InvalidInput, match="请写下孩子的心愿"):
        wishes.add_wish(db, duty, child, "  ")
    with pytest.raises(InvalidInput, match="金额请写数字"):
        wishes.add_wish(db, duty, child, "书包", value_yuan="很多")
    with pytest.raises(InvalidInput, match="没有这个梦"):
        wishes.add_wish(db, duty, child, "书包", dream="发财梦")
    wish_id = wishes.add_wish(db, duty, child, "书包")
    with pytest.raises(InvalidInput, match="取消的原因"):
        wishes.cancel_wish(db, social, wish_id, "")
    wishes.cancel_wish(db, social, wish_id, "孩子转学了")
    with pytest.raises(Refused, match="已取消（孩子转学了）"):
        wishes.claim_wish(db, duty, wish_id, unit="某单位")
    with pytest.raises(InvalidInput, match="状态只能是"):
        wishes.list_wishes(db, duty, status="done")


def test_the_board_shows_no_full_name_and_hides_a_child_without_consent(db, station):
    duty = _actor(station, Role.DUTY)
    wishes.add_wish(db, duty, _child(db, station, "单田芳"), "一个篮球")
    wishes.add_wish(db, duty, _child(db, station, "欧阳娜娜", "三年级", board_consent=False), "和妈妈视频")
    board = wishes.wish_board(db, duty)
    assert [(e.child, e.wish) for e in board.entries] == [("田芳 · 五年级", "一个篮球"), ("一名三年级的孩子", "和妈妈视频")]


def test_claimed_too_long_ago_is_flagged(db, station, pinned_clock):
    duty = _actor(station, Role.DUTY)
    wish_id = wishes.add_wish(db, duty, _child(db, station, "孙悟饭"), "一套水彩笔")
    wishes.claim_wish(db, duty, wish_id, unit="爱心企业")
    pinned_clock.advance(dt.timedelta(days=30))
    assert not wishes.list_wishes(db, duty)[0].claim_overdue
    pinned_clock.advance(dt.timedelta(days=1))
    assert wishes.list_wishes(db, duty)[0].claim_overdue


def test_statistics_per_month_claimer_and_dream(db, station, pinned_clock):
    duty, social = _actor(station, Role.DUTY), _actor(station, Role.SOCIAL)
    first = wishes.add_wish(db, duty, _child(db, station, "周一"), "书包", dream="温暖梦")
    wishes.claim_wish(db, duty, first, unit="共建单位")
    pinned_clock.advance(dt.timedelta(days=5))  # into December
    wishes.fulfil_wish(db, social, first)
    wishes.add_wish(db, duty, _child(db, station, "周二"), "字典")
    figures = wishes.wish_stats(db, duty, dt.date(2026, 11, 1), dt.date(2026, 12, 31))
    assert [(m.month, m.written, m.claimed, m.fulfilled) for m in figures.months] == [
        ("2026-11", 1, 1, 0), ("2026-12", 1, 0, 1)]
    assert figures.by_claimer == {"志愿者": 0, "爱心人士": 0, "共建单位": 1}
    assert figures.by_dream == {"温暖梦": 1}


def test_two_pcs_claiming_one_wish_at_once_one_wins(db, station, monkeypatch):
    duty = _actor(station, Role.DUTY)
    wish_id = wishes.add_wish(db, duty, _child(db, station, "吴同时"), "一个足球")
    if make_url(str(db.engine.url)).get_backend_name() == "postgresql":
        # Both read the wish as open before either writes: only the version column decides.
        both_read = threading.Barrier(2, timeout=10)
        checked = wishes._claimable
        monkeypatch.setattr(wishes, "_claimable", lambda row: (checked(row), both_read.wait()))
    outcomes: list[object] = []

    def claim(unit: str) -> None:
        try:
            outcomes.append(wishes.claim_wish(db, duty, wish_id, unit=unit).claimer)
        except (Conflict, Refused) as refused:
            outcomes.append(refused)

    threads = [threading.Thread(target=claim, args=(unit,)) for unit in ("甲单位", "乙单位")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    winners = [o for o in outcomes if isinstance(o, str)]
    losers = [o for o in outcomes if not isinstance(o, str)]
    assert len(winners) == 1 and len(losers) == 1
    assert "认领" in losers[0].message
    assert wishes.list_wishes(db, duty)[0].claimer == winners[0]


def test_a_guardian_consents_to_the_board(db, station, admin):
    child = _child(db, station, "郑可可", board_consent=False)
    consents.record_consent(db, admin, child, "wish_board", "郑奶奶", TODAY)
    wishes.add_wish(db, admin, child, "一盒彩泥")
    assert wishes.wish_board(db, admin).entries[0].child == "可可 · 五年级"


def test_the_printed_board_has_no_full_name_phone_or_school(db, station):
    from pypdf import PdfReader

    from qsh_desk.printing.jobs import build_pdf, job_for

    duty = _actor(station, Role.DUTY)
    child = _child(db, station, "单田芳")
    with db.transaction() as s:
        s.get(Child, child).school = "塘山镇中心小学"
    claimed = wishes.add_wish(db, duty, child, "想要一个新书包")
    wishes.claim_wish(db, duty, claimed, name="李阿姨", phone="13900001111")
    wishes.add_wish(db, duty, _child(db, station, "欧阳娜娜", "三年级", board_consent=False), "和妈妈视频")
    for a3 in (False, True):
        pdf, pages = build_pdf(job_for("wishes", {"status": "all", "a3": a3}), db, duty)
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert "田芳 · 五年级" in text and "一名三年级的孩子" in text and "想要一个新书包" in text
        for secret in ("单田芳", "欧阳", "娜娜", "塘山镇中心小学", "13900001111", "1111", "李阿姨"):
            assert secret not in text, secret
    record, _ = build_pdf(job_for("wish-record", {"wish": claimed}), db, _actor(station, Role.SOCIAL))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(record)).pages)
    assert "单田芳" in text and "13900001111" in text and "微心愿圆梦记录" in text


def test_a_fulfilled_wish_counts_in_the_dream_statistics_and_shows_on_the_passport(db, station):
    from qsh_desk.services import stats

    duty, social = _actor(station, Role.DUTY), _actor(station, Role.SOCIAL)
    child = _child(db, station, "冯小雨")
    wish_id = wishes.add_wish(db, duty, child, "一个新书包", dream="温暖梦")
    wishes.add_wish(db, duty, child, "一本字典")
    wishes.claim_wish(db, duty, wish_id, unit="共建单位")
    wishes.fulfil_wish(db, social, wish_id)
    report = stats.dream_report(db, social, stats.custom_period(TODAY.replace(day=1), TODAY))
    warmth = next(f for f in report.dreams if f.dream == "温暖梦")
    assert (warmth.wishes_fulfilled, report.total.wishes_fulfilled, warmth.as_json()["wishes_fulfilled"]) == (1, 1, 1)
    passport = stats.dream_passport(db, social, child)
    assert passport.wishes == ("一个新书包（温暖梦 · 已圆梦）", "一本字典（待认领）")
