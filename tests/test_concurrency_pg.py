"""Several stations on one real PostgreSQL: simultaneous check-ins and edits never double or overwrite anything."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, ChildVisit
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.services import roster
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import Conflict
from qsh_desk.services.stations import ensure_station
from tests.conftest import new_postgres_database
from tests.desk_helpers import add_child

pytestmark = pytest.mark.postgres

# One station PC: gets ready (connected, record loaded), waits for "go" on stdin so that both start together,
# then either checks the given children in, or saves its edit of one child. One JSON line per outcome.
WORKER = r"""
import dataclasses, json, sys
from qsh_desk.db.database import Database
from qsh_desk.services import checkin, roster
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import Conflict
from qsh_desk.services.stations import current_station

url, mode, who, ids = sys.argv[1], sys.argv[2], sys.argv[3], [int(x) for x in sys.argv[4].split(",")]
db = Database(url)
station = current_station(db)
if mode == "checkin":
    actor = Actor(user_id=None, name=who, role=Role.DUTY, station_id=station.id)
    checkin.present(db, actor)  # connected and warm before the start
else:
    actor = Actor(user_id=None, name=who, role=Role.SOCIAL, station_id=station.id)
    detail = roster.get_child(db, actor, ids[0])
    form = dataclasses.replace(roster.input_from_detail(detail), notes="由 " + who + " 修改")
print(json.dumps({"ready": True}), flush=True)
sys.stdin.readline()
if mode == "checkin":
    for child in ids:
        try:
            checkin.check_in(db, actor, checkin.CHILD, child)
            print(json.dumps({"child": child, "ok": True}), flush=True)
        except (checkin.AlreadyHere, Conflict) as refused:
            print(json.dumps({"child": child, "ok": False, "kind": type(refused).__name__,
                              "message": refused.message}), flush=True)
else:
    try:
        roster.update_child(db, actor, ids[0], form, detail.version)
        print(json.dumps({"ok": True}), flush=True)
    except Conflict as refused:
        print(json.dumps({"ok": False, "message": refused.message}), flush=True)
"""


@pytest.fixture
def district(postgres_server):
    """A shared district database on the real PostgreSQL server, with one station."""
    url, drop = new_postgres_database(postgres_server)
    db = Database(url)
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    yield db, station
    db.dispose()
    drop()


def _race(url: str, mode: str, ids: list[int], who: tuple[str, ...]) -> dict[str, list[dict]]:
    """Start one process per station, wait until all are ready, then let them go at the same moment."""
    processes = {
        name: subprocess.Popen([sys.executable, "-c", WORKER, url, mode, name, ",".join(map(str, ids))],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ))
        for name in who
    }
    for process in processes.values():
        assert json.loads(process.stdout.readline()) == {"ready": True}, process.stderr.read()
    for process in processes.values():
        process.stdin.write("go\n")
        process.stdin.flush()
    results = {}
    for name, process in processes.items():
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        results[name] = [json.loads(line) for line in out.splitlines()]
    return results


def test_two_stations_checking_the_same_100_children_in_never_make_two_open_visits(district):
    db, station = district
    children = [add_child(db, station.id, f"儿童{i:03d}") for i in range(100)]

    results = _race(db.url, "checkin", children, ("站点甲", "站点乙"))

    outcomes = results["站点甲"] + results["站点乙"]
    checked_in = [r["child"] for r in outcomes if r["ok"]]
    refused = [r for r in outcomes if not r["ok"]]
    assert sorted(checked_in) == sorted(children)  # each child checked in exactly once, by one of the two
    assert len(refused) == 100
    print("refusals by kind:", {k: sum(r["kind"] == k for r in refused) for k in ("AlreadyHere", "Conflict")})
    for loser in refused:
        # The loser is told plainly: already here (seen before writing) or just checked in elsewhere (the index).
        assert loser["message"] and ("已经在站" in loser["message"] or "另一台电脑上签到" in loser["message"])
    with db.transaction() as s:
        open_visits = s.execute(
            select(ChildVisit.child_id, func.count()).where(ChildVisit.checked_out_at.is_(None))
            .group_by(ChildVisit.child_id)
        ).all()
        total = s.scalar(select(func.count(ChildVisit.id)))
    assert len(open_visits) == 100 and all(count == 1 for _, count in open_visits)
    assert total == 100


def test_two_users_saving_the_same_child_at_once_the_second_is_refused(district):
    db, station = district
    child = add_child(db, station.id, "王小明")
    results = _race(db.url, "edit", [child], ("社工甲", "社工乙"))
    saved = [name for name, r in results.items() if r[0]["ok"]]
    refused = [r[0]["message"] for r in results.values() if not r[0]["ok"]]
    assert len(saved) == 1 and len(refused) == 1
    assert "刚刚被别人" in refused[0] and "没有保存" in refused[0]
    with db.transaction() as s:
        row = s.get(Child, child)
        assert row.notes == f"由 {saved[0]} 修改"  # the winner's edit, not silently overwritten
        assert row.version == 2


def test_a_form_opened_before_someone_else_saved_cannot_overwrite_it(district):
    db, station = district
    child = add_child(db, station.id, "李小红")
    first = Actor(user_id=None, name="社工甲", role=Role.SOCIAL, station_id=station.id)
    second = Actor(user_id=None, name="社工乙", role=Role.SOCIAL, station_id=station.id)
    other_pc = Database(db.url)  # another station's connection to the same server
    try:
        mine = roster.get_child(db, first, child)
        theirs = roster.get_child(other_pc, second, child)
        roster.update_child(db, first, child, dataclasses.replace(roster.input_from_detail(mine), school="青山湖小学"),
                            mine.version)
        with pytest.raises(Conflict) as refused:
            roster.update_child(other_pc, second, child,
                                dataclasses.replace(roster.input_from_detail(theirs), school="塘山小学"),
                                theirs.version)
    finally:
        other_pc.dispose()
    assert "没有保存" in refused.value.message
    assert roster.get_child(db, first, child).school == "青山湖小学"
