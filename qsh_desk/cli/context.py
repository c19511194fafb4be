"""What every command needs: the database (checked and upgraded), the station, and the acting user."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from qsh_desk.services.access import Actor

if TYPE_CHECKING:  # the database layer is loaded when a command first asks for the database
    from qsh_desk.db.database import Database
    from qsh_desk.db.schema import SchemaStatus
    from qsh_desk.services.stations import StationInfo


ADMIN_NEEDED = ("这个命令读出受保护的数据或修改账号，需要管理员登录：请加 --admin 用户名（在终端里会提示输入密码；"
                "脚本里加 --admin-password-stdin，从标准输入的第一行读密码）。")


class CommandContext:
    def __init__(self, db_arg: str | None, admin: str | None = None, admin_password_stdin: bool = False):
        self.db_arg = db_arg
        self.admin = admin
        self.admin_password_stdin = admin_password_stdin
        self._db: Database | None = None
        self._admin_actor: Actor | None = None
        self.schema: SchemaStatus | None = None

    def database(self) -> Database:
        """The database, refused if a newer release wrote it, else created or upgraded to this release."""
        if self._db is None:
            from qsh_desk.db import snapshot
            from qsh_desk.db.database import Database
            from qsh_desk.db.engine import sqlite_path
            from qsh_desk.db.schema import upgrade_to_head

            db = Database(self.db_arg)
            removed = snapshot.remove_leftovers(sqlite_path(db.url), [snapshot.default_folder()])
            if removed:  # the command line logs to the file only when there is something to keep
                from qsh_desk.logs import setup_logging

                setup_logging()
                logging.getLogger(__name__).warning(
                    "removed %d files (%d bytes) left by backups or restores that did not finish: %s",
                    len(removed), sum(size for _path, size in removed), ", ".join(str(p) for p, _size in removed))
            try:
                self.schema = upgrade_to_head(db.engine)
            except Exception:
                db.dispose()
                raise
            self._db = db
            from qsh_desk import startup

            startup.release_collector()  # the command's imports are done: what they made stays out of collections
        return self._db

    def exists(self) -> bool:
        """False when the database is an SQLite file not made yet (opening it would create it)."""
        from qsh_desk.db.engine import resolve_url, sqlite_path

        path = sqlite_path(resolve_url(self.db_arg))
        return path is None or path.exists()

    def station(self, name: str | None = None) -> tuple[StationInfo, bool]:
        from qsh_desk.services.stations import ensure_station

        return ensure_station(self.database(), name)

    def actor(self) -> Actor:
        """The command line acts as an administrator of the current station, audited as cli:<os user>."""
        station, _ = self.station()
        return Actor.command_line(station.id)

    def admin_actor(self) -> Actor:
        """For commands that read restricted data or change accounts: once the database has accounts, an
        administrator logs in (password prompt, or the first line of stdin) and the audit log names that account.
        Before the first account exists (a fresh `init`) the command line acts as `cli:<os user>`."""
        if self._admin_actor is not None:
            return self._admin_actor
        from qsh_desk.services import accounts
        from qsh_desk.services.access import Role
        from qsh_desk.services.errors import PermissionDenied

        db = self.database()
        station, _ = self.station()
        if accounts.needs_first_run(db):
            return Actor.command_line(station.id)
        interactive = sys.stdin is not None and sys.stdin.isatty()
        username = self.admin
        if not username and interactive and not self.admin_password_stdin:
            username = input("管理员用户名：").strip()
        if not username:
            raise PermissionDenied(ADMIN_NEEDED)
        if self.admin_password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        elif interactive:
            import getpass

            password = getpass.getpass(f"{username} 的密码：")
        else:
            raise PermissionDenied(ADMIN_NEEDED)
        user = accounts.authenticate(db, station.id, username, password)  # counts wrong tries, audits the login
        if user.role is not Role.ADMIN:
            raise PermissionDenied(f"“{username}”不是管理员账号：这个命令需要管理员登录。")
        self._admin_actor = user.actor()
        return self._admin_actor

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None


class Later:
    """A module imported when a command first uses it, not when the parser is built (`--help` stays light).

    `settings = Later("qsh_desk.services.settings")` at the top of a command module, then `settings.get_all(…)`
    inside a command, as with a plain import.
    """

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attribute: str):  # noqa: ANN204 - whatever the module holds
        import importlib

        return getattr(importlib.import_module(self._name), attribute)


def progress(message: str) -> None:
    """Progress of long work goes to stderr, so that stdout stays parseable."""
    print(message, file=sys.stderr, flush=True)
