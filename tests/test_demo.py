"""Demo data is realistic (surnames, rare characters, duplicate names, families) and deterministic."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select

from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, ChildVisit, Guardian, Parent, ProgrammeSession, Dream
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.services import demo, demo_words
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.stations import ensure_station

UNTIL = dt.date(2026, 11, 28)


def _fresh(path) -> tuple[Database, Actor]:
    db = Database(path)
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    return db, Actor(None, "test", Role.ADMIN, station.id)


def _snapshot(db: Database):
    with db.transaction() as s:
        children = s.execute(select(Child.name, Child.birth_date, Child.card_code).order_by(Child.id)).all()
        visits = s.execute(
            select(ChildVisit.child_id, ChildVisit.checked_in_at, ChildVisit.checked_out_at, ChildVisit.collector_name)
            .order_by(ChildVisit.id)
        ).all()
    return children, visits


def test_same_seed_same_data_other_seed_other_data(tmp_path):
    snapshots = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        db, actor = _fresh(tmp_path / f"{name}.sqlite3")
        demo.generate(db, actor, children=60, volunteers=8, weeks=10, seed=seed, until=UNTIL)
        snapshots.append(_snapshot(db))
        db.dispose()
    assert snapshots[0] == snapshots[1]
    assert snapshots[0] != snapshots[2]


def test_demo_looks_like_a_real_station(tmp_path):
    db, actor = _fresh(tmp_path / "real.sqlite3")
    summary = demo.generate(db, actor, children=600, volunteers=20, weeks=12, seed=3, until=UNTIL)
    with db.transaction() as s:
        names = s.scalars(select(Child.name)).all()
        relations = set(s.scalars(select(Guardian.relation)))
        provinces = set(s.scalars(select(Parent.work_province)))
        dreams_used = set(s.scalars(select(Dream.dream_name).join(ProgrammeSession)))
        latest_visit = s.scalar(select(ChildVisit.checked_in_at).order_by(ChildVisit.checked_in_at.desc()).limit(1))
    db.dispose()
    surnames = Counter(n[0] for n in names)
    assert surnames.most_common(1)[0][0] in "王李张刘陈"  # the big surnames dominate
    assert any(count > 1 for count in Counter(names).values())  # namesakes the desk must tell apart
    assert any(ch in "".join(names) for ch in demo_words.RARE_CHARS)
    assert {"祖父", "祖母"} & relations and {"广东", "浙江"} <= provinces
    assert len(dreams_used) == 10  # sessions across all ten dreams
    assert latest_visit.date() <= UNTIL and latest_visit.weekday() in (5, 6)  # weekends only
    assert summary.visits > 0 and summary.sessions > 0


def test_a_tiny_team_is_on_duty_once_a_day(tmp_path):
    for volunteers in (1, 2, 3):
        db, actor = _fresh(tmp_path / f"tiny{volunteers}.sqlite3")
        summary = demo.generate(db, actor, children=30, volunteers=volunteers, weeks=4, seed=5, until=UNTIL)
        db.dispose()
        assert summary.sessions > 0 and summary.shifts <= volunteers * 8  # 8 weekend days, once each


def test_pairing_visits_fall_within_their_pairing(tmp_path):
    from qsh_desk.db.models import Pairing, PairingVisit

    db, actor = _fresh(tmp_path / "pairs.sqlite3")
    demo.generate(db, actor, children=300, volunteers=10, weeks=8, seed=2, until=UNTIL)
    with db.transaction() as s:
        rows = s.execute(select(PairingVisit.visited_on, Pairing.started_on).join(Pairing)).all()
    db.dispose()
    assert rows and all(started <= visited <= UNTIL for visited, started in rows)


def test_demo_wishes_come_in_every_status(tmp_path):
    from qsh_desk.services import wishes

    db, actor = _fresh(tmp_path / "wishes.sqlite3")
    summary = demo.generate(db, actor, children=30, volunteers=5, weeks=2, seed=2, until=UNTIL)
    rows = wishes.list_wishes(db, actor)
    db.dispose()
    assert summary.wishes == len(rows) == len(demo_words.WISH_STORIES)
    assert {r.status_title for r in rows} == {"待认领", "待批准", "已认领", "已圆梦", "已取消"}
    assert {r.claimer_kind for r in rows if r.claimer_kind} == {"volunteer", "person", "unit"}
    assert any(r.claim_overdue for r in rows)


def test_demo_has_items_and_loans_some_overdue(tmp_path):
    from qsh_desk.services import lending

    db, actor = _fresh(tmp_path / "loans.sqlite3")
    summary = demo.generate(db, actor, children=30, volunteers=5, weeks=2, seed=2, until=UNTIL)
    items, out = lending.list_items(db, actor), lending.list_loans(db, actor)
    db.dispose()
    assert len(items) == len(demo_words.ITEMS) and summary.loans == 12
    assert any(r.overdue for r in out) and any(not r.overdue for r in out)
    assert any(i.donor for i in items) and any(not i.may_leave for i in items)


def test_demo_photos_give_every_child_a_phone_sized_photo_through_the_photo_store(tmp_path):
    import struct

    from qsh_desk.services import photos

    db, actor = _fresh(tmp_path / "photos.sqlite3")
    summary = demo.generate(db, actor, children=4, volunteers=2, weeks=1, seed=4, until=UNTIL, photos=True)
    with db.transaction() as s:
        stored = s.scalars(select(Child.photo_path).order_by(Child.id)).all()
    assert summary.photos == 4 and len(set(stored)) == 4 and all(p.startswith("photos/") for p in stored)
    for relative in stored:
        path = photos.path_of(relative)
        assert photos.problem_with(path) is None  # a real image by its bytes, as the form requires
        head = path.read_bytes()[:24]
        assert struct.unpack(">II", head[16:24]) == (3000, 4000)  # the PNG's own width and height
    without = demo.generate(*_fresh(tmp_path / "none.sqlite3"), children=2, volunteers=1, weeks=1, until=UNTIL)
    assert without.photos == 0
