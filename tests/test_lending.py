"""器材与图书: items with coded copies, lending by scanned code or ISBN, returns, overdue loans, stocktake."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from qsh_desk.db.models import ItemConditionChange
from qsh_desk.services import lending, roster
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied, Refused
from tests.moments import SATURDAY_MORNING, TODAY
from tests.programme_data import add_child


def _actor(station, role: Role) -> Actor:
    return Actor(user_id=None, name=f"lend-{role.value}", role=role, station_id=station.id)


def test_items_get_a_code_per_copy_and_a_book_is_lent_and_returned(db, station, pinned_clock):
    duty, social = _actor(station, Role.DUTY), _actor(station, Role.SOCIAL)
    with pytest.raises(PermissionDenied):
        lending.add_item(db, duty, "安徒生童话")
    book = lending.add_item(db, social, "安徒生童话", copies=2, isbn="978-7-02-000220-7", location="书架 A")
    ball = lending.add_item(db, social, "篮球", kind="器材", source="donation", donor="青山湖区水利局")
    assert book.codes == (f"I{station.id:02d}000001", f"I{station.id:02d}000002")
    assert ball.codes == (f"I{station.id:02d}000003",)
    child = add_child(db, station, "单田芳")

    loan = lending.lend(db, duty, "9787020002207", child)  # the ISBN scanned: the first copy on the shelf
    assert (loan.code, loan.item, loan.due, loan.overdue) == (book.codes[0], "安徒生童话", TODAY + dt.timedelta(days=14),
                                                               False)
    with pytest.raises(Refused, match="已借给单田芳"):
        lending.lend(db, duty, book.codes[0], child)
    assert lending.lend(db, duty, "9787020002207", child).code == book.codes[1]
    with pytest.raises(NotFound, match="不认识这个编码"):
        lending.lend(db, duty, "9787020002207", child)  # no copy left on the shelf
    ball_loan = lending.lend(db, duty, ball.codes[0], child)
    assert ball_loan.due == TODAY + dt.timedelta(days=7)  # equipment: the other term

    pinned_clock.advance(dt.timedelta(days=15))
    overdue = lending.list_loans(db, duty, overdue_only=True)
    assert [(r.code, r.overdue_days) for r in overdue] == [(ball.codes[0], 8), (book.codes[0], 1), (book.codes[1], 1)]
    assert lending.overdue_by_child(db, duty) == {child: "有 3 件物品逾期"}

    back = lending.return_item(db, duty, book.codes[0], condition="damaged", note="封面撕破")
    assert back.returned_at.date() == (SATURDAY_MORNING + dt.timedelta(days=15)).date()
    with pytest.raises(Refused, match="现在没有借出"):
        lending.return_item(db, duty, book.codes[0])
    [row] = [r for r in lending.list_items(db, duty) if r.name == "安徒生童话"]
    assert (row.copies, row.out, row.conditions) == (2, 1, {"有损坏": 1, "好": 1})
    with db.transaction() as s:
        history = s.execute(select(ItemConditionChange.condition, ItemConditionChange.note)).all()
    assert history == [("damaged", "封面撕破")]
    lines = [(line.code, line.text) for line in lending.item_history(db, duty, book.item_id)]
    assert set(lines[:2]) == {(book.codes[0], "状况：有损坏（封面撕破）"), (book.codes[0], "单田芳 归还")}  # one moment
    assert set(lines[2:]) == {(code, "借给 单田芳（应还 2026-12-12）") for code in book.codes}


def test_refusals_in_plain_chinese(db, station, admin):
    duty = _actor(station, Role.DUTY)
    with pytest.raises(InvalidInput, match="捐赠人"):
        lending.add_item(db, admin, "跳绳", kind="器材", source="donation")
    with pytest.raises(InvalidInput, match="ISBN"):
        lending.add_item(db, admin, "字典", isbn="12345")
    with pytest.raises(InvalidInput, match="类别只能是"):
        lending.add_item(db, admin, "字典", kind="食品")
    codes = lending.add_item(db, admin, "电子琴", kind="乐器", code="KEY1", may_leave=False).codes
    assert codes == ("KEY1",)
    with pytest.raises(Refused, match="已经用过了"):
        lending.add_item(db, admin, "电子琴", code="key1")
    child = add_child(db, station, "王小明")
    roster.archive_child(db, admin, child)
    with pytest.raises(Refused, match="已归档"):
        lending.lend(db, duty, "KEY1", child)
    other = add_child(db, station, "李小红")
    lending.lend(db, duty, "key1", other)
    assert [r.item for r in lending.kept_in_the_room(db, duty, other)] == ["电子琴"]
    lending.set_condition(db, admin, "KEY1", "scrapped", "摔坏了")
    with pytest.raises(PermissionDenied):
        lending.set_condition(db, duty, "KEY1", "ok")


def test_a_stocktake_says_what_is_missing(db, station, admin):
    codes = lending.add_item(db, admin, "跳棋", kind="游戏", copies=3).codes
    lending.lend(db, admin, codes[1], add_child(db, station, "赵小宝"))
    result = lending.stocktake(db, admin, [codes[0].lower(), "X999"])
    assert (result.found, result.out, result.missing, result.unknown) == (
        (codes[0],), (codes[1],), ((codes[2], "跳棋"),), ("X999",))


def test_two_pcs_lending_one_copy_at_once_one_wins(db, station, admin, monkeypatch):
    duty = _actor(station, Role.DUTY)
    code = lending.add_item(db, admin, "魔方", kind="玩具").codes[0]
    kids = [add_child(db, station, "甲一"), add_child(db, station, "乙二")]
    if make_url(str(db.engine.url)).get_backend_name() == "postgresql":
        both_checked = threading.Barrier(2, timeout=10)  # both see the copy on the shelf before either writes
        checked = lending._open_loan
        monkeypatch.setattr(lending, "_open_loan", lambda s, c: (checked(s, c), both_checked.wait())[0])
    outcomes: list[object] = []

    def lend(child: int) -> None:
        try:
            outcomes.append(lending.lend(db, duty, code, child).child)
        except (Conflict, Refused) as refused:
            outcomes.append(refused)

    threads = [threading.Thread(target=lend, args=(k,)) for k in kids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    winners = [o for o in outcomes if isinstance(o, str)]
    assert len(winners) == 1 and len(outcomes) == 2
    assert "借" in next(o for o in outcomes if not isinstance(o, str)).message
    assert [r.child for r in lending.list_loans(db, duty)] == winners
