"""父母档案: each child's parents, guardianship, contacts with the parents, home visits, timeline and alerts.

The most sensitive data in the system (minors' family details). Every function requires
Permission.ARCHIVE (a refusal is audited by `access.require`); every look at a child's archive and every
change goes to the audit log; updates are versioned, so two social workers never overwrite each other's work
unseen. This module reads (search, the record, the timeline, the alerts, the export); the changes are in
`archive_edits`, the shapes in `archive_records` — both are reached from here, the capability's one name.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    ChildVisit,
    Dream,
    Guardianship,
    HomeVisit,
    Parent,
    ParentContact,
    ProgrammeSession,
    SessionParticipant,
)
from qsh_desk.services import settings, workbook
from qsh_desk.services.kernel import reading
from qsh_desk.services.access import Actor, Permission, mask_id_number, mask_phone, require
from qsh_desk.services.archive_edits import (  # noqa: F401 - the capability's changes, under its one name
    add_contact,
    add_home_visit,
    add_parent,
    complete_follow_up,
    delete_contact,
    delete_parent,
    save_guardianship,
    update_contact,
    update_home_visit,
    update_parent,
)
from qsh_desk.services.archive_records import (  # noqa: F401 - the records, inputs and words of the archive
    ASSISTANCE_KINDS,
    Alerts,
    CALL_CHANNELS,
    CONFLICT_MESSAGE,
    CONTACT_CHANNELS,
    CONTACT_FIELDS,
    CONTACT_INITIATORS,
    ChildArchive,
    ChildRef,
    ContactInput,
    ContactRecord,
    ExportSummary,
    GUARDIANSHIP_FIELDS,
    GUARDIANSHIP_QUALITIES,
    GUARDIANSHIP_TYPES,
    GuardianshipInput,
    GuardianshipRecord,
    HOME_VISIT_FIELDS,
    HomeVisitInput,
    HomeVisitRecord,
    INCOME_SOURCES,
    INITIATOR_TITLES,
    MOODS,
    NoContactAlert,
    OverdueFollowUp,
    PARENT_FIELDS,
    PARENT_RELATIONS,
    ParentInput,
    ParentRecord,
    PoorGuardianship,
    QUALITY_DEFINITIONS,
    RETURN_WINDOW_DAYS,
    ReturnSoon,
    SEARCH_LIMIT,
    TimelineEntry,
)
from qsh_desk.services.archive_records import (
    child_ref,
    contact_record,
    guardianship_record,
    home_visit_record,
    parent_label,
    parent_record,
)
from qsh_desk.services.errors import NotFound
from qsh_desk.services.search_keys import matches_person, query_terms


def _child(session: Session, actor: Actor, child_id: int) -> Child:
    child = session.get(Child, child_id)
    if child is None or child.station_id != actor.station_id:
        raise NotFound(f"没有找到编号为 {child_id} 的儿童。请重新搜索。")
    return child




# ---------------------------------------------------------------------------------------------- search


def find_children(db: Database, actor: Actor, query: str = "", *, limit: int = SEARCH_LIMIT,
                  include_inactive: bool = False) -> list[ChildRef]:
    """Children whose name, pinyin or initials start with the query (or whose card code it is); all if empty."""
    require(db, actor, Permission.ARCHIVE, what="archive_search")
    terms = query_terms(query)
    with reading(db, actor) as work:
        session = work.session
        stmt = select(Child).where(Child.station_id == actor.station_id)
        if not include_inactive:
            stmt = stmt.where(Child.active.is_(True), Child.archived_at.is_(None))
        for term in terms:
            stmt = stmt.where(matches_person(Child.search_keys, Child.card_code, term))
        rows = session.scalars(stmt.order_by(Child.sort_name, Child.name, Child.id).limit(limit)).all()
        return [child_ref(row) for row in rows]


# ---------------------------------------------------------------------------------------------- reading


def get_archive(db: Database, actor: Actor, child_id: int, *, opened: bool = True) -> ChildArchive:
    """Everything on file for one child. Opening it is a look at a minor's sensitive data, and audited;
    `opened=False` is a view that already shows this child refreshing itself after a change: no new look."""
    with reading(db, actor, Permission.ARCHIVE, what="archive", child_id=child_id) as work:
        session = work.session
        child = _child(session, actor, child_id)
        parents = session.scalars(select(Parent).where(Parent.child_id == child_id).order_by(Parent.id)).all()
        labels = {p.id: parent_label(p.relation, p.name) or "" for p in parents}
        contacts = session.scalars(
            select(ParentContact).where(ParentContact.child_id == child_id)
            .order_by(ParentContact.contacted_at.desc(), ParentContact.id.desc())
        ).all()
        visits = session.scalars(
            select(HomeVisit).where(HomeVisit.child_id == child_id)
            .order_by(HomeVisit.visited_on.desc(), HomeVisit.id.desc())
        ).all()
        guardianship = session.get(Guardianship, child_id)
        archive = ChildArchive(
            child=child_ref(child),
            parents=tuple(parent_record(p, actor) for p in parents),
            guardianship=guardianship_record(guardianship, actor) if guardianship else None,
            contacts=tuple(contact_record(c, labels) for c in contacts),
            home_visits=tuple(home_visit_record(v) for v in visits),
            timeline=tuple(_timeline(session, child_id, labels)),
        )
        if opened:
            work.audit("read", "archive", entity_id=child_id, child_id=child_id)
    return archive


def child_timeline(db: Database, actor: Actor, child_id: int) -> list[TimelineEntry]:
    """Contacts, home visits, sessions attended and check-ins of one child, newest first (audited)."""
    with reading(db, actor, Permission.ARCHIVE, what="archive_timeline", child_id=child_id) as work:
        session = work.session
        _child(session, actor, child_id)
        labels = {
            pid: parent_label(rel, name) or ""
            for pid, rel, name in session.execute(
                select(Parent.id, Parent.relation, Parent.name).where(Parent.child_id == child_id)
            )
        }
        entries = _timeline(session, child_id, labels)
        work.audit("read", "archive_timeline", entity_id=child_id, child_id=child_id)
    return entries


def _timeline(session: Session, child_id: int, parent_labels: dict[int, str]) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    linked_sessions: set[int] = set()
    for c in session.scalars(select(ParentContact).where(ParentContact.child_id == child_id)):
        who = parent_labels.get(c.parent_id) if c.parent_id else None
        parts = [f"{INITIATOR_TITLES.get(c.initiated_by, c.initiated_by)}发起"]
        if c.duration_minutes:
            parts.append(f"{c.duration_minutes} 分钟")
        if c.child_mood:
            parts.append(f"孩子情绪：{c.child_mood}")
        if c.session_id:
            linked_sessions.add(c.session_id)
            parts.append("已记为思亲梦活动")
        detail = "，".join(parts) + ("。" + c.summary if c.summary else "")
        entries.append(TimelineEntry(c.contacted_at, True, "contact", "亲子联系",
                                     f"{c.channel}" + (f" · {who}" if who else ""), detail, c.id))
    for v in session.scalars(select(HomeVisit).where(HomeVisit.child_id == child_id)):
        detail = "；".join(x for x in (f"见到：{v.met_whom}" if v.met_whom else "", v.findings or "",
                                      f"需求：{v.needs}" if v.needs else "") if x)
        entries.append(TimelineEntry(dt.datetime.combine(v.visited_on, dt.time()), False, "home_visit", "家访",
                                     f"家访 · {v.visitors}", detail, v.id))
    attended = session.execute(
        select(ProgrammeSession.id, ProgrammeSession.starts_at, ProgrammeSession.theme, Dream.dream_name)
        .join(SessionParticipant, SessionParticipant.session_id == ProgrammeSession.id)
        .join(Dream, Dream.id == ProgrammeSession.dream_id)
        .where(SessionParticipant.child_id == child_id)
    )
    for sid, starts_at, theme, dream_name in attended:
        if sid in linked_sessions:
            continue  # the contact that created it already stands for it
        entries.append(TimelineEntry(starts_at, True, "session", "参加活动", f"{dream_name} · {theme}", "", sid))
    for visit in session.scalars(select(ChildVisit).where(ChildVisit.child_id == child_id)):
        if visit.checked_out_at is None:
            detail = "仍在站内"
        elif visit.went_home_alone:
            detail = f"{visit.checked_out_at:%H:%M} 签退，自行回家"
        else:
            who = " ".join(x for x in (visit.collector_relation, visit.collector_name) if x)
            detail = f"{visit.checked_out_at:%H:%M} 签退" + (f"，{who}接走" if who else "")
        entries.append(TimelineEntry(visit.checked_in_at, True, "visit", "到站", "到站签到", detail, visit.id))
    entries.sort(key=lambda e: (e.at, e.kind), reverse=True)
    return entries


# ---------------------------------------------------------------------------------------------- alerts


def alerts(db: Database, actor: Actor, today: dt.date | None = None, *,
           return_within_days: int = RETURN_WINDOW_DAYS, opened: bool = True) -> Alerts:
    """The social worker's start page: who has had no contact, overdue follow-ups, poor care, parents coming home.

    Opening it is audited; `opened=False` is the start page on screen refreshing itself after a change."""
    require(db, actor, Permission.ARCHIVE, what="archive_alerts")
    today = today or clock.today()
    days = int(settings.station_value(db, actor.station_id, "no_contact_days"))
    end_of_today = dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
    sid = actor.station_id
    with reading(db, actor) as work:
        session = work.session
        # Columns only, not ORM rows: a district database holds thousands of children.
        registered: dict[int, dt.datetime] = {}
        refs: dict[int, ChildRef] = {}
        for cid, name, gender, grade, code, created_at in session.execute(
            select(Child.id, Child.name, Child.gender, Child.grade, Child.card_code, Child.created_at)
            .where(Child.station_id == sid, Child.active.is_(True), Child.archived_at.is_(None))
        ):
            refs[cid] = ChildRef(cid, name, gender, grade, code)
            registered[cid] = created_at
        last = dict(
            session.execute(
                select(ParentContact.child_id, func.max(ParentContact.contacted_at))
                .where(ParentContact.station_id == sid, ParentContact.contacted_at < end_of_today)
                .group_by(ParentContact.child_id)
            ).all()
        )
        silent: list[tuple[int, dt.datetime | None, int]] = []
        for cid in refs:
            # A child registered recently is not "out of contact" before the period has passed.
            since = last.get(cid) or registered[cid]
            gap = (today - since.date()).days
            if gap >= days:
                silent.append((cid, last.get(cid), gap))
        # Whom to call: the first parent on file with a phone number (tuples, not ORM rows, for speed).
        first_parent: dict[int, tuple[str, str | None]] = {}
        if silent:
            wanted = {cid for cid, _, _ in silent}
            for child_id, relation, name, phone in session.execute(
                select(Parent.child_id, Parent.relation, Parent.name, Parent.phone)
                .join(Child, Child.id == Parent.child_id).where(Child.station_id == sid).order_by(Parent.id)
            ):
                if child_id in wanted and (child_id not in first_parent or (first_parent[child_id][1] is None and phone)):
                    first_parent[child_id] = (parent_label(relation, name) or "", phone)
        no_contact = tuple(
            NoContactAlert(refs[cid], when, gap, first_parent.get(cid, (None, None))[0],
                           _list_phone(first_parent.get(cid, (None, None))[1]))
            for cid, when, gap in sorted(silent, key=lambda s: (-s[2], refs[s[0]].name))
        )

        overdue: list[OverdueFollowUp] = []
        for c in session.execute(
            select(ParentContact.id, ParentContact.child_id, ParentContact.contacted_at, ParentContact.channel,
                   ParentContact.summary, ParentContact.follow_up_due).where(
                ParentContact.station_id == sid, ParentContact.follow_up_needed.is_(True),
                ParentContact.follow_up_due < today, ParentContact.follow_up_done_on.is_(None),
            )
        ):
            if c.child_id in refs:
                what = f"{c.contacted_at:%m-%d} {c.channel}联系后的跟进" + (f"：{_short(c.summary)}" if c.summary else "")
                overdue.append(OverdueFollowUp(refs[c.child_id], "contact", c.id, c.follow_up_due,
                                               (today - c.follow_up_due).days, what))
        for v in session.execute(
            select(HomeVisit.id, HomeVisit.child_id, HomeVisit.visited_on, HomeVisit.follow_up_actions,
                   HomeVisit.follow_up_due).where(
                HomeVisit.station_id == sid, HomeVisit.follow_up_due < today, HomeVisit.follow_up_done_on.is_(None)
            )
        ):
            if v.child_id in refs:
                what = f"{v.visited_on:%m-%d} 家访后的跟进" + (f"：{_short(v.follow_up_actions)}" if v.follow_up_actions else "")
                overdue.append(OverdueFollowUp(refs[v.child_id], "home_visit", v.id, v.follow_up_due,
                                               (today - v.follow_up_due).days, what))
        overdue.sort(key=lambda o: (o.due, o.child.name))

        poor = tuple(
            PoorGuardianship(refs[g.child_id], g.kind, g.delegate_name)
            for g in session.execute(select(Guardianship.child_id, Guardianship.kind, Guardianship.delegate_name)
                                     .where(Guardianship.quality == "差"))
            if g.child_id in refs
        )
        returns = [
            ReturnSoon(refs[p.child_id], p.id, parent_label(p.relation, p.name) or p.relation, p.next_return,
                       (p.next_return - today).days)
            for p in session.execute(
                select(Parent.id, Parent.child_id, Parent.relation, Parent.name, Parent.next_return).where(
                    Parent.next_return >= today, Parent.next_return <= today + dt.timedelta(days=return_within_days)
                )
            )
            if p.child_id in refs
        ]
        returns.sort(key=lambda r: (r.next_return, r.child.name))
        result = Alerts(today, days, no_contact, tuple(overdue), tuple(sorted(poor, key=lambda p: p.child.name)),
                        tuple(returns))
        if opened:
            work.audit("read", "archive_alerts",
                         detail={"today": today, "no_contact": len(no_contact), "overdue": len(overdue),
                                 "poor_guardianship": len(poor), "returns_soon": len(returns)})
    return result


def _list_phone(phone: str | None) -> str | None:
    return mask_phone(phone)  # lists always show masked numbers; the full number is on the record


def _short(text_value: str, limit: int = 24) -> str:
    return text_value if len(text_value) <= limit else text_value[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------- export


def export_xlsx(db: Database, actor: Actor, path: str | os.PathLike[str], *, full_details: bool = False) -> ExportSummary:
    """The whole archive of the station as an Excel workbook (administrators only; audited).

    Phone and ID numbers are masked unless `full_details` is asked for (and that choice is audited too).
    """
    require(db, actor, Permission.ARCHIVE, what="archive_export")
    require(db, actor, Permission.EXPORT, what="archive_export")

    def phone(value: str | None) -> str | None:
        return value if full_details else _list_phone(value)

    def id_number(value: str | None) -> str | None:
        return value if full_details and actor.can(Permission.SEE_ID_NUMBERS) else mask_id_number(value)

    sid = actor.station_id
    with reading(db, actor) as work:
        session = work.session
        children = session.scalars(select(Child).where(Child.station_id == sid).order_by(Child.sort_name, Child.name, Child.id)).all()
        names = {c.id: (c.name, c.card_code) for c in children}
        guardianships = {g.child_id: g for g in session.scalars(select(Guardianship).join(Child).where(Child.station_id == sid))}
        last = dict(session.execute(select(ParentContact.child_id, func.max(ParentContact.contacted_at))
                                    .where(ParentContact.station_id == sid).group_by(ParentContact.child_id)).all())
        care = []
        for c in children:
            g = guardianships.get(c.id)
            care.append([
                c.name, c.card_code, c.gender, c.grade,
                g.kind if g else None, g.quality if g else None, g.delegate_name if g else None,
                g.delegate_relation if g else None, phone(g.delegate_phone) if g else None,
                id_number(g.delegate_id_number) if g else None, g.delegate_address if g else None,
                ("是" if g.agreement_on_file else "否") if g else None, g.income_source if g else None,
                g.assistance if g else None, last.get(c.id),
            ])
        parents = session.scalars(select(Parent).join(Child).where(Child.station_id == sid).order_by(Parent.child_id, Parent.id)).all()
        labels = {p.id: parent_label(p.relation, p.name) for p in parents}
        parent_rows = [[*names[p.child_id], p.relation, p.name, phone(p.phone), phone(p.phone2), p.wechat,
                        p.work_province, p.work_city, p.work_address, p.employer, p.occupation,
                        p.return_frequency, p.last_return, p.next_return, p.notes] for p in parents]
        contacts = session.scalars(select(ParentContact).where(ParentContact.station_id == sid)
                                   .order_by(ParentContact.child_id, ParentContact.contacted_at)).all()
        contact_rows = [[*names[c.child_id], c.contacted_at, c.channel, INITIATOR_TITLES.get(c.initiated_by),
                         labels.get(c.parent_id) if c.parent_id else None, c.duration_minutes, c.summary,
                         c.child_mood, "是" if c.follow_up_needed else "否", c.follow_up_due, c.follow_up_done_on]
                        for c in contacts]
        visits = session.scalars(select(HomeVisit).where(HomeVisit.station_id == sid)
                                 .order_by(HomeVisit.child_id, HomeVisit.visited_on)).all()
        visit_rows = [[*names[v.child_id], v.visited_on, v.visitors, v.met_whom, v.findings, v.needs,
                       v.follow_up_actions, v.follow_up_due, v.follow_up_done_on] for v in visits]
        phones = {"电话", "电话2"}
        workbook.write(
            path,
            workbook.Sheet("儿童与监护", ("儿童", "卡号", "性别", "年级", "监护类型", "监护情况", "委托监护人", "关系",
                                     "电话", "身份证号", "住址", "协议存档", "家庭经济来源", "救助帮扶", "最近联系"),
                           care, phones | {"卡号", "身份证号"}),
            workbook.Sheet("父母", ("儿童", "卡号", "关系", "姓名", "电话", "电话2", "微信", "务工省份", "务工城市",
                                  "务工地址", "工作单位", "职业", "回家频率", "上次回家", "下次计划回家", "备注"),
                           parent_rows, phones | {"卡号"}),
            workbook.Sheet("亲子联系", ("儿童", "卡号", "时间", "方式", "发起方", "家长", "时长（分钟）", "内容摘要",
                                    "孩子情绪", "需要跟进", "跟进期限", "跟进完成"), contact_rows, {"卡号"}),
            workbook.Sheet("家访", ("儿童", "卡号", "日期", "家访人员", "见到的人", "了解到的情况", "需求", "后续措施",
                                  "跟进期限", "跟进完成"), visit_rows, {"卡号"}),
        )
        summary = ExportSummary(str(path), len(children), len(parents), len(contacts), len(visits))
        work.audit("export", "archive",
                   detail={**asdict(summary), "path": os.path.basename(str(path)), "full_details": full_details})
    return summary
