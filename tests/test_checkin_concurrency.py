"""Two station PCs (two real processes) check the same child in at the same moment on one PostgreSQL database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from qsh_desk.db.database import Database
from qsh_desk.db.models import ChildVisit
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.services.stations import ensure_station
from tests.conftest import new_postgres_database
from tests.desk_helpers import add_child

# One station PC: wait for the common start moment, check the child in, report what happened as JSON.
# With --both-pass-the-check, the PC's own "already here?" check is skipped, as when both PCs read
# before either wrote: then only the database's unique index stands between the child and two visits.
STATION_PC = r"""
import datetime as dt, json, sys, time
from qsh_desk.db.database import Database
from qsh_desk.services import checkin
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import ServiceError

url, station_id, child_id, start_at, mode, pc = sys.argv[1:7]
if mode == "both-pass-the-check":
    checkin.open_record = lambda session, kind, person_id: None
db = Database(url)
db.engine.connect().close()  # connect before the start moment, like a PC that has been running
actor = Actor(user_id=None, name=pc, role=Role.DUTY, station_id=int(station_id))
time.sleep(max(0.0, float(start_at) - time.time()))
try:
    done = checkin.check_in(db, actor, "child", int(child_id))
    print(json.dumps({"ok": True, "message": done.message}, ensure_ascii=False))
except ServiceError as error:
    print(json.dumps({"ok": False, "error": type(error).__name__, "message": error.message}, ensure_ascii=False))
"""


@pytest.fixture
def pg(postgres_server):
    url, drop = new_postgres_database(postgres_server)
    db = Database(url)
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    yield url, db, station
    db.dispose()
    drop()


def _race(url: str, station_id: int, child_id: int, mode: str) -> list[dict]:
    start_at = time.time() + 2.5  # both processes are up and connected by then
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", STATION_PC, url, str(station_id), str(child_id), str(start_at), mode, f"pc{n}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
        )
        for n in (1, 2)
    ]
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        outcomes.append(json.loads(out))
    return outcomes


def _open_visits(db: Database, child_id: int) -> int:
    with db.transaction() as s:
        return s.scalar(
            select(func.count(ChildVisit.id)).where(ChildVisit.child_id == child_id, ChildVisit.checked_out_at.is_(None))
        )


def test_the_database_lets_only_one_of_two_simultaneous_check_ins_through(pg):
    url, db, station = pg
    child = add_child(db, station.id, "张三丰")
    outcomes = _race(url, station.id, child, "both-pass-the-check")
    assert _open_visits(db, child) == 1
    winners = [o for o in outcomes if o["ok"]]
    losers = [o for o in outcomes if not o["ok"]]
    assert len(winners) == 1 and winners[0]["message"].startswith("张三丰 签到成功")
    assert len(losers) == 1 and losers[0]["error"] == "Conflict"
    assert losers[0]["message"] == "张三丰 刚刚已在另一台电脑上签到，这里没有重复签到。请看“在站”名单确认。"


def test_two_pcs_racing_normally_still_give_one_visit_and_a_clear_refusal(pg):
    url, db, station = pg
    child = add_child(db, station.id, "李四")
    outcomes = _race(url, station.id, child, "normal")
    assert _open_visits(db, child) == 1
    losers = [o for o in outcomes if not o["ok"]]
    assert len(losers) == 1
    # Whichever way the timing fell: the index stopped it (Conflict), or the check saw the visit (AlreadyHere).
    assert losers[0]["error"] in ("Conflict", "AlreadyHere") and "李四" in losers[0]["message"]
