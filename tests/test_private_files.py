"""The files the program makes are its user's only: folders 0700 and files 0600 on Linux, whatever the umask."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from sqlalchemy import text

from qsh_desk.cli import main
from qsh_desk.db.database import Database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; Windows keeps %LOCALAPPDATA%")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_backup_export_print_and_a_photo_leave_nothing_others_can_read(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home" / "qsh-desk"  # a fresh home: nothing exists yet
    monkeypatch.setenv("QSH_DESK_DATA_DIR", str(home))
    os.umask(0o022)  # the usual umask, which made every file world-readable
    out = tmp_path / "out"
    out.mkdir()

    assert main(["init"]) == 0
    assert main(["demo", "--children", "3", "--volunteers", "2", "--weeks", "1"]) == 0
    assert main(["backup"]) == 0
    login = ["--admin", "admin", "--admin-password-stdin"]  # the demo's administrator
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-demo\n"))
    assert main([*login, "export", "children", str(out / "children.xlsx")]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-demo\n"))
    assert main([*login, "print", "roster", "--out", str(out / "roster.pdf")]) == 0
    from qsh_desk.services import photos

    picture = tmp_path / "p.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    photos.store(picture, "photos", "child")
    import logging

    from qsh_desk.logs import setup_logging

    # An earlier test of this process may have set up the log in its own data folder: start this one's afresh.
    root = logging.getLogger()
    earlier = [h for h in root.handlers if getattr(h, "_qsh_desk", False)]
    for handler in earlier:
        root.removeHandler(handler)
    setup_logging()
    ours = [h for h in root.handlers if getattr(h, "_qsh_desk", False)]
    for handler in ours:
        root.removeHandler(handler)
        handler.close()
    for handler in earlier:
        root.addHandler(handler)
    db = Database(home / "qsh-desk.sqlite3")  # an open database has its -wal and -shm
    try:
        with db.transaction() as session:
            session.execute(text("SELECT count(*) FROM children"))
        everything = [home, *home.rglob("*")]
        assert {p.name for p in everything} >= {"qsh-desk.sqlite3", "qsh-desk.sqlite3-wal", "qsh-desk.sqlite3-shm",
                                                "backups", "logs", "qsh-desk.log", "photos"}
        assert any(p.parent.name == "backups" for p in everything)
        loose = {str(p.relative_to(tmp_path)): oct(mode(p)) for p in everything
                 if mode(p) != (0o700 if p.is_dir() else 0o600)}
        assert loose == {}
    finally:
        db.dispose()
    assert mode(out / "children.xlsx") == 0o600 and mode(out / "roster.pdf") == 0o600


def test_a_database_of_an_earlier_release_is_warned_about_then_tightened(tmp_path, monkeypatch, capsys):
    home = tmp_path / "qsh-desk"
    monkeypatch.setenv("QSH_DESK_DATA_DIR", str(home))
    assert main(["init"]) == 0
    database = home / "qsh-desk.sqlite3"
    os.chmod(home, 0o755)
    os.chmod(database, 0o644)  # as earlier releases left them
    capsys.readouterr()

    assert main(["check"]) == 0
    assert "其他用户可以读取" in capsys.readouterr().out

    assert main(["present"]) == 0  # any command opens the database
    assert (mode(home), mode(database)) == (0o700, 0o600)
    assert main(["check"]) == 0 and "其他用户" not in capsys.readouterr().out
