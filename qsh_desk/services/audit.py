"""The audit log: append-only rows saying who did what, when, from which station."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.db.models import AuditEntry

if TYPE_CHECKING:
    from qsh_desk.services.access import Actor


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    *,
    entity_id: int | None = None,
    child_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add one audit row to the caller's transaction (so it commits, or rolls back, with the change)."""
    session.add(AuditEntry(**row(actor, action, entity, entity_id=entity_id, child_id=child_id, detail=detail)))


def row(actor: Actor, action: str, entity: str, *, entity_id: int | None = None, child_id: int | None = None,
        detail: dict[str, Any] | None = None, at: dt.datetime | None = None) -> dict[str, Any]:
    """An audit row's columns, for `record` and for writing thousands at once (an import, bulk.insert_rows)."""
    return {"station_id": actor.station_id, "user_id": actor.user_id, "actor": actor.name, "action": action,
            "entity": entity, "entity_id": entity_id, "child_id": child_id,
            "detail": _jsonable(detail) if detail is not None else None, "at": at or clock.now()}


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The before/after of the fields that changed, for an update's audit row."""
    changed = {k for k in after if before.get(k) != after.get(k)}
    return {"before": {k: before.get(k) for k in sorted(changed)}, "after": {k: after.get(k) for k in sorted(changed)}}
