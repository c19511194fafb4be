"""Backups and restore: automatic daily and on-exit copies, rotation, a second folder, verification, restore."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from qsh_desk import clock, private
from qsh_desk.db import snapshot
from qsh_desk.db.database import Database
from qsh_desk.db.engine import resolve_url, sqlite_path
from qsh_desk.db.errors import EnvironmentTrouble
from qsh_desk.db.schema import is_known_revision, upgrade_to_head
from qsh_desk.services import audit, sealed
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import InvalidInput, Refused, ServiceError

log = logging.getLogger(__name__)

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
# Backups taken just before an upgrade or a restore are the way back if that step went wrong: kept a month.
SAFETY_REASONS = ("upgrade", "restore")
SAFETY_KEEP_DAYS = 30

PG_RESTORE_HELP = (
    "PostgreSQL 数据库不能在本程序里恢复（它可能正被其他站点使用）。请数据库服务器的管理员用 pg_restore "
    "把备份恢复到一个新数据库，检查无误后，再把各站点的 QSH_DESK_DB 指向它。"
)


class BackupFailed(ServiceError):
    """A backup could not be made or did not pass its check; nothing was kept of it."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the settings page lists it."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size: int
    sequence: int = 1  # orders backups taken within the same second

    @property
    def reason_title(self) -> str:
        return snapshot.REASONS.get(self.reason, self.reason)


@dataclass(frozen=True)
class BackupResult:
    backup: BackupInfo
    counts: Mapping[str, int] = field(default_factory=dict)  # rows per table in the (verified) copy
    second_copy: Path | None = None
    second_folder_problem: str | None = None  # reported, not fatal: the backup on this PC is made
    removed: tuple[Path, ...] = ()  # old backups deleted by rotation

    @property
    def message(self) -> str:
        text = f"已备份到 {self.backup.path}（{format_size(self.backup.size)}）"
        if self.second_copy is not None:
            text += f"，并复制到 {self.second_copy}"
        text += "。"
        if self.removed:
            # Said, so that a backup missing from the list afterwards is no surprise.
            names = "、".join(p.name for p in self.removed[:3]) + ("等" if len(self.removed) > 3 else "")
            text += (f"按保留规则（每天、每周、每月各留最新的一份）删除了 {len(self.removed)} 份较早的备份：{names}。")
        if self.second_folder_problem:
            text += self.second_folder_problem
        return text


@dataclass(frozen=True)
class Verification:
    ok: bool
    problems: tuple[str, ...]
    revision: str | None
    counts: Mapping[str, int]


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_backup: Path | None  # the database as it was just before the restore
    moved_aside: Path | None  # the previous file, when it was too damaged to back up
    counts: Mapping[str, int]
    revision: str | None

    @property
    def message(self) -> str:
        text = f"已从 {self.restored_from} 恢复数据库（儿童 {self.counts.get('children', 0):,} 名）。"
        if self.safety_backup is not None:
            text += f"恢复前的数据库已备份到 {self.safety_backup}。"
        if self.moved_aside is not None:
            text += f"原来已损坏的文件已移到 {self.moved_aside}。"
        return text


def format_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(size, 1) / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


# ---------------------------------------------------------------- where backups live


def _stem_for(url: str) -> str:
    path = sqlite_path(url)
    if path is not None:
        return snapshot.backup_stem(path.name)
    from sqlalchemy.engine import make_url

    return snapshot.backup_stem(make_url(url).database or "postgres")


def list_backups_in(folder: Path, url: str) -> list[BackupInfo]:
    """The backups of this database in a folder, newest first (no permission check: for start-up recovery)."""
    stem = _stem_for(url)
    found = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        name = snapshot.parse_name(path)
        if name is None or name.stem != stem or not path.is_file():
            continue
        found.append(BackupInfo(path, name.taken_at, name.reason, path.stat().st_size, name.sequence))
    return sorted(found, key=_newest_first, reverse=True)


def _newest_first(backup: BackupInfo) -> tuple[dt.datetime, int]:
    return backup.taken_at, backup.sequence


def list_backups(db: Database, actor: Actor) -> list[BackupInfo]:
    """The backups of this database in the backup folder, newest first, with time and size."""
    require(db, actor, Permission.BACKUP, what="backups")
    return list_backups_in(snapshot.default_folder(), db.url)


def newest_good_backup(url: str, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup of this database that passes the quick check (damaged ones are skipped)."""
    for backup in list_backups_in(folder or snapshot.default_folder(), url):
        if backup.path.suffix != snapshot.SQLITE_SUFFIX:
            continue
        try:
            if verify(backup.path, quick=True).ok:
                return backup
        except EnvironmentTrouble:
            continue  # unreadable right now: not offered
    return None


# ---------------------------------------------------------------- rotation


def _newest_per(backups: list[BackupInfo], key: Callable[[BackupInfo], Hashable], how_many: int) -> set[Path]:
    kept: set[Path] = set()
    periods: set[Hashable] = set()
    for backup in backups:  # newest first
        period = key(backup)
        if period in periods:
            continue
        if len(periods) == how_many:
            break
        periods.add(period)
        kept.add(backup.path)
    return kept


def backups_to_keep(backups: Iterable[BackupInfo], today: dt.date) -> set[Path]:
    """Rotation: the newest backup of each of the last 7 days, 4 weeks and 12 months that have one."""
    ordered = sorted(backups, key=_newest_first, reverse=True)
    keep = _newest_per(ordered, lambda b: b.taken_at.date(), KEEP_DAILY)
    keep |= _newest_per(ordered, lambda b: b.taken_at.isocalendar()[:2], KEEP_WEEKLY)
    keep |= _newest_per(ordered, lambda b: (b.taken_at.year, b.taken_at.month), KEEP_MONTHLY)
    keep |= {
        b.path for b in ordered
        if b.reason in SAFETY_REASONS and b.taken_at.date() >= today - dt.timedelta(days=SAFETY_KEEP_DAYS)
    }
    return keep


def rotate(folder: Path, url: str, today: dt.date | None = None) -> tuple[Path, ...]:
    """Delete this database's backups in the folder that rotation does not keep; returns what was deleted."""
    backups = list_backups_in(folder, url)
    keep = backups_to_keep(backups, today or clock.today())
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
                removed.append(backup.path)
            except OSError as error:  # a file in use or a read-only stick: try again next time
                log.warning("could not remove old backup %s: %s", backup.path, error)
    return tuple(removed)


# ---------------------------------------------------------------- verification


def verify(path: Path, *, quick: bool = False, expected_counts: Mapping[str, int] | None = None) -> Verification:
    """Check a backup file: integrity, it opens and every table reads, a schema this release knows, row counts."""
    path = Path(path)
    if path.suffix == snapshot.PG_SUFFIX:
        problem = snapshot.pg_dump_problem(path)
        return Verification(problem is None, (problem,) if problem else (), None, {})
    check = snapshot.check_file(path, quick=quick, expected_counts=expected_counts)
    problems = list(check.problems)
    if check.revision is not None and not is_known_revision(check.revision):
        problems.append(f"它由更新版本的程序写入（数据库结构版本 {check.revision}），请先安装新版 qsh-desk")
    return Verification(not problems, tuple(problems), check.revision, dict(check.counts))


# ---------------------------------------------------------------- taking backups


def _second_copy(result_path: Path, second_folder: str | os.PathLike[str] | None, url: str, today: dt.date):
    """Copy a verified backup to the second folder (a USB stick); a problem is returned, never raised."""
    if not second_folder:
        return None, None
    folder = Path(second_folder)
    if not folder.is_dir():
        return None, (
            f"第二备份文件夹“{folder}”找不到（U 盘没有插上？），这次只备份在本机。插上后下次备份会自动复制过去。"
        )
    snapshot.remove_leftovers(None, [folder])  # a copy killed half-way last time (the stick pulled out)
    key = sealed.current_key()
    target = folder / (result_path.name + (sealed.SUFFIX if key is not None else ""))
    partial = target.with_name(target.name + ".partial")
    try:
        if key is None:
            shutil.copyfile(result_path, partial)
            private.tighten(partial)  # where the stick keeps modes; what else protects it: see the README
        else:
            written = sealed.seal(result_path, partial, key)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        return None, f"复制到第二备份文件夹“{folder}”没有成功（{snapshot.why_failed(error)}），这次只备份在本机。"
    if key is None:
        check = verify(target, quick=True)
        problems = list(check.problems)
    else:  # every chunk opened again, and what it holds is the verified backup to the byte
        try:
            problems = [] if sealed.digest_of(target) == written else ["加密复制读回来和原备份不一样"]
        except (OSError, ServiceError) as error:
            problems = [str(error)]
    if problems:
        target.unlink(missing_ok=True)
        return None, f"复制到第二备份文件夹“{folder}”后检查没有通过，已删除那份复制：{'；'.join(problems)}"
    if key is not None:
        _remove_plain_copies(folder, url)
    rotate(folder, url, today)
    return target, None


def _remove_plain_copies(folder: Path, url: str) -> None:
    """Once the stick has a sealed copy, the unsealed ones made before sealing was chosen go (the same backups are
    on this PC): a lost stick then holds nothing readable."""
    for old in list_backups_in(folder, url):
        if not old.path.name.endswith(sealed.SUFFIX):
            try:
                old.path.unlink()
                log.info("removed the unsealed copy %s from the second folder: its copies are sealed now", old.path)
            except OSError:
                log.warning("could not remove the unsealed copy %s from the second folder", old.path)


def _take(
    url: str,
    reason: str,
    *,
    out: Path | None = None,
    second_folder: str | os.PathLike[str] | None = None,
    at: dt.datetime | None = None,
) -> BackupResult:
    at = at or clock.now()
    path = sqlite_path(url)
    try:
        if path is None:
            folder = out.parent if out is not None else snapshot.default_folder()
            folder.mkdir(parents=True, exist_ok=True)
            target = out or snapshot.new_backup_path(folder, _stem_for(url), reason, at, snapshot.PG_SUFFIX)
            snapshot.pg_dump(url, target)
            counts: Mapping[str, int] = {}
        elif out is not None:
            if out.expanduser().resolve() == path:
                raise InvalidInput("备份文件不能就是数据库本身：请换一个文件名或文件夹。")
            out.parent.mkdir(parents=True, exist_ok=True)
            counts = snapshot.copy_sqlite(path, out)
            check = verify(out, expected_counts=counts)
            if not check.ok:
                out.unlink(missing_ok=True)
                raise snapshot.SnapshotError("备份做好后检查没有通过，已删除这份备份：" + "；".join(check.problems))
            target = out
        else:
            if not path.exists():
                raise snapshot.SnapshotError(f"数据库文件不存在：{path}")
            target, check_result = snapshot.take_sqlite_backup(path, reason, at=at)
            counts = check_result.counts
    except snapshot.SnapshotError as error:
        raise BackupFailed(str(error)) from error
    except (OSError, sqlite3.Error) as error:
        raise BackupFailed(f"备份没有成功：{snapshot.why_failed(error)}") from error
    info = BackupInfo(target, at.replace(microsecond=0), reason, target.stat().st_size)
    removed: tuple[Path, ...] = ()
    second, problem = None, None
    if out is None:
        removed = rotate(target.parent, url, at.date())
        second, problem = _second_copy(target, second_folder, url, at.date())
    return BackupResult(info, dict(counts), second, problem, removed)


def back_up(
    db: Database,
    actor: Actor,
    *,
    out: Path | None = None,
    second_folder: str | os.PathLike[str] | None = None,
    at: dt.datetime | None = None,
) -> BackupResult:
    """An administrator's backup now: to `out`, or into the backup folder (rotated, copied to the second folder)."""
    require(db, actor, Permission.BACKUP, what="backup")
    result = _take(db.url, "manual", out=Path(out) if out is not None else None, second_folder=second_folder, at=at)
    with db.transaction() as session:
        audit.record(session, actor, "backup", "database",
                     detail={"file": str(result.backup.path), "size": result.backup.size})
    return result


def automatic_backup(
    db: Database, reason: str, *, second_folder: str | os.PathLike[str] | None = None, at: dt.datetime | None = None
) -> BackupResult | None:
    """The program's own backup (at the first start of a day, on exit): SQLite only, whoever is logged in.

    On PostgreSQL the server's administrator backs up (pg_dump); None is returned.
    """
    if sqlite_path(db.url) is None:
        return None
    return _take(db.url, reason, second_folder=second_folder, at=at)


def daily_backup_due(db: Database, today: dt.date | None = None) -> bool:
    """True when this SQLite database has no backup from today yet."""
    if sqlite_path(db.url) is None:
        return False
    today = today or clock.today()
    return not any(b.taken_at.date() == today for b in list_backups_in(snapshot.default_folder(), db.url))


# ---------------------------------------------------------------- restore


def check_restore_source(url_or_path: str | os.PathLike[str] | None, source: str | os.PathLike[str],
                         passphrase: str | None = None) -> tuple[Path, Path]:
    """The database file and the backup to restore into it, refused before anything is touched (or anyone asked
    to log in) when the backup is not one; the copy made during the restore gets the full check. A sealed backup
    is opened chunk by chunk (its passphrase is needed unless this PC sealed it)."""
    target = sqlite_path(resolve_url(url_or_path))
    if target is None:
        raise Refused(PG_RESTORE_HELP)
    source = Path(source).expanduser().resolve()
    if source == target:
        raise InvalidInput("不能用数据库自己来恢复它自己：请选择一份备份文件。")
    if not source.is_file():
        raise InvalidInput(f"找不到备份文件：{source}")
    if sealed.is_sealed(source):
        sealed.digest_of(source, passphrase)  # a wrong passphrase or a damaged file is refused here
        return target, source
    checked = verify(source, quick=True)
    if not checked.ok:
        raise Refused(f"这个文件不能用来恢复，当前数据库未作改动：{'；'.join(checked.problems)}")
    return target, source


def restore_file(url_or_path: str | os.PathLike[str] | None, source: str | os.PathLike[str],
                 passphrase: str | None = None) -> RestoreResult:
    """Replace an SQLite database by a backup, safely (used at start-up recovery and by the command line).

    The backup is checked first; the current database is backed up (or, if too damaged for that, moved
    aside); the backup is copied next to the database and that copy checked again; only then does it replace
    the current content, in one transaction. Any failure before the last step leaves the database untouched.
    A sealed backup is first opened into a file beside the database (owner-only), removed afterwards.
    """
    target, source = check_restore_source(url_or_path, source, passphrase)
    if sealed.is_sealed(source):
        opened = target.with_name(target.name + ".restoring.unsealed")
        try:
            sealed.unseal(source, opened, passphrase)
            checked = verify(opened, quick=True)
            if not checked.ok:
                raise Refused(f"这份加密备份里的文件不能用来恢复，当前数据库未作改动：{'；'.join(checked.problems)}")
            result = restore_file(url_or_path, opened)
        except OSError as error:
            raise BackupFailed(f"恢复没有成功，当前数据库未作改动：{snapshot.why_failed(error)}") from error
        finally:
            opened.unlink(missing_ok=True)
        return RestoreResult(source, result.safety_backup, result.moved_aside, result.counts, result.revision)

    safety, moved = None, None
    if target.exists():
        if snapshot.integrity_problem(target, quick=True) is None:
            try:
                safety, _ = snapshot.take_sqlite_backup(target, "restore")
            except snapshot.SnapshotError as error:
                raise BackupFailed(f"恢复前先备份当前数据库，但没有成功，所以没有恢复。{error}") from error
        else:
            from qsh_desk.services.health import move_aside

            moved = move_aside(target)

    staged = target.with_name(target.name + ".restoring")
    try:
        counts = snapshot.copy_sqlite(source, staged)
        staged_check = verify(staged, expected_counts=counts)
        if not staged_check.ok:
            raise Refused(f"备份复制过来后检查没有通过，当前数据库未作改动：{'；'.join(staged_check.problems)}")
        snapshot.write_into(staged, target)
    except (OSError, sqlite3.Error) as error:
        raise BackupFailed(f"恢复没有成功，当前数据库未作改动：{snapshot.why_failed(error)}") from error
    finally:
        staged.unlink(missing_ok=True)
    final = verify(target, quick=True, expected_counts=counts)
    if not final.ok:  # cannot happen short of a failing disk; say so rather than carry on
        raise BackupFailed(
            f"恢复后的数据库检查没有通过：{'；'.join(final.problems)}。恢复前的数据库在 {safety or moved}。"
        )
    log.info("restored %s from %s (safety backup %s)", target, source, safety)
    return RestoreResult(source, safety, moved, dict(final.counts), final.revision)


def restore(db: Database, actor: Actor, source: str | os.PathLike[str],
            passphrase: str | None = None) -> RestoreResult:
    """An administrator restores a backup over this database (see `restore_file`); audited in the result."""
    require(db, actor, Permission.BACKUP, what="restore")
    db.dispose()  # pooled connections hold no transaction, but drop them so nothing stale survives
    result = restore_file(db.url, source, passphrase)
    upgrade_to_head(db.engine)  # an older backup is brought up to this release (with its own backup first)
    record_restore(db, actor, result)
    return result


def record_restore(db: Database, actor: Actor, result: RestoreResult) -> None:
    """The audit row of a restore, written into the restored database (the old one is in the safety backup)."""
    detail = {
        "from": str(result.restored_from),
        "safety_backup": str(result.safety_backup) if result.safety_backup else None,
        "moved_aside": str(result.moved_aside) if result.moved_aside else None,
    }
    try:
        with db.transaction() as session:
            audit.record(session, actor, "restore", "database", detail=detail)
    except Exception:  # noqa: BLE001 - e.g. a backup of another station: the restore itself has succeeded
        log.exception("could not write the audit row of the restore %s", detail)
