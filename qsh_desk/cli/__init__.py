"""The `qsh-desk` command line: with no command it starts the GUI; each capability adds its subcommands.

Exit codes: 0 done; 1 refused, not found or invalid input (Chinese message on stderr);
2 usage error or ambiguous input (the candidates are listed).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from qsh_desk import APP_NAME, __version__

# Each module has `register(subparsers)`; its commands call `set_defaults(handler=...)`.
COMMAND_MODULES = ("qsh_desk.cli.setup", "qsh_desk.cli.users", "qsh_desk.cli.maintenance", "qsh_desk.cli.printing",
                   "qsh_desk.cli.dreams", "qsh_desk.cli.desk", "qsh_desk.cli.roster", "qsh_desk.cli.settings",
                   "qsh_desk.cli.archive", "qsh_desk.cli.wishes", "qsh_desk.cli.lending", "qsh_desk.cli.letters",
                   "qsh_desk.cli.volunteer_records")
# The modules that add to each command (`export` and `report` are shared verbs): a command's parser is built from
# its own modules only, which is most of a short command's start. tests/test_cli_imports.py checks this table
# against what the modules register.
COMMANDS: dict[str, tuple[str, ...]] = {
    "init": ("setup",), "demo": ("setup",), "user": ("users",),
    "backup": ("maintenance",), "restore": ("maintenance",), "check": ("maintenance",), "print": ("printing",),
    "report": ("dreams", "wishes", "volunteer_records"), "export": ("dreams", "roster", "archive", "volunteer_records"),
    "import": ("roster",), "settings": ("settings",), "wish": ("wishes",), "letter": ("letters",),
    **dict.fromkeys(("checkin", "checkout", "present", "visits", "correct-time"), ("desk",)),
    **dict.fromkeys(("item", "lend", "return", "loans"), ("lending",)),
}


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in Chinese and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：用法错误：{message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (given a known command) one with only that command's sub-commands."""
    parser = _Parser(prog=APP_NAME, description="亲善之家前台：签到、十个梦活动、父母档案、台账打印。不带命令时打开窗口。")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help="数据库：SQLite 文件路径或 postgresql+psycopg://… 地址（默认：环境变量 QSH_DESK_DB，否则用户数据目录中的文件）",
    )
    parser.add_argument("--admin", metavar="USERNAME",
                        help="以这个管理员账号执行受保护的命令（导出、账号、恢复、花名册和家访记录表）")
    parser.add_argument("--admin-password-stdin", action="store_true",
                        help="管理员密码从标准输入的第一行读取（脚本用；其余各行留给命令本身）")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    wanted = COMMANDS.get(command or "")
    for module_name in COMMAND_MODULES:
        if wanted is None or module_name.rsplit(".", 1)[1] in wanted:
            importlib.import_module(module_name).register(subparsers)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The command the arguments name (the first word after the global options); None for help on all of them."""
    start = _Parser(add_help=False)
    for option in ("--db", "--admin"):
        start.add_argument(option)
    start.add_argument("--admin-password-stdin", action="store_true")
    _known, rest = start.parse_known_args(list(argv))
    for word in rest:
        if word in ("-h", "--help"):
            return None
        if not word.startswith("-"):
            return word
    return None


def _window_wanted(argv: Sequence[str]) -> tuple[bool, str | None]:
    """(True, --db) when the arguments ask for the window: at most `--db`, no command, no --help; --version is answered."""
    start = _Parser(add_help=False)
    start.add_argument("--db")
    # Answered here, before the commands' modules are imported to build the full parser.
    start.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    known, rest = start.parse_known_args(list(argv))
    return not rest, known.db


def _output_that_never_fails() -> None:
    """Text to a pipe or a file is UTF-8, whatever the system's code page; a console keeps its own encoding.

    Windows encodes redirected output with the ANSI code page (cp936 on a Chinese Windows), which has no 𬬭 or
    𫖯: `qsh-desk present > today.txt` would die on such a name. What a console cannot show is replaced.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):  # a windowed program has no console at all
            continue
        try:
            console = stream.isatty()
        except ValueError:  # closed
            continue
        if console:
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    from qsh_desk import startup

    startup.hold_collector()  # released once the database is open (the window's or the command's), or at the end
    try:
        return _start(argv)
    finally:
        startup.release_collector()


def _start(argv: list[str]) -> int:
    _output_that_never_fails()
    from qsh_desk.private import owner_only_from_now

    owner_only_from_now()  # the database, backups, logs, photos, exports and PDFs: their owner's only
    window, db_arg = _window_wanted(argv)
    if window:
        # The commands, the database layer and the services are not imported here: the window shows its login
        # first and loads them on a worker meanwhile, which is most of a cold start.
        from qsh_desk.gui.app import run

        return run(db_arg)
    return _run_command(argv)


def _run_command(argv: Sequence[str]) -> int:
    from qsh_desk.cli.context import CommandContext
    from qsh_desk.services.errors import Ambiguous, ServiceError

    parser = build_parser(_command_named(argv))
    args = parser.parse_args(argv)
    context = CommandContext(args.db, args.admin, args.admin_password_stdin)
    try:
        if args.command is None:  # e.g. `--db x --db y`: parsed here, then the window after all
            from qsh_desk.gui.app import run

            return run(args.db)
        return int(args.handler(args, context) or 0)
    except Ambiguous as error:
        print(error.message, file=sys.stderr)
        for candidate in error.candidates:
            print(f"  {candidate.id}\t{candidate.label}", file=sys.stderr)
        return error.exit_code
    except ServiceError as error:
        print(str(error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the PC's problem in words, a bug logged: never a bare traceback
        # Only a loaded schema module can have raised its error; importing it here would load SQLAlchemy.
        schema = sys.modules.get("qsh_desk.db.schema")
        if schema is not None and isinstance(error, schema.SchemaError):
            print(str(error), file=sys.stderr)
            return 1
        return _unexpected(error, args.db)
    finally:
        context.close()


def _unexpected(error: BaseException, db_arg: str | None = None) -> int:
    """A locked, full, read-only or damaged database, or an unreachable server, is said in words; anything else is
    a bug: its traceback goes to the log file and the message says where."""
    import logging

    from qsh_desk.db.errors import environment_problem
    from qsh_desk.logs import setup_logging

    from qsh_desk.db.engine import resolve_url, sqlite_path

    try:
        database_file = sqlite_path(resolve_url(db_arg))
    except Exception:  # noqa: BLE001 - a URL that does not even parse: no file to look at
        database_file = None
    problem = environment_problem(error, database_file)
    if problem is not None:
        print(problem.message, file=sys.stderr)
        return 1
    path = setup_logging()
    logging.getLogger("qsh_desk.cli").error("internal error", exc_info=error)
    where = f"详细信息已记入日志：{path}" if path is not None else "（日志文件夹不能写入，下面是详细信息）"
    print(f"内部错误：{type(error).__name__}: {error}。命令没有完成。{where}", file=sys.stderr)
    if path is None:
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    return 1
