"""给爸爸妈妈的信: a month's letter to a child's parents made from the desk's records, its lines, and its sending.

Only social workers and administrators make letters (they draw on the 父母档案); every letter made is a read of
that child's archive and audited. A letter shows one child only: its days, its sessions, photos of it in which
every child has a guardian's photo consent, and the station's phone — never a parent's or another child's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    ChildVisit,
    Consent,
    Dream,
    Letter,
    Parent,
    ParentContact,
    ProgrammeSession,
    SessionParticipant,
    SessionPhoto,
    SessionPhotoChild,
)
from qsh_desk.services import archive
from qsh_desk.services import calendar as opening_calendar
from qsh_desk.services import photos as photo_store
from qsh_desk.services import settings
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.archive_records import child_ref
from qsh_desk.services.errors import Ambiguous, Candidate, InvalidInput, NotFound
from qsh_desk.services.kernel import Work, reading, unit_of_work
from qsh_desk.services.reports import parse_month, pinyin_sort_key, station_name

MAX_PHOTOS = 4
MAX_NOTE = 75  # three lines of the letter, in large type: it must stay one page
MAX_CHILD_WORDS = 48  # two lines
# How a letter is sent, as the command line says it, and the channel the 父母档案 records.
CHANNELS = {"wechat": "微信", "letter": "书信"}
# What a user may type for a parent: the archive's relations and the words a child uses.
RELATION_WORDS = {"父亲": "父亲", "爸爸": "父亲", "母亲": "母亲", "妈妈": "母亲", "其他": "其他"}
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文")
CHILD_MISSING = "找不到这个儿童：可能已被删除，请刷新后再试。"


@dataclass(frozen=True)
class LetterSession:
    day: dt.date
    dream: str  # 求知梦
    theme: str


@dataclass(frozen=True)
class LetterParent:
    id: int
    relation: str  # 父亲 / 母亲 / 其他


@dataclass(frozen=True)
class LetterData:
    """Everything one letter shows (and nothing it must not)."""

    station: str
    station_phone: str
    child_id: int
    child_name: str  # the full name, for file names and lists at the station; the letter says `given_name`
    given_name: str
    greeting: str  # 亲爱的爸爸妈妈
    year: int
    month: int
    opening_days: tuple[dt.date, ...]  # the station's opening days of the month
    came: frozenset[dt.date]  # the days the child came (an opening day or not)
    sessions: tuple[LetterSession, ...]
    photos: tuple[Path, ...]
    note: str
    child_words: str
    next_opening_days: tuple[dt.date, ...]
    parents: tuple[LetterParent, ...]  # who the letter can be marked as sent to; never printed

    @property
    def month_first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


@dataclass(frozen=True)
class LetterBatch:
    year: int
    month: int
    letters: tuple[LetterData, ...]
    without_parents: tuple[str, ...]  # children left out because no parent is on file, by name


@dataclass(frozen=True)
class LetterSent:
    contact_id: int
    child_name: str
    parent: str  # 父亲 / 母亲 / 爸爸妈妈
    channel: str
    at: dt.datetime


def given_name(name: str) -> str:
    """What the parents call the child in a letter: the given name, or the whole of a two-character name (a
    single character alone reads cold)."""
    name = "".join(name.split())
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s)), name[:1])
    rest = name[len(surname):]
    return rest if len(rest) >= 2 else name


def greeting(relations: Iterable[str]) -> str:
    """亲爱的爸爸妈妈 / 爸爸 / 妈妈, from the parents on file; 家人 when neither is."""
    found = set(relations)
    words = ("爸爸" if "父亲" in found else "") + ("妈妈" if "母亲" in found else "")
    return "亲爱的" + (words or "家人")


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date, dt.datetime, dt.datetime]:
    first, last = opening_calendar.month_range(year, month)
    return first, last, dt.datetime.combine(first, dt.time()), dt.datetime.combine(last + dt.timedelta(days=1), dt.time())


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def find_child(db: Database, actor: Actor, text: str | int) -> Candidate:
    """A child of this station by id, card code or name (the archive's own child search); several → Ambiguous."""
    require(db, actor, Permission.ARCHIVE, what="letter")
    wanted = str(text).strip()
    if not wanted:
        raise InvalidInput("请写出儿童的姓名或卡号。")
    found = archive.find_children(db, actor, wanted, limit=20)
    exact = [c for c in found if c.card_code == wanted.upper() or c.name == wanted]
    if exact:
        found = exact
    elif not found and wanted.isdigit():  # a child's number, as the command line's lists print it
        with reading(db, actor) as work:
            row = work.session.get(Child, int(wanted))
            found = [child_ref(row)] if row is not None and row.station_id == actor.station_id else []
    if not found:
        raise NotFound(f"找不到儿童“{wanted}”。请用姓名或卡号再试。")
    candidates = [Candidate(c.id, "child", f"{c.name}  {c.card_code}  {c.grade or ''}".rstrip()) for c in found]
    if len(candidates) > 1:
        raise Ambiguous(f"有 {len(candidates)} 个儿童符合“{wanted}”，请用卡号指明是哪一个：", candidates)
    return candidates[0]


def _consented(s: Session, child_ids: set[int], on: dt.date) -> set[int]:
    """The children among these whose guardian's photo consent is on file (given by `on`, not revoked by then)."""
    if not child_ids:
        return set()
    return set(s.scalars(
        select(Consent.child_id).where(Consent.child_id.in_(child_ids), Consent.kind == "photo",
                                       Consent.given_on <= on,
                                       or_(Consent.revoked_on.is_(None), Consent.revoked_on > on))
    ))


def _photos(s: Session, child_id: int, session_ids: list[int], on: dt.date) -> tuple[Path, ...]:
    """Up to four photos of the child from its sessions, each shown only if every child in it has photo consent."""
    if not session_ids:
        return ()
    tagged: dict[tuple[int, str], set[int]] = {}
    for session_id, path, someone in s.execute(
        select(SessionPhotoChild.session_id, SessionPhotoChild.path, SessionPhotoChild.child_id)
        .where(SessionPhotoChild.session_id.in_(session_ids))
    ):
        tagged.setdefault((session_id, path), set()).add(someone)
    everyone = set().union(*tagged.values()) if tagged else set()
    consented = _consented(s, everyone, on)
    rows = s.execute(
        select(SessionPhoto.session_id, SessionPhoto.path).where(SessionPhoto.session_id.in_(session_ids))
        .order_by(SessionPhoto.session_id, SessionPhoto.sort_order, SessionPhoto.id)
    ).all()
    chosen: list[Path] = []
    for session_id, path in rows:
        people = tagged.get((session_id, path), set())
        # A photo nobody ticked children in is not known to show only consenting children: it stays out.
        if child_id in people and people <= consented:
            file = photo_store.path_of(path)
            if file.is_file():
                chosen.append(file)
        if len(chosen) == MAX_PHOTOS:
            break
    return tuple(chosen)


def _letter(work: Work, child: Child, year: int, month: int, opening: tuple[dt.date, ...],
            next_opening: tuple[dt.date, ...], station: str, phone: str) -> LetterData:
    s = work.session
    first, last, start, end = _month_bounds(year, month)
    came = frozenset(moment.date() for moment in s.scalars(
        select(ChildVisit.checked_in_at).where(ChildVisit.child_id == child.id, ChildVisit.checked_in_at >= start,
                                               ChildVisit.checked_in_at < end)))
    joined = s.execute(
        select(ProgrammeSession.id, ProgrammeSession.starts_at, ProgrammeSession.theme, Dream.dream_name)
        .join(SessionParticipant, SessionParticipant.session_id == ProgrammeSession.id)
        .join(Dream, Dream.id == ProgrammeSession.dream_id)
        .where(SessionParticipant.child_id == child.id, ProgrammeSession.station_id == child.station_id,
               ProgrammeSession.starts_at >= start, ProgrammeSession.starts_at < end)
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.id)
    ).all()
    parents = s.execute(select(Parent.id, Parent.relation).where(Parent.child_id == child.id).order_by(Parent.id)).all()
    written = s.scalar(select(Letter).where(Letter.child_id == child.id, Letter.month == first))
    work.audit("read", "letter", entity_id=written.id if written else None, child_id=child.id,
               detail={"month": f"{year:04d}-{month:02d}"})
    return LetterData(
        station=station, station_phone=phone, child_id=child.id, child_name=child.name,
        given_name=given_name(child.name), greeting=greeting(r for _, r in parents), year=year, month=month,
        opening_days=opening, came=came,
        sessions=tuple(LetterSession(at.date(), dream, theme) for _, at, theme, dream in joined),
        photos=_photos(s, child.id, [row[0] for row in joined], last),
        note=(written.note or "") if written else "", child_words=(written.child_words or "") if written else "",
        next_opening_days=next_opening, parents=tuple(LetterParent(i, r) for i, r in parents),
    )


def _calendars(db: Database, actor: Actor, year: int, month: int) -> tuple[tuple[dt.date, ...], tuple[dt.date, ...]]:
    first, last, _, _ = _month_bounds(year, month)
    ny, nm = _next_month(year, month)
    nfirst, nlast, _, _ = _month_bounds(ny, nm)
    return (tuple(d.day for d in opening_calendar.opening_days(db, actor, first, last)),
            tuple(d.day for d in opening_calendar.opening_days(db, actor, nfirst, nlast)))


def _month_of(month: str | tuple[int, int]) -> tuple[int, int]:
    return parse_month(month) if isinstance(month, str) else month


def letter(db: Database, actor: Actor, child: str | int, month: str | tuple[int, int]) -> LetterData:
    """The letter of one month for one child (`child`: id, or a name or card code to find)."""
    year, number = _month_of(month)
    require(db, actor, Permission.ARCHIVE, what="letter")
    child_id = child if isinstance(child, int) else find_child(db, actor, child).id
    opening, next_opening = _calendars(db, actor, year, number)
    phone = settings.station_value(db, actor.station_id, "station_phone")
    with reading(db, actor, Permission.ARCHIVE, what="letter", child_id=child_id) as work:
        row = work.owned(Child, child_id, CHILD_MISSING)
        return _letter(work, row, year, number, opening, next_opening, station_name(work.session, actor), phone)


def letters(db: Database, actor: Actor, month: str | tuple[int, int], *, everyone: bool = False,
            progress: Callable[[int, int], None] | None = None) -> LetterBatch:
    """The letters of a month: for every child who came at least once (`everyone`: every child on the roster)
    and has a parent on file; the children without a parent on file are named, not skipped silently."""
    year, number = _month_of(month)
    require(db, actor, Permission.ARCHIVE, what="letters")
    opening, next_opening = _calendars(db, actor, year, number)
    phone = settings.station_value(db, actor.station_id, "station_phone")
    _, _, start, end = _month_bounds(year, number)
    with reading(db, actor) as work:
        s = work.session
        stmt = select(Child).where(Child.station_id == actor.station_id)
        if everyone:
            stmt = stmt.where(Child.active.is_(True), Child.archived_at.is_(None))
        else:
            stmt = stmt.where(Child.id.in_(select(ChildVisit.child_id).where(
                ChildVisit.station_id == actor.station_id, ChildVisit.checked_in_at >= start,
                ChildVisit.checked_in_at < end)))
        children = sorted(s.scalars(stmt).all(), key=lambda c: (pinyin_sort_key(c.name), c.id))
        with_parents = set(s.scalars(select(Parent.child_id).where(Parent.child_id.in_([c.id for c in children]))))
        station = station_name(s, actor)
        made: list[LetterData] = []
        missing: list[str] = []
        wanted = [c for c in children if c.id in with_parents]
        for child in children:
            if child.id not in with_parents:
                missing.append(child.name)
        for index, child in enumerate(wanted, start=1):
            made.append(_letter(work, child, year, number, opening, next_opening, station, phone))
            if progress is not None:
                progress(index, len(wanted))
    return LetterBatch(year, number, tuple(made), tuple(missing))


def save_words(db: Database, actor: Actor, child_id: int, month: str | tuple[int, int], *, note: str | None,
               child_words: str | None, expected_version: int | None = None) -> int:
    """Keep the lines a social worker (and the child) wrote for a month's letter; returns the letter's version."""
    year, number = _month_of(month)
    note = (note or "").strip()
    words = (child_words or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"老师的话最多 {MAX_NOTE} 个字（现在 {len(note)} 个），信要印在一页上：请删短一些。")
    if len(words) > MAX_CHILD_WORDS:
        raise InvalidInput(f"孩子的话最多 {MAX_CHILD_WORDS} 个字（现在 {len(words)} 个）：请删短一些。")
    with unit_of_work(db, actor, Permission.ARCHIVE, what="letter", child_id=child_id) as work:
        work.owned(Child, child_id, CHILD_MISSING)
        first = dt.date(year, number, 1)
        row = work.session.scalar(select(Letter).where(Letter.child_id == child_id, Letter.month == first))
        if row is None:
            row = Letter(station_id=actor.station_id, child_id=child_id, month=first, note=note or None,
                         child_words=words or None, written_by=actor.user_id)
            work.session.add(row)
            work.session.flush()
            work.audit("create", "letter", entity_id=row.id, child_id=child_id,
                       detail={"month": first.isoformat(), "note": row.note, "child_words": row.child_words})
        else:
            work.expect_version(row, expected_version)
            work.update(row, {"note": note or None, "child_words": words or None, "written_by": actor.user_id},
                        entity="letter", child_id=child_id)
        return row.version


def mark_sent(db: Database, actor: Actor, child: str | int, month: str | tuple[int, int], via: str,
              parent: str | None = None) -> LetterSent:
    """The letter went out (微信 or 书信): a parent contact in the 父母档案, so the no-contact alert sees it."""
    year, number = _month_of(month)
    channel = CHANNELS.get(via, via if via in CHANNELS.values() else None)
    if channel is None:
        raise InvalidInput(f"发送方式只能是 wechat（微信）或 letter（书信），填写的是“{via}”。")
    relation = None
    if parent:
        relation = RELATION_WORDS.get(parent.strip())
        if relation is None:
            raise InvalidInput(f"家长要写 父亲、母亲（或 爸爸、妈妈），填写的是“{parent}”。")
    require(db, actor, Permission.ARCHIVE, what="letter")
    child_id = child if isinstance(child, int) else find_child(db, actor, child).id
    with unit_of_work(db, actor, what="letter", child_id=child_id) as work:
        row = work.owned(Child, child_id, CHILD_MISSING)
        first = dt.date(year, number, 1)
        if first > work.today:
            raise InvalidInput(f"{year}年{number}月还没到，这个月的信还不能寄出。")
        parent_id = None
        if relation is not None:
            parent_id = work.session.scalar(select(Parent.id).where(Parent.child_id == child_id,
                                                                    Parent.relation == relation).order_by(Parent.id))
            if parent_id is None:
                raise NotFound(f"父母档案里没有{row.name}的{relation}。请先在父母档案中添加，或不写 --parent。")
        contact = ParentContact(
            station_id=actor.station_id, child_id=child_id, parent_id=parent_id, contacted_at=work.now,
            channel=channel, initiated_by="station", summary=f"给爸爸妈妈的信（{year}年{number}月）",
            recorded_by=actor.user_id, letter_month=first)
        work.session.add(contact)
        work.session.flush()
        work.audit("create", "parent_contact", entity_id=contact.id, child_id=child_id,
                   detail={"letter_month": first.isoformat(), "channel": channel, "parent_id": parent_id})
        return LetterSent(contact.id, row.name, {"父亲": "爸爸", "母亲": "妈妈"}.get(relation or "", "爸爸妈妈"),
                          channel, work.now)


def tag_photo(db: Database, actor: Actor, session_id: int, path: str, child_ids: Iterable[int]) -> tuple[int, ...]:
    """Say which children are in a session's photo (they must be among the session's participants)."""
    wanted = tuple(dict.fromkeys(child_ids))
    with unit_of_work(db, actor, Permission.SESSION_LOG, what="session_photo") as work:
        s = work.session
        work.owned(ProgrammeSession, session_id, "找不到这条活动记录：可能已被删除，请刷新列表。")
        if s.scalar(select(SessionPhoto.id).where(SessionPhoto.session_id == session_id,
                                                  SessionPhoto.path == path)) is None:
            raise NotFound("这张照片不在这次活动里：请刷新后再试。")
        present = set(s.scalars(select(SessionParticipant.child_id).where(SessionParticipant.session_id == session_id)))
        strangers = [c for c in wanted if c not in present]
        if strangers:
            raise InvalidInput("照片里勾选的儿童要先列为这次活动的参加者。")
        s.query(SessionPhotoChild).filter(SessionPhotoChild.session_id == session_id,
                                          SessionPhotoChild.path == path).delete()
        s.add_all(SessionPhotoChild(session_id=session_id, path=path, child_id=c) for c in wanted)
        work.audit("update", "session_photo", entity_id=session_id, detail={"path": path, "children": list(wanted)})
        return wanted


def photo_children(db: Database, actor: Actor, session_id: int, path: str) -> tuple[int, ...]:
    """The children ticked as being in a session's photo (the session form shows them ticked)."""
    with reading(db, actor, Permission.SESSION_LOG, what="session_photo") as work:
        work.owned(ProgrammeSession, session_id, "找不到这条活动记录：可能已被删除，请刷新列表。")
        return tuple(work.session.scalars(select(SessionPhotoChild.child_id).where(
            SessionPhotoChild.session_id == session_id, SessionPhotoChild.path == path)
            .order_by(SessionPhotoChild.child_id)))
