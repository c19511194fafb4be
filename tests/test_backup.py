"""Backups and restore: rotation, verification, restore only after checks, start-up recovery, the commands."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from qsh_desk import config
from qsh_desk.cli import main
from qsh_desk.db import schema, snapshot
from qsh_desk.db.database import Database
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.services import backup, health
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.backup import BackupFailed
from qsh_desk.services.errors import PermissionDenied, Refused
from qsh_desk.services.stations import current_station

TODAY = dt.date(2026, 11, 29)  # a Sunday


def dump_tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: two equal dumps mean identical data."""
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {name: sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}
    finally:
        con.close()


def make_demo(path: Path, children: int = 40) -> None:
    """A demo database on disk, closed again (as a station PC leaves it at night)."""
    from qsh_desk.services import demo
    from qsh_desk.services.stations import ensure_station

    db = Database(path)
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    demo.generate(db, Actor.command_line(station.id), children=children, volunteers=8, weeks=6,
                  until=dt.date(2026, 11, 28))
    db.dispose()


def corrupt(path: Path) -> None:
    """Damage a database file the way a failing disk does: a run of pages in the middle overwritten."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 - len(data) // 2 % 4096
    data[middle : middle + 8 * 4096] = b"\xa5" * (8 * 4096)
    path.write_bytes(bytes(data))


# ---------------------------------------------------------------- rotation


def _fake_backups(folder: Path, stem: str, days: int, reason: str = "start") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for back in range(days):
        day = TODAY - dt.timedelta(days=back)
        (folder / f"{stem}-{day:%Y%m%d}-090000-{reason}.sqlite3").write_bytes(b"x")


def test_rotation_keeps_7_daily_4_weekly_and_12_monthly_backups(tmp_path):
    folder = tmp_path / "backups"
    url = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    _fake_backups(folder, "station", 500)
    # Several backups on one day: only that day's newest counts as its daily backup.
    (folder / f"station-{TODAY:%Y%m%d}-180000-exit.sqlite3").write_bytes(b"x")
    # Safety backups (before a restore or an upgrade) are kept for 30 days, whatever the rotation says.
    recent_safety = folder / f"station-{TODAY - dt.timedelta(days=20):%Y%m%d}-120000-restore.sqlite3"
    old_safety = folder / f"station-{TODAY - dt.timedelta(days=40):%Y%m%d}-120000-upgrade.sqlite3"
    recent_safety.write_bytes(b"x")
    old_safety.write_bytes(b"x")
    # Another database's backups in the same folder are not touched.
    _fake_backups(folder, "other", 30)

    removed = backup.rotate(folder, url, TODAY)

    kept = {b.taken_at for b in backup.list_backups_in(folder, url)}
    daily = {dt.datetime(2026, 11, 29, 18)} | {
        dt.datetime.combine(TODAY - dt.timedelta(days=d), dt.time(9)) for d in range(1, 7)}
    weekly = {dt.datetime(2026, 11, d, 9) for d in (22, 15, 8)}  # Sundays: each ISO week's newest
    monthly = {dt.datetime(2026, 10, 31, 9), dt.datetime(2026, 9, 30, 9), dt.datetime(2026, 8, 31, 9),
               dt.datetime(2026, 7, 31, 9), dt.datetime(2026, 6, 30, 9), dt.datetime(2026, 5, 31, 9),
               dt.datetime(2026, 4, 30, 9), dt.datetime(2026, 3, 31, 9), dt.datetime(2026, 2, 28, 9),
               dt.datetime(2026, 1, 31, 9), dt.datetime(2025, 12, 31, 9)}
    assert kept == daily | weekly | monthly | {dt.datetime.combine(TODAY - dt.timedelta(days=20), dt.time(12))}
    assert len(kept) == 7 + 3 + 11 + 1  # this week's and this month's newest are already today's daily
    assert recent_safety.exists() and not old_safety.exists()
    assert len(list(folder.glob("other-*"))) == 30
    assert len(removed) == 500 + 1 + 2 - len(kept)


def test_each_backup_is_rotated_as_it_is_taken(tmp_path):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=5)
    db = Database(path)
    for day in range(10):
        backup.automatic_backup(db, "start", at=dt.datetime(2026, 11, 1, 9) + dt.timedelta(days=day))
    db.dispose()
    listed = backup.list_backups_in(config.backups_dir(), f"sqlite:///{path}")
    # The last 7 days, plus Nov 8 and Nov 1: the newest of ISO weeks 45 and 44 (weeks 44-46 are the 4 newest).
    assert [b.taken_at.day for b in listed] == [10, 9, 8, 7, 6, 5, 4, 1]


# ---------------------------------------------------------------- taking and verifying backups


def test_a_backup_is_verified_and_listed_with_time_and_size(db, admin):
    result = backup.back_up(db, admin, at=dt.datetime(2026, 11, 29, 10, 30))
    listed = backup.list_backups(db, admin)
    assert [b.path for b in listed] == [result.backup.path]
    assert listed[0].taken_at == dt.datetime(2026, 11, 29, 10, 30) and listed[0].size > 0
    assert listed[0].reason_title == "手动" and str(result.backup.path) in result.message
    assert backup.verify(result.backup.path).ok
    if db.is_sqlite:
        assert result.counts["stations"] == 1 and result.counts["dreams"] == 10
        copy = backup.verify(result.backup.path)
        assert copy.counts["dreams"] == 10 and copy.revision == schema.head_revision()
    else:
        assert result.backup.path.suffix == ".dump"


def test_a_second_backup_of_the_day_says_that_it_replaced_the_earlier_one(db, admin):
    first = backup.back_up(db, admin, at=dt.datetime(2026, 11, 29, 10, 30))
    assert "删除了" not in first.message
    second = backup.back_up(db, admin, at=dt.datetime(2026, 11, 29, 11, 0))
    assert [b.path for b in backup.list_backups(db, admin)] == [second.backup.path]
    assert second.removed == (first.backup.path,)
    assert f"删除了 1 份较早的备份：{first.backup.path.name}" in second.message


def test_only_administrators_back_up(db, station):
    duty = Actor(user_id=None, name="duty", role=Role.DUTY, station_id=station.id)
    with pytest.raises(PermissionDenied) as refused:
        backup.back_up(db, duty)
    assert "备份和恢复" in refused.value.message
    assert backup.list_backups_in(config.backups_dir(), db.url) == []


def test_a_copy_that_fails_its_check_is_deleted_and_the_reason_given(tmp_path, monkeypatch):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=3)
    real_check = snapshot.check_file
    monkeypatch.setattr(snapshot, "check_file", lambda p, **kw: snapshot.FileCheck(("表 children 的行数不符",))
                        if p.parent == config.backups_dir() else real_check(p, **kw))
    db = Database(path)
    with pytest.raises(BackupFailed) as failed:
        backup.automatic_backup(db, "exit")
    db.dispose()
    assert "检查没有通过" in failed.value.message and "children" in failed.value.message
    assert list(config.backups_dir().iterdir()) == []


def test_verification_finds_damage_wrong_counts_and_foreign_files(tmp_path):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=30)
    good = tmp_path / "good.sqlite3"
    counts = snapshot.copy_sqlite(path, good)
    assert backup.verify(good, expected_counts=counts).ok
    assert not backup.verify(good, expected_counts={**counts, "children": 31}).ok
    damaged = tmp_path / "damaged.sqlite3"
    shutil.copyfile(good, damaged)
    corrupt(damaged)
    assert not backup.verify(damaged).ok
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    assert "不是亲善之家前台的数据库" in backup.verify(foreign).problems[0]


def test_the_second_folder_gets_a_verified_copy_and_a_missing_one_is_reported_not_fatal(tmp_path):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=3)
    db = Database(path)
    stick = tmp_path / "usb"
    missing = backup.automatic_backup(db, "exit", second_folder=stick)
    assert missing.backup.path.exists() and missing.second_copy is None
    assert "找不到" in missing.second_folder_problem and str(stick) in missing.second_folder_problem
    assert "只备份在本机" in missing.message
    stick.mkdir()
    present = backup.automatic_backup(db, "exit", second_folder=stick)
    db.dispose()
    assert present.second_folder_problem is None and present.second_copy.parent == stick
    assert backup.verify(present.second_copy).ok
    assert present.second_copy.read_bytes() == present.backup.path.read_bytes()


def test_the_daily_backup_is_due_once_a_day(tmp_path):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=3)
    db = Database(path)
    assert backup.daily_backup_due(db, TODAY)
    backup.automatic_backup(db, "start", at=dt.datetime.combine(TODAY, dt.time(8)))
    assert not backup.daily_backup_due(db, TODAY)
    assert backup.daily_backup_due(db, TODAY + dt.timedelta(days=1))
    db.dispose()


def test_postgres_backup_says_what_to_do_without_pg_dump(db, admin, monkeypatch):
    if db.is_sqlite:
        assert backup.automatic_backup(db, "exit") is not None
        return
    monkeypatch.setattr(snapshot, "find_pg_tool", lambda tool: None)
    with pytest.raises(BackupFailed) as failed:
        backup.back_up(db, admin)
    assert "找不到 pg_dump" in failed.value.message and "apt install postgresql-client" in failed.value.message
    assert backup.automatic_backup(db, "exit") is None  # the server's administrator backs up PostgreSQL
    with pytest.raises(Refused) as refused:
        backup.restore(db, admin, "x.dump")
    assert "pg_restore" in refused.value.message


# ---------------------------------------------------------------- restore


def test_backup_then_restore_on_a_demo_database_gives_identical_data(tmp_path, capsys, monkeypatch):
    path = tmp_path / "demo.sqlite3"
    make_demo(path)
    saved = tmp_path / "saved.sqlite3"
    original = dump_tables(path)
    assert main(["--db", str(path), "backup", "--out", str(saved)]) == 0
    assert "已备份到" in capsys.readouterr().out
    # Life goes on after the backup: a visit is deleted, a child renamed.
    db = Database(path)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM closing_calls"))
        conn.execute(text("DELETE FROM child_visits WHERE id = (SELECT min(id) FROM child_visits)"))
        conn.execute(text("UPDATE children SET name = '改过的名字' WHERE id = 1"))
    db.dispose()
    assert dump_tables(path) != original

    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("admin-demo\n"))  # the demo's administrator restores
    assert main(["--db", str(path), "--admin", "admin", "--admin-password-stdin", "restore", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "已从" in out and "恢复前的数据库已备份到" in out
    restored = dump_tables(path)
    audit_before = original.pop("audit_log")
    audit_after = restored.pop("audit_log")
    assert restored == original
    assert audit_after[: len(audit_before)] == audit_before  # plus the row saying who restored
    assert any("restore" in repr(row) for row in audit_after[len(audit_before):])
    # The state just before the restore is kept: nothing is lost by restoring the wrong file.
    safety = [b for b in backup.list_backups_in(config.backups_dir(), f"sqlite:///{path}") if b.reason == "restore"]
    assert len(safety) == 1 and dump_tables(safety[0].path)["children"] != original["children"]


def test_a_backup_cannot_overwrite_the_database_itself(tmp_path, capsys):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=3)
    before = dump_tables(path)
    assert main(["--db", str(path), "backup", "--out", str(path)]) == 1
    assert "不能就是数据库本身" in capsys.readouterr().err
    assert dump_tables(path) == before


def test_restore_refuses_a_damaged_backup_and_leaves_the_database_untouched(tmp_path, capsys, monkeypatch):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=20)
    bad = tmp_path / "bad.sqlite3"
    snapshot.copy_sqlite(path, bad)
    corrupt(bad)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("admin-demo\n"))
    assert main(["--db", str(path), "--admin", "admin", "--admin-password-stdin", "restore", str(bad)]) == 1
    assert "不能用来恢复" in capsys.readouterr().err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert backup.list_backups_in(config.backups_dir(), f"sqlite:///{path}") == []


def test_restore_replaces_the_database_only_after_the_staged_copy_passes(tmp_path, monkeypatch):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=20)
    source = tmp_path / "older.sqlite3"
    snapshot.copy_sqlite(path, source)
    db = Database(path)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE children SET name = '新名字' WHERE id = 2"))
    db.dispose()
    current = dump_tables(path)
    real_verify = backup.verify

    def staged_copy_fails(p, **kw):
        if p.name.endswith(".restoring"):
            return backup.Verification(False, ("模拟：复制后检查失败",), None, {})
        return real_verify(p, **kw)

    monkeypatch.setattr(backup, "verify", staged_copy_fails)
    with pytest.raises(Refused) as refused:
        backup.restore_file(path, source)
    assert "当前数据库未作改动" in refused.value.message
    assert dump_tables(path) == current
    assert not path.with_name(path.name + ".restoring").exists()


def test_restore_in_use_from_the_service_keeps_working_connections(tmp_path, admin_sqlite):
    db, actor, path = admin_sqlite
    first = backup.back_up(db, actor)
    with db.transaction() as s:
        s.execute(text("DELETE FROM dreams WHERE sort_order = 10"))
    result = backup.restore(db, actor, first.backup.path)
    assert result.safety_backup is not None and result.counts["dreams"] == 10
    with db.transaction() as s:  # the same Database goes on working on the restored content
        assert s.execute(text("SELECT count(*) FROM dreams")).scalar_one() == 10


@pytest.fixture
def admin_sqlite(tmp_path):
    path = tmp_path / "live.sqlite3"
    db = Database(path)
    upgrade_to_head(db.engine)
    from qsh_desk.services.stations import ensure_station

    ensure_station(db)
    actor = Actor(user_id=None, name="admin", role=Role.ADMIN, station_id=current_station(db).id)
    yield db, actor, path
    db.dispose()


# ---------------------------------------------------------------- start-up check and recovery


def test_a_corrupt_file_is_detected_at_start_moved_aside_and_the_newest_backup_offered(tmp_path):
    path = tmp_path / "desk.sqlite3"
    make_demo(path)
    db = Database(path)
    older = backup.automatic_backup(db, "start", at=dt.datetime(2026, 11, 27, 9))
    newest = backup.automatic_backup(db, "exit", at=dt.datetime(2026, 11, 28, 17))
    db.dispose()
    # The very newest backup is itself damaged: the newest *good* one is offered instead.
    broken = snapshot.new_backup_path(config.backups_dir(), "desk", "exit", dt.datetime(2026, 11, 28, 18))
    shutil.copyfile(newest.backup.path, broken)
    corrupt(broken)
    corrupt(path)
    damaged_bytes = path.read_bytes()

    check = health.check_at_start(path)

    assert check.state == health.CORRUPT and not check.ok
    assert not path.exists() and check.moved_to.read_bytes() == damaged_bytes  # moved, never overwritten
    assert check.newest_backup.path == newest.backup.path != older.backup.path
    assert "已损坏" in check.message and "2026-11-28 17:00" in check.message and str(check.moved_to) in check.message
    with pytest.raises(health.NeedsRecovery):
        health.require_healthy(path)  # the file is gone now: its backups are offered again

    result = backup.restore_file(path, check.newest_backup.path)
    assert result.safety_backup is None and health.check_at_start(path).ok
    assert dump_tables(path)["children"] == dump_tables(newest.backup.path)["children"]
    assert check.moved_to.read_bytes() == damaged_bytes


def test_a_second_corrupt_file_never_overwrites_the_first_one_moved_aside(tmp_path):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=5)
    first_copy = tmp_path / "spare.sqlite3"
    shutil.copyfile(path, first_copy)
    corrupt(path)
    moment = dt.datetime(2026, 11, 29, 9)
    first = health.move_aside(path, at=moment)
    shutil.copyfile(first_copy, path)
    corrupt(path)
    second = health.move_aside(path, at=moment)
    assert first != second and first.exists() and second.exists()


def test_a_healthy_or_new_database_passes_the_start_check(tmp_path, db_url):
    assert health.check_at_start(db_url).ok
    assert health.check_at_start(tmp_path / "brand-new.sqlite3").ok


# ---------------------------------------------------------------- automatic backup before a schema upgrade


def _future_release(tmp_path: Path, monkeypatch) -> None:
    """A future release: the shipped migrations plus one more revision on top of today's head."""
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    head = schema.head_revision()
    (migrations / "versions" / "9000_future.py").write_text(
        f'"""A test revision."""\nimport sqlalchemy as sa\nfrom alembic import op\n'
        f'revision = "9000_future"\ndown_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n'
        "def upgrade():\n    op.create_table('future_things', sa.Column('id', sa.Integer, primary_key=True))\n"
        "def downgrade():\n    op.drop_table('future_things')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(schema, "MIGRATIONS_DIR", migrations)


def test_a_schema_upgrade_is_preceded_by_a_verified_backup(tmp_path, monkeypatch):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=10)
    before_upgrade = dump_tables(path)
    _future_release(tmp_path, monkeypatch)

    assert main(["--db", str(path), "init"]) == 0

    upgraded = dump_tables(path)
    assert "future_things" in upgraded and upgraded["alembic_version"] == [("9000_future",)]
    kept = backup.list_backups_in(config.backups_dir(), f"sqlite:///{path}")
    assert [b.reason for b in kept] == ["upgrade"]
    assert dump_tables(kept[0].path) == before_upgrade


def test_the_upgrade_backup_on_both_backends(db, tmp_path, monkeypatch):
    _future_release(tmp_path, monkeypatch)
    status = upgrade_to_head(db.engine)
    assert status.upgraded and status.upgraded_from != "9000_future"
    kept = backup.list_backups_in(config.backups_dir(), db.url)
    assert [b.reason for b in kept] == ["upgrade"]
    assert kept[0].path.suffix == (".sqlite3" if db.is_sqlite else ".dump")  # pg_dump on PostgreSQL
    assert backup.verify(kept[0].path).ok


def test_no_backup_no_upgrade(tmp_path, monkeypatch, capsys):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=3)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '0001_initial'")
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    def disk_full(*args, **kwargs):
        raise snapshot.SnapshotError("备份没有成功：磁盘已满。请清理磁盘空间后再试。")

    monkeypatch.setattr(snapshot, "take_sqlite_backup", disk_full)
    assert main(["--db", str(path), "init"]) == 1
    err = capsys.readouterr().err
    assert "没有升级" in err and "磁盘已满" in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


# ---------------------------------------------------------------- check


def test_check_reports_integrity_schema_and_counts(tmp_path, capsys):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=25)
    capsys.readouterr()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["--db", str(path), "check"]) == 0
    out = capsys.readouterr().out
    assert "完整性：正常" in out and schema.head_revision() in out and "儿童（children）：25" in out
    assert out.strip().endswith("检查通过。")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # looking changes nothing


def test_check_exits_1_on_a_damaged_file_a_missing_file_and_a_newer_schema(tmp_path, capsys):
    damaged = tmp_path / "damaged.sqlite3"
    make_demo(damaged, children=25)
    corrupt(damaged)
    assert main(["--db", str(damaged), "check"]) == 1
    out = capsys.readouterr().out
    assert "完整性：" in out and "正常" not in out and "qsh-desk restore" in out
    assert main(["--db", str(tmp_path / "none.sqlite3"), "check"]) == 1
    assert "文件不存在" in capsys.readouterr().out
    newer = tmp_path / "newer.sqlite3"
    make_demo(newer, children=2)
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.close()
    capsys.readouterr()
    assert main(["--db", str(newer), "check"]) == 1
    assert "更新版本" in capsys.readouterr().out


def test_check_on_both_backends(db_url, capsys):
    assert main(["--db", db_url, "init"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "check"]) == 0
    out = capsys.readouterr().out
    assert "站点（stations）：1" in out and "检查通过" in out


def test_a_full_disk_or_a_read_only_folder_is_said_in_words(tmp_path, monkeypatch):
    assert "磁盘已满" in snapshot.why_failed(OSError(28, "No space left on device"))
    assert "不能写入" in snapshot.why_failed(PermissionError(13, "Permission denied"))
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=3)

    def disk_full(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(snapshot, "copy_sqlite", disk_full)
    db = Database(path)
    with pytest.raises(BackupFailed) as failed:
        backup.automatic_backup(db, "exit")
    db.dispose()
    assert "磁盘已满" in failed.value.message and "清理磁盘空间" in failed.value.message
