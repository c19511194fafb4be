"""`Database`: one engine and its sessions; every service call runs its work in one of its transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from qsh_desk import courtesy
from qsh_desk.db.engine import (
    READ_ONLY_OPTION,
    describe,
    is_sqlite,
    make_engine,
    make_session_factory,
    resolve_url,
)


class Database:
    """The app's handle on its data: a URL, an engine, and transactions over it."""

    def __init__(self, url_or_path: str | os.PathLike[str] | None = None, *, engine: Engine | None = None):
        self.url = resolve_url(url_or_path) if engine is None else str(engine.url)
        self.engine = engine if engine is not None else make_engine(self.url)
        self._factory = make_session_factory(self.engine)
        # Sessions that only read: on SQLite their transaction does not take the write lock (see engine.py).
        self._read_factory = make_session_factory(self.engine.execution_options(**{READ_ONLY_OPTION: True}))

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def where(self) -> str:
        """Where the data lives, without any password: for the status bar and messages."""
        return describe(str(self.engine.url.render_as_string(hide_password=False)))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: all of it is committed, or (on any exception) none of it."""
        with courtesy.holding_locks(), self._factory() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: it sees one consistent state and, on SQLite, lets writers go on."""
        with self._read_factory() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    def __reduce__(self) -> tuple:
        # A job for the job process (`qsh_desk.elsewhere`) names its database: there it is opened by its address.
        return reopened, (self.engine.url.render_as_string(hide_password=False),)


_reopened: dict[str, Database] = {}


def reopened(url: str) -> Database:
    """The database at `url`, opened once in this process for the jobs that name it (the last one only: a job
    process serves one window, which has one database at a time)."""
    database = _reopened.get(url)
    if database is None:
        for other in _reopened.values():
            other.dispose()
        _reopened.clear()
        database = _reopened[url] = Database(url)
    return database
