"""微心愿 (the 爱心圆梦站): a child's small wish written down, claimed, fulfilled or cancelled, the public board and the 台账.

The rules: a wish is 待认领 → 已认领 (by a volunteer on the roster, or an outside person or unit) → 已圆梦, or 已取消.
A wish estimated above the station's cap (微心愿金额上限, 100 元 by default) waits for a coordinator's approval
before it can be claimed; a wish claimed but not fulfilled within 微心愿认领后多少天未圆梦时提醒 days is flagged.
Two PCs claiming one wish at once: the version column lets the database decide, the second is refused.
The public board shows a child only by given name and grade — never a full name, photo, phone or school — and
a child without the guardian's consent to the board (同意上微心愿榜) only as “一名五年级的孩子”.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, Consent, Dream, Volunteer, Wish
from qsh_desk.services import photos, settings
from qsh_desk.services.access import Actor, Permission, phone_for, require
from qsh_desk.services.errors import Ambiguous, Candidate, InvalidInput, Problem, Refused
from qsh_desk.services.kernel import Work, reading, unit_of_work
from qsh_desk.services.reports import Choice, station_name

STATUS_TITLES = {"open": "待认领", "claimed": "已认领", "fulfilled": "已圆梦", "cancelled": "已取消"}
CLAIMER_TITLES = {"volunteer": "志愿者", "person": "爱心人士", "unit": "共建单位"}
PENDING_APPROVAL = "待批准"
MISSING = "找不到这个微心愿：可能已被删除，请刷新后再试。"
CLAIMED_ELSEWHERE = "这个微心愿刚刚已被别人（或另一台电脑）认领或修改，您的操作没有保存。请刷新后再看。"
MAX_WISH = 200
PHOTO_FOLDER = "wishes"

# Two-character surnames: the given name is what follows them (欧阳娜娜 → 娜娜).
COMPOUND_SURNAMES = frozenset((
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯",
    "端木", "独孤", "南宫", "西门", "澹台", "公冶", "申屠", "太史", "轩辕", "百里", "呼延", "万俟", "闻人", "拓跋",
    "钟离", "宗政", "濮阳", "淳于", "单于", "赫连", "东郭", "司空", "亓官", "左丘", "第五", "梁丘", "谷梁", "羊舌",
))


def given_name(full_name: str) -> str:
    """The given name only: 单田芳 → 田芳, 欧阳娜娜 → 娜娜 (a one-character given name stays one character)."""
    name = (full_name or "").strip()
    surname = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[surname:] if len(name) > surname else name


def board_name(full_name: str, grade: str | None, consented: bool) -> str:
    """How the public board names a child: “田芳 · 五年级”, or “一名五年级的孩子” without the guardian's consent."""
    grade = (grade or "").strip()
    if not consented:
        return f"一名{grade}的孩子" if grade else "一名孩子"
    return f"{given_name(full_name)} · {grade}" if grade else given_name(full_name)


@dataclass(frozen=True)
class WishRow:
    id: int
    child_id: int
    child_name: str  # the full name: pages for staff; the board uses `board_name`
    board_name: str
    wish: str
    value_yuan: Decimal | None
    dream: str | None
    status: str  # open / claimed / fulfilled / cancelled
    awaiting_approval: bool
    written_by: str
    written_at: dt.datetime
    claimer_kind: str | None
    claimer: str  # the volunteer's or person's name, or the unit's
    claimer_unit: str | None
    claimer_phone: str | None  # masked unless the actor may see phones
    claimed_at: dt.datetime | None
    fulfilled_on: dt.date | None
    delivery: str | None
    note: str | None
    thanks: str | None
    cancelled_reason: str | None
    has_photo: bool
    claim_overdue: bool  # claimed longer ago than the station's rule, not yet fulfilled
    version: int

    @property
    def status_title(self) -> str:
        return PENDING_APPROVAL if self.awaiting_approval else STATUS_TITLES[self.status]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "child": self.child_name, "wish": self.wish, "status": self.status,
            "status_title": self.status_title,
            "value_yuan": float(self.value_yuan) if self.value_yuan is not None else None, "dream": self.dream,
            "claimed_by": self.claimer or None, "claimer_kind": self.claimer_kind, "claimer_unit": self.claimer_unit,
            "claimer_phone": self.claimer_phone,
            "claimed_at": self.claimed_at.isoformat(timespec="minutes") if self.claimed_at else None,
            "fulfilled_on": self.fulfilled_on.isoformat() if self.fulfilled_on else None,
            "cancelled_reason": self.cancelled_reason, "claim_overdue": self.claim_overdue,
        }


@dataclass(frozen=True)
class BoardEntry:
    """One wish as the public sees it: nothing that identifies the child beyond given name and grade."""

    number: int
    child: str
    wish: str
    dream: str | None
    status_title: str
    claimer: str  # who claimed it, as the public may read it (a unit's name, a volunteer's name)


@dataclass(frozen=True)
class WishBoard:
    station: str
    day: dt.date
    status: str | None
    a3: bool
    entries: tuple[BoardEntry, ...]


@dataclass(frozen=True)
class WishRecord:
    """微心愿圆梦记录: the 台账 of one wish (restricted: the child's full name, the claimer's phone, the photo)."""

    station: str
    id: int
    child_name: str
    grade: str
    wish: str
    value: str
    dream: str
    status_title: str
    written: str
    claimer: str
    claimer_phone: str
    claimed_at: dt.datetime | None
    fulfilled_on: dt.date | None
    delivery: str
    note: str
    thanks: str
    cancelled_reason: str
    photo: Path | None


@dataclass(frozen=True)
class MonthCount:
    month: str  # 2026-11
    written: int
    claimed: int
    fulfilled: int


@dataclass(frozen=True)
class WishStats:
    start: dt.date
    end: dt.date
    months: tuple[MonthCount, ...]
    by_claimer: dict[str, int]  # claimer kind title → wishes claimed in the period
    by_dream: dict[str, int]  # dream → wishes fulfilled in the period


# ---- input ------------------------------------------------------------------------------------------------------

def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def parse_value(value: Any) -> Decimal | None:
    """An estimated value in 元 (“35”, “35.5”, “35元”), or None when left empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().removesuffix("元").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(Problem("金额请写数字，例如 35 或 35.5。", field="估计金额", value=str(value))) from None
    if amount < 0 or amount >= Decimal("1000000"):
        raise InvalidInput(Problem("金额要在 0 到 999999 元之间。", field="估计金额", value=str(value)))
    return amount.quantize(Decimal("0.01"))


def _dream_id(session: Session, actor: Actor, dream: int | str | None) -> int | None:
    if dream is None or dream == "":
        return None
    query = select(Dream.id).where(Dream.station_id == actor.station_id)
    if isinstance(dream, int):
        found = session.scalar(query.where(Dream.id == dream))
    else:
        wanted = dream.strip()
        found = session.scalar(query.where(or_(Dream.dream_name == wanted, Dream.function_name == wanted,
                                               Dream.code == wanted)))
    if found is None:
        raise InvalidInput(Problem("没有这个梦：请写十个梦里的一个，如“温暖梦”“快乐梦”。", field="梦", value=str(dream)))
    return found


def _load(work: Work, wish_id: int) -> Wish:
    return work.owned(Wish, wish_id, MISSING)


# ---- writes -----------------------------------------------------------------------------------------------------

def add_wish(db: Database, actor: Actor, child_id: int, wish: str, *, value_yuan: Any = None,
             dream: int | str | None = None) -> int:
    """Write down a child's wish in the child's words; above the cap it waits for approval. Returns its number."""
    require(db, actor, Permission.WISHES, what="wish", child_id=child_id)
    words = (wish or "").strip()
    problems = []
    if not words:
        problems.append(Problem("请写下孩子的心愿（用孩子自己的话）。", field="心愿"))
    elif len(words) > MAX_WISH:
        problems.append(Problem(f"心愿太长了，请不超过 {MAX_WISH} 字。", field="心愿"))
    if problems:
        raise InvalidInput(problems)
    value = parse_value(value_yuan)
    cap = settings.station_value(db, actor.station_id, "wish_value_cap")
    with unit_of_work(db, actor) as work:
        child = work.owned(Child, child_id, "找不到这个儿童：可能已被删除，请刷新后再试。")
        if child.archived_at is not None or not child.active:
            raise Refused(f"{child.name}已归档，不能再登记微心愿。")
        over_cap = value is not None and value > cap
        row = Wish(station_id=actor.station_id, child_id=child.id, wish=words, value_yuan=value,
                   dream_id=_dream_id(work.session, actor, dream), status="open", written_by=actor.name,
                   written_at=work.now, needs_approval=over_cap,
                   # A coordinator writing it down approves it at the same time.
                   approved_by=actor.name if over_cap and actor.can(Permission.WISH_MANAGE) else None)
        work.session.add(row)
        work.session.flush()
        work.audit("create", "wish", entity_id=row.id, child_id=child.id,
                   detail={"wish": words, "value_yuan": str(value) if value is not None else None,
                           "dream_id": row.dream_id})
        return row.id


def approve_wish(db: Database, actor: Actor, wish_id: int) -> None:
    """A coordinator approves a wish above the cap, so it can be claimed."""
    with unit_of_work(db, actor, Permission.WISH_MANAGE, what="wish", stale=CLAIMED_ELSEWHERE) as work:
        row = _load(work, wish_id)
        if not row.needs_approval or row.approved_by:
            raise Refused("这个微心愿不需要批准（或已经批准过了）。")
        work.update(row, {"approved_by": actor.name}, entity="wish", child_id=row.child_id)


def match_volunteer(db: Database, actor: Actor, name: str) -> int | None:
    """The active volunteer of this station with exactly this name (None: an outside claimer); several → Ambiguous."""
    wanted = (name or "").strip()
    with reading(db, actor, Permission.WISHES, what="wish") as work:
        found = work.session.execute(
            select(Volunteer.id, Volunteer.name, Volunteer.card_code)
            .where(Volunteer.station_id == actor.station_id, Volunteer.active.is_(True),
                   or_(Volunteer.name == wanted, Volunteer.card_code == wanted.upper()))
        ).all()
    if len(found) > 1:
        raise Ambiguous(f"有 {len(found)} 位志愿者叫“{wanted}”，请用卡号指明是哪一位：",
                        [Candidate(i, "volunteer", f"{n}  {code}") for i, n, code in found])
    return found[0][0] if found else None


def claim_wish(db: Database, actor: Actor, wish_id: int, *, volunteer_id: int | None = None,
               name: str | None = None, phone: str | None = None, unit: str | None = None) -> WishRow:
    """Claim an open wish: for a volunteer on the roster, or for an outside person or unit (a phone or a unit is
    needed to reach them). A wish claimed already — also a moment ago on another PC — is refused."""
    require(db, actor, Permission.WISHES, what="wish")
    name, phone, unit = _text(name), _text(phone), _text(unit)
    if volunteer_id is None:
        problems = []
        if name is None and unit is None:
            problems.append(Problem("请写认领人的姓名或认领单位。", field="认领人"))
        if phone is None and unit is None:
            problems.append(Problem("不是本站志愿者的认领人，请留一个电话或写明所在单位，以便联系。", field="电话"))
        if phone is not None and not (phone.replace("-", "").isdigit() and 7 <= len(phone.replace("-", "")) <= 13):
            problems.append(Problem("电话号码只能是数字，例如 13800001234 或 0791-88886666。", field="电话", value=phone))
        if problems:
            raise InvalidInput(problems)
    claim_days = _claim_days(db, actor)
    with unit_of_work(db, actor, stale=CLAIMED_ELSEWHERE) as work:
        row = _load(work, wish_id)
        _claimable(row)
        values: dict[str, Any] = {"status": "claimed", "claimed_at": work.now}
        if volunteer_id is not None:
            volunteer = work.owned(Volunteer, volunteer_id, "找不到这位志愿者：请刷新后再试。")
            values |= {"claimer_kind": "volunteer", "claimer_volunteer_id": volunteer.id, "claimer_name": volunteer.name,
                       "claimer_phone": None, "claimer_unit": unit}
        else:
            values |= {"claimer_kind": "person" if name else "unit", "claimer_volunteer_id": None,
                       "claimer_name": name, "claimer_phone": phone, "claimer_unit": unit}
        before_audit = {k: v for k, v in values.items() if k != "claimer_phone"}
        for key, value in values.items():
            setattr(row, key, value)
        work.session.flush()  # the versioned UPDATE: a claim racing this one on another PC fails here
        work.audit("claim", "wish", entity_id=row.id, child_id=row.child_id,
                   detail={k: v for k, v in before_audit.items() if v is not None and k != "claimer_volunteer_id"})
        return _rows(work, [row], claim_days)[0]


def _claimable(row: Wish) -> None:
    if row.status == "claimed":
        raise Refused(f"这个微心愿已经由“{row.claimer_name or row.claimer_unit}”认领了，不能再认领。")
    if row.status == "fulfilled":
        raise Refused("这个微心愿已经圆梦了，不能再认领。")
    if row.status == "cancelled":
        raise Refused(f"这个微心愿已取消（{row.cancelled_reason}），不能认领。")
    if row.needs_approval and not row.approved_by:
        raise Refused(f"这个微心愿估计 {row.value_yuan:g} 元，超过本站的上限，要先请社工或管理员批准，才能认领。")


def fulfil_wish(db: Database, actor: Actor, wish_id: int, *, on: dt.date | None = None, delivery: str | None = None,
                photo: str | Path | None = None, note: str | None = None, thanks: str | None = None) -> None:
    """Record a claimed wish fulfilled: the day, how it was delivered, a photo, a note and the child's thanks."""
    require(db, actor, Permission.WISH_MANAGE, what="wish")
    problems = []
    if photo:
        problem = photos.problem_with(photo)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise InvalidInput(problems)
    stored = None
    try:
        with unit_of_work(db, actor, stale=CLAIMED_ELSEWHERE) as work:
            row = _load(work, wish_id)
            day = on or work.today
            if row.status == "open":
                raise Refused("这个微心愿还没有人认领：请先登记认领人，再记录圆梦。")
            if row.status == "fulfilled":
                raise Refused(f"这个微心愿已于 {row.fulfilled_on:%Y-%m-%d} 圆梦。")
            if row.status == "cancelled":
                raise Refused("这个微心愿已取消，不能记录圆梦。")
            if day > work.today:
                raise InvalidInput(Problem("圆梦日期不能在今天之后。", field="圆梦日期", value=day.isoformat()))
            if row.claimed_at is not None and day < row.claimed_at.date():
                raise InvalidInput(Problem("圆梦日期早于认领的日期：请检查日期。", field="圆梦日期", value=day.isoformat()))
            if photo:
                stored = photos.store(photo, PHOTO_FOLDER, f"wish-{row.id}")
            work.update(row, {"status": "fulfilled", "fulfilled_on": day, "delivery": _text(delivery),
                              "photo_path": stored, "note": _text(note), "thanks": _text(thanks)},
                        entity="wish", child_id=row.child_id)
    except BaseException:
        photos.remove([stored])  # the record was not saved: no photo left without one
        raise


def cancel_wish(db: Database, actor: Actor, wish_id: int, reason: str) -> None:
    """Cancel a wish that will not come true (the child moved away, the wish changed …): the reason is kept."""
    require(db, actor, Permission.WISH_MANAGE, what="wish")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(Problem("请写明取消的原因。", field="原因"))
    with unit_of_work(db, actor, stale=CLAIMED_ELSEWHERE) as work:
        row = _load(work, wish_id)
        if row.status == "fulfilled":
            raise Refused("这个微心愿已经圆梦，不能取消。")
        if row.status == "cancelled":
            raise Refused("这个微心愿已经取消了。")
        work.update(row, {"status": "cancelled", "cancelled_reason": reason[:200]}, entity="wish", child_id=row.child_id)


# ---- reads ------------------------------------------------------------------------------------------------------

def _consented(session: Session, child_ids: list[int], today: dt.date) -> set[int]:
    if not child_ids:
        return set()
    return set(session.scalars(
        select(Consent.child_id).where(Consent.child_id.in_(child_ids), Consent.kind == "wish_board",
                                       Consent.given_on <= today,
                                       or_(Consent.revoked_on.is_(None), Consent.revoked_on > today))
    ))


def _claim_days(db: Database, actor: Actor) -> int:
    return settings.station_value(db, actor.station_id, "wish_claim_days")


def _rows(work: Work, wishes: list[Wish], claim_days: int) -> list[WishRow]:
    session, actor = work.session, work.actor
    child_ids = sorted({w.child_id for w in wishes})
    children = {c.id: c for c in session.scalars(select(Child).where(Child.id.in_(child_ids)))} if child_ids else {}
    dream_ids = {w.dream_id for w in wishes if w.dream_id}
    dreams = dict(session.execute(select(Dream.id, Dream.dream_name).where(Dream.id.in_(dream_ids))).all()) if dream_ids else {}
    consented = _consented(session, child_ids, work.today)
    rows = []
    for w in wishes:
        child = children[w.child_id]
        overdue = (w.status == "claimed" and w.claimed_at is not None
                   and (work.today - w.claimed_at.date()).days > claim_days)
        rows.append(WishRow(
            id=w.id, child_id=w.child_id, child_name=child.name,
            board_name=board_name(child.name, child.grade, w.child_id in consented), wish=w.wish,
            value_yuan=w.value_yuan, dream=dreams.get(w.dream_id), status=w.status,
            awaiting_approval=w.status == "open" and w.needs_approval and not w.approved_by,
            written_by=w.written_by, written_at=w.written_at, claimer_kind=w.claimer_kind,
            claimer=w.claimer_name or w.claimer_unit or "", claimer_unit=w.claimer_unit,
            claimer_phone=phone_for(actor, w.claimer_phone), claimed_at=w.claimed_at, fulfilled_on=w.fulfilled_on,
            delivery=w.delivery, note=w.note, thanks=w.thanks, cancelled_reason=w.cancelled_reason,
            has_photo=bool(w.photo_path), claim_overdue=overdue, version=w.version,
        ))
    return rows


def list_wishes(db: Database, actor: Actor, *, status: str | None = None, child_id: int | None = None) -> list[WishRow]:
    """The station's wishes (or one child's), newest first; `status` open / claimed / fulfilled / cancelled."""
    if status is not None and status not in STATUS_TITLES:
        raise InvalidInput(Problem("状态只能是 open、claimed、fulfilled 或 cancelled。", field="状态", value=status))
    query = select(Wish).where(Wish.station_id == actor.station_id)
    if status is not None:
        query = query.where(Wish.status == status)
    if child_id is not None:
        query = query.where(Wish.child_id == child_id)
    require(db, actor, Permission.WISHES, what="wish", child_id=child_id)
    claim_days = _claim_days(db, actor)
    with reading(db, actor) as work:
        wishes = list(work.session.scalars(query.order_by(Wish.written_at.desc(), Wish.id.desc())))
        return _rows(work, wishes, claim_days)


def open_wish_count(db: Database, actor: Actor) -> int:
    """How many wishes wait for someone to claim them (what the desk tells a volunteer checking in)."""
    return sum(1 for w in list_wishes(db, actor, status="open") if not w.awaiting_approval)


def wish_board(db: Database, actor: Actor, *, status: str | None = "open", a3: bool = False) -> WishBoard:
    """微心愿认领榜: the wishes as the public may see them (given name and grade only; see the module)."""
    rows = list_wishes(db, actor, status=status)
    if status is None:
        rows = [r for r in rows if r.status != "cancelled"]
    rows = [r for r in rows if not r.awaiting_approval]
    entries = []
    for r in sorted(rows, key=lambda r: (r.written_at, r.id)):
        # A volunteer or a unit may be thanked by name; an outside person's name is theirs to give, not the board's.
        public_claimer = r.claimer_unit or (r.claimer if r.claimer_kind == "volunteer" else "爱心人士" if r.claimer else "")
        entries.append(BoardEntry(r.id, r.board_name, r.wish, r.dream, r.status_title, public_claimer))
    with reading(db, actor) as work:
        station = station_name(work.session, actor)
        today = work.today
    return WishBoard(station, today, status, a3, tuple(entries))


def wish_record(db: Database, actor: Actor, wish_id: int) -> WishRecord:
    """The data of the 微心愿圆梦记录 (social workers and administrators); the print is audited."""
    require(db, actor, Permission.PRINT_RESTRICTED, what="print:wish_record")
    claim_days = _claim_days(db, actor)
    with reading(db, actor) as work:
        row = _load(work, wish_id)
        child = work.session.get(Child, row.child_id)
        info = _rows(work, [row], claim_days)[0]
        station = station_name(work.session, actor)
        work.audit("print", "wish", entity_id=row.id, child_id=row.child_id)
    claimer = info.claimer
    if info.claimer_kind:
        claimer = f"{CLAIMER_TITLES[info.claimer_kind]}：{claimer}"
        if info.claimer_unit and info.claimer_unit != info.claimer:
            claimer += f"（{info.claimer_unit}）"
    return WishRecord(
        station=station, id=row.id, child_name=child.name, grade=child.grade or "", wish=row.wish,
        value=f"{row.value_yuan:g} 元" if row.value_yuan is not None else "", dream=info.dream or "",
        status_title=info.status_title, written=f"{row.written_at:%Y-%m-%d %H:%M}　{row.written_by}",
        claimer=claimer, claimer_phone=info.claimer_phone or "", claimed_at=row.claimed_at,
        fulfilled_on=row.fulfilled_on, delivery=row.delivery or "", note=row.note or "", thanks=row.thanks or "",
        cancelled_reason=row.cancelled_reason or "",
        photo=photos.path_of(row.photo_path) if row.photo_path else None,
    )


def recent_records(db: Database, actor: Actor, limit: int = 300) -> list[Choice]:
    """Wishes to pick from for printing their record (claimed, fulfilled or cancelled), newest first."""
    require(db, actor, Permission.PRINT_RESTRICTED, what="print:wish_record")
    rows = [r for r in list_wishes(db, actor) if r.status != "open"][:limit]
    return [Choice(r.id, f"{r.child_name} · {r.wish}（{r.status_title}，{r.id}）") for r in rows]


def wish_stats(db: Database, actor: Actor, start: dt.date, end: dt.date) -> WishStats:
    """Wishes written, claimed and fulfilled per month of the period; claims per claimer kind; fulfilled per dream."""
    rows = list_wishes(db, actor)
    months: dict[str, list[int]] = {}
    cursor = start.replace(day=1)
    while cursor <= end:
        months[f"{cursor:%Y-%m}"] = [0, 0, 0]
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    by_claimer = {title: 0 for title in CLAIMER_TITLES.values()}
    by_dream: dict[str, int] = {}

    def within(day: dt.date | None) -> bool:
        return day is not None and start <= day <= end

    for r in rows:
        if within(r.written_at.date()):
            months[f"{r.written_at:%Y-%m}"][0] += 1
        if r.claimed_at is not None and within(r.claimed_at.date()):
            months[f"{r.claimed_at:%Y-%m}"][1] += 1
            by_claimer[CLAIMER_TITLES[r.claimer_kind]] += 1
        if r.status == "fulfilled" and within(r.fulfilled_on):
            months[f"{r.fulfilled_on:%Y-%m}"][2] += 1
            if r.dream:
                by_dream[r.dream] = by_dream.get(r.dream, 0) + 1
    return WishStats(start, end, tuple(MonthCount(m, *c) for m, c in months.items()), by_claimer, by_dream)
