"""Accounts: first run, users, passwords and PINs, login with lockout, and the audit rows they leave."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from qsh_desk.db.models import AuditEntry, Station, User
from qsh_desk.services import accounts
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.accounts import LoginRefused
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, Refused

NOW = dt.datetime(2026, 11, 28, 9, 0)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    """Still argon2, with cheap parameters: the defaults cost ~0.1 s a hash and these tests make dozens."""
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(accounts, "_DUMMY_HASH", None)


def _audit(db, action: str | None = None) -> list[AuditEntry]:
    with db.transaction() as s:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        return list(s.scalars(query))


def test_first_run_names_the_station_and_creates_the_admin(db, station):
    assert accounts.needs_first_run(db)
    admin = accounts.first_run(db, station_name="塘山镇高新社区亲善之家", username=" Admin ", password="qinshan-2026")
    assert not accounts.needs_first_run(db)
    assert (admin.username, admin.role, admin.display_name) == ("admin", Role.ADMIN, "admin")
    with db.transaction() as s:
        assert s.get(Station, station.id).name == "塘山镇高新社区亲善之家"
    assert accounts.authenticate(db, station.id, "ADMIN", "qinshan-2026", now=NOW).id == admin.id
    created = _audit(db, "create")[0]
    assert created.actor == "admin" and created.detail["role"] == "admin"
    assert _audit(db, "update")[0].detail == {"before": {"name": "高新社区亲善之家"}, "after": {"name": "塘山镇高新社区亲善之家"}}
    with pytest.raises(Refused, match="已经有账号"):
        accounts.first_run(db, station_name="x", username="second", password="another-pass")


def test_first_run_says_everything_wrong_at_once_and_writes_nothing(db):
    with pytest.raises(InvalidInput) as refused:
        accounts.first_run(db, station_name=" ", username="a b", password="short")
    fields = [p.field for p in refused.value.problems]
    assert fields == ["站点名称", "用户名", "密码"]
    assert accounts.needs_first_run(db) and _audit(db) == []


def test_passwords_are_stored_as_argon2_hashes_only(db, admin):
    accounts.create_user(db, admin, "wangli", "social", "secret-pass-1", display_name="王丽")
    with db.transaction() as s:
        row = s.scalars(select(User).where(User.username == "wangli")).one()
    assert row.password_hash.startswith("$argon2id$") and "secret-pass-1" not in row.password_hash
    assert all("secret-pass-1" not in str(entry.detail) for entry in _audit(db))


def test_create_user_validates_and_refuses_a_taken_name(db, admin, station):
    user = accounts.create_user(db, admin, "Zhang.Laoshi", Role.DUTY, "duty-pass-1", display_name="张老师", pin="2468")
    assert (user.username, user.display_name, user.has_pin, user.active) == ("zhang.laoshi", "张老师", True, True)
    with pytest.raises(Conflict, match="已经有人用了"):
        accounts.create_user(db, admin, "ZHANG.LAOSHI", "social", "other-pass-1")
    with pytest.raises(InvalidInput, match="角色只能是"):
        accounts.create_user(db, admin, "li", "boss", "other-pass-1")
    with pytest.raises(InvalidInput) as bad:
        accounts.create_user(db, admin, "x", "social", "1234", pin="12")
    assert [p.field for p in bad.value.problems] == ["用户名", "密码", "PIN 码", "PIN 码"]
    with pytest.raises(InvalidInput, match="只给值班志愿者"):
        accounts.create_user(db, admin, "social1", "social", "social-pass", pin="1234")
    assert [u.username for u in accounts.list_users(db, admin)] == ["zhang.laoshi"]


def test_a_duty_volunteer_logs_in_with_the_pin_others_cannot(db, admin, station):
    accounts.create_user(db, admin, "duty1", "duty", "duty-pass-1", pin="135790")
    duty = accounts.authenticate(db, station.id, "duty1", "135790", now=NOW)
    assert duty.actor() == Actor(user_id=duty.id, name="duty1", role=Role.DUTY, station_id=station.id)
    assert _audit(db, "login")[-1].detail == {"with": "pin"}
    accounts.create_user(db, admin, "social1", "social", "social-pass")
    with db.transaction() as s:  # even a PIN slipped into the database is not accepted for other roles
        s.scalars(select(User).where(User.username == "social1")).one().pin_hash = accounts.hash_secret("2222")
    with pytest.raises(LoginRefused):
        accounts.authenticate(db, station.id, "social1", "2222", now=NOW)
    accounts.set_pin(db, admin, "duty1", None)
    with pytest.raises(LoginRefused):
        accounts.authenticate(db, station.id, "duty1", "135790", now=NOW)
    assert accounts.authenticate(db, station.id, "duty1", "duty-pass-1", now=NOW).role is Role.DUTY


def test_five_wrong_tries_lock_the_account_for_a_few_minutes(db, admin, station):
    accounts.create_user(db, admin, "duty1", "duty", "duty-pass-1")
    messages = []
    for attempt in range(5):
        with pytest.raises(LoginRefused) as refused:
            accounts.authenticate(db, station.id, "duty1", f"wrong-{attempt}", now=NOW)
        messages.append(str(refused.value))
    assert "再错 4 次" in messages[0] and "再错 1 次" in messages[3]
    assert "已锁定 5 分钟" in messages[4]
    # Locked: even the right password is refused until the time is up.
    with pytest.raises(LoginRefused, match="分钟后再试"):
        accounts.authenticate(db, station.id, "duty1", "duty-pass-1", now=NOW + dt.timedelta(minutes=2))
    assert accounts.get_user(db, admin, "duty1").is_locked(NOW + dt.timedelta(minutes=2))
    user = accounts.authenticate(db, station.id, "duty1", "duty-pass-1", now=NOW + dt.timedelta(minutes=6))
    assert not user.is_locked(NOW) and user.username == "duty1"
    assert len(_audit(db, "login_failed")) == 6 and len(_audit(db, "locked")) == 1
    assert [e.actor for e in _audit(db, "locked")] == ["duty1"]
    assert len(_audit(db, "login")) == 1


def test_a_lock_is_lifted_by_a_password_reset(db, admin, station):
    accounts.create_user(db, admin, "duty1", "duty", "duty-pass-1")
    for attempt in range(5):
        with pytest.raises(LoginRefused):
            accounts.authenticate(db, station.id, "duty1", f"wrong-{attempt}", now=NOW)
    accounts.reset_password(db, admin, "duty1", "brand-new-pass")
    assert accounts.authenticate(db, station.id, "duty1", "brand-new-pass", now=NOW).username == "duty1"
    with pytest.raises(LoginRefused):
        accounts.authenticate(db, station.id, "duty1", "duty-pass-1", now=NOW)
    assert _audit(db, "reset_password")[0].detail == {"username": "duty1"}


def test_unknown_user_and_empty_input_are_refused_and_failures_audited(db, station):
    with pytest.raises(LoginRefused, match="用户名或密码不对"):
        accounts.authenticate(db, station.id, "nobody", "whatever-1", now=NOW)
    with pytest.raises(LoginRefused, match="请输入用户名和密码"):
        accounts.authenticate(db, station.id, "", "", now=NOW)
    failed = _audit(db, "login_failed")
    assert [(f.actor, f.detail["reason"], f.station_id) for f in failed] == [("nobody", "unknown_user", station.id)]


def test_a_disabled_account_cannot_log_in_and_the_last_admin_stays(db, admin, station):
    boss = accounts.create_user(db, admin, "boss", "admin", "boss-pass-1")
    accounts.create_user(db, admin, "duty1", "duty", "duty-pass-1")
    accounts.disable_user(db, admin, "duty1")
    with pytest.raises(LoginRefused, match="已停用"):
        accounts.authenticate(db, station.id, "duty1", "duty-pass-1", now=NOW)
    boss_actor = boss.actor()
    with pytest.raises(Refused, match="自己"):
        accounts.disable_user(db, boss_actor, "boss")
    with pytest.raises(Refused, match="唯一在用的管理员"):
        accounts.disable_user(db, admin, "boss")
    accounts.enable_user(db, admin, "duty1")
    assert accounts.authenticate(db, station.id, "duty1", "duty-pass-1", now=NOW).active
    with pytest.raises(NotFound, match="没有用户名为“ghost”"):
        accounts.disable_user(db, admin, "ghost")
    changes = [e.detail for e in _audit(db, "update")]
    assert changes == [
        {"username": "duty1", "before": {"active": True}, "after": {"active": False}},
        {"username": "duty1", "before": {"active": False}, "after": {"active": True}},
    ]


def test_change_own_password_needs_the_old_one(db, admin, station):
    accounts.create_user(db, admin, "social1", "social", "social-pass")
    me = accounts.authenticate(db, station.id, "social1", "social-pass", now=NOW).actor()
    with pytest.raises(InvalidInput, match="原密码不对"):
        accounts.change_own_password(db, me, "not-my-pass", "new-social-pass")
    with pytest.raises(InvalidInput, match="至少要 8 个字符"):
        accounts.change_own_password(db, me, "social-pass", "short")
    accounts.change_own_password(db, me, "social-pass", "new-social-pass")
    assert accounts.authenticate(db, station.id, "social1", "new-social-pass", now=NOW).username == "social1"
    with pytest.raises(Refused, match="命令行"):
        accounts.change_own_password(db, admin, "x", "new-social-pass")
    assert [e.actor for e in _audit(db, "change_password")] == ["social1"]


def test_an_account_of_another_station_cannot_log_in_here(db, admin, station):
    accounts.create_user(db, admin, "social1", "social", "social-pass")
    with db.transaction() as s:
        other = Station(name="京东社区亲善之家")
        s.add(other)
        s.flush()
        other_id = other.id
    with pytest.raises(LoginRefused, match="另一个站点"):
        accounts.authenticate(db, other_id, "social1", "social-pass", now=NOW)
    other_admin = Actor(user_id=None, name="other", role=Role.ADMIN, station_id=other_id)
    assert accounts.list_users(db, other_admin) == []
    with pytest.raises(NotFound):
        accounts.reset_password(db, other_admin, "social1", "taken-over-1")


def test_an_old_hash_is_upgraded_at_login(db, admin, station, monkeypatch):
    accounts.create_user(db, admin, "duty1", "duty", "duty-pass-1")
    with db.transaction() as s:
        old_hash = s.scalars(select(User.password_hash).where(User.username == "duty1")).one()
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=2, memory_cost=16, parallelism=1))
    accounts.authenticate(db, station.id, "duty1", "duty-pass-1", now=NOW)
    with db.transaction() as s:
        new_hash = s.scalars(select(User.password_hash).where(User.username == "duty1")).one()
    assert new_hash != old_hash and "t=2" in new_hash
    assert accounts.authenticate(db, station.id, "duty1", "duty-pass-1", now=NOW).username == "duty1"


def test_user_commands_add_list_disable_reset(db_url, monkeypatch, capsys):
    import io

    from qsh_desk.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-1\n"))
    assert main(["--db", db_url, "user", "add", "Boss", "--role", "admin", "--name", "王站长", "--password-stdin"]) == 0
    assert "已新建账号：boss（王站长，管理员）" in capsys.readouterr().out
    # From now on the database has an account: each user command needs boss's password (first line of stdin).
    admin = ["--db", db_url, "--admin", "boss", "--admin-password-stdin"]
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-1\n"))
    typed = iter(["duty-pass-1", "duty-pass-1"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert main([*admin, "user", "add", "duty1", "--role", "duty"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-1\n"))
    assert main([*admin, "user", "list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[-3:] == ["用户名\t姓名\t角色\tPIN\t状态", "boss\t王站长\tadmin 管理员\t—\t在用", "duty1\tduty1\tduty 值班志愿者\t—\t在用"]
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-1\n"))
    assert main([*admin, "user", "disable", "boss"]) == 1
    assert "不能停用自己正在使用的账号" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-1\n"))
    assert main([*admin, "user", "disable", "duty1"]) == 0
    mismatched = iter(["new-pass-123", "new-pass-124"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(mismatched))
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-1\n"))
    assert main([*admin, "user", "reset-password", "boss"]) == 1
    assert "两次输入的密码不一样" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-1\nnew-pass-123\n"))
    assert main([*admin, "user", "reset-password", "boss", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("new-pass-123\nwhatever-pass\n"))
    assert main([*admin, "user", "reset-password", "ghost", "--password-stdin"]) == 1
    with pytest.raises(SystemExit) as usage:
        main(["--db", db_url, "user", "add", "x", "--role", "boss"])
    assert usage.value.code == 2

    from qsh_desk.db.database import Database
    from qsh_desk.services.stations import current_station

    check = Database(db_url)
    try:
        station = current_station(check)
        assert accounts.authenticate(check, station.id, "boss", "new-pass-123", now=NOW).role is Role.ADMIN
        with pytest.raises(LoginRefused, match="已停用"):
            accounts.authenticate(check, station.id, "duty1", "duty-pass-1", now=NOW)
        creators = {e.actor for e in _audit(check, "create")}
        # The first account before any existed: the command line; the next one: the administrator who logged in.
        assert len(creators) == 2 and "boss" in creators and any(c.startswith("cli:") for c in creators)
    finally:
        check.dispose()


def test_demo_creates_one_account_per_role_that_can_log_in(db, admin, station):
    from qsh_desk.services import demo

    accounts.create_user(db, admin, "admin", "admin", "my-own-admin")  # taken names are left alone
    summary = demo.generate(db, admin, children=8, volunteers=8, weeks=1, seed=1, until=NOW.date())
    assert [(u.username, u.role) for u in summary.users] == [("social", Role.SOCIAL), ("duty", Role.DUTY)]
    for user in summary.users:
        assert accounts.authenticate(db, station.id, user.username, user.password, now=NOW).role is user.role
    assert accounts.authenticate(db, station.id, "duty", "1234", now=NOW).username == "duty"
    assert accounts.authenticate(db, station.id, "admin", "my-own-admin", now=NOW).role is Role.ADMIN
    assert all("social-demo" not in str(entry.detail) for entry in _audit(db))


def test_a_window_left_logged_in_loses_every_right_of_an_account_disabled_or_given_another_role(db, admin, tmp_path):
    """Services trust no actor object: each call checks the account behind it, in the kernel and in `require`."""
    from qsh_desk.services import archive, backup, roster
    from qsh_desk.services.access import AccountChanged

    accounts.create_user(db, admin, "keeper", Role.ADMIN, "long-enough-0")  # the station keeps an administrator
    boss = accounts.create_user(db, admin, "boss", Role.ADMIN, "long-enough-1").actor()
    worker = accounts.create_user(db, admin, "worker", Role.SOCIAL, "long-enough-2").actor()
    assert archive.find_children(db, worker, "") == []  # allowed while the account is as it logged in
    assert backup.list_backups(db, boss) == []

    accounts.disable_user(db, admin, "worker")
    accounts.disable_user(db, admin, "boss")
    calls = [
        lambda: archive.get_archive(db, worker, 1),  # a read in the kernel
        lambda: roster.list_children(db, worker),
        lambda: accounts.create_user(db, boss, "intruder", Role.ADMIN, "long-enough-3"),  # require(), then a unit
        lambda: backup.list_backups(db, boss),  # require() alone
    ]
    for call in calls:
        with pytest.raises(AccountChanged, match="已被停用"):
            call()
    with db.transaction() as session:
        assert session.scalar(select(User).where(User.username == "intruder")) is None

    accounts.enable_user(db, admin, "worker")
    with db.transaction() as session:
        session.scalar(select(User).where(User.username == "worker")).role = Role.DUTY.value
    with pytest.raises(AccountChanged, match="改为“值班志愿者”"):
        archive.find_children(db, worker, "")


def test_a_pin_hash_is_peppered_with_this_pcs_secret_so_a_backup_alone_does_not_give_the_pin(db, admin):
    from qsh_desk.station_secret import secret_path

    accounts.create_user(db, admin, "laoli", Role.DUTY, "duty-pass-1", pin="1234")
    with db.transaction() as s:
        stored = s.scalar(select(User.pin_hash).where(User.username == "laoli"))
    assert stored.startswith(accounts.PEPPERED)
    inner = stored.removeprefix(accounts.PEPPERED)
    # What an offline search of the backup would try: every PIN, hashed the plain way. None matches.
    assert not any(accounts.verify_secret(inner, pin) for pin in ("1234", "0000", "1111", "2468"))
    assert accounts.authenticate(db, admin.station_id, "laoli", "1234", now=NOW).username == "laoli"
    assert oct(secret_path().stat().st_mode & 0o777) == "0o600"

    secret_path().unlink()  # the database restored on a new PC: its secret stayed on the old one
    with pytest.raises(LoginRefused):
        accounts.authenticate(db, admin.station_id, "laoli", "1234", now=NOW)
    assert accounts.authenticate(db, admin.station_id, "laoli", "duty-pass-1", now=NOW).username == "laoli"
    accounts.set_pin(db, admin, "laoli", "1234")  # the administrator sets the PIN again on the new PC
    assert accounts.authenticate(db, admin.station_id, "laoli", "1234", now=NOW).username == "laoli"


def test_a_pin_hashed_by_an_earlier_release_still_works_and_is_peppered_at_that_login(db, admin):
    accounts.create_user(db, admin, "laoli", Role.DUTY, "duty-pass-1")
    with db.transaction() as s:
        s.scalar(select(User).where(User.username == "laoli")).pin_hash = accounts.hash_secret("2468")
    assert accounts.authenticate(db, admin.station_id, "laoli", "2468", now=NOW).username == "laoli"
    with db.transaction() as s:
        assert s.scalar(select(User.pin_hash).where(User.username == "laoli")).startswith(accounts.PEPPERED)
    assert accounts.authenticate(db, admin.station_id, "laoli", "2468", now=NOW).username == "laoli"
