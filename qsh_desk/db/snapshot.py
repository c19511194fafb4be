"""Backup files at the database level: consistent SQLite copies (online backup API), pg_dump, and checks of a copy."""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from qsh_desk import clock, config, private
from qsh_desk.db.errors import sqlite_file_trouble

log = logging.getLogger(__name__)

SQLITE_SUFFIX = ".sqlite3"
PG_SUFFIX = ".dump"
# Why a backup was taken; the part of the file name after the time.
REASONS = {
    "start": "每日首次启动",
    "exit": "退出时",
    "manual": "手动",
    "upgrade": "升级前",
    "restore": "恢复前",
}
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<day>\d{8})-(?P<time>\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z]+)(?P<suffix>\.sqlite3|\.dump)(?:\.sealed)?$"
)


class SnapshotError(Exception):
    """A backup could not be made or checked; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class FileCheck:
    """What a check of a database file found: problems (empty when fine), its schema revision and row counts."""

    problems: tuple[str, ...]
    revision: str | None = None
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BackupName:
    """What a backup's file name says: which database, when, and why."""

    stem: str
    taken_at: dt.datetime
    reason: str
    sequence: int = 1  # 2, 3, … for further backups within the same second


def backup_stem(database_name: str) -> str:
    """The name backups of this database start with: the file's stem, or the PostgreSQL database's name."""
    return Path(database_name).name.removesuffix(SQLITE_SUFFIX).removesuffix(".db") or "qsh-desk"


def parse_name(path: Path) -> BackupName | None:
    match = _NAME.match(path.name)
    if match is None or match["reason"] not in REASONS:
        return None
    taken_at = dt.datetime.strptime(match["day"] + match["time"], "%Y%m%d%H%M%S")
    return BackupName(match["stem"], taken_at, match["reason"], int(match["n"] or 1))


def new_backup_path(folder: Path, stem: str, reason: str, at: dt.datetime, suffix: str = SQLITE_SUFFIX) -> Path:
    """A fresh file name in the folder; a later backup in the same second gets a higher sequence number."""
    base = f"{stem}-{at:%Y%m%d-%H%M%S}"
    same_second = [
        name.sequence for path in folder.glob(f"{base}-*")
        if (name := parse_name(path)) is not None and name.stem == stem
    ]
    if not same_second:
        return folder / f"{base}-{reason}{suffix}"
    return folder / f"{base}-{max(same_second) + 1}-{reason}{suffix}"


def table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """Rows in every table; reading each table also proves the file opens and its tables can be read."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _fsync(path: Path) -> None:
    """Make the file (or folder entry) durable before we call the backup done: the PC may lose power next."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # folders cannot be opened on Windows; NTFS journals the rename itself
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def copy_sqlite(source: Path, target: Path) -> dict[str, int]:
    """Copy a live SQLite database consistently with the online backup API; returns the row counts copied.

    The counts and the copy come from one read transaction, so they describe the same moment even while the
    desk keeps writing. The copy is a single self-contained file (rollback journal, not WAL), written under a
    temporary name and renamed only when complete.
    """
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source_con = sqlite3.connect(source, isolation_level=None, timeout=30)
    try:
        source_con.execute("BEGIN")
        counts = table_counts(source_con)
        target_con = sqlite3.connect(partial)
        try:
            private.tighten(partial)  # a copy of the children's data: its owner's only
            source_con.backup(target_con)
            target_con.execute("PRAGMA journal_mode = DELETE")
        finally:
            target_con.close()
        source_con.execute("COMMIT")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source_con.close()
    _fsync(partial)
    os.replace(partial, target)
    _fsync(target.parent)
    return counts


def write_into(source: Path, target: Path) -> None:
    """Replace the content of the database file `target` by that of `source`, atomically.

    Uses the online backup API into the target (one write transaction), so connections that are still open on
    the target simply see the new content, and a power cut leaves either the old or the new database.
    """
    source_con = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    target_con = sqlite3.connect(target, timeout=30)
    try:
        source_con.backup(target_con)
    finally:
        target_con.close()
        source_con.close()


def integrity_problem(path: Path, *, quick: bool = False) -> str | None:
    """None when SQLite's integrity check passes, else what is wrong (in Chinese). Never writes to the file.

    Only a failed check of a file that could be read is damage. A full disk, a read-only or unreadable file or
    folder, a lock or a failing disk raise `EnvironmentTrouble` instead: the file is fine, the PC is not.
    """
    if not path.exists():
        return f"文件不存在：{path}"
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=30)
        try:
            rows = [row[0] for row in con.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as error:
        trouble = sqlite_file_trouble(path, error)
        if trouble is not None:
            raise trouble from error
        return f"文件已损坏，不是可用的数据库（{error}）"
    if rows != ["ok"]:
        return "完整性检查未通过：" + "；".join(str(r) for r in rows[:3])
    return None


def check_file(path: Path, *, quick: bool = False, expected_counts: Mapping[str, int] | None = None) -> FileCheck:
    """Check a database file: integrity, that it opens and every table reads, its revision, and row counts."""
    problem = integrity_problem(path, quick=quick)
    if problem is not None:
        return FileCheck((problem,))
    problems: list[str] = []
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=30)
        try:
            counts = table_counts(con)
            revision = None
            if "alembic_version" in counts:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as error:
        trouble = sqlite_file_trouble(path, error)
        if trouble is not None:
            raise trouble from error
        return FileCheck((f"文件打不开或读不出（{error}）",))
    if revision is None or "stations" not in counts:
        problems.append("这不是亲善之家前台的数据库（没有数据库结构版本）")
    if expected_counts is not None:
        for table, expected in sorted(expected_counts.items()):
            if counts.get(table) != expected:
                problems.append(f"表 {table} 的行数不符：应为 {expected}，实际 {counts.get(table)}")
    return FileCheck(tuple(problems), revision, counts)


# What a backup, an upgrade's backup or a restore killed half-way leaves behind (and SQLite's journal of it).
_LEFTOVER_ENDINGS = (".partial", ".partial-journal", ".partial-wal", ".partial-shm")
_RESTORE_LEFTOVERS = (".restoring", ".restoring-journal", ".restoring.partial", ".restoring.partial-journal",
                      ".restoring.unsealed")
# A file younger than this may belong to a backup running right now in another window or command.
LEFTOVER_AGE_S = 300


def remove_leftovers(database: Path | None, folders: Iterable[Path] = ()) -> list[tuple[Path, int]]:
    """Delete the half-written copies that killed backups and restores left (each is 50 MB at district scale and
    nothing else would ever remove them); returns what was removed with its size, and logs it."""
    candidates: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            candidates += [p for p in folder.iterdir() if p.name.endswith(_LEFTOVER_ENDINGS)]
    if database is not None:
        candidates += [database.with_name(database.name + ending) for ending in _RESTORE_LEFTOVERS]
    removed = []
    for path in candidates:
        try:
            info = path.stat()
            if not path.is_file() or clock.seconds_since_modified(path) < LEFTOVER_AGE_S:
                continue
            path.unlink()
        except OSError:
            continue  # gone meanwhile, or not ours to delete: left for the next start
        removed.append((path, info.st_size))
        log.warning("removed %s (%d bytes) left by a backup or restore that did not finish", path, info.st_size)
    return removed


def take_sqlite_backup(
    database: Path, reason: str, *, folder: Path | None = None, at: dt.datetime | None = None
) -> tuple[Path, FileCheck]:
    """Copy the database into the backup folder and verify the copy; a copy that fails is deleted, never kept."""
    folder = folder or default_folder()
    try:
        private.private_folder(folder)
        target = new_backup_path(folder, backup_stem(database.name), reason, at or clock.now())
        counts = copy_sqlite(database, target)
    except (OSError, sqlite3.Error) as error:
        raise SnapshotError(f"备份没有成功：{why_failed(error)}") from error
    check = check_file(target, expected_counts=counts)
    if not check.ok:
        target.unlink(missing_ok=True)
        raise SnapshotError("备份做好后检查没有通过，已删除这份备份：" + "；".join(check.problems))
    log.info("backup %s (%s): %s", target, reason, sum(counts.values()))
    return target, check


def why_failed(error: BaseException) -> str:
    """Why a file operation failed, in words a user can act on."""
    text = str(error).lower()
    if isinstance(error, OSError) and error.errno == 28 or "full" in text:
        return "磁盘已满。请清理磁盘空间后再试。"
    if isinstance(error, PermissionError) or "readonly" in text or "read-only" in text:
        return "备份文件夹不能写入。请检查文件夹权限。"
    if "locked" in text or "busy" in text:
        return "数据库正忙。请稍等片刻再试。"
    return str(error)


# ---------------------------------------------------------------- PostgreSQL


def find_pg_tool(tool: str) -> str | None:
    """pg_dump / pg_restore on PATH, or in the usual Debian location (newest version first)."""
    found = shutil.which(tool)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"), reverse=True)
    return candidates[0] if candidates else None


PG_DUMP_MISSING = (
    "找不到 pg_dump 程序，无法备份 PostgreSQL 数据库。请在本机安装 PostgreSQL 客户端工具"
    "（Debian/Ubuntu：sudo apt install postgresql-client；Windows：安装 PostgreSQL 并把它的 bin 文件夹加入 PATH），"
    "然后再试；或请数据库服务器的管理员在服务器上用 pg_dump 备份。"
)


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL as the libpq URI that pg_dump understands."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def pg_dump(url: str, target: Path) -> None:
    """Dump a PostgreSQL database (custom format) to `target`, then check that pg_restore can read it."""
    tool = find_pg_tool("pg_dump")
    if tool is None:
        raise SnapshotError(PG_DUMP_MISSING)
    partial = target.with_name(target.name + ".partial")
    result = subprocess.run(
        [tool, "--format=custom", "--no-owner", "--file", str(partial), "--dbname", libpq_url(url)],
        capture_output=True, text=True, timeout=3600,
    )
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise SnapshotError(f"pg_dump 没有完成备份：{result.stderr.strip()[:500]}。请检查数据库服务器和 pg_dump 的版本后再试。")
    private.tighten(partial)
    problem = pg_dump_problem(partial)
    if problem is not None:
        partial.unlink(missing_ok=True)
        raise SnapshotError(problem)
    _fsync(partial)
    os.replace(partial, target)


def pg_dump_problem(path: Path) -> str | None:
    """None when pg_restore can list the dump and it holds our tables' data, else what is wrong."""
    tool = find_pg_tool("pg_restore")
    if tool is None:
        return None  # cannot check without pg_restore; pg_dump's exit code is all we have
    result = subprocess.run([tool, "--list", str(path)], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        return f"备份文件读不出：{result.stderr.strip()[:300]}"
    if "TABLE DATA" not in result.stdout or "alembic_version" not in result.stdout:
        return "备份文件里没有亲善之家前台的数据表"
    return None


def default_folder() -> Path:
    return config.backups_dir()
