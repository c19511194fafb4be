"""Sealed second copies: a USB stick's backups are encrypted with the administrator's passphrase, open on the PC
that sealed them, need the passphrase elsewhere, and refuse a wrong passphrase or any change to the file."""

from __future__ import annotations

import io
import os
import sqlite3
from pathlib import Path

import pytest

from qsh_desk.cli import main
from qsh_desk.db.database import Database
from qsh_desk.services import backup, sealed
from qsh_desk.services.errors import InvalidInput, Refused
from tests.test_backup import dump_tables, make_demo

PASSPHRASE = "高新社区周六见2026"


@pytest.fixture(autouse=True)
def no_key_left():
    sealed.stop_sealing()
    yield
    sealed.stop_sealing()


def _child_names(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("SELECT name FROM children ORDER BY id")]
    finally:
        con.close()


def test_a_sealed_file_opens_only_whole_and_unchanged_and_with_the_right_passphrase(tmp_path, monkeypatch):
    monkeypatch.setattr(sealed, "CHUNK", 1000)  # many chunks from a small file
    plain = tmp_path / "plain.bin"
    plain.write_bytes(os.urandom(4500))
    key = sealed.set_passphrase(PASSPHRASE)
    box = tmp_path / "box.sealed"
    digest = sealed.seal(plain, box, key)
    assert sealed.is_sealed(box) and sealed.opens_here(box) and plain.read_bytes() not in box.read_bytes()
    out = tmp_path / "out.bin"
    sealed.unseal(box, out)
    assert out.read_bytes() == plain.read_bytes() and sealed.digest_of(box) == digest

    data = box.read_bytes()
    for name, spoiled in (("flipped", data[:-100] + bytes([data[-100] ^ 1]) + data[-99:]),
                          ("cut short", data[:-1017]), ("last chunk dropped", data[:-520]),
                          ("one more chunk", data + data[-1020:])):
        bad = tmp_path / f"{name}.sealed"
        bad.write_bytes(spoiled)
        with pytest.raises(Refused, match="不完整或已损坏"):
            sealed.unseal(bad, tmp_path / "never.bin")
        assert not (tmp_path / "never.bin").exists(), name

    sealed.stop_sealing()  # another PC: the file alone is not enough
    with pytest.raises(sealed.NeedsPassphrase):
        sealed.digest_of(box)
    with pytest.raises(InvalidInput, match="口令不对"):
        sealed.digest_of(box, "高新社区周日见2026")
    assert sealed.digest_of(box, PASSPHRASE) == digest


def test_a_passphrase_must_be_long_enough_and_the_key_file_is_the_owners_only(tmp_path):
    with pytest.raises(InvalidInput, match="至少要 10 个字符"):
        sealed.set_passphrase("short")
    assert sealed.current_key() is None
    sealed.set_passphrase(PASSPHRASE)
    assert sealed.current_key() is not None and PASSPHRASE.encode() not in sealed.key_path().read_bytes()
    if os.name == "posix":
        assert oct(sealed.key_path().stat().st_mode & 0o777) == "0o600"


def test_the_stick_holds_only_sealed_copies_and_a_new_pc_restores_one_with_the_passphrase(tmp_path, capsys):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=5)
    names = _child_names(path)
    db = Database(path)
    stick = tmp_path / "usb"
    stick.mkdir()
    plain = backup.automatic_backup(db, "start", second_folder=stick).second_copy  # before sealing was chosen
    assert plain.exists()
    sealed.set_passphrase(PASSPHRASE)
    result = backup.automatic_backup(db, "exit", second_folder=stick)
    db.dispose()
    assert result.second_folder_problem is None and result.second_copy.name.endswith(".sqlite3.sealed")
    assert sorted(p.name for p in stick.iterdir()) == [result.second_copy.name]  # the plain copy is gone
    content = result.second_copy.read_bytes()
    assert not any(name.encode("utf-8") in content for name in names) and b"SQLite format" not in content
    if os.name == "posix":
        assert oct(result.second_copy.stat().st_mode & 0o777) == "0o600"

    # The station PC is lost; on a new one (no key), the database is restored from the stick.
    sealed.stop_sealing()
    new_pc = tmp_path / "new-pc.sqlite3"
    with pytest.raises(sealed.NeedsPassphrase):
        backup.restore_file(f"sqlite:///{new_pc}", result.second_copy)
    with pytest.raises(InvalidInput, match="口令不对"):
        backup.restore_file(f"sqlite:///{new_pc}", result.second_copy, "wrong passphrase!")
    assert not new_pc.exists() and not list(tmp_path.glob("new-pc.sqlite3.restoring*"))
    restored = backup.restore_file(f"sqlite:///{new_pc}", result.second_copy, PASSPHRASE)
    assert restored.restored_from == result.second_copy and _child_names(new_pc) == names
    assert not list(tmp_path.glob("*.unsealed"))
    original, copy = dump_tables(path), dump_tables(new_pc)
    assert copy["children"] == original["children"] and copy["child_visits"] == original["child_visits"]

    # The command line asks for it too (the first line of stdin, before the administrator's password).
    capsys.readouterr()
    import sys

    other = tmp_path / "other.sqlite3"
    sys_stdin = sys.stdin
    try:
        sys.stdin = io.StringIO("wrong passphrase!\n")
        assert main(["--db", str(other), "restore", str(result.second_copy), "--passphrase-stdin"]) == 1
        assert "口令不对" in capsys.readouterr().err
        sys.stdin = io.StringIO(f"{PASSPHRASE}\n")
        assert main(["--db", str(other), "restore", str(result.second_copy), "--passphrase-stdin"]) == 0
    finally:
        sys.stdin = sys_stdin
    assert "已从" in capsys.readouterr().out and _child_names(other) == names


def test_the_pc_that_sealed_a_copy_restores_it_without_asking(tmp_path):
    path = tmp_path / "desk.sqlite3"
    make_demo(path, children=3)
    names = _child_names(path)
    sealed.set_passphrase(PASSPHRASE)
    db = Database(path)
    stick = tmp_path / "usb"
    stick.mkdir()
    copy = backup.automatic_backup(db, "exit", second_folder=stick).second_copy
    db.dispose()
    assert sealed.opens_here(copy)
    target = tmp_path / "again.sqlite3"
    backup.restore_file(f"sqlite:///{target}", copy)
    assert _child_names(target) == names
