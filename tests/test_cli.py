"""The command line's contract: exit codes, idempotent init, demo refusing a filled database — on both backends."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select, text

from qsh_desk import __version__
from qsh_desk.cli import main
from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, ChildVisit
from tests.moments import faketime_env


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m qsh_desk` in a fresh process, as a user would, its clock starting on the tests' Saturday."""
    return subprocess.run(
        [sys.executable, "-m", "qsh_desk", *args],
        capture_output=True, text=True, env=faketime_env(base={**os.environ, **(env or {})}), timeout=120,
    )


def test_version():
    result = run_cli("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"qsh-desk {__version__}")


def test_usage_error_exits_2_in_chinese(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["no-such-command"])
    assert exited.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_init_twice_changes_nothing(db_url, capsys):
    assert main(["--db", db_url, "init", "--station", "塘山镇高新社区亲善之家"]) == 0
    first = capsys.readouterr().out
    assert "已创建数据库" in first and "已创建站点：塘山镇高新社区亲善之家" in first
    assert main(["--db", db_url, "init"]) == 0
    second = capsys.readouterr().out
    assert "未作改动" in second and "站点：塘山镇高新社区亲善之家" in second


def test_init_leaves_an_sqlite_file_byte_identical_the_second_time(tmp_path):
    path = tmp_path / "a.sqlite3"
    assert run_cli("--db", str(path), "init").returncode == 0
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert run_cli("--db", str(path), "init").returncode == 0
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def _counts(url: str) -> tuple[int, int]:
    db = Database(url)
    with db.transaction() as s:
        counts = (s.scalar(select(func.count(Child.id))), s.scalar(select(func.count(ChildVisit.id))))
    db.dispose()
    return counts


def test_demo_fills_once_and_then_refuses(db_url, capsys):
    assert main(["--db", db_url, "demo", "--children", "40", "--volunteers", "6", "--weeks", "8",
                 "--until", "2026-11-28"]) == 0
    out, err = capsys.readouterr()
    assert "演示数据已写入" in out and "儿童：40" in err  # progress goes to stderr
    filled = _counts(db_url)
    assert filled[0] == 40 and filled[1] > 0
    assert main(["--db", db_url, "demo", "--children", "5"]) == 1
    assert "已经有 40 名儿童" in capsys.readouterr().err
    assert _counts(db_url) == filled


def test_demo_rejects_negative_numbers(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "x.sqlite3"), "demo", "--children", "-1"]) == 1
    assert "不能为负数" in capsys.readouterr().err


def test_newer_database_refused_by_the_command_line_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    assert run_cli("--db", str(path), "init").returncode == 0
    db = Database(path)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run_cli("--db", str(path), "init")
    assert result.returncode == 1
    assert "9999_future" in result.stderr and "更新版本" in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_environment_variable_chooses_the_database(tmp_path):
    path = tmp_path / "from-env.sqlite3"
    result = run_cli("init", env={"QSH_DESK_DB": str(path)})
    assert result.returncode == 0 and path.exists()
    assert str(path) in result.stdout


def test_default_database_lives_in_the_data_directory(tmp_path):
    data = tmp_path / "userdata"
    result = run_cli("init", env={"QSH_DESK_DATA_DIR": str(data)})
    assert result.returncode == 0
    assert (data / "qsh-desk.sqlite3").exists()


@pytest.mark.parametrize("encoding", ["cp1252", "gbk", "ascii"])
def test_output_to_a_pipe_never_fails_on_a_narrow_code_page(tmp_path, encoding):
    """Windows encodes redirected output with its ANSI code page; a pipe or a file gets UTF-8 whatever it is."""
    from qsh_desk.services import checkin
    from qsh_desk.services.access import Actor
    from qsh_desk.services.stations import current_station
    from tests.desk_helpers import add_child

    path = tmp_path / "station.sqlite3"
    narrow = {"PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    created = run_cli("--db", str(path), "init", "--station", "高新社区亲善之家", env=narrow)
    assert created.returncode == 0, created.stderr
    assert "已创建站点：高新社区亲善之家" in created.stdout
    db = Database(path)
    station = current_station(db)
    child = add_child(db, station.id, "王𬬭𫖯")
    checkin.check_in(db, Actor.command_line(station.id), checkin.CHILD, child)
    db.dispose()

    listed = run_cli("--db", str(path), "present", "--json", env=narrow)
    assert listed.returncode == 0, listed.stderr
    assert [p["name"] for p in json.loads(listed.stdout)] == ["王𬬭𫖯"]
    plain = run_cli("--db", str(path), "present", env=narrow)
    assert plain.returncode == 0 and "王𬬭𫖯" in plain.stdout
    refused = run_cli("--db", str(path), "checkin", "王𬬭𫖯", env=narrow)  # a Chinese message on stderr
    assert refused.returncode == 1 and "王𬬭𫖯" in refused.stderr


def test_check_names_every_table_in_chinese(tmp_path, capsys):
    import re

    from qsh_desk.db.schema import upgrade_to_head

    path = tmp_path / "desk.sqlite3"

    db = Database(path)
    upgrade_to_head(db.engine)
    db.dispose()
    capsys.readouterr()
    assert main(["--db", str(path), "check"]) == 0
    out = capsys.readouterr().out
    listed = out.split("各表行数：", 1)[1].split("检查通过", 1)[0].strip().splitlines()
    assert len(listed) >= 17
    for line in listed:
        title = line.strip().split("（", 1)[0]
        assert re.fullmatch(r"[\u4e00-\u9fff]+", title), line  # 儿童（children）：0, never children（children）


def test_restricted_commands_ask_for_an_administrator_once_the_database_has_accounts(tmp_path, capsys, monkeypatch):
    """The trust boundary: the OS user may back up and check; reading restricted data or changing accounts needs
    an administrator's password, and the audit log names that account."""
    import io

    from sqlalchemy import select

    from qsh_desk.db.database import Database
    from qsh_desk.db.models import AuditEntry

    path = str(tmp_path / "demo.sqlite3")
    assert main(["--db", path, "demo", "--children", "5", "--volunteers", "2", "--weeks", "1"]) == 0
    out = str(tmp_path / "archive.xlsx")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script: nobody to prompt
    capsys.readouterr()
    for command in (["export", "archive", out, "--full"], ["user", "list"], ["user", "disable", "admin"],
                    ["print", "roster", "--out", str(tmp_path / "r.pdf")]):
        assert main(["--db", path, *command]) == 1, command
        assert "需要管理员登录" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong-password\n"))
    assert main(["--db", path, "--admin", "admin", "--admin-password-stdin", "export", "archive", out]) == 1
    assert "密码不对" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("social-demo\n"))
    assert main(["--db", path, "--admin", "social", "--admin-password-stdin", "user", "list"]) == 1
    assert "不是管理员账号" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-demo\n"))
    assert main(["--db", path, "--admin", "admin", "--admin-password-stdin", "export", "archive", out, "--full"]) == 0
    assert main(["--db", path, "backup"]) == 0 and main(["--db", path, "check"]) == 0  # open to the files' owner
    db = Database(path)
    with db.transaction() as s:
        exported = s.scalars(select(AuditEntry.actor).where(AuditEntry.action == "export")).all()
    db.dispose()
    assert exported == ["admin"]
