"""Faults of the PC, not of the data: a full disk, a read-only folder or file, leftovers of killed work."""

from __future__ import annotations

import sqlite3

import pytest

from qsh_desk.cli import main
from qsh_desk.db.database import Database
from qsh_desk.db.errors import EnvironmentTrouble, Kind
from qsh_desk.services import health
from tests.faults import small_disk  # noqa: F401 - a fixture
from tests.test_backup import make_demo


def children_in(path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM children").fetchone()[0]
    finally:
        con.close()


def names_in(folder) -> set[str]:
    return {p.name for p in folder.iterdir()} - {"filler.bin"}


def test_a_full_disk_at_start_leaves_the_healthy_database_alone_and_it_opens_once_space_is_freed(small_disk):
    path = small_disk.path / "desk.sqlite3"
    make_demo(path, children=12)
    before = path.read_bytes()
    small_disk.fill()

    with pytest.raises(EnvironmentTrouble) as raised:
        health.require_healthy(path)

    assert raised.value.kind is Kind.DISK_FULL
    assert "磁盘已满" in str(raised.value) and "损坏" not in str(raised.value)
    assert path.read_bytes() == before  # not renamed, not changed
    assert not [name for name in names_in(small_disk.path) if "corrupt" in name]

    small_disk.free()
    assert health.check_at_start(path).ok
    db = Database(path)
    try:
        from qsh_desk.services import accounts

        assert not accounts.needs_first_run(db)  # the station's own database, not an empty one
    finally:
        db.dispose()
    assert children_in(path) == 12


def test_a_read_only_folder_at_start_is_said_in_words_and_nothing_is_renamed(small_disk):
    path = small_disk.path / "desk.sqlite3"
    make_demo(path, children=5)
    small_disk.read_only()
    try:
        with pytest.raises(EnvironmentTrouble) as raised:
            health.check_at_start(path)
        assert raised.value.kind is Kind.READ_ONLY and "权限" in str(raised.value)
        assert names_in(small_disk.path) == {"desk.sqlite3"}
    finally:
        small_disk.read_only(False)
    assert health.check_at_start(path).ok and children_in(path) == 5


def test_check_on_a_full_disk_does_not_call_the_database_damaged_or_advise_a_restore(small_disk, capsys):
    path = small_disk.path / "desk.sqlite3"
    make_demo(path, children=5)
    small_disk.fill()

    code = main(["--db", str(path), "check"])

    out = capsys.readouterr().out
    assert code == 1
    assert "磁盘已满" in out and "损坏" not in out.replace("不在数据库文件本身", "")
    assert "qsh-desk restore" not in out
    assert not [name for name in names_in(small_disk.path) if "corrupt" in name]


def test_half_written_copies_left_by_killed_backups_and_restores_are_removed_at_start_and_logged(tmp_path, caplog):
    import logging
    import os

    from qsh_desk import config
    from qsh_desk.db import snapshot

    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=3)
    backups = config.backups_dir()
    backups.mkdir(parents=True, exist_ok=True)
    killed = [backups / "desk-20261128-171502-exit.sqlite3.partial",
              backups / "desk-20261128-171502-exit.sqlite3.partial-journal",
              backups / "desk-20261128-171502-upgrade.sqlite3.partial",
              path.with_name("desk.sqlite3.restoring"), path.with_name("desk.sqlite3.restoring.partial")]
    running = backups / "desk-20261202-090000-manual.sqlite3.partial"  # a backup being written right now
    kept = backups / "desk-20261128-171502-exit.sqlite3"
    running.write_bytes(b"\0" * 4096)
    # An hour before the file system's now (not the process's clock, which CI may shift with libfaketime).
    an_hour_ago = running.stat().st_mtime - 3600
    for leftover in [*killed, kept]:
        leftover.write_bytes(b"\0" * 4096)
        os.utime(leftover, (an_hour_ago, an_hour_ago))

    with caplog.at_level(logging.WARNING):
        assert health.check_at_start(path).ok

    assert [p for p in killed if p.exists()] == []
    assert running.exists() and kept.exists() and path.exists()
    assert sum("did not finish" in r.getMessage() for r in caplog.records) == len(killed)
    assert snapshot.remove_leftovers(path, [backups]) == []  # nothing left the second time


def test_the_command_line_says_a_full_disk_and_a_read_only_folder_in_chinese_without_a_traceback(small_disk, capsys,
                                                                                                 monkeypatch):
    monkeypatch.setenv("QSH_DESK_DATA_DIR", str(small_disk.path / "data"))
    path = small_disk.path / "data" / "qsh-desk.sqlite3"
    assert main(["init"]) == 0 and main(["demo", "--children", "5", "--volunteers", "2", "--weeks", "1"]) == 0
    capsys.readouterr()
    said = {}
    small_disk.fill()
    for command in (["checkin", "C01000001"], ["present"], ["backup"]):
        said["full", command[0]] = (main(command), capsys.readouterr().err)
    small_disk.free()
    small_disk.read_only()
    try:
        said["read-only", "checkin"] = (main(["checkin", "C01000001"]), capsys.readouterr().err)
    finally:
        small_disk.read_only(False)
    for (fault, command), (code, err) in said.items():
        assert code == 1 and "Traceback" not in err and "内部错误" not in err, (fault, command, err)
        assert ("磁盘已满" if fault == "full" else "不能写入") in err, (fault, command, err)
    assert children_in(path) == 5 and main(["checkin", "C01000001"]) == 0  # all is well once the PC is


def test_the_command_line_says_a_stopped_postgresql_server_in_chinese(tmp_path, capsys):
    from tests.pg_server import ThrowawayPostgres

    server = ThrowawayPostgres()
    if not server.available:
        pytest.skip("PostgreSQL server binaries not found")
    url = server.start()
    try:
        assert main(["--db", url, "init"]) == 0
    finally:
        server.stop()
    capsys.readouterr()
    for command in (["checkin", "C01000001"], ["present"], ["check"], ["backup"]):
        code = main(["--db", url, *command])
        err = capsys.readouterr()
        assert code == 1 and "Traceback" not in err.err and "内部错误" not in err.err, (command, err)
        assert "连接不上数据库服务器" in err.err + err.out, (command, err)
