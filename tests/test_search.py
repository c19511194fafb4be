"""The desk's search finds children and volunteers every way a volunteer may type, ranked as promised."""

from __future__ import annotations

import dataclasses

import pytest

from qsh_desk.services import checkin
from qsh_desk.services.checkin import CHILD, VOLUNTEER
from qsh_desk.services.errors import Ambiguous, NotFound
from qsh_desk.services.search import EXACT, INITIALS, OTHER, PREFIX, find_one, load_index, normalise
from tests.desk_helpers import add_child, add_volunteer
from tests.moments import SATURDAY_MORNING


@pytest.fixture
def roster(db, station):
    ids = {
        "张三丰": add_child(db, station.id, "张三丰", guardians=(("张奶奶", "祖母", "13800004321"),), medical=True),
        "张三": add_child(db, station.id, "张三", grade="一年级"),
        "单田芳": add_child(db, station.id, "单田芳"),
        "曾小贤": add_child(db, station.id, "曾小贤"),
        "乐乐": add_child(db, station.id, "乐乐"),
        "李明一": add_child(db, station.id, "李明", grade="二年级", guardians=(("李爷爷", "祖父", "13900000001"),)),
        "李明二": add_child(db, station.id, "李明", grade="五年级", guardians=(("陈外婆", "外祖母", "13900000002"),)),
        "志愿者李华": add_volunteer(db, station.id, "李华"),
        "哥哥": add_child(db, station.id, "赵大", guardians=(("赵奶奶", "祖母", "13700007777"),)),
        "妹妹": add_child(db, station.id, "赵小", guardians=(("赵奶奶", "祖母", "13700007777"),)),
    }
    return ids


def names(outcome):
    return [r.name for r in outcome.results]


def test_initials_full_pinyin_and_chinese_find_the_child(db, admin, roster):
    index = load_index(db, admin)
    for query in ("zsf", "ZSF", "zhangsanfeng", "张三丰", "zhang san feng", "ｚｓｆ"):
        outcome = index.search(query)
        assert outcome.top.name == "张三丰", query
        assert outcome.unambiguous, query


def test_ranking_is_exact_then_prefix_then_initials_then_other(db, admin, roster):
    index = load_index(db, admin)
    outcome = index.search("张三")
    assert names(outcome)[:2] == ["张三", "张三丰"]
    assert [r.tier for r in outcome.results[:2]] == [EXACT, PREFIX]
    assert outcome.unambiguous
    zs = index.search("zs")
    assert names(zs)[:2] == ["张三", "张三丰"]  # exact initials before longer initials
    assert zs.results[0].tier == INITIALS
    part = index.search("三丰")
    assert names(part) == ["张三丰"] and part.results[0].tier == OTHER
    assert index.search("sanfeng").top.name == "张三丰"  # part of the reading


@pytest.mark.parametrize(("query", "name"), [("shan", "单田芳"), ("dan", "单田芳"), ("stf", "单田芳"), ("dtf", "单田芳"),
                                             ("zeng", "曾小贤"), ("ceng", "曾小贤"), ("cxx", "曾小贤"),
                                             ("yl", "乐乐"), ("ll", "乐乐")])
def test_every_reading_of_a_polyphonic_surname(db, admin, roster, query, name):
    assert load_index(db, admin).search(query).top.name == name


def test_staff_corrected_initials_are_searchable(db, station, admin):
    add_child(db, station.id, "解一鸣", initials_override="jym")
    index = load_index(db, admin)
    assert index.search("jym").top.name == "解一鸣"
    assert index.search("xym").top.name == "解一鸣"


def test_card_code_finds_exactly_one(db, admin, roster):
    index = load_index(db, admin)
    card = index.person(CHILD, roster["张三丰"]).card_code
    outcome = index.search(card.lower())
    assert names(outcome) == ["张三丰"] and outcome.results[0].matched == "卡号" and outcome.unambiguous


def test_last_four_phone_digits_show_the_familys_children(db, admin, roster):
    outcome = load_index(db, admin).search("7777")
    assert sorted(names(outcome)) == ["赵大", "赵小"]
    assert {r.matched for r in outcome.results} == {"电话后四位"}
    assert not outcome.unambiguous


def test_namesakes_are_told_apart_and_never_unambiguous(db, admin, roster):
    outcome = load_index(db, admin).search("李明")
    assert names(outcome) == ["李明", "李明"] and not outcome.unambiguous
    assert sorted(r.hint for r in outcome.results) == ["二年级 · 祖父 李爷爷", "五年级 · 外祖母 陈外婆"]
    assert load_index(db, admin).search("张三丰").top.hint is None


def test_volunteers_are_found_too_and_results_carry_status_and_flags(db, station, admin, roster):
    index = load_index(db, admin)
    volunteer = index.search("lh").top
    assert (volunteer.kind, volunteer.name, volunteer.detail) == (VOLUNTEER, "李华", "志愿者")
    child = index.search("zsf").top
    assert child.medical_flag and child.detail.endswith("三年级") and "岁" in child.detail
    assert "花生" not in repr(child)  # the flag, never the details
    assert not child.here
    done = checkin.check_in(db, admin, CHILD, roster["张三丰"])
    index.mark(CHILD, roster["张三丰"], done.at)
    assert index.search("zsf").top.here and index.search("zsf").top.since == done.at
    assert load_index(db, admin).search("zsf").top.here  # a fresh index reads who is here
    index.mark(CHILD, roster["张三丰"], None)
    assert not index.search("zsf").top.here


def test_results_are_frozen_dataclasses(db, admin, roster):
    top = load_index(db, admin).search("zsf").top
    with pytest.raises(dataclasses.FrozenInstanceError):
        top.name = "x"  # type: ignore[misc]


def test_regulars_rank_first_among_equals(db, station, admin):
    import datetime as dt

    rare = add_child(db, station.id, "王子")
    regular = add_child(db, station.id, "王紫")
    for week in range(1, 5):
        day = SATURDAY_MORNING - dt.timedelta(weeks=week)
        checkin.check_in(db, admin, CHILD, regular, at=day)
        checkin.check_out_child(db, admin, regular, checkin.Pickup.by_person("王秀英"), at=day + dt.timedelta(hours=1))
    outcome = load_index(db, admin).search("wz")
    assert [r.id for r in outcome.results] == [regular, rare]


def test_find_one_for_the_command_line(db, admin, roster):
    assert find_one(db, admin, "zsf").name == "张三丰"
    with pytest.raises(Ambiguous) as ambiguous:
        find_one(db, admin, "李明")
    assert len(ambiguous.value.candidates) == 2 and "二年级" in ambiguous.value.candidates[0].label + \
        ambiguous.value.candidates[1].label
    with pytest.raises(NotFound):
        find_one(db, admin, "没有这个人")


def test_normalise_folds_what_a_keyboard_or_scanner_may_send():
    assert normalise(" ＺＳＦ\t") == "zsf"
    assert normalise("c01 000 042") == "c01000042"


def test_every_list_and_picker_finds_people_the_same_way(db, station, admin):
    """One people-search filter: full-width letters find what ASCII finds; a typed % or _ matches nobody."""
    from qsh_desk.services import archive, certificates, roster, session_people, volunteers
    from qsh_desk.services.roster import ChildQuery
    from qsh_desk.services.volunteers import VolunteerQuery
    from tests.desk_helpers import add_child, add_volunteer

    add_child(db, station.id, "张三丰")
    add_child(db, station.id, "李四")
    add_volunteer(db, station.id, "张志愿")
    children = {
        "roster": lambda q: [c.name for c in roster.list_children(db, admin, ChildQuery(text=q))],
        "session form": lambda q: [c.name for c in session_people.search_children(db, admin, q)],
        "archive": lambda q: [c.name for c in archive.find_children(db, admin, q)],
    }
    people = {
        "volunteers": lambda q: [v.name for v in volunteers.list_volunteers(db, admin, VolunteerQuery(text=q))],
        "session helpers": lambda q: [v.name for v in session_people.search_volunteers(db, admin, q)],
    }
    for where, find in children.items():
        assert find("ＺＳＦ") == ["张三丰"], where
        assert find("zsf") == ["张三丰"], where
        assert find("%") == [] and find("_") == [], where
    for where, find in people.items():
        assert find("ＺＺＹ") == ["张志愿"], where
        assert find("%") == [], where
    assert certificates.find_volunteer(db, admin, "ｚｚｙ").label.startswith("张志愿")
