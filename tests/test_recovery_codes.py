"""The recovery code: made with the first administrator, shown once, kept only as a hash, used once to set a
forgotten administrator's password (and then replaced), refused when wrong without changing anything."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from qsh_desk.db.models import AuditEntry, StationSetting
from qsh_desk.services import accounts, recovery_codes, settings
from qsh_desk.services.access import Role
from qsh_desk.services.accounts import LoginRefused
from qsh_desk.services.errors import InvalidInput, PermissionDenied, Refused

NOW = dt.datetime(2026, 11, 28, 9, 0)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def boss_and_code(db, station):
    code = recovery_codes.new_code()
    boss = accounts.first_run(db, station_name=station.name, username="boss", password="boss-pass-1",
                              recovery_code=code)
    return boss, code


def test_a_code_is_25_unambiguous_symbols_in_five_groups_and_never_repeats():
    codes = {recovery_codes.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [5] * 5
        assert not set("".join(groups)) - set(recovery_codes.ALPHABET)
        assert not set("".join(groups)) & set("ILOU")


def test_the_database_keeps_only_a_hash_that_no_settings_list_shows(db, station, boss_and_code):
    boss, code = boss_and_code
    with db.transaction() as s:
        row = s.get(StationSetting, (station.id, recovery_codes.SETTING_KEY))
        stored = json.dumps(row.value)
        everything = json.dumps([r.detail for r in s.scalars(select(AuditEntry))], ensure_ascii=False)
    assert row.value["hash"].startswith("$argon2")
    assert code not in stored and code.replace("-", "") not in stored
    assert code not in everything and code.replace("-", "") not in everything
    assert recovery_codes.SETTING_KEY not in settings.get_all(db, boss.actor())


def test_the_code_sets_a_forgotten_password_unlocks_and_enables_the_account_and_is_then_replaced(
        db, station, boss_and_code):
    boss, code = boss_and_code
    second = accounts.create_user(db, boss.actor(), "deputy", Role.ADMIN, "deputy-pass-1")
    accounts.disable_user(db, second.actor(), "boss")
    for _ in range(accounts.LOCK_AFTER_FAILURES):
        with pytest.raises(LoginRefused):
            accounts.authenticate(db, station.id, "boss", "forgotten?", now=NOW)
    # Written by hand from the paper: lower case, spaces instead of dashes, O for 0 and l for 1.
    typed = code.lower().replace("-", " ").replace("0", "O").replace("1", "l")
    user, new_code = recovery_codes.recover_admin(db, station.id, " Boss ", typed, "brand-new-pass")
    assert (user.username, user.active, user.locked_until) == ("boss", True, None)
    assert accounts.authenticate(db, station.id, "boss", "brand-new-pass", now=NOW).id == boss.id
    assert new_code != code
    with pytest.raises(InvalidInput, match="恢复码不对"):  # used once: the old paper no longer works
        recovery_codes.recover_admin(db, station.id, "boss", code, "another-pass-1")
    recovery_codes.recover_admin(db, station.id, "boss", new_code, "third-pass-12")
    with db.transaction() as s:
        rows = [(r.action, r.entity, r.actor) for r in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert ("recover", "user", "boss") in rows
    assert ("denied", "recovery_code", "boss") in rows
    assert rows.count(("replace", "recovery_code", "boss")) == 2


def test_a_wrong_code_or_a_non_admin_changes_nothing(db, station, boss_and_code):
    boss, code = boss_and_code
    accounts.create_user(db, boss.actor(), "wangli", Role.SOCIAL, "social-pass-1")
    with pytest.raises(InvalidInput, match="恢复码不对"):
        recovery_codes.recover_admin(db, station.id, "boss", "00000-00000-00000-00000-00000", "brand-new-pass")
    with pytest.raises(InvalidInput, match="管理员账号"):
        recovery_codes.recover_admin(db, station.id, "wangli", code, "brand-new-pass")
    with pytest.raises(InvalidInput) as short:
        recovery_codes.recover_admin(db, station.id, "boss", "", "short")
    assert [p.field for p in short.value.problems] == ["恢复码", "新密码"]
    assert accounts.authenticate(db, station.id, "boss", "boss-pass-1", now=NOW).id == boss.id
    assert accounts.authenticate(db, station.id, "wangli", "social-pass-1", now=NOW).username == "wangli"
    # The code still works after the refusals.
    recovery_codes.recover_admin(db, station.id, "boss", code, "brand-new-pass")


def test_an_administrator_renews_the_code_and_a_station_without_one_is_told_what_to_do(db, station):
    boss = accounts.first_run(db, station_name=station.name, username="boss", password="boss-pass-1")
    with pytest.raises(Refused, match="还没有恢复码"):
        recovery_codes.recover_admin(db, station.id, "boss", recovery_codes.new_code(), "brand-new-pass")
    first = recovery_codes.make_if_missing(db, boss.actor())
    assert first is not None and recovery_codes.make_if_missing(db, boss.actor()) is None
    renewed = recovery_codes.renew(db, boss.actor())
    with pytest.raises(InvalidInput, match="恢复码不对"):
        recovery_codes.recover_admin(db, station.id, "boss", first, "brand-new-pass")
    recovery_codes.recover_admin(db, station.id, "boss", renewed, "brand-new-pass")
    social = accounts.create_user(db, boss.actor(), "wangli", Role.SOCIAL, "social-pass-1")
    with pytest.raises(PermissionDenied):
        recovery_codes.renew(db, social.actor())


def test_the_command_line_shows_the_first_code_and_recovers_a_forgotten_password_with_it(
        db_url, monkeypatch, capsys):
    import io
    import re

    from qsh_desk.cli import main

    def run(stdin: str, *args: str) -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", db_url, *args])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    exit_code, said = run("admin-pass-1\n", "user", "add", "boss", "--role", "admin", "--password-stdin")
    assert exit_code == 0
    first = re.search(r"恢复码：(\S{29})", said).group(1)
    assert "user recover" in said
    # The password is forgotten: the paper's code and a new password, no --admin.
    exit_code, said = run(f"{first}\nfresh-pass-12\nfresh-pass-12\n", "user", "recover", "boss", "--stdin")
    assert exit_code == 0, said
    second = re.search(r"恢复码：(\S{29})", said).group(1)
    assert second != first and "作废" in said
    exit_code, said = run("fresh-pass-12\n", "--admin", "boss", "--admin-password-stdin", "user", "list")
    assert exit_code == 0 and "boss" in said
    exit_code, said = run(f"{first}\nother-pass-12\n", "user", "recover", "boss", "--stdin")
    assert exit_code == 1 and "恢复码不对" in said and "Traceback" not in said
    # An administrator replaces it (the paper was lost): the second code stops working.
    exit_code, said = run("fresh-pass-12\n", "--admin", "boss", "--admin-password-stdin", "user", "recovery-code")
    third = re.search(r"恢复码：(\S{29})", said).group(1)
    assert exit_code == 0 and third not in (first, second)
    exit_code, said = run(f"{second}\nother-pass-12\n", "user", "recover", "boss", "--stdin")
    assert exit_code == 1 and "恢复码不对" in said
