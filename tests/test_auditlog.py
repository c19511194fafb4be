"""The audit log page's query: filters by user, date, kind and child; administrators only; nothing can change it."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import insert

from qsh_desk.db.models import AuditEntry, Child
from qsh_desk.services import auditlog
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import PermissionDenied
from qsh_desk.services.search_keys import name_keys

PACKAGE = Path(__file__).resolve().parent.parent / "qsh_desk"


def _fill(db, station_id: int) -> int:
    with db.transaction() as s:
        child = Child(station_id=station_id, name="万梓涵", gender="女", birth_date=dt.date(2016, 3, 1),
                      card_code="C01000001", search_keys=name_keys("万梓涵"))
        s.add(child)
        s.flush()
        rows = [
            ("admin", "login", None, dt.datetime(2026, 11, 21, 8, 30)),
            ("wangli", "read", child.id, dt.datetime(2026, 11, 21, 9, 0)),
            ("wangli", "update", child.id, dt.datetime(2026, 11, 22, 10, 0)),
            ("duty1", "denied", None, dt.datetime(2026, 11, 22, 11, 0)),
            ("cli:root", "export", None, dt.datetime(2026, 11, 28, 20, 0)),
        ]
        s.execute(insert(AuditEntry), [
            {"station_id": station_id, "actor": who, "action": kind, "entity": "child", "child_id": cid, "at": at}
            for who, kind, cid, at in rows
        ])
        return child.id


def test_filters_combine_and_rows_come_newest_first(db, admin, station):
    child_id = _fill(db, station.id)
    everything = auditlog.query(db, admin)
    assert everything.total == 5 and [r.kind for r in everything.rows][:2] == ["export", "denied"]
    assert [r.kind for r in auditlog.query(db, admin, user="wangli").rows] == ["update", "read"]
    assert [r.actor for r in auditlog.query(db, admin, user="cli:").rows] == ["cli:root"]
    day = auditlog.query(db, admin, since=dt.date(2026, 11, 22), until=dt.date(2026, 11, 22))
    assert [r.kind for r in day.rows] == ["denied", "update"]
    by_child = auditlog.query(db, admin, child="梓涵")
    assert by_child.total == 2 and {r.child_name for r in by_child.rows} == {"万梓涵"}
    for typed in ("wzh", "ＷＺＨ", "wanzi", "c01000001"):  # the people search of every other page
        assert auditlog.query(db, admin, child=typed).total == 2, typed
    assert auditlog.query(db, admin, child="w_h").total == 0  # a typed _ is a character, not a wildcard
    assert auditlog.query(db, admin, child="c01000001", kind="read").rows[0].child_id == child_id
    assert auditlog.query(db, admin, child_id=child_id, user="admin").total == 0
    assert auditlog.query(db, admin, kind="denied").rows[0].kind_title == "越权被拒"
    limited = auditlog.query(db, admin, limit=2)
    assert limited.total == 5 and len(limited.rows) == 2
    choices = auditlog.filter_choices(db, admin)
    assert choices.users == ["admin", "cli:root", "duty1", "wangli"]
    assert choices.kinds == ["update", "read", "export", "login", "denied"]


def test_only_administrators_read_the_log_and_the_refusal_is_logged(db, station):
    for role in (Role.DUTY, Role.SOCIAL):
        with pytest.raises(PermissionDenied, match="查看操作日志"):
            auditlog.query(db, Actor(user_id=None, name=role.value, role=role, station_id=station.id))
    admin = Actor(user_id=None, name="boss", role=Role.ADMIN, station_id=station.id)
    denied = auditlog.query(db, admin, kind="denied").rows
    assert [(r.actor, r.entity) for r in denied] == [("social", "audit_log"), ("duty", "audit_log")]


def test_no_code_in_the_app_updates_or_deletes_audit_rows():
    """The audit log is append-only: only `audit.record` adds rows, nothing in the package changes them."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "versions" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("update", "delete"):
                if any(isinstance(a, ast.Name) and a.id == "AuditEntry" for a in node.args):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
        text = path.read_text(encoding="utf-8")
        for phrase in ("DELETE FROM audit_log", "UPDATE audit_log", "TRUNCATE audit_log"):
            if phrase.lower() in text.lower():
                offenders.append(f"{path.relative_to(PACKAGE)}: {phrase}")
    assert offenders == []
    assert not [name for name in vars(auditlog) if name.startswith(("delete", "update", "edit", "clear", "purge"))]


def _audit_words_in_the_code() -> tuple[set[str], set[str]]:
    """Every action and entity the code writes to the audit log as a literal (and the `what` of each check)."""
    import ast
    from pathlib import Path

    import qsh_desk
    from qsh_desk.services import checkin

    actions, entities = {checkin.ACTION_IN, checkin.ACTION_OUT, checkin.ACTION_UNDO}, set(checkin.ENTITY.values())
    entities |= {"import_children", "import_volunteers"}  # f"import_{kind}"
    for path in Path(qsh_desk.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            literals = [n.value for n in node.args if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            if name in ("audit.record", "work.audit") and len(literals) >= 2:
                actions.add(literals[0])
                entities.add(literals[1])
            for keyword in node.keywords:
                if keyword.arg == "what" and name.split(".")[-1] in ("require", "unit_of_work", "reading") \
                        and not isinstance(keyword.value, ast.JoinedStr):  # f"import_{kind}": listed above
                    entities |= {n.value for n in ast.walk(keyword.value)
                                 if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value}
    return actions, entities


def test_every_audit_word_the_code_writes_has_a_title():
    from qsh_desk.services import vocabulary

    actions, entities = _audit_words_in_the_code()
    assert sorted(actions - set(vocabulary.ACTIONS)) == []
    assert sorted(entities - set(vocabulary.ENTITIES)) == []


def test_a_check_in_reads_in_words_on_the_audit_page():
    from qsh_desk.services import vocabulary

    detail = {"at": "2026-11-28T09:30:00", "collector_name": "王秀英", "went_home_alone": False}
    assert (vocabulary.action_title("check_in"), vocabulary.entity_title("child_visit")) == ("签到", "儿童到站")
    assert vocabulary.detail_text(detail) == "时间：2026-11-28 09:30；接送人：王秀英；自行回家：否"
    changed = {"before": {"school": "高新小学"}, "after": {"school": "塘山中学"}}
    assert vocabulary.detail_text(changed) == "学校：高新小学 → 塘山中学"
