"""Power cuts: a process doing 1,000 desk actions is killed (SIGKILL) at random moments; nothing it confirmed is lost."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import tempfile

from sqlalchemy import func, select

from qsh_desk.db import snapshot
from qsh_desk.db.engine import sqlite_path
from qsh_desk.db.models import ChildVisit
from tests.desk_helpers import add_child

TOTAL_ACTIONS = 1_000
KILLS = 12
CHILDREN = 25

# The desk process: action k checks child k//2 (round the list) in when k is even, out when k is odd, through the
# real desk service, and prints "done" only after the service has returned (its transaction committed): what the
# screen would confirm. After a kill it starts again at the first action it had not confirmed; that action may
# have been committed just before the kill, which the service then reports as already done.
WORKER = r"""
import sys
from sqlalchemy import select
from qsh_desk.db.database import Database
from qsh_desk.db.models import ChildVisit
from qsh_desk.services import checkin
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.stations import current_station

url, start, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
children = [int(x) for x in sys.argv[4].split(",")]
db = Database(url)
station = current_station(db)
duty = Actor(user_id=None, name="duty-crash", role=Role.DUTY, station_id=station.id)
print("ready", flush=True)

def last_visit(child):
    with db.transaction() as s:
        return s.scalar(select(ChildVisit.id).where(ChildVisit.child_id == child).order_by(ChildVisit.id.desc()))

for k in range(start, total):
    child = children[(k // 2) % len(children)]
    try:
        if k % 2 == 0:
            record = checkin.check_in(db, duty, checkin.CHILD, child).record_id
        else:
            record = checkin.check_out_child(db, duty, child, checkin.Pickup.by_person("王秀英")).record_id
        how = "done"
    except (checkin.AlreadyHere, checkin.NotHere):
        if k != start:
            raise
        record, how = last_visit(child), "recovered"  # committed just before the last kill, never confirmed
    sys.stdout.write(f"{how} {k} {'in' if k % 2 == 0 else 'out'} {child} {record}\n")  # one write per line
    sys.stdout.flush()
print("finished", flush=True)
"""


def _run_until_killed(url: str, start: int, children: list[int], kill_after: int | None, rng: random.Random):
    """Run the desk process from action `start`; kill it after `kill_after` confirmations. Returns them all."""
    # stderr goes to a file: a pipe nobody reads could fill up and stall the process.
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(
            [sys.executable, "-c", WORKER, url, str(start), str(TOTAL_ACTIONS), ",".join(map(str, children))],
            stdout=subprocess.PIPE, stderr=errors, text=True, env=dict(os.environ),
        )
        confirmed: list[tuple[str, int, str, int, int]] = []
        finished = killed = False
        assert process.stdout is not None
        with process.stdout:
            for line in process.stdout:
                finished = _read_confirmation(line, confirmed) or finished
                if kill_after is not None and len(confirmed) >= kill_after:
                    # A random moment: somewhere inside the next action, its transaction, or its commit.
                    _busy_wait(rng.random() * 0.006)
                    process.kill()
                    killed = True
                    break
            # Lines printed before the kill were shown to the user as done: they count too. They are read from
            # the same stream (never from the pipe underneath it, which would skip what the stream has buffered).
            for line in process.stdout.read().splitlines(keepends=True):
                finished = _read_confirmation(line, confirmed) or finished
        process.wait(timeout=60)
        errors.seek(0)
        assert killed or finished, f"the desk process stopped by itself:\n{errors.read()}"
    return confirmed, finished


def _read_confirmation(line: str, confirmed: list[tuple[str, int, str, int, int]]) -> bool:
    """Add the action a printed line confirms to `confirmed`; True when the line says the process finished.

    Only a whole line counts: a kill can cut a line short (the stream may be unbuffered), and half a line
    was never shown to the user as done."""
    if not line.endswith("\n"):
        return False
    words = line.split()
    if words and words[0] in ("done", "recovered"):
        confirmed.append((words[0], int(words[1]), words[2], int(words[3]), int(words[4])))
    return bool(words) and words[0] == "finished"


def _busy_wait(seconds: float) -> None:
    import time

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_every_confirmed_desk_action_survives_kills_at_random_moments(db, station):
    children = [add_child(db, station.id, f"孩子{i:02d}") for i in range(CHILDREN)]
    seed = random.SystemRandom().randrange(1_000_000)
    rng = random.Random(seed)
    confirmed: list[tuple[str, int, str, int, int]] = []
    start, kills, runs = 0, 0, 0
    while start < TOTAL_ACTIONS:
        kill_after = rng.randint(5, 70) if kills < KILLS else None
        got, finished = _run_until_killed(db.url, start, children, kill_after, rng)
        runs += 1
        kills += not finished
        confirmed += got
        if got:
            start = got[-1][1] + 1
        assert runs < 60, f"no progress (seed {seed})"

    assert kills >= 10
    assert [k for _, k, *_ in confirmed] == list(range(TOTAL_ACTIONS)), f"seed {seed}"
    with db.transaction() as s:
        visits = {v.id: v for v in s.scalars(select(ChildVisit))}
        open_per_child = s.execute(
            select(ChildVisit.child_id, func.count()).where(ChildVisit.checked_out_at.is_(None))
            .group_by(ChildVisit.child_id)
        ).all()
    for how, k, direction, child, record in confirmed:
        assert record in visits, f"action {k} ({how} {direction}) was confirmed but is not in the database (seed {seed})"
        assert visits[record].child_id == child
        if direction == "out":
            assert visits[record].checked_out_at is not None, f"check-out {k} confirmed but lost (seed {seed})"
    # Exactly one visit per confirmed check-in: nothing half-written, nothing doubled.
    assert sorted(visits) == sorted(r for _, _, d, _, r in confirmed if d == "in")
    assert all(count == 1 for _, count in open_per_child)
    path = sqlite_path(db.url)
    if path is not None:
        db.dispose()
        assert snapshot.integrity_problem(path) is None
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.close()
