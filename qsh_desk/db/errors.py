"""Errors of the user's environment, sorted once: locked, disk full, read-only, damaged, server unreachable.

Everything the database layer raises is either one of these — the PC's situation, said in plain Chinese with
what to do, nothing in the program to fix — or a bug. The window (`gui.errors.user_message`) and the command
line both ask `environment_problem()`; neither sniffs message texts of its own.
"""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    LOCKED = "locked"
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    DAMAGED = "damaged"
    UNREACHABLE = "unreachable"
    UNREADABLE = "unreadable"
    DISK_ERROR = "disk_error"


MESSAGES = {
    Kind.LOCKED: "数据库正被另一个程序使用。请稍等片刻再试；如果一直这样，请关闭其他打开本数据库的程序。",
    Kind.DISK_FULL: "磁盘已满，数据没有保存。请清理磁盘空间后再试。",
    Kind.READ_ONLY: "数据库所在的文件夹不能写入。请检查文件夹权限，或把数据库放到可写的位置。",
    Kind.DAMAGED: "数据库文件已损坏，读不出来。请用“qsh-desk check”检查；需要时由管理员从备份恢复。",
    Kind.UNREACHABLE: "连接不上数据库服务器。请检查网络和服务器是否开机，然后再试。",
    Kind.UNREADABLE: "数据库文件不能读取（没有权限）。请检查这个文件和它所在文件夹的权限，然后再试；数据库文件未作改动。",
    Kind.DISK_ERROR: "读写数据库文件时磁盘出错（这不是数据库损坏）。请检查磁盘空间、文件夹权限，U 盘或网络盘是否连接好，"
                     "然后再试；数据库文件未作改动。",
}


@dataclass(frozen=True)
class EnvironmentProblem:
    kind: Kind
    detail: str = ""

    @property
    def message(self) -> str:
        return MESSAGES[self.kind] + (f"（{self.detail}）" if self.detail else "")


_SIGNS_OF_DAMAGE = ("database disk image is malformed", "file is not a database", "file is encrypted")
# What the drivers say, lower-cased, for each kind (SQLite's own texts; psycopg's and libpq's).
_SIGNS: tuple[tuple[Kind, tuple[str, ...]], ...] = (
    (Kind.LOCKED, ("database is locked", "database table is locked")),
    (Kind.DISK_FULL, ("database or disk is full", "no space left on device", "disk full", "could not extend file")),
    (Kind.READ_ONLY, ("attempt to write a readonly database", "readonly database", "read-only file system",
                      "unable to open database file")),
    (Kind.DAMAGED, _SIGNS_OF_DAMAGE),
    (Kind.DISK_ERROR, ("disk i/o error",)),
    (Kind.UNREACHABLE, ("connection refused", "could not connect", "connection to server", "server closed the connection",
                        "terminating connection", "connection timed out", "no route to host", "could not translate host",
                        "connection is closed", "consuming input failed", "server conn crashed")),
)
_ERRNO = {errno.ENOSPC: Kind.DISK_FULL, errno.EROFS: Kind.READ_ONLY, errno.EACCES: Kind.READ_ONLY,
          errno.EPERM: Kind.READ_ONLY}


class EnvironmentTrouble(Exception):
    """The PC's situation stopped a look at a database file (space, permissions, a lock): nothing is damaged."""

    def __init__(self, kind: Kind, detail: str = ""):
        super().__init__(EnvironmentProblem(kind, detail).message)
        self.kind = kind
        self.detail = detail


# SQLite's primary result codes (`sqlite3.Error.sqlite_errorcode & 0xff`).
_SQLITE_DAMAGE = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_SQLITE_KINDS = {5: Kind.LOCKED, 6: Kind.LOCKED, 8: Kind.READ_ONLY, 13: Kind.DISK_FULL}
# Below this much free space SQLite may be unable to create its -shm (32 KB) or journal: call the disk full.
LOW_SPACE_BYTES = 4 * 1024 * 1024


def is_damage(error: BaseException) -> bool:
    """True only when SQLite says the file itself is damaged (or not a database): never for I/O or space."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _SQLITE_DAMAGE
    text = str(error).lower()
    return any(sign in text for sign in _SIGNS_OF_DAMAGE)


def sqlite_file_trouble(path, error: BaseException | None = None) -> EnvironmentTrouble | None:  # noqa: ANN001
    """Why an SQLite file at `path` cannot be read right now, from the error and the file's surroundings.

    "disk I/O error" and "unable to open database file" are what SQLite says when it cannot create its -shm on a
    full disk or in a read-only folder; the PC's situation decides which it is, so each gets its own advice.
    """
    import os
    import shutil
    from pathlib import Path

    path = Path(path)
    if error is not None and is_damage(error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _SQLITE_KINDS:
        return EnvironmentTrouble(_SQLITE_KINDS[code & 0xFF])
    folder = path.parent
    if path.exists() and not os.access(path, os.R_OK):
        return EnvironmentTrouble(Kind.UNREADABLE)
    try:
        if shutil.disk_usage(folder).free < LOW_SPACE_BYTES:
            return EnvironmentTrouble(Kind.DISK_FULL)
    except OSError:
        pass
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return EnvironmentTrouble(Kind.READ_ONLY)
    if error is not None:
        kind = _kind_of(error)
        if kind is not None and kind is not Kind.DAMAGED:
            return EnvironmentTrouble(kind)
        if not is_damage(error):
            return EnvironmentTrouble(Kind.DISK_ERROR, str(error))
    return None


def environment_problem(error: BaseException, sqlite_file=None) -> EnvironmentProblem | None:  # noqa: ANN001
    """The environment problem behind `error` (looking through SQLAlchemy's wrapping), or None: a bug.

    With the SQLite file it happened on, SQLite's bare "disk I/O error" is told apart by the file's surroundings
    (a full disk, a read-only folder) so that the advice fits."""
    problem = _environment_problem(error)
    if problem is not None and problem.kind is Kind.DISK_ERROR and sqlite_file is not None:
        trouble = sqlite_file_trouble(sqlite_file)
        if trouble is not None:
            return EnvironmentProblem(trouble.kind, problem.detail)
    return problem


def _environment_problem(error: BaseException) -> EnvironmentProblem | None:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, EnvironmentTrouble):
            return EnvironmentProblem(current.kind, current.detail)
        kind = _kind_of(current)
        if kind is not None:
            return EnvironmentProblem(kind)
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return None


def _kind_of(error: BaseException) -> Kind | None:
    if isinstance(error, OSError) and not isinstance(error, ConnectionError) and error.errno in _ERRNO:
        return _ERRNO[error.errno]
    if isinstance(error, ConnectionError):
        return Kind.UNREACHABLE
    if not _is_database_error(error):
        return None
    text = str(error).lower()
    for kind, signs in _SIGNS:
        if any(sign in text for sign in signs):
            return kind
    return None


def _is_database_error(error: BaseException) -> bool:
    """A driver's or SQLAlchemy's database error (never a bug's KeyError that happens to say 'busy')."""
    if isinstance(error, sqlite3.Error):
        return True
    module = type(error).__module__
    return module.startswith(("sqlalchemy.exc", "psycopg"))
