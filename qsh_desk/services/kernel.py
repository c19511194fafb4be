"""The service kernel: one unit of work under every service call that reads or changes the station's data.

`unit_of_work(db, actor, permission, what=…)` checks the permission (a refusal is audited), opens one
transaction, checks that the acting account is still active with the role it logged in with, and yields a
`Work` that finds rows the station owns, applies versioned updates, writes audit rows and knows "now" (the
program's clock). Everything in the block commits together or not at all; a write that lost a race with
another PC — a stale version caught by the version column on SQLite and PostgreSQL alike — comes out as
`Conflict` in plain Chinese, never as a lost update.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.services import audit
from qsh_desk.services.access import AccountChanged, Actor, Permission, check_account, require
from qsh_desk.services.errors import Conflict, NotFound

__all__ = ["AccountChanged", "Work", "reading", "stale_about", "unit_of_work"]

Row = TypeVar("Row")

STALE = "这条记录刚被别人（或另一台电脑）改过，您的修改没有保存，以免覆盖对方的修改。请重新打开后再改。"


def stale_about(name: str) -> str:
    """The conflict message for a person's record, by name."""
    return (f"“{name}”的资料刚刚被别人（或另一台电脑）修改过，您的修改没有保存，以免覆盖对方的修改。"
            "请关闭编辑窗口，重新打开后再改。")


class Work:
    """One unit of work: the session, who acts, and the kernel's helpers for the rows it touches."""

    def __init__(self, session: Session, actor: Actor, stale: str, *, audit_later: bool = False):
        self.session = session
        self.actor = actor
        self.now: dt.datetime = clock.now()
        self.stale = stale
        # A reading unit keeps its audit rows until the read is over (see `reading`).
        self.audit_later = audit_later
        self.later: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def owned(self, model: type[Row], row_id: int | None, missing: str) -> Row:
        """The row of this station, or NotFound with `missing` (also for another station's row: never shown)."""
        row = self.session.get(model, row_id) if row_id is not None else None
        if row is None or _station_of(row) != self.actor.station_id:
            raise NotFound(missing)
        return row

    def expect_version(self, row: Any, expected: int | None) -> None:
        """The version the user read must still be the row's: else someone saved in between (Conflict).

        The UPDATE that follows carries the version too, so a save racing this one on another PC is caught by the
        database (StaleDataError → Conflict) even between this check and the write.
        """
        if expected is not None and row.version != expected:
            raise Conflict(self.stale)

    def audit(self, action: str, entity: str, *, entity_id: int | None = None, child_id: int | None = None,
              detail: Mapping[str, Any] | None = None) -> None:
        args = (action, entity)
        kwargs = {"entity_id": entity_id, "child_id": child_id, "detail": dict(detail) if detail is not None else None}
        if self.audit_later:
            self.later.append((args, kwargs))
        else:
            audit.record(self.session, self.actor, *args, **kwargs)

    def update(self, row: Any, values: Mapping[str, Any], *, entity: str, child_id: int | None = None,
               force_version: bool = False) -> dict[str, Any]:
        """Set `values` on the row, flush (the versioned UPDATE), and audit the fields that really changed."""
        before = {key: getattr(row, key) for key in values}
        for key, value in values.items():
            setattr(row, key, value)
        if force_version and hasattr(row, "version"):
            # Only related rows changed (people, photos): the row itself must still move to a new version, so a
            # second editor holding the old one is refused.
            from sqlalchemy.orm.attributes import flag_modified

            flag_modified(row, next(iter(values), _first_column(row)))
        self.session.flush()
        changes = audit.changes(before, dict(values))
        if changes["after"]:
            self.audit("update", entity, entity_id=inspect(row).identity[0], child_id=child_id, detail=changes)
        return changes

    def check_account(self) -> None:
        """The acting account must still be active with the role it logged in with (inside this transaction)."""
        check_account(self.session, self.actor)


def _station_of(row: Any) -> int | None:
    station = getattr(row, "station_id", None)
    if station is not None:
        return station
    for owner in ("child", "pairing", "session", "programme_session"):
        parent = getattr(row, owner, None)
        if parent is not None:
            return _station_of(parent)
    return None


def _first_column(row: Any) -> str:
    return next(c.key for c in inspect(row).mapper.column_attrs if c.key not in ("id", "version"))


@contextmanager
def unit_of_work(db: Database, actor: Actor, permission: Permission | None = None, *, what: str = "",
                 child_id: int | None = None, stale: str = STALE) -> Iterator[Work]:
    """Permission, account, one transaction, audit and versioned writes for one service call (see the module).

    Without `permission` the caller has already checked it (before checking its input, say): the unit then does
    the rest."""
    if permission is not None:
        require(db, actor, permission, what=what, child_id=child_id)
    work: Work | None = None
    try:
        with db.transaction() as session:
            work = Work(session, actor, stale)
            work.check_account()
            yield work
    except StaleDataError:
        # The service may have named the record by now (work.stale), e.g. “张三丰”的资料刚刚被别人修改过.
        raise Conflict(work.stale if work is not None else stale) from None


@contextmanager
def reading(db: Database, actor: Actor, permission: Permission | None = None, *, what: str = "",
            child_id: int | None = None) -> Iterator[Work]:
    """A unit of work that only reads: on SQLite it does not take the write lock, so a long read (an export, a
    PDF, a roster check) never makes a check-in wait. Its audit rows are written in a short transaction of
    their own once the read is over (a read transaction that starts writing could fail against a check-in)."""
    if permission is not None:
        require(db, actor, permission, what=what, child_id=child_id)
    with db.reading() as session:
        work = Work(session, actor, STALE, audit_later=True)
        work.check_account()
        yield work
    if work.later:
        with db.transaction() as session:
            for args, kwargs in work.later:
                audit.record(session, actor, *args, **kwargs)
