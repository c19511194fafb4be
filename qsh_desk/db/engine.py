"""Make an engine from a URL or a file path, with the pragmas a station PC that loses power needs."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from qsh_desk import config, private

SQLITE_BUSY_TIMEOUT_MS = 10_000
READ_ONLY_OPTION = "qsh_read_only"  # an execution option: this connection's transactions only read


def resolve_url(url_or_path: str | os.PathLike[str] | None = None) -> str:
    """Turn `--db`, `QSH_DESK_DB` or the default into a SQLAlchemy URL.

    A value with `://` is a URL; anything else is an SQLite file path.
    """
    value = url_or_path if url_or_path not in (None, "") else os.environ.get(config.DB_ENV_VAR)
    if not value:
        value = config.default_db_path()
    text = os.fspath(value)
    if "://" in text:
        url = make_url(text)
        # `postgresql://` alone would pick psycopg2, which we do not ship.
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def describe(url: str) -> str:
    """A short, password-free description of where the data lives, for the status bar and messages."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    # FULL: a commit is on disk before the desk confirms it, even if the power goes.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


# Set once a PostgreSQL engine is made: its partial indexes need PostgreSQL's condition in the models.
postgresql_in_use = False


def make_engine(url_or_path: str | os.PathLike[str] | None = None, *, create_dir: bool = True) -> Engine:
    """An engine for the URL or path; for SQLite the folder is created and pragmas set on every connection."""
    url = resolve_url(url_or_path)
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None and create_dir and (not path.parent.exists() or path.parent == config.data_dir()):
            private.private_folder(path.parent)  # a folder we make, or our own data folder: its owner's only
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        if path is not None:
            # Before the pragmas: SQLite gives the -wal and -shm it is about to create the database file's mode.
            event.listen(engine, "connect", lambda _con, _record: private.tighten_database(path))
        event.listen(engine, "connect", _sqlite_on_connect)

        # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; take control of it
        # so that every unit of work is one real transaction (SQLAlchemy's documented recipe).
        @event.listens_for(engine, "connect")
        def _no_implicit_begin(dbapi_connection, _record):  # noqa: ANN001
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin_immediate(conn):  # noqa: ANN001
            # IMMEDIATE takes the write lock up front, so two writers wait instead of failing mid-way; a reading
            # transaction takes none (WAL: it reads one snapshot while writers commit).
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY_OPTION) else "BEGIN IMMEDIATE")

        return engine
    global postgresql_in_use
    postgresql_in_use = True
    models = sys.modules.get("qsh_desk.db.models")
    if models is not None:  # else the models give the conditions when they are imported (`check` never does)
        models.add_postgresql_conditions()
    return create_engine(url, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit if the block succeeds, roll back everything if it raises."""
    with factory() as session, session.begin():
        yield session
