"""Schema versions: upgrade a database to head, and refuse one written by a newer release.

Alembic is imported only to migrate. Every start reads the database's revision, and the revisions this release
knows are the file names of its migrations (`NNNN_name.py`, revision id = file name, numbered in order; a test
holds Alembic's own view of the chain to the same answer). That keeps about 13 MB and a tenth of a second of
Alembic out of every start that finds the schema already at head.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from qsh_desk import __version__, clock, private
from qsh_desk.db.engine import sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaError(Exception):
    """The database cannot be used by this release; the message is for the user, in Chinese."""


class NewerDatabaseError(SchemaError):
    pass


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None  # None: an empty database (or one we never wrote)
    head: str
    upgraded: bool = False  # this call created or upgraded the schema
    upgraded_from: str | None = None

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _revisions_in_order() -> tuple[str, ...]:
    """The migrations this release ships, oldest first (their file names; see the module docstring)."""
    names = sorted(path.stem for path in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    assert names, "the package ships no migrations"
    return tuple(names)


def head_revision() -> str:
    return _revisions_in_order()[-1]


def _known_revisions() -> set[str]:
    return set(_revisions_in_order())


def _read_revision_without_writing(engine: Engine) -> str | None:
    """The database's revision, read so that not one byte of an SQLite file changes."""
    path = sqlite_path(str(engine.url))
    if path is not None:
        if not path.exists():
            return None
        # Read-only, and before our engine's pragmas (journal_mode=WAL would rewrite the header).
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_known_revision(revision: str) -> bool:
    """True for a schema revision this release can open (its head or an older one)."""
    return revision in _known_revisions()


def status(engine: Engine) -> SchemaStatus:
    """Where the database stands; raises NewerDatabaseError for a revision this release does not know."""
    current = _read_revision_without_writing(engine)
    head = head_revision()
    if current is not None and current not in _known_revisions():
        raise NewerDatabaseError(
            f"此数据库由更新版本的程序写入（数据库结构版本 {current}），"
            f"本程序 qsh-desk {__version__} 只认识到结构版本 {head}。"
            "请安装新版 qsh-desk 后再打开；数据库文件未作任何改动。"
        )
    return SchemaStatus(current=current, head=head)


def upgrade_to_head(engine: Engine) -> SchemaStatus:
    """Create or upgrade the schema to this release's head; does nothing when already there."""
    before = status(engine)
    if before.up_to_date:
        return before
    if before.current is not None:
        _backup_before_upgrade(engine)
    from alembic import command

    cfg = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        if sqlite:
            # SQLite rebuilds a table to alter it (drop, copy back): with foreign keys on, dropping `volunteers`
            # would cascade to every shift. Off for the upgrade (it can only change outside a transaction);
            # the upgrade then proves no row lost its parent before it commits.
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite:
                    orphans = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if orphans:
                        raise SchemaError(f"升级后有 {len(orphans)} 行数据找不到它所属的记录（{orphans[0][0]} 表），"
                                          "所以没有升级，数据库未作改动。请把数据库文件发给技术支持。")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")
    return SchemaStatus(current=before.head, head=before.head, upgraded=True, upgraded_from=before.current)


def _backup_before_upgrade(engine: Engine) -> None:
    """An automatic, verified backup before every upgrade of a database that holds data: no backup, no upgrade."""

    from qsh_desk.db import snapshot

    path = sqlite_path(str(engine.url))
    try:
        if path is not None:
            snapshot.take_sqlite_backup(path, "upgrade")
        else:
            folder = snapshot.default_folder()
            private.private_folder(folder)
            stem = snapshot.backup_stem(engine.url.database or "")
            target = snapshot.new_backup_path(folder, stem, "upgrade", clock.now(), snapshot.PG_SUFFIX)
            snapshot.pg_dump(engine.url.render_as_string(hide_password=False), target)
    except (snapshot.SnapshotError, OSError) as error:
        raise SchemaError(f"升级数据库结构前的自动备份没有成功，所以没有升级，数据库未作改动。{error}") from error
