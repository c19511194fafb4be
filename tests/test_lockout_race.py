"""Thirty wrong passwords at the same moment: exactly five are checked, numbered 1–5, and the account locks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy import select

from qsh_desk.db.models import AuditEntry, User
from qsh_desk.services import accounts
from qsh_desk.services.access import Role

TRIES = 30

# One attacker: connected and warm, waits for "go" so that all thirty start together, then one wrong guess.
WORKER = r"""
import json, sys
from argon2 import PasswordHasher
from qsh_desk.db.database import Database
from qsh_desk.services import accounts
from qsh_desk.services.stations import current_station

accounts._HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
url, guess = sys.argv[1], sys.argv[2]
db = Database(url)
station = current_station(db)
print("ready", flush=True)
sys.stdin.readline()
try:
    accounts.authenticate(db, station.id, "laoli", guess)
    print(json.dumps({"ok": True}), flush=True)
except accounts.LoginRefused as refused:
    print(json.dumps({"ok": False, "message": refused.message}), flush=True)
"""


def test_thirty_simultaneous_wrong_tries_check_five_guesses_and_lock(db, db_url, admin, monkeypatch):
    from argon2 import PasswordHasher

    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    accounts.create_user(db, admin, "laoli", Role.DUTY, "duty-pass-1", pin="2468")
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, db_url, f"{1000 + n}"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, env=env) for n in range(TRIES)]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready"
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outcomes = [json.loads(worker.communicate(timeout=120)[0].strip().splitlines()[-1]) for worker in workers]

    with db.transaction() as s:
        checked = s.scalars(select(AuditEntry.detail).where(AuditEntry.action == "login_failed")).all()
        locks = s.scalars(select(AuditEntry.id).where(AuditEntry.action == "locked")).all()
        user = s.scalar(select(User).where(User.username == "laoli"))
        locked_until = user.locked_until
    guesses = sorted(d["attempt"] for d in checked if d["reason"] == "wrong_secret")
    assert guesses == [1, 2, 3, 4, 5]  # five guesses checked, each number once
    assert sum(d["reason"] == "locked" for d in checked) == TRIES - 5
    assert len(locks) == 1 and locked_until is not None
    assert not any(o["ok"] for o in outcomes) and sum("锁定" in o["message"] for o in outcomes) >= TRIES - 5
    # The right password is refused during the lock, and the lock ends as it should.
    try:
        accounts.authenticate(db, admin.station_id, "laoli", "duty-pass-1")
        raise AssertionError("logged in during the lock")
    except accounts.LoginRefused as refused:
        assert "分钟后再试" in refused.message
