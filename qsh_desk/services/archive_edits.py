"""父母档案, the changes: parents, guardianship, contacts, home visits and their follow-ups.

Each runs in one unit of work of the service kernel: the 父母档案 permission, a row the station owns, the
version the social worker read (two workers on two PCs never overwrite each other: the second is told), one
audit row with what changed. Every form is checked with the shared validator before anything is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, Guardianship, HomeVisit, Parent, ParentContact
from qsh_desk.services.access import Actor, Permission, mask_id_number, phone_for, require
from qsh_desk.services.archive_records import (
    CALL_CHANNELS,
    CONFLICT_MESSAGE,
    CONTACT_CHANNELS,
    CONTACT_INITIATORS,
    GUARDIANSHIP_QUALITIES,
    GUARDIANSHIP_TYPES,
    PARENT_RELATIONS,
    PARENT_FIELDS,
    ContactInput,
    ContactRecord,
    GuardianshipInput,
    GuardianshipRecord,
    HomeVisitInput,
    HomeVisitRecord,
    ParentInput,
    ParentRecord,
    contact_record,
    guardianship_record,
    home_visit_record,
    kept_if_masked,
    labels_of,
    parent_record,
    row_values,
)
from qsh_desk.services.errors import Conflict, InvalidInput, Problem, Refused
from qsh_desk.services.kernel import Work, unit_of_work
from qsh_desk.services.validation import FormChecker

CHILD_MISSING = "找不到这个儿童：可能已被删除或不属于本站。请刷新后再试。"


def _archive_work(db: Database, actor: Actor, what: str, child_id: int | None = None):  # noqa: ANN202
    return unit_of_work(db, actor, Permission.ARCHIVE, what=what, child_id=child_id, stale=CONFLICT_MESSAGE)


# ---------------------------------------------------------------------------------------------- parents


def _parent_values(check: FormChecker, data: ParentInput, stored: Parent | None, actor: Actor,
                   today: dt.date) -> dict[str, Any]:
    def phone(given: str | None, kept: str | None, field: str) -> str | None:
        return check.phone(kept_if_masked(given, kept, lambda p: phone_for(actor, p)), field)

    return {
        "relation": check.choice(data.relation, "关系", PARENT_RELATIONS),
        "name": check.text(data.name, "姓名", 64, required=True),
        "phone": phone(data.phone, stored.phone if stored else None, "电话"),
        "phone2": phone(data.phone2, stored.phone2 if stored else None, "电话2"),
        "wechat": check.text(data.wechat, "微信", 64),
        "work_province": check.text(data.work_province, "务工省份", 32),
        "work_city": check.text(data.work_city, "务工城市", 32),
        "work_address": check.text(data.work_address, "务工地址", 200),
        "employer": check.text(data.employer, "工作单位", 100),
        "occupation": check.text(data.occupation, "职业", 64),
        "return_frequency": check.text(data.return_frequency, "回家频率", 64),
        "last_return": check.date(data.last_return, "上次回家", not_after=today),
        "next_return": check.date(data.next_return, "下次计划回家"),
        "notes": check.text(data.notes, "备注", 2000),
    }


def add_parent(db: Database, actor: Actor, child_id: int, data: ParentInput) -> ParentRecord:
    with _archive_work(db, actor, "parent", child_id) as work:
        work.owned(Child, child_id, CHILD_MISSING)
        check = FormChecker()
        values = _parent_values(check, data, None, actor, work.today)
        check.raise_if_any()
        row = Parent(child_id=child_id, **values)
        work.session.add(row)
        work.session.flush()
        work.audit("create", "parent", entity_id=row.id, child_id=child_id, detail={"after": values})
        return parent_record(row, actor)


def update_parent(db: Database, actor: Actor, parent_id: int, version: int, data: ParentInput) -> ParentRecord:
    with _archive_work(db, actor, "parent") as work:
        row = work.owned(Parent, parent_id, "没有找到这位家长的记录：可能已被别人删除。请重新打开档案。")
        check = FormChecker()
        values = _parent_values(check, data, row, actor, work.today)
        check.raise_if_any()
        work.expect_version(row, version)
        work.update(row, values, entity="parent", child_id=row.child_id)
        return parent_record(row, actor)


def delete_parent(db: Database, actor: Actor, parent_id: int, version: int) -> None:
    """Remove a parent entered by mistake; contacts with them stay (without the link)."""
    with _archive_work(db, actor, "parent") as work:
        row = work.owned(Parent, parent_id, "没有找到这位家长的记录：可能已被别人删除。请重新打开档案。")
        work.expect_version(row, version)
        before = row_values(row, PARENT_FIELDS)
        child_id = row.child_id
        for contact in work.session.scalars(select(ParentContact).where(ParentContact.parent_id == parent_id)):
            contact.parent_id = None
        work.session.delete(row)
        work.session.flush()
        work.audit("delete", "parent", entity_id=parent_id, child_id=child_id, detail={"before": before})


# ---------------------------------------------------------------------------------------------- guardianship


def save_guardianship(db: Database, actor: Actor, child_id: int, data: GuardianshipInput,
                      version: int | None) -> GuardianshipRecord:
    """Create (version None) or update the child's guardianship as the national template records it."""
    with _archive_work(db, actor, "guardianship", child_id) as work:
        work.owned(Child, child_id, CHILD_MISSING)
        row = work.session.get(Guardianship, child_id)
        check = FormChecker()
        id_number = data.delegate_id_number
        if row is not None:
            id_number = kept_if_masked(id_number, row.delegate_id_number, mask_id_number)
        delegate_phone = kept_if_masked(data.delegate_phone, row.delegate_phone if row else None,
                                        lambda p: phone_for(actor, p))
        values = {
            "kind": check.choice(data.kind, "监护类型", GUARDIANSHIP_TYPES, required=False),
            "delegate_name": check.text(data.delegate_name, "委托监护人姓名", 64),
            "delegate_relation": check.text(data.delegate_relation, "与儿童关系", 16),
            "delegate_phone": check.phone(delegate_phone, "委托监护人电话"),
            "delegate_id_number": check.id_number(id_number, "委托监护人身份证号"),
            "delegate_address": check.text(data.delegate_address, "委托监护人住址", 200),
            "agreement_on_file": bool(data.agreement_on_file),
            "quality": check.choice(data.quality, "监护情况", GUARDIANSHIP_QUALITIES, required=False),
            "income_source": check.text(data.income_source, "家庭经济来源", 100),
            "assistance": check.text(data.assistance, "救助帮扶情况", 200),
        }
        if values["kind"] == "委托监护" and not values["delegate_name"]:
            check.fail("委托监护人姓名", "选了“委托监护”，请填写委托监护人是谁。")
        if values["agreement_on_file"] and not values["delegate_name"]:
            check.fail("委托监护协议", "已存档委托监护协议时，请填写委托监护人。")
        check.raise_if_any()
        if (row is None) != (version is None):
            raise Conflict(CONFLICT_MESSAGE)  # someone else created (or the reader expected) another state
        if row is None:
            row = Guardianship(child_id=child_id, **values)
            work.session.add(row)
            work.session.flush()
            work.audit("create", "guardianship", entity_id=child_id, child_id=child_id, detail={"after": values})
        else:
            work.expect_version(row, version)
            work.update(row, values, entity="guardianship", child_id=child_id)
        return guardianship_record(row, actor)


# ---------------------------------------------------------------------------------------------- contacts


def _contact_values(check: FormChecker, work: Work, child_id: int, data: ContactInput) -> dict[str, Any]:
    values = {
        "contacted_at": check.moment(data.contacted_at, "联系时间"),
        "channel": check.choice(data.channel, "方式", CONTACT_CHANNELS),
        "initiated_by": check.choice(data.initiated_by, "发起方", CONTACT_INITIATORS),
        "parent_id": data.parent_id,
        "duration_minutes": check.minutes(data.duration_minutes, "时长（分钟）"),
        "summary": check.text(data.summary, "内容摘要", 4000),
        "child_mood": check.text(data.child_mood, "孩子情绪", 32),
        "follow_up_needed": bool(data.follow_up_needed),
        "follow_up_due": check.date(data.follow_up_due, "跟进期限"),
    }
    if values["follow_up_needed"] and values["follow_up_due"] is None:
        check.fail("跟进期限", "需要跟进时，请填写最晚哪天跟进，这样到期会提醒。")
    if not values["follow_up_needed"]:
        values["follow_up_due"] = None
    if data.parent_id is not None:
        parent = work.session.get(Parent, data.parent_id)
        if parent is None or parent.child_id != child_id:
            check.fail("联系的家长", "这位家长不是这个儿童的父母，请重新选择。")
    return values


def add_contact(db: Database, actor: Actor, child_id: int, data: ContactInput, *,
                log_as_session: bool = False) -> ContactRecord:
    """Log one contact; a call made at the station can count as a 思亲梦 session in the same step.

    The session records only that the child called home and with whom: what was said stays in the archive,
    which a duty volunteer (who reads sessions and prints them) may not see.
    """
    if log_as_session:
        require(db, actor, Permission.SESSION_LOG, what="session", child_id=child_id)
    with _archive_work(db, actor, "parent_contact", child_id) as work:
        work.owned(Child, child_id, CHILD_MISSING)
        check = FormChecker()
        values = _contact_values(check, work, child_id, data)
        if log_as_session and values["channel"] not in CALL_CHANNELS:
            check.fail("记为思亲梦活动", "只有在站里打的电话、视频或微信通话才能记为思亲梦活动。", values["channel"])
        check.raise_if_any()
        row = ParentContact(station_id=actor.station_id, child_id=child_id, recorded_by=actor.user_id, **values)
        if log_as_session:
            from qsh_desk.services import call_home  # the dreams capability owns sessions

            parent = work.session.get(Parent, values["parent_id"]) if values["parent_id"] else None
            row.session_id = call_home.add_call_home_session(
                work.session, actor, child_id=child_id, at=values["contacted_at"],
                summary=call_home.call_home_summary(parent.relation if parent else None, values["channel"]),
            )
        work.session.add(row)
        work.session.flush()
        work.audit("create", "parent_contact", entity_id=row.id, child_id=child_id,
                   detail={"after": {**values, "session_id": row.session_id}})
        return contact_record(row, labels_of(work.session, child_id))


def update_contact(db: Database, actor: Actor, contact_id: int, version: int, data: ContactInput) -> ContactRecord:
    """Correct a logged contact; `version` is the record's version as it was read."""
    with _archive_work(db, actor, "parent_contact") as work:
        row = work.owned(ParentContact, contact_id, "没有找到这条联系记录：可能已被别人删除。请重新打开档案。")
        check = FormChecker()
        values = _contact_values(check, work, row.child_id, data)
        check.raise_if_any()
        work.expect_version(row, version)
        work.update(row, values, entity="parent_contact", child_id=row.child_id)
        if row.session_id is not None:
            from qsh_desk.services import call_home

            parent = work.session.get(Parent, row.parent_id) if row.parent_id else None
            call_home.follow_call_home(work.session, actor, row.session_id, at=row.contacted_at,
                                      summary=call_home.call_home_summary(parent.relation if parent else None,
                                                                         row.channel))
        return contact_record(row, labels_of(work.session, row.child_id))


def delete_contact(db: Database, actor: Actor, contact_id: int, version: int) -> None:
    with _archive_work(db, actor, "parent_contact") as work:
        row = work.owned(ParentContact, contact_id, "没有找到这条联系记录：可能已被别人删除。请重新打开档案。")
        work.expect_version(row, version)
        before = row_values(row, tuple(f for f in ContactInput.__dataclass_fields__) + ("follow_up_done_on", "session_id"))
        child_id, session_id = row.child_id, row.session_id
        work.session.delete(row)
        work.session.flush()
        work.audit("delete", "parent_contact", entity_id=contact_id, child_id=child_id, detail={"before": before})
        photos = []
        if session_id is not None:  # logged in one step with the contact: it goes with it
            from qsh_desk.services import call_home

            photos = call_home.drop_call_home(work.session, actor, session_id)
    if photos:
        from qsh_desk.services import photos as photo_files

        photo_files.remove(photos)


# ---------------------------------------------------------------------------------------------- home visits


def _home_visit_values(check: FormChecker, data: HomeVisitInput, today: dt.date) -> dict[str, Any]:
    return {
        "visited_on": check.date(data.visited_on, "家访日期", required=True, not_after=today),
        "visitors": check.text(data.visitors, "家访人员", 200, required=True),
        "met_whom": check.text(data.met_whom, "见到的人", 200),
        "findings": check.text(data.findings, "了解到的情况", 4000),
        "needs": check.text(data.needs, "需求", 4000),
        "follow_up_actions": check.text(data.follow_up_actions, "后续措施", 4000),
        "follow_up_due": check.date(data.follow_up_due, "跟进期限"),
    }


def add_home_visit(db: Database, actor: Actor, child_id: int, data: HomeVisitInput) -> HomeVisitRecord:
    with _archive_work(db, actor, "home_visit", child_id) as work:
        work.owned(Child, child_id, CHILD_MISSING)
        check = FormChecker()
        values = _home_visit_values(check, data, work.today)
        check.raise_if_any()
        row = HomeVisit(station_id=actor.station_id, child_id=child_id, recorded_by=actor.user_id, **values)
        work.session.add(row)
        work.session.flush()
        work.audit("create", "home_visit", entity_id=row.id, child_id=child_id, detail={"after": values})
        return home_visit_record(row)


def update_home_visit(db: Database, actor: Actor, visit_id: int, version: int, data: HomeVisitInput) -> HomeVisitRecord:
    with _archive_work(db, actor, "home_visit") as work:
        row = work.owned(HomeVisit, visit_id, "没有找到这条家访记录：可能已被别人删除。请重新打开档案。")
        check = FormChecker()
        values = _home_visit_values(check, data, work.today)
        check.raise_if_any()
        work.expect_version(row, version)
        work.update(row, values, entity="home_visit", child_id=row.child_id)
        return home_visit_record(row)


def complete_follow_up(db: Database, actor: Actor, kind: str, record_id: int, done_on: dt.date | None = None) -> None:
    """Mark the follow-up of a contact or a home visit done (kind: contact / home_visit)."""
    with _archive_work(db, actor, "follow_up") as work:
        done_on = done_on or work.today
        if kind == "contact":
            row: ParentContact | HomeVisit = work.owned(ParentContact, record_id, "没有找到这条联系记录：可能已被别人删除。")
            if not row.follow_up_needed:
                raise Refused("这条联系记录没有标记“需要跟进”，不用完成。")
        elif kind == "home_visit":
            row = work.owned(HomeVisit, record_id, "没有找到这条家访记录：可能已被别人删除。")
            if row.follow_up_due is None and not row.follow_up_actions:
                raise Refused("这次家访没有后续措施，不用完成。")
        else:
            raise InvalidInput(f"不认识的跟进类型“{kind}”。")
        if row.follow_up_done_on is not None:
            raise Conflict(f"这项跟进已在 {row.follow_up_done_on:%Y-%m-%d} 标记完成了（可能是别人刚做的）。")
        if done_on < (row.contacted_at.date() if kind == "contact" else row.visited_on):
            raise InvalidInput(Problem("完成日期不能早于记录本身的日期。", field="完成日期", value=done_on.isoformat()))
        work.update(row, {"follow_up_done_on": done_on}, entity="parent_contact" if kind == "contact" else "home_visit",
                    child_id=row.child_id)
