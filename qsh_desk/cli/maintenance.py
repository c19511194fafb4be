"""Commands that keep the data safe: `backup`, `restore` and `check`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from qsh_desk.cli.context import progress

from qsh_desk import private

if TYPE_CHECKING:  # the database layer is loaded by the commands, not by the parser
    from qsh_desk.cli.context import CommandContext

# Chinese names for every table, in the order a user thinks of them (a table added later shows its own name).
TABLE_TITLES = {
    "stations": "站点",
    "station_settings": "站点设置",
    "users": "账号",
    "children": "儿童",
    "guardians": "监护人",
    "consents": "知情同意",
    "parents": "父母档案",
    "guardianships": "监护情况",
    "teams": "志愿服务队",
    "volunteers": "志愿者",
    "child_visits": "儿童到站记录",
    "volunteer_shifts": "志愿者值班",
    "day_closings": "闭馆记录",
    "closing_calls": "闭馆时的电话联系",
    "dreams": "十个梦类别",
    "programme_sessions": "活动记录",
    "session_participants": "活动参与儿童",
    "session_volunteers": "活动参与志愿者",
    "session_photos": "活动照片",
    "session_plans": "活动计划",
    "parent_contacts": "亲子联系",
    "home_visits": "家访",
    "pairings": "结对帮扶",
    "pairing_visits": "结对帮扶走访",
    "certificates": "志愿服务时长证明",
    "calendar_days": "开放日历",
    "duty_posts": "值班岗位",
    "duty_assignments": "值班安排",
    "wishes": "微心愿",
    "items": "器材图书",
    "loans": "借阅",
    "item_copies": "物品编码（每一件）",
    "item_condition_changes": "物品状况变化",
    "letters": "给爸爸妈妈的信",
    "session_photo_children": "活动照片里的儿童",
    "audit_log": "操作日志",
    "alembic_version": "数据库结构版本",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    backup_parser = subparsers.add_parser("backup", help="备份数据库（默认存入备份文件夹并轮换旧备份）")
    backup_parser.add_argument("--out", metavar="FILE", type=Path, help="备份到这个文件（不轮换）")
    backup_parser.set_defaults(handler=run_backup)

    restore_parser = subparsers.add_parser("restore", help="用备份文件恢复数据库（先检查备份，并先备份当前数据库）")
    restore_parser.add_argument("file", metavar="FILE", type=Path)
    restore_parser.add_argument("--passphrase-stdin", action="store_true",
                                help="加密备份（.sealed）的口令从标准输入的第一行读（在管理员密码之前），不提示")
    restore_parser.set_defaults(handler=run_restore)

    check_parser = subparsers.add_parser("check", help="检查数据库：完整性、结构版本、各表行数；有问题时退出码为 1")
    check_parser.set_defaults(handler=run_check)


def run_backup(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import backup

    db = context.database()
    progress(f"正在备份 {db.where} …")
    result = backup.back_up(db, context.actor(), out=args.out)
    print(result.message)
    for table_name, title in TABLE_TITLES.items():
        if table_name in result.counts:
            print(f"  {title}：{result.counts[table_name]:,}")
    if result.removed:
        print(f"按保留规则删除了 {len(result.removed)} 份旧备份。")
    return 0


def run_restore(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.db import snapshot
    from qsh_desk.services import backup

    # A database that opens asks for an administrator first. A damaged or missing one cannot: then, as for
    # `backup`, the OS user who owns the files decides (restore_file copes with both).
    passphrase = _passphrase(args)
    # A wrong file (or passphrase) is refused before any login.
    path, _source = backup.check_restore_source(args.db, args.file, passphrase)
    healthy = path.exists() and snapshot.integrity_problem(path, quick=True) is None
    actor = context.admin_actor() if healthy else None
    context.close()  # the check and login are done: restore_file replaces the content under no open pool
    result = backup.restore_file(args.db, args.file, passphrase)
    backup.record_restore(context.database(), actor or context.actor(), result)
    print(result.message)
    return 0


def _passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase of a sealed backup that this PC did not seal (None for any other file)."""
    import sys

    from qsh_desk.services import sealed

    if not sealed.is_sealed(args.file) or sealed.opens_here(args.file):
        return None
    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin is None or not sys.stdin.isatty():
        raise sealed.NeedsPassphrase("这份备份是加密的：请加 --passphrase-stdin，从标准输入的第一行给出加密时定的口令。")
    import getpass

    return getpass.getpass("这份备份是加密的，请输入加密时定的口令：")


def _counts(url: str) -> dict[str, int]:
    from qsh_desk.db import snapshot
    from qsh_desk.db.engine import sqlite_path

    path = sqlite_path(url)
    if path is not None:
        import sqlite3

        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            return snapshot.table_counts(con)
        finally:
            con.close()
    from sqlalchemy import func, inspect, select, table

    from qsh_desk.db.database import Database

    db = Database(url)
    try:
        with db.engine.connect() as conn:
            names = sorted(inspect(conn).get_table_names())
            return {name: conn.execute(select(func.count()).select_from(table(name))).scalar_one() for name in names}
    finally:
        db.dispose()


def run_check(args: argparse.Namespace, context: CommandContext) -> int:
    """Looks without changing anything: no upgrade, no station created, the file opened read-only."""
    from qsh_desk.db import snapshot
    from qsh_desk.db.database import Database
    from qsh_desk.db.engine import describe, resolve_url, sqlite_path
    from qsh_desk.db.errors import EnvironmentTrouble, environment_problem
    from qsh_desk.db.schema import SchemaError, head_revision, status

    url = resolve_url(args.db)
    print(f"数据库：{describe(url)}")
    problems: list[str] = []
    path = sqlite_path(url)
    if path is not None:
        try:
            problem = snapshot.integrity_problem(path)
        except EnvironmentTrouble as trouble:
            # The PC, not the file: no restore to advise, nothing was changed.
            print(f"完整性：没有能检查。{trouble}")
            print("问题不在数据库文件本身，不需要从备份恢复。解决上面的问题后再运行 qsh-desk check。")
            return 1
        if problem is not None:
            print(f"完整性：{problem}")
            print("检查发现问题。可以用“qsh-desk restore 备份文件”恢复最近的完好备份。")
            return 1
        print("完整性：正常（integrity_check 通过）")
        exposed = [p for p in (path.parent, path, Path(f"{path}-wal"), Path(f"{path}-shm")) if private.open_to_others(p)]
        if exposed:
            print("警告：本机的其他用户可以读取数据库（" + "、".join(str(p) for p in exposed) + "）。"
                  "程序下次打开数据库时会把它们收紧为只有本账号能读写；也可以自己执行 chmod 700 文件夹、chmod 600 文件。")
    head = head_revision()
    db = Database(url)
    try:
        current = status(db.engine).current
    except SchemaError as error:
        problems.append(str(error))
        current = None
    except Exception as error:  # noqa: BLE001 - e.g. the server cannot be reached: reported, exit 1
        environment = environment_problem(error, path)
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        problems.append(environment.message if environment is not None
                        else f"打不开数据库（{first_line}）。请检查数据库地址、网络和服务器是否开机。")
        current = None
    finally:
        db.dispose()
    if current is None and not problems:
        problems.append("数据库是空的（还没有数据库结构）。请先运行 qsh-desk init。")
    elif current == head:
        print(f"结构版本：{current}（与本程序一致）")
    elif current is not None and not problems:
        print(f"结构版本：{current}（本程序为 {head}，下次打开时会先备份再自动升级）")
    if not problems:
        counts = _counts(url)
        print("各表行数：")
        for name, count in sorted(counts.items(), key=lambda item: (item[0] not in TABLE_TITLES, item[0])):
            print(f"  {TABLE_TITLES.get(name, name)}（{name}）：{count:,}")
    for problem in problems:
        print(f"问题：{problem}")
    print("检查通过。" if not problems else "检查发现问题。")
    return 1 if problems else 0
