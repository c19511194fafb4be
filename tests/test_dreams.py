"""The 十个梦 catalogue: seeded as DOMAIN.md names them; rename, describe, reorder, add — history kept."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from qsh_desk.db.models import AuditEntry
from qsh_desk.services import dreams, sessions
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import InvalidInput, PermissionDenied
from tests.programme_data import add_child, dream_id


def test_the_ten_dreams_are_seeded_in_order_with_colour_and_icon(db, admin):
    catalogue = dreams.list_dreams(db, admin)
    assert [d.dream_name for d in catalogue] == [
        "好人梦", "孝亲梦", "温暖梦", "托辅梦", "思亲梦", "实践梦", "成长梦", "求知梦", "快乐梦", "出彩梦"]
    assert catalogue[0].label == "道德讲堂 · 好人梦" and catalogue[3].label == "托辅梦"
    assert all(d.colour.startswith("#") and d.icon.startswith("mdi6.") for d in catalogue)


def test_a_renamed_dream_keeps_its_sessions_and_the_rename_is_audited(db, station, admin):
    child = add_child(db, station, "刘小明")
    good = dream_id(db, station, "好人梦")
    logged = sessions.log_session(db, admin, sessions.SessionDraft(
        dream_id=good, starts_at=dt.datetime(2026, 11, 21, 9, 30), theme="身边的好人", participant_ids=(child,)))

    renamed = dreams.rename_dream(db, admin, good, "好少年梦", function_name="道德讲堂")

    assert renamed.id == good and renamed.dream_name == "好少年梦" and renamed.sessions == 1
    listed = sessions.list_sessions(db, admin, dream_id=good)
    assert [(s.id, s.dream_name) for s in listed] == [(logged, "好少年梦")]
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "dream")).one()
        assert entry.detail == {"before": {"dream_name": "好人梦"}, "after": {"dream_name": "好少年梦"}}


def test_describe_reorder_add_and_hide(db, admin):
    catalogue = dreams.list_dreams(db, admin)
    dreams.describe_dream(db, admin, catalogue[0].id, "讲身边好人的故事")
    new = dreams.add_dream(db, admin, dream_name="健康梦", function_name="健康", colour="#00897b", icon="mdi6.run")
    assert new.sort_order == 11
    order = [new.id] + [d.id for d in catalogue]
    reordered = dreams.reorder_dreams(db, admin, order)
    assert [d.dream_name for d in reordered][:2] == ["健康梦", "好人梦"]
    assert reordered[1].description == "讲身边好人的故事"
    dreams.update_dream(db, admin, new.id, active=False)
    visible = dreams.list_dreams(db, admin, include_hidden=False)
    assert "健康梦" not in [d.dream_name for d in visible] and len(dreams.list_dreams(db, admin)) == 11


def test_catalogue_refuses_duplicates_bad_colours_and_partial_orders(db, admin):
    catalogue = dreams.list_dreams(db, admin)
    with pytest.raises(InvalidInput, match="同名"):
        dreams.rename_dream(db, admin, catalogue[0].id, "孝亲梦")
    with pytest.raises(InvalidInput, match="颜色"):
        dreams.add_dream(db, admin, dream_name="新梦", colour="red")
    with pytest.raises(InvalidInput, match="每个活动类别"):
        dreams.reorder_dreams(db, admin, [catalogue[1].id, catalogue[0].id])
    assert [d.dream_name for d in dreams.list_dreams(db, admin)][:2] == ["好人梦", "孝亲梦"]


def test_duty_volunteers_see_the_catalogue_but_cannot_change_it(db, station, admin):
    duty = Actor(user_id=None, name="duty", role=Role.DUTY, station_id=station.id)
    first = dreams.list_dreams(db, duty)[0]
    with pytest.raises(PermissionDenied, match="管理活动"):
        dreams.rename_dream(db, duty, first.id, "别的梦")
    assert dreams.list_dreams(db, admin)[0].dream_name == "好人梦"
