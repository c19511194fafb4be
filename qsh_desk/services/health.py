"""The start-up check: a quick integrity check; a damaged file is moved aside (never overwritten) and a backup offered.

A file the PC cannot read right now (a full disk, a read-only folder, a lock) is not damaged: the check then
raises `EnvironmentTrouble`, says what to do, and changes nothing, so the same file opens once that is fixed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from qsh_desk import clock
from qsh_desk.db import snapshot
from qsh_desk.db.engine import resolve_url, sqlite_path
from qsh_desk.db.errors import EnvironmentTrouble, Kind, sqlite_file_trouble
from qsh_desk.services.backup import BackupInfo, format_size, newest_good_backup
from qsh_desk.services.errors import ServiceError

log = logging.getLogger(__name__)

OK, CORRUPT, MISSING = "ok", "corrupt", "missing"
UNTOUCHED = "数据库文件完好，没有任何改动；问题解决后重新打开本程序即可"


@dataclass(frozen=True)
class StartupCheck:
    state: str  # OK, CORRUPT (moved aside) or MISSING (no database file, but backups of it exist)
    url: str
    problem: str | None = None
    moved_to: Path | None = None
    newest_backup: BackupInfo | None = None

    @property
    def ok(self) -> bool:
        return self.state == OK

    @property
    def message(self) -> str:
        """What the start-up dialog says, in plain Chinese."""
        if self.state == OK:
            return "数据库完好。"
        if self.state == CORRUPT:
            text = f"数据库文件已损坏，不能再用。损坏的文件已原样移到 {self.moved_to}，没有删除（检查结果：{self.problem}）。"
        else:
            text = f"找不到数据库文件 {sqlite_path(self.url)}。"
        if self.newest_backup is not None:
            b = self.newest_backup
            text += (f"最新的完好备份是 {b.taken_at:%Y-%m-%d %H:%M}（{b.reason_title}，{format_size(b.size)}）。"
                     "要恢复这份备份吗？这之后录入的内容需要重新录入。")
        else:
            text += "没有找到完好的备份。请联系管理员；如有 U 盘上的备份，可以用“qsh-desk restore 文件”恢复。"
        return text


class NeedsRecovery(ServiceError):
    """The database cannot be opened as it is; carries the check so that the window can offer the backup."""

    def __init__(self, check: StartupCheck):
        super().__init__(check.message)
        self.check = check


def move_aside(path: Path, at: dt.datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm files) to a new, unused name beside it; returns that name."""
    stamp = f"{(at or clock.now()):%Y%m%d-%H%M%S}"
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 2
    while any(Path(str(target) + extra).exists() for extra in ("", "-wal", "-shm")):
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
        number += 1
    # The WAL belongs to this file: left behind, it would sit next to the database that replaces it.
    for extra in ("-wal", "-shm", ""):
        companion = Path(str(path) + extra)
        if companion.exists():
            os.replace(companion, Path(str(target) + extra))
    log.warning("moved the damaged database %s aside to %s", path, target)
    return target


def check_at_start(url_or_path: str | os.PathLike[str] | None, *, offer_when_missing: bool = True) -> StartupCheck:
    """Quick integrity check of an SQLite database before it is opened; PostgreSQL checks itself.

    A damaged file is moved aside at once (never overwritten) and the newest good backup looked up.
    A missing file with backups of it (deleted, or moved aside last time) also gets the backup offered.
    """
    url = resolve_url(url_or_path)
    path = sqlite_path(url)
    if path is None:
        return StartupCheck(OK, url)
    snapshot.remove_leftovers(path, [snapshot.default_folder()])
    if not path.exists():
        if offer_when_missing:
            newest = newest_good_backup(url)
            if newest is not None:
                return StartupCheck(MISSING, url, newest_backup=newest)
        return StartupCheck(OK, url)
    try:
        problem = snapshot.integrity_problem(path, quick=True)
    except EnvironmentTrouble as trouble:
        log.warning("start-up check of %s stopped by the environment: %s", path, trouble)
        raise EnvironmentTrouble(trouble.kind, UNTOUCHED) from trouble
    if problem is None:
        return StartupCheck(OK, url)
    try:
        moved = move_aside(path)
    except OSError as error:
        # Damaged, and in a folder we cannot rename in: leave it be and say what stops us.
        trouble = sqlite_file_trouble(path) or EnvironmentTrouble(Kind.READ_ONLY)
        raise EnvironmentTrouble(trouble.kind, f"检查结果：{problem}") from error
    return StartupCheck(CORRUPT, url, problem=problem, moved_to=moved, newest_backup=newest_good_backup(url))


def require_healthy(url_or_path: str | os.PathLike[str] | None) -> StartupCheck:
    """`check_at_start`, raising NeedsRecovery when the database needs the user's decision."""
    check = check_at_start(url_or_path)
    if not check.ok:
        raise NeedsRecovery(check)
    return check
