"""The children's roster: add (also as a desk walk-in), find, edit with optimistic locking, guardians and consents,
photos, archive, and a real delete for administrators. Returns plain frozen rows, never ORM objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from qsh_desk import clock, config
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    AuditEntry,
    Child,
    ChildVisit,
    Guardian,
    Pairing,
)
from qsh_desk.services import audit
from qsh_desk.services import photos
from qsh_desk.services.history import LinkedHistory, linked_history
from qsh_desk.services.kernel import reading, stale_about, unit_of_work
from qsh_desk.services.access import Actor, Permission, mask_id_number, phone_for, require
from qsh_desk.services.bulk import insert_returning_ids, insert_rows
from qsh_desk.services.cards import next_card_code
from qsh_desk.services.errors import InvalidInput, NotFound, Refused
from qsh_desk.services.roster_rows import summaries, summary_select, to_summary
from qsh_desk.services.roster_views import (  # callers use them as roster.X
    STATUSES as STATUSES,
    ChildDetail as ChildDetail,
    ChildQuery as ChildQuery,
    ChildSummary as ChildSummary,
    ConsentView as ConsentView,
    FilterChoices as FilterChoices,
    GuardianView as GuardianView,
)
from qsh_desk.services.search_keys import matches_person, name_keys, query_terms, sort_key
from qsh_desk.services.validation import (
    normalise,
)
from qsh_desk.services.child_input import ChildInput, FIELD_TITLES, GuardianInput, _CleanChild, check_child  # noqa: F401 - callers build a roster.ChildInput


class PossibleDuplicate(Refused):
    """The child may already be on the roster; `matches` are the candidates. Save again with confirmation."""

    def __init__(self, matches: Sequence[ChildSummary]):
        self.matches = list(matches)
        listed = "；".join(_match_label(m) for m in self.matches)
        super().__init__(f"花名册里可能已经有这名儿童：{listed}。请先核对；确实是另一名儿童时，再确认保存。")


def _match_label(match: ChildSummary) -> str:
    parts = [match.name, match.gender]
    if match.birth_date:
        parts.append(match.birth_date.isoformat())
    if match.guardian:
        parts.append(match.guardian)
    if not match.active:
        parts.append("已归档")
    return "，".join(parts) + f"（卡号 {match.card_code}）"


# --- reading ------------------------------------------------------------------------------------


def _find_duplicates(session: Session, station_id: int, name: str, birth_date: dt.date | None,
                     phones: Sequence[str], exclude_id: int | None = None) -> list[Child]:
    """Children of the station with the same name and the same birth date or the same guardian phone."""
    same: list[Any] = []
    if birth_date is not None:
        same.append(Child.birth_date == birth_date)
    if phones:
        same.append(exists().where(Guardian.child_id == Child.id, Guardian.phone.in_(list(phones))))
    if not same:
        return []
    query = (
        select(Child)
        .where(Child.station_id == station_id, Child.name == name, or_(*same))
        .options(selectinload(Child.guardians))
        .order_by(Child.id)
    )
    if exclude_id is not None:
        query = query.where(Child.id != exclude_id)
    return list(session.scalars(query))


def _load(session: Session, actor: Actor, child_id: int) -> Child:
    child = session.get(Child, child_id, options=[selectinload(Child.guardians), selectinload(Child.consents)])
    if child is None or child.station_id != actor.station_id:
        raise NotFound("找不到这名儿童，可能已被删除。请刷新列表。")
    return child


# --- writing ------------------------------------------------------------------------------------


def _snapshot(child: Child) -> dict[str, Any]:
    """The audited state of a child (phones and ID numbers included: the log is for administrators)."""
    values = {key: getattr(child, key) for key in FIELD_TITLES}
    values["guardians"] = [
        {"name": g.name, "relation": g.relation, "relation_note": g.relation_note, "phone": g.phone,
         "may_collect": g.may_collect}
        for g in child.guardians
    ]
    return values


def _columns(clean: _CleanChild) -> dict[str, Any]:
    """A checked child's own columns, with what the desk's search and the sorted lists derive from its name."""
    values = clean.values
    return {**values, "search_keys": name_keys(values["name"], values.get("initials_override")),
            "sort_name": sort_key(values["name"])}


def _apply(child: Child, clean: _CleanChild) -> None:
    for key, value in _columns(clean).items():
        setattr(child, key, value)
    existing = list(child.guardians)
    # Keep guardian rows (their ids are referenced by visits as the collector) where the position is unchanged.
    for index, values in enumerate(clean.guardians):
        if index < len(existing):
            for key, value in values.items():
                setattr(existing[index], key, value)
        else:
            child.guardians.append(Guardian(**values))
    for surplus in existing[len(clean.guardians):]:
        child.guardians.remove(surplus)


def add_child(db: Database, actor: Actor, data: ChildInput, *, confirm_possible_duplicate: bool = False) -> ChildSummary:
    """Put a child on the roster from the full edit form (who edits the roster).

    Raises InvalidInput listing every problem, or PossibleDuplicate when a child of the same name has the
    same birth date or guardian phone (unless the caller confirms it is another child).
    """
    require(db, actor, Permission.ROSTER_EDIT, what="child")
    return _add(db, actor, data, confirm_possible_duplicate)


# What the desk's short form for a child who is new asks; the rest of the record is for who edits the roster.
WALK_IN_FIELDS = ("name", "gender", "birth_date", "grade", "guardians")


def add_walk_in(db: Database, actor: Actor, data: ChildInput, *, confirm_possible_duplicate: bool = False
                ) -> ChildSummary:
    """A child who is new at the desk, from the short form (duty volunteers may): only its fields are kept."""
    require(db, actor, Permission.WALK_IN, what="child")
    short = ChildInput(**{name: getattr(data, name) for name in WALK_IN_FIELDS})
    return _add(db, actor, short, confirm_possible_duplicate)


def _add(db: Database, actor: Actor, data: ChildInput, confirm_possible_duplicate: bool) -> ChildSummary:
    clean, problems = check_child(data)
    if problems:
        raise InvalidInput(problems)
    with unit_of_work(db, actor) as work:
        session = work.session
        child = _insert_child(session, actor, clean, confirm_possible_duplicate=confirm_possible_duplicate)
        return summaries(session, actor, [child])[0]


def _new_child(session: Session, actor: Actor, clean: _CleanChild, card_code: str | None = None) -> Child:
    """A checked child added to the session (not yet flushed)."""
    # An imported card code (a station moving to a new database) is kept: the printed cards still work.
    child = Child(station_id=actor.station_id, card_code=card_code or next_card_code(session, "C", actor.station_id))
    _apply(child, clean)
    session.add(child)
    return child


def add_children_in_bulk(session: Session, actor: Actor, children: Sequence[tuple[_CleanChild, str, bool]],
                         **detail: Any) -> int:
    """Checked (child, card code, active) rows with their guardians and one audit row each, in the caller's
    transaction: an import's thousands of children as a few multi-row INSERTs instead of an ORM object each."""
    now = clock.now()
    ids = insert_returning_ids(session, Child, [
        {**_columns(clean), "station_id": actor.station_id, "card_code": code, "active": active,
         "archived_at": None if active else now, "created_at": now, "updated_at": now}
        for clean, code, active in children])
    insert_rows(session, Guardian, [{**guardian, "child_id": child_id}
                                    for child_id, (clean, _code, _active) in zip(ids, children, strict=True)
                                    for guardian in clean.guardians])
    insert_rows(session, AuditEntry, [
        audit.row(actor, "create", "child", entity_id=child_id, child_id=child_id, at=now,
                  detail={"card_code": code, "name": clean.values["name"], **detail})
        for child_id, (clean, code, _active) in zip(ids, children, strict=True)])
    return len(ids)


def _audit_created(session: Session, actor: Actor, child: Child, **detail: Any) -> None:
    audit.record(session, actor, "create", "child", entity_id=child.id, child_id=child.id,
                 detail={"card_code": child.card_code, "name": child.name, **detail})


def _insert_child(session: Session, actor: Actor, clean: _CleanChild, *, confirm_possible_duplicate: bool) -> Child:
    """Insert a checked child in the caller's transaction, refusing a possible duplicate unless confirmed."""
    phones = [g["phone"] for g in clean.guardians if g["phone"]]
    if not confirm_possible_duplicate:
        matches = _find_duplicates(session, actor.station_id, clean.values["name"], clean.values["birth_date"], phones)
        if matches:
            raise PossibleDuplicate(summaries(session, actor, matches))
    child = _new_child(session, actor, clean)
    session.flush()
    _audit_created(session, actor, child, **({"confirmed_possible_duplicate": True} if confirm_possible_duplicate else {}))
    return child


# --- finding ------------------------------------------------------------------------------------


def _text_filter(term: str) -> Any:
    # The last four digits of a guardian's phone find the child too (as at the desk).
    extra = [exists().where(Guardian.child_id == Child.id, Guardian.phone_last4 == term)] \
        if term.isdigit() and len(term) == 4 else []
    return matches_person(Child.search_keys, Child.card_code, term, *extra)


def list_children(db: Database, actor: Actor, query: ChildQuery = ChildQuery()) -> list[ChildSummary]:
    """The children matching the filters, by name: plain rows for the roster table."""
    require(db, actor, Permission.ROSTER_VIEW, what="child")
    if query.status not in STATUSES:
        raise InvalidInput(f"未知的状态“{query.status}”。")
    today = clock.today()
    with reading(db, actor) as work:
        session = work.session
        select_children = summary_select(today).where(Child.station_id == actor.station_id)
        if query.status != "all":
            select_children = select_children.where(Child.active.is_(query.status == "active"))
        if query.school:
            select_children = select_children.where(Child.school == query.school)
        if query.grade:
            select_children = select_children.where(Child.grade == query.grade)
        if query.medical is not None:
            select_children = select_children.where(Child.medical_flag.is_(query.medical))
        if query.paired is not None:
            current = exists().where(
                Pairing.child_id == Child.id, or_(Pairing.ended_on.is_(None), Pairing.ended_on >= today)
            )
            select_children = select_children.where(current if query.paired else ~current)
        for term in query_terms(query.text):
            select_children = select_children.where(_text_filter(term))
        select_children = select_children.order_by(Child.sort_name, Child.name, Child.id)
        if query.limit:
            select_children = select_children.limit(query.limit)
        return [to_summary(actor, row, today) for row in session.execute(select_children)]


def child_filter_choices(db: Database, actor: Actor) -> FilterChoices:
    """The schools and grades on the station's roster, for the filter boxes."""
    with unit_of_work(db, actor, Permission.ROSTER_VIEW, what="child") as work:
        session = work.session
        def distinct(column: Any) -> tuple[str, ...]:
            rows = session.scalars(
                select(column).where(Child.station_id == actor.station_id, column.is_not(None)).distinct()
            )
            return tuple(sorted(v for v in rows if v))

        return FilterChoices(distinct(Child.school), distinct(Child.grade))


def _detail(session: Session, actor: Actor, child: Child, *, viewed: bool = False) -> ChildDetail:
    """The child as the actor may see it. `viewed`: the person opens the record now, so reading the medical
    details is recorded (they are sensitive personal information); the result of a save is not a new look."""
    # 健康状况 (患病/残疾) is health data like the details; 备注 is free text for those who keep the roster. A duty
    # volunteer sees neither (the medical flag, which the desk needs, is for everyone).
    medical_visible = actor.can(Permission.SEE_MEDICAL)
    if viewed and medical_visible and child.medical_details:
        audit.record(session, actor, "read", "child_medical", entity_id=child.id, child_id=child.id)
    photo = str(config.data_dir() / child.photo_path) if child.photo_path else None
    return ChildDetail(
        id=child.id,
        name=child.name,
        gender=child.gender,
        ethnicity=child.ethnicity,
        birth_date=child.birth_date,
        id_number=child.id_number if actor.can(Permission.SEE_ID_NUMBERS) else mask_id_number(child.id_number),
        household_address=child.household_address,
        current_address=child.current_address,
        school=child.school,
        grade=child.grade,
        boarding=child.boarding,
        health_status=child.health_status if medical_visible else None,
        medical_flag=child.medical_flag,
        medical_details=child.medical_details if medical_visible else None,
        medical_visible=medical_visible,
        photo_path=photo,
        card_code=child.card_code,
        notes=child.notes if actor.can(Permission.ROSTER_EDIT) else None,
        initials_override=child.initials_override,
        active=child.active,
        archived_at=child.archived_at,
        version=child.version,
        guardians=tuple(
            GuardianView(g.id, g.name, g.relation, g.relation_note, phone_for(actor, g.phone), g.may_collect,
                         g.is_primary)
            for g in child.guardians
        ),
        consents=tuple(
            ConsentView(c.id, c.kind, c.given_by, c.given_on, c.scope, c.revoked_on)
            for c in sorted(child.consents, key=lambda c: (c.given_on, c.id))
        ),
    )


def get_child(db: Database, actor: Actor, child_id: int) -> ChildDetail:
    """One child for the edit form, masked for the actor (reading medical details is audited)."""
    with unit_of_work(db, actor, Permission.ROSTER_VIEW, what="child", child_id=child_id) as work:
        session = work.session
        return _detail(session, actor, _load(session, actor, child_id), viewed=True)


# --- editing ------------------------------------------------------------------------------------


def _bump(child: Child) -> None:
    """Touch the row so its version goes up even when only guardians changed (others then see it as stale)."""
    child.updated_at = clock.now()
    flag_modified(child, "updated_at")  # within the same second the value is equal: force the UPDATE anyway


def _unmasked(actor: Actor, child: Child, data: ChildInput) -> ChildInput:
    """Restricted values the actor saw masked and left alone are kept as stored, never saved as 138****5678."""
    from dataclasses import replace

    changes: dict[str, Any] = {}
    if data.id_number and "*" in data.id_number and normalise(data.id_number) == mask_id_number(child.id_number):
        changes["id_number"] = child.id_number
    if not actor.can(Permission.SEE_MEDICAL):
        changes["medical_details"] = child.medical_details
    guardians = []
    for index, guardian in enumerate(data.guardians):
        stored = child.guardians[index] if index < len(child.guardians) else None
        if (stored is not None and guardian.phone and "*" in guardian.phone
                and normalise(guardian.phone) == phone_for(actor, stored.phone)):
            guardian = replace(guardian, phone=stored.phone)
        guardians.append(guardian)
    changes["guardians"] = tuple(guardians)
    return replace(data, **changes)


def update_child(db: Database, actor: Actor, child_id: int, data: ChildInput, expected_version: int) -> ChildDetail:
    """Save the edit form. A stale `expected_version` (someone saved in between) raises Conflict: never overwrite."""
    with unit_of_work(db, actor, Permission.ROSTER_EDIT, what="child", child_id=child_id) as work:
        child = _load(work.session, actor, child_id)
        work.stale = stale_about(child.name)  # also when another PC saves between our read and our write
        work.expect_version(child, expected_version)
        clean, problems = check_child(_unmasked(actor, child, data))
        if problems:
            raise InvalidInput(problems)
        before = _snapshot(child)
        _apply(child, clean)
        _bump(child)
        work.session.flush()
        work.audit("update", "child", entity_id=child.id, child_id=child.id,
                   detail=audit.changes(before, _snapshot(child)))
        return _detail(work.session, actor, child)


def archive_child(db: Database, actor: Actor, child_id: int) -> ChildSummary:
    """Take a child off the active roster; the history stays and the child can be restored."""
    with unit_of_work(db, actor, Permission.ROSTER_EDIT, what="child", child_id=child_id) as work:
        session = work.session
        child = _load(session, actor, child_id)
        if not child.active:
            raise Refused(f"“{child.name}”已经归档了。")
        here = session.scalar(select(ChildVisit.id).where(ChildVisit.child_id == child.id,
                                                          ChildVisit.checked_out_at.is_(None)))
        if here is not None:
            raise Refused(f"“{child.name}”现在在站里，请先签退再归档。")
        child.active = False
        child.archived_at = clock.now()
        _bump(child)
        session.flush()
        audit.record(session, actor, "archive", "child", entity_id=child.id, child_id=child.id)
        return summaries(session, actor, [child])[0]


def restore_child(db: Database, actor: Actor, child_id: int) -> ChildSummary:
    with unit_of_work(db, actor, Permission.ROSTER_EDIT, what="child", child_id=child_id) as work:
        session = work.session
        child = _load(session, actor, child_id)
        if child.active:
            raise Refused(f"“{child.name}”没有归档，不需要恢复。")
        child.active = True
        child.archived_at = None
        _bump(child)
        session.flush()
        audit.record(session, actor, "restore", "child", entity_id=child.id, child_id=child.id)
        return summaries(session, actor, [child])[0]


def child_history(db: Database, actor: Actor, child_id: int) -> LinkedHistory:
    """What would be lost with the child: asked before a real delete."""
    with unit_of_work(db, actor, Permission.ROSTER_VIEW, what="child", child_id=child_id) as work:
        session = work.session
        _load(session, actor, child_id)
        return linked_history(session, Child, child_id)


def delete_child(db: Database, actor: Actor, child_id: int, *, confirmed: bool = False,
                 confirm_history: bool = False) -> None:
    """Delete a child for good (administrators only, confirmed, audited). Archiving is the usual way.

    A child with history (visits, sessions, contacts, …) is deleted only when that is confirmed too,
    because the history goes with the child.
    """
    with unit_of_work(db, actor, Permission.DELETE, what="child", child_id=child_id) as work:
        session = work.session
        child = _load(session, actor, child_id)
        if not confirmed:
            raise Refused(f"彻底删除“{child.name}”后无法恢复。通常应改为“归档”；确实要删除，请确认。")
        history = linked_history(session, Child, child_id)
        if not history.empty and not confirm_history:
            raise Refused(
                f"“{child.name}”有历史记录（{history.describe()}），删除会一并删除这些记录，台账会缺少这名儿童。"
                "通常应改为“归档”；确实要删除，请再次确认。"
            )
        photo = child.photo_path
        audit.record(session, actor, "delete", "child", entity_id=child.id, child_id=child.id,
                     detail={"name": child.name, "card_code": child.card_code, "history": history.describe() or None})
        session.delete(child)
    if photo:
        (config.data_dir() / photo).unlink(missing_ok=True)


# --- photos -------------------------------------------------------------------------------------

def set_photo(db: Database, actor: Actor, child_id: int, source: str | Path) -> ChildDetail:
    """Copy a photo file into the data directory's photos folder and attach it to the child."""
    require(db, actor, Permission.ROSTER_EDIT, what="child", child_id=child_id)
    problem = photos.problem_with(source)
    if problem is not None:
        raise InvalidInput(problem)
    relative = photos.store(source, "photos", f"child-{child_id}")
    try:
        old, detail = _replace_photo(db, actor, child_id, relative)
    except BaseException:
        photos.remove([relative])  # the copy is useless if the database did not take it
        raise
    if old != relative:
        photos.remove([old])
    return detail


def remove_photo(db: Database, actor: Actor, child_id: int) -> ChildDetail:
    require(db, actor, Permission.ROSTER_EDIT, what="child", child_id=child_id)
    old, detail = _replace_photo(db, actor, child_id, None)
    photos.remove([old])
    return detail


def _replace_photo(db: Database, actor: Actor, child_id: int, relative: str | None) -> tuple[str | None, ChildDetail]:
    """Point the child's photo at `relative` (None: no photo), audited; returns the previous photo and the child."""
    with unit_of_work(db, actor) as work:
        session = work.session
        child = _load(session, actor, child_id)
        old = child.photo_path
        child.photo_path = relative
        _bump(child)
        session.flush()
        audit.record(session, actor, "update", "child", entity_id=child.id, child_id=child.id,
                     detail={"before": {"photo_path": old}, "after": {"photo_path": relative}})
        return old, _detail(session, actor, child)


def input_from_detail(detail: ChildDetail) -> ChildInput:
    """The input that would save a child unchanged (what the edit form starts from)."""
    values = {f.name: getattr(detail, f.name) for f in fields(ChildInput) if f.name != "guardians"}
    values["guardians"] = tuple(
        GuardianInput(g.name, g.relation if g.relation != "其他" else (g.relation_note or "其他"), g.phone,
                      g.may_collect, g.relation_note)
        for g in detail.guardians
    )
    return ChildInput(**values)
