"""活动记录: log, edit, delete and list 十个梦 programme sessions, with participants, helpers and photos."""

from __future__ import annotations

from collections.abc import Callable

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    Dream,
    ProgrammeSession,
    SessionParticipant,
    SessionPhoto,
    SessionVolunteer,
    User,
    Volunteer,
)
from qsh_desk.services import audit
from qsh_desk.services import photos, workbook
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import InvalidInput, NotFound, Problem

SESSION_CHANGED = "这条活动记录刚被别人改过：请关闭后重新打开，再修改。"
MAX_PHOTOS = 4
PHOTOS_SUBDIR = "photos/sessions"  # under the data directory; the database stores paths relative to it
LIST_LIMIT = 1000
SEARCH_LIMIT = 20


@dataclass(frozen=True)
class PersonRef:
    """A child, volunteer or staff user as a form shows it: who, and a hint to tell namesakes apart."""

    id: int
    name: str
    hint: str = ""


@dataclass(frozen=True)
class SessionDraft:
    """What the session form holds; `photos` are stored relative paths (kept) or files to copy in (new)."""

    dream_id: int
    starts_at: dt.datetime
    theme: str
    ends_at: dt.datetime | None = None
    place: str | None = None
    organiser_volunteer_id: int | None = None
    organiser_user_id: int | None = None
    helper_ids: tuple[int, ...] = ()
    participant_ids: tuple[int, ...] = ()
    summary: str | None = None
    follow_up: str | None = None
    photos: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionRow:
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    dream_id: int
    dream_name: str
    colour: str
    theme: str
    place: str | None
    organiser: str
    participants: int
    photos: int


@dataclass(frozen=True)
class SessionDetail:
    id: int
    version: int
    dream_id: int
    dream_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    theme: str
    place: str | None
    organiser_volunteer: PersonRef | None
    organiser_user: PersonRef | None
    helpers: tuple[PersonRef, ...]
    participants: tuple[PersonRef, ...]
    summary: str | None
    follow_up: str | None
    photos: tuple[str, ...] = field(default=())  # relative to the data directory; see photo_file()

    def draft(self) -> SessionDraft:
        """The form's starting point for editing this session."""
        return SessionDraft(
            dream_id=self.dream_id,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            theme=self.theme,
            place=self.place,
            organiser_volunteer_id=self.organiser_volunteer.id if self.organiser_volunteer else None,
            organiser_user_id=self.organiser_user.id if self.organiser_user else None,
            helper_ids=tuple(p.id for p in self.helpers),
            participant_ids=tuple(p.id for p in self.participants),
            summary=self.summary,
            follow_up=self.follow_up,
            photos=self.photos,
        )


def photo_file(relative: str) -> Path:
    """Where a stored photo is on this PC."""
    return photos.path_of(relative)


def day_bounds(date_from: dt.date | None, date_to: dt.date | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    start = dt.datetime.combine(date_from, dt.time()) if date_from else None
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()) if date_to else None
    return start, end


# ---- people for the form ---------------------------------------------------------------------------------


# ---- validation ------------------------------------------------------------------------------------------


def _problems_in(draft: SessionDraft) -> list[Problem]:
    problems: list[Problem] = []
    theme = (draft.theme or "").strip()
    if not theme:
        problems.append(Problem("请填写活动主题。", field="主题"))
    elif len(theme) > 200:
        problems.append(Problem("主题太长：请不超过 200 个字。", field="主题"))
    if draft.place and len(draft.place.strip()) > 100:
        problems.append(Problem("地点太长：请不超过 100 个字。", field="地点"))
    if draft.ends_at is not None and draft.ends_at < draft.starts_at:
        problems.append(Problem("结束时间早于开始时间：请检查时间。", field="结束时间", value=f"{draft.ends_at:%H:%M}"))
    if draft.organiser_volunteer_id is not None and draft.organiser_user_id is not None:
        problems.append(Problem("组织者只能选一位：志愿者或工作人员。", field="组织者"))
    if len(draft.photos) > MAX_PHOTOS:
        problems.append(Problem(f"照片最多 {MAX_PHOTOS} 张：请去掉 {len(draft.photos) - MAX_PHOTOS} 张。", field="照片"))
    return problems


def _check_references(session: Session, actor: Actor, draft: SessionDraft, problems: list[Problem],
                      *, existing_dream_id: int | None = None) -> Dream | None:
    dream = session.get(Dream, draft.dream_id)
    if dream is None or dream.station_id != actor.station_id:
        problems.append(Problem("请选择一个活动类别（哪个梦）。", field="梦"))
        dream = None
    elif not dream.active and dream.id != existing_dream_id:
        problems.append(Problem(f"“{dream.dream_name}”已停用：请选另一个类别，或先在类别管理里启用它。", field="梦"))

    def missing(model, ids: tuple[int, ...]) -> set[int]:  # noqa: ANN001 - an ORM class
        if not ids:
            return set()
        found = set(session.scalars(select(model.id).where(model.id.in_(ids), model.station_id == actor.station_id)))
        return set(ids) - found

    if missing(Child, draft.participant_ids):
        problems.append(Problem("有参与儿童在花名册里找不到了：请刷新名单后再保存。", field="参与儿童"))
    volunteer_ids = draft.helper_ids + ((draft.organiser_volunteer_id,) if draft.organiser_volunteer_id else ())
    if missing(Volunteer, volunteer_ids):
        problems.append(Problem("有志愿者在名单里找不到了：请刷新后再选。", field="志愿者"))
    if draft.organiser_user_id is not None and missing(User, (draft.organiser_user_id,)):
        problems.append(Problem("找不到这位工作人员：请重新选择组织者。", field="组织者"))
    return dream


def _new_photo_problems(new_files: list[Path]) -> list[Problem]:
    return [problem for problem in map(photos.problem_with, new_files) if problem is not None]


def _copy_photo(source: Path, session_id: int) -> str:
    return photos.store(source, f"{PHOTOS_SUBDIR}/{session_id}", "photo")


def _remove_files(relatives: list[str]) -> None:
    photos.remove(relatives)


# ---- writing ---------------------------------------------------------------------------------------------


def _apply(session: Session, row: ProgrammeSession, draft: SessionDraft, kept: list[str], new_files: list[Path],
           copied: list[str]) -> None:
    """Write the draft onto the row and replace its people and photos (copying new photo files in)."""
    row.dream_id = draft.dream_id
    row.starts_at = draft.starts_at.replace(microsecond=0)
    row.ends_at = draft.ends_at.replace(microsecond=0) if draft.ends_at else None
    row.theme = draft.theme.strip()
    row.place = (draft.place or "").strip() or None
    row.organiser_volunteer_id = draft.organiser_volunteer_id
    row.organiser_user_id = draft.organiser_user_id
    row.summary = (draft.summary or "").strip() or None
    row.follow_up = (draft.follow_up or "").strip() or None
    session.flush()
    session.query(SessionParticipant).filter(SessionParticipant.session_id == row.id).delete()
    session.query(SessionVolunteer).filter(SessionVolunteer.session_id == row.id).delete()
    session.query(SessionPhoto).filter(SessionPhoto.session_id == row.id).delete()
    session.add_all(SessionParticipant(session_id=row.id, child_id=c) for c in dict.fromkeys(draft.participant_ids))
    session.add_all(SessionVolunteer(session_id=row.id, volunteer_id=v) for v in dict.fromkeys(draft.helper_ids))
    for source in new_files:
        copied.append(_copy_photo(source, row.id))
    for order, relative in enumerate(kept + copied):
        session.add(SessionPhoto(session_id=row.id, path=relative, sort_order=order))


def snapshot(session: Session, row: ProgrammeSession) -> dict:
    dream = session.get(Dream, row.dream_id)
    return {
        "dream": dream.dream_name if dream else row.dream_id,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "theme": row.theme,
        "place": row.place,
        "organiser_volunteer_id": row.organiser_volunteer_id,
        "organiser_user_id": row.organiser_user_id,
        "summary": row.summary,
        "follow_up": row.follow_up,
        "participants": sorted(session.scalars(
            select(SessionParticipant.child_id).where(SessionParticipant.session_id == row.id))),
        "helpers": sorted(session.scalars(
            select(SessionVolunteer.volunteer_id).where(SessionVolunteer.session_id == row.id))),
        "photos": list(session.scalars(
            select(SessionPhoto.path).where(SessionPhoto.session_id == row.id).order_by(SessionPhoto.sort_order))),
    }


def _split_photos(draft: SessionDraft, stored: set[str]) -> tuple[list[str], list[Path]]:
    kept = [p for p in draft.photos if p in stored]
    new_files = [Path(p) for p in draft.photos if p not in stored]
    return kept, new_files


def log_session(
    db: Database,
    actor: Actor,
    draft: SessionDraft,
    *,
    within: Callable[[Session, int], None] | None = None,
) -> int:
    """Log a session (duty volunteers may); photos are copied into the data directory. Returns its id.

    `within(session, session_id)` runs inside the same transaction, for callers that must write something
    together with the record (a plan marked as held).
    """
    require(db, actor, Permission.SESSION_LOG, what="programme_session")
    problems = _problems_in(draft)
    kept, new_files = _split_photos(draft, set())
    problems += _new_photo_problems(new_files)
    copied: list[str] = []
    try:
        with unit_of_work(db, actor) as work:
            session = work.session
            _check_references(session, actor, draft, problems)
            if problems:
                raise InvalidInput(problems)
            row = ProgrammeSession(station_id=actor.station_id, dream_id=draft.dream_id, starts_at=draft.starts_at,
                                   theme=draft.theme)
            session.add(row)
            _apply(session, row, draft, kept, new_files, copied)
            audit.record(session, actor, "create", "programme_session", entity_id=row.id,
                         detail=snapshot(session, row))
            if within is not None:
                within(session, row.id)
            return row.id
    except BaseException:
        _remove_files(copied)  # nothing was saved, so the copies belong to nobody
        raise


def _load(session: Session, actor: Actor, session_id: int) -> ProgrammeSession:
    row = session.get(ProgrammeSession, session_id)
    if row is None or row.station_id != actor.station_id:
        raise NotFound("找不到这条活动记录：可能已被删除，请刷新列表。")
    return row


def update_session(db: Database, actor: Actor, session_id: int, draft: SessionDraft, *, expected_version: int) -> None:
    """Change a logged session (needs 管理活动); audited with before and after."""
    require(db, actor, Permission.SESSION_MANAGE, what="programme_session")
    problems = _problems_in(draft)
    copied: list[str] = []
    dropped: list[str] = []
    try:
        with unit_of_work(db, actor, stale=SESSION_CHANGED) as work:
            session = work.session
            row = _load(session, actor, session_id)
            work.expect_version(row, expected_version)
            before = snapshot(session, row)
            kept, new_files = _split_photos(draft, set(before["photos"]))
            problems += _new_photo_problems(new_files)
            _check_references(session, actor, draft, problems, existing_dream_id=row.dream_id)
            if problems:
                raise InvalidInput(problems)
            _apply(session, row, draft, kept, new_files, copied)
            # People and photos live in other tables: mark the row changed so its version moves on anyway,
            # and a second editor holding the old version is refused.
            flag_modified(row, "theme")
            session.flush()
            after = snapshot(session, row)
            dropped = [p for p in before["photos"] if p not in after["photos"]]
            if before != after:
                audit.record(session, actor, "update", "programme_session", entity_id=row.id,
                             detail=audit.changes(before, after))
    except BaseException:
        _remove_files(copied)
        raise
    _remove_files(dropped)


def delete_session(db: Database, actor: Actor, session_id: int) -> None:
    """Delete a logged session and its photos (needs 管理活动); the audit row keeps what it was."""
    with unit_of_work(db, actor, Permission.SESSION_MANAGE, what="programme_session") as work:
        session = work.session
        row = _load(session, actor, session_id)
        before = snapshot(session, row)
        session.delete(row)
        audit.record(session, actor, "delete", "programme_session", entity_id=session_id, detail={"before": before})
    _remove_files(before["photos"])


# ---- reading ---------------------------------------------------------------------------------------------


def get_session(db: Database, actor: Actor, session_id: int) -> SessionDetail:
    with unit_of_work(db, actor, Permission.SESSION_LOG, what="programme_session") as work:
        session = work.session
        row = _load(session, actor, session_id)
        dream = session.get(Dream, row.dream_id)
        organiser_volunteer = session.get(Volunteer, row.organiser_volunteer_id) if row.organiser_volunteer_id else None
        organiser_user = session.get(User, row.organiser_user_id) if row.organiser_user_id else None
        helpers = session.execute(
            select(Volunteer.id, Volunteer.name, Volunteer.card_code)
            .join(SessionVolunteer, SessionVolunteer.volunteer_id == Volunteer.id)
            .where(SessionVolunteer.session_id == row.id).order_by(Volunteer.sort_name, Volunteer.name)
        ).all()
        participants = session.execute(
            select(Child.id, Child.name, Child.card_code)
            .join(SessionParticipant, SessionParticipant.child_id == Child.id)
            .where(SessionParticipant.session_id == row.id).order_by(Child.sort_name, Child.name)
        ).all()
        photos = session.scalars(
            select(SessionPhoto.path).where(SessionPhoto.session_id == row.id).order_by(SessionPhoto.sort_order)
        ).all()
        return SessionDetail(
            id=row.id,
            version=row.version,
            dream_id=row.dream_id,
            dream_name=dream.dream_name if dream else "",
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            theme=row.theme,
            place=row.place,
            organiser_volunteer=PersonRef(organiser_volunteer.id, organiser_volunteer.name)
            if organiser_volunteer else None,
            organiser_user=PersonRef(organiser_user.id, organiser_user.display_name) if organiser_user else None,
            helpers=tuple(PersonRef(h.id, h.name, h.card_code) for h in helpers),
            participants=tuple(PersonRef(p.id, p.name, p.card_code) for p in participants),
            summary=row.summary,
            follow_up=row.follow_up,
            photos=tuple(photos),
        )


def _sessions_query(actor: Actor, *, dream_id: int | None, date_from: dt.date | None, date_to: dt.date | None,
                    child_id: int | None):  # noqa: ANN202 - a SQLAlchemy Select
    participants = (
        select(func.count()).where(SessionParticipant.session_id == ProgrammeSession.id).scalar_subquery()
    )
    photos = select(func.count()).where(SessionPhoto.session_id == ProgrammeSession.id).scalar_subquery()
    organiser = func.coalesce(Volunteer.name, User.display_name, "")
    query = (
        select(ProgrammeSession, Dream.dream_name, Dream.colour, organiser.label("organiser"),
               participants.label("participants"), photos.label("photos"))
        .join(Dream, Dream.id == ProgrammeSession.dream_id)
        .outerjoin(Volunteer, Volunteer.id == ProgrammeSession.organiser_volunteer_id)
        .outerjoin(User, User.id == ProgrammeSession.organiser_user_id)
        .where(ProgrammeSession.station_id == actor.station_id)
    )
    start, end = day_bounds(date_from, date_to)
    if start is not None:
        query = query.where(ProgrammeSession.starts_at >= start)
    if end is not None:
        query = query.where(ProgrammeSession.starts_at < end)
    if dream_id is not None:
        query = query.where(ProgrammeSession.dream_id == dream_id)
    if child_id is not None:
        query = query.where(exists().where(and_(SessionParticipant.session_id == ProgrammeSession.id,
                                                SessionParticipant.child_id == child_id)))
    return query


def list_sessions(
    db: Database,
    actor: Actor,
    *,
    dream_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    child_id: int | None = None,
    limit: int = LIST_LIMIT,
) -> list[SessionRow]:
    """Sessions newest first, filtered by dream, date range (inclusive) and a child who took part."""
    require(db, actor, Permission.SESSION_LOG, what="programme_session", child_id=child_id)
    query = _sessions_query(actor, dream_id=dream_id, date_from=date_from, date_to=date_to, child_id=child_id)
    with reading(db, actor) as work:
        session = work.session
        rows = session.execute(
            query.order_by(ProgrammeSession.starts_at.desc(), ProgrammeSession.id.desc()).limit(limit)
        ).all()
        return [
            SessionRow(
                id=r[0].id, starts_at=r[0].starts_at, ends_at=r[0].ends_at, dream_id=r[0].dream_id,
                dream_name=r.dream_name, colour=r.colour, theme=r[0].theme, place=r[0].place,
                organiser=r.organiser, participants=r.participants, photos=r.photos,
            )
            for r in rows
        ]


EXPORT_HEADERS = ("日期", "开始", "结束", "梦", "主题", "地点", "组织者", "协助志愿者", "参与人数", "参与儿童", "活动小结",
                  "后续跟进", "照片数")


def export_sessions(db: Database, actor: Actor, path: str | Path, *, date_from: dt.date, date_to: dt.date) -> int:
    """The 活动记录 of a period as an Excel workbook (needs 导出数据; audited). Returns the number of sessions."""
    require(db, actor, Permission.EXPORT, what="programme_session")
    if date_to < date_from:
        raise InvalidInput(Problem("结束日期早于开始日期：请检查日期。", field="日期"))
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise InvalidInput(Problem("导出文件名要以 .xlsx 结尾。", field="文件", value=target.name))
    query = _sessions_query(actor, dream_id=None, date_from=date_from, date_to=date_to, child_id=None)
    with reading(db, actor) as work:
        session = work.session
        rows = session.execute(query.order_by(ProgrammeSession.starts_at, ProgrammeSession.id)).all()
        ids = [r[0].id for r in rows]
        names: dict[int, list[str]] = {i: [] for i in ids}
        helpers: dict[int, list[str]] = {i: [] for i in ids}
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            for sid, name in session.execute(
                select(SessionParticipant.session_id, Child.name).join(Child, Child.id == SessionParticipant.child_id)
                .where(SessionParticipant.session_id.in_(chunk)).order_by(Child.sort_name, Child.name)
            ):
                names[sid].append(name)
            for sid, name in session.execute(
                select(SessionVolunteer.session_id, Volunteer.name)
                .join(Volunteer, Volunteer.id == SessionVolunteer.volunteer_id)
                .where(SessionVolunteer.session_id.in_(chunk)).order_by(Volunteer.sort_name, Volunteer.name)
            ):
                helpers[sid].append(name)
        table = [
            [s.starts_at.date(), s.starts_at.strftime("%H:%M"), s.ends_at.strftime("%H:%M") if s.ends_at else "",
             r.dream_name, s.theme, s.place or "", r.organiser, "、".join(helpers[s.id]), r.participants,
             "、".join(names[s.id]), s.summary or "", s.follow_up or "", r.photos]
            for r in rows for s in (r[0],)
        ]
        workbook.write(target, workbook.Sheet("活动记录", EXPORT_HEADERS, table))
        work.audit("export", "programme_session",
                   detail={"file": target.name, "from": date_from, "to": date_to, "rows": len(rows)})
    return len(rows)
