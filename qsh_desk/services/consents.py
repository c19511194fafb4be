"""A guardian's consents for a child: to keep the child's data (who, when, what for) and to let the child go home alone."""

from __future__ import annotations

import datetime as dt
from typing import Any
from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    Consent,
)
from qsh_desk.services import audit
from qsh_desk.services.kernel import unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.roster import ConsentView
from qsh_desk.services.errors import InvalidInput, NotFound, Problem, Refused
from qsh_desk.services.validation import (
    Checker,
    optional_text,
    parse_date,
)


CHILD_MISSING = "找不到这个儿童：可能已被删除，请刷新后再试。"
# "photo": the child's photos may be shown outside the station (in a letter to the parents, say).
CONSENT_TITLES = {"data": "同意保存儿童信息", "go_home_alone": "同意儿童自行回家", "wish_board": "同意上微心愿榜",
                  "photo": "同意使用儿童照片"}


def record_consent(db: Database, actor: Actor, child_id: int, kind: str, given_by: str, given_on: Any,
                   scope: str | None = None) -> ConsentView:
    """A guardian's consent: to keep the child's data (who, date, scope) or to let the child go home alone."""
    require(db, actor, Permission.ROSTER_EDIT, what="consent", child_id=child_id)
    checker = Checker()
    if kind not in CONSENT_TITLES:
        checker.add("同意事项", "同意事项只能是“保存信息”“自行回家”“上微心愿榜”或“使用照片”。", kind)
    who = checker.check("同意人", given_by, optional_text, max_length=64, title="同意人", required=True)
    on = checker.check("同意日期", given_on, parse_date, latest=clock.today(), required=True)
    what = checker.check("同意范围", scope, optional_text, max_length=200, title="同意范围")
    if kind == "data" and what is None:
        checker.add("同意范围", "请写明同意保存哪些信息、作何用途，如“花名册、照片，仅用于本站活动”。")
    if checker.problems:
        raise InvalidInput(checker.problems)
    with unit_of_work(db, actor) as work:
        session = work.session
        child = work.owned(Child, child_id, CHILD_MISSING)
        consent = Consent(kind=kind, given_by=who, given_on=on, scope=what if kind == "data" else None)
        child.consents.append(consent)
        session.flush()
        audit.record(session, actor, "create", "consent", entity_id=consent.id, child_id=child.id,
                     detail={"kind": kind, "given_by": who, "given_on": on, "scope": consent.scope})
        return ConsentView(consent.id, consent.kind, consent.given_by, consent.given_on, consent.scope, None)


def revoke_consent(db: Database, actor: Actor, consent_id: int, on: dt.date | None = None) -> ConsentView:
    """Mark a consent withdrawn from a day on (kept on file: when it was given still matters)."""
    require(db, actor, Permission.ROSTER_EDIT, what="consent")
    on = on or clock.today()
    with unit_of_work(db, actor) as work:
        session = work.session
        consent = session.get(Consent, consent_id)
        if consent is None or consent.child.station_id != actor.station_id:
            raise NotFound("找不到这条同意记录。请刷新后再试。")
        if consent.revoked_on is not None:
            raise Refused(f"这条同意已在 {consent.revoked_on.isoformat()} 撤回。")
        if on < consent.given_on:
            raise InvalidInput(Problem("撤回日期不能早于同意日期。", field="撤回日期", value=on.isoformat()))
        consent.revoked_on = on
        audit.record(session, actor, "revoke", "consent", entity_id=consent.id, child_id=consent.child_id,
                     detail={"kind": consent.kind, "revoked_on": on})
        return ConsentView(consent.id, consent.kind, consent.given_by, consent.given_on, consent.scope, on)


def list_consents(db: Database, actor: Actor, child_id: int) -> tuple[ConsentView, ...]:
    """A child's consents on file, oldest first (nothing else of the child is read)."""
    with unit_of_work(db, actor, Permission.ROSTER_VIEW, what="consent", child_id=child_id) as work:
        child = work.owned(Child, child_id, CHILD_MISSING)
        return tuple(ConsentView(c.id, c.kind, c.given_by, c.given_on, c.scope, c.revoked_on)
                     for c in sorted(child.consents, key=lambda c: (c.given_on, c.id)))
